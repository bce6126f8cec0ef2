"""A review item's reasons are kept in English, whoever's language the page that wrote
them was in, and put into the reader's language when shown (issue 13)."""

import pytest
from django.utils import translation

from moderation import actions, folding
from moderation.models import FlagReason, Priority
from moderation.models.queue import flagged_reason
from tests.factories import make_thread


def marked(text: str) -> str:
    """A stand-in translation: every message wrapped, so a line shown untranslated shows."""
    return f"«{text}»"


def test_each_kind_of_reason_line_is_looked_up_with_its_words_kept(monkeypatch):
    monkeypatch.setattr(folding, "_", marked)
    lines = "\n".join(
        [
            "Crisis language: end my life",
            "Watched word (flag): casino",
            "Watched word (hold; crisis language: the crisis setting decides): casino",
            "One of a new member's first posts",
            "Flagged: Unkind or harassment",
            "Escalated: needs the clinical lead",
        ]
    )
    assert folding.reasons_in_words(lines) == [
        "«Crisis language»",
        "«Watched word (flag): casino»",
        "«Watched word (hold; crisis language: the crisis setting decides): casino»",
        "«One of a new member's first posts»",
        "«Flagged: Unkind or harassment»",
        "«Escalated to staff»",
    ]


def test_a_flag_reason_nobody_knows_is_shown_as_it_was_written(monkeypatch):
    monkeypatch.setattr(folding, "_", marked)
    assert folding.reasons_in_words("Flagged: Unkind") == ["Flagged: Unkind"]


@pytest.mark.django_db
def test_a_flag_writes_its_reason_in_english_on_a_page_in_another_language(board, alice, bob):
    thread = make_thread(board, alice)
    post = thread.posts.get(number=1)
    with translation.override("es"):
        actions.flag_post(post=post, member=bob, reason=FlagReason.UNKIND)
        assert flagged_reason(FlagReason.SPAM) == "Flagged: Spam or advertising"
    item = post.review_items.get()
    assert item.priority == Priority.FLAGGED
    assert item.reasons == "Flagged: Unkind or harassment"
