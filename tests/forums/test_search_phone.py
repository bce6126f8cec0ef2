"""Search read on a phone: snippets as the words a reader sees (no Markdown marks, nothing
injected), results straight after the box, the filters folded until they're used."""

from __future__ import annotations

import re

import pytest

from core.markup import markdown_to_text
from forums import search
from tests.conftest import count_queries, dangerous_markup
from tests.factories import make_thread
from tests.xss_payloads import ALL, PAYLOADS

MARKDOWN = (
    "> **Harbour** lights helped me, see [the guide](https://example.org/guide).\n\n"
    "- _slow_ breaths, ~~not~~ `counting`\n\n## Harbour again\n\n1. __last__ harbour"
)
MARKS = ["**", "__", "~~", "`", "&gt; ", "> ", "[the guide]", "](", "example.org", "## ", "- _"]


def snippet_of(client, q: str) -> str:
    html = client.get("/search/", {"q": q}).content.decode()
    return re.search(r'<p class="search-result__snippet">(.*?)</p>', html, re.S).group(1)


def test_markdown_to_text_keeps_the_words_and_drops_the_marks():
    text = markdown_to_text(MARKDOWN)
    assert text == (
        "Harbour lights helped me, see the guide. slow breaths, not counting "
        "Harbour again last harbour"
    )
    assert markdown_to_text("cut off in the middle of **some words") == (
        "cut off in the middle of some words"
    )


@pytest.mark.parametrize(("family", "payload"), PAYLOADS)
def test_a_snippet_of_any_payload_is_escaped_text(family, payload):
    html = search.mark_up(markdown_to_text(f"harbour {payload} harbour"))
    assert dangerous_markup(html) == [], family
    assert set(re.findall(r"<[^>]*>", html)) <= {"<mark>", "</mark>"}, family


@pytest.mark.django_db
def test_snippets_show_words_not_markdown(client, board, alice):
    make_thread(board, alice, title="Evenings", body=MARKDOWN)
    client.force_login(alice)
    snippet = snippet_of(client, "harbour")
    assert "<mark>Harbour</mark> lights helped me, see the guide." in snippet
    text = re.sub(r"</?mark>", "", snippet)
    assert not [mark for mark in MARKS if mark in text]


@pytest.mark.django_db
def test_payloads_in_posts_reach_the_snippet_as_text(client, board, alice):
    for n in range(0, len(ALL), 40):
        make_thread(
            board, alice, title=f"Payloads {n}", body="harbour " + " ".join(ALL[n : n + 40])
        )
    client.force_login(alice)
    html = client.get("/search/", {"q": "harbour"}).content.decode()
    snippets = re.findall(r'<p class="search-result__snippet">(.*?)</p>', html, re.S)
    assert snippets
    for snippet in snippets:
        assert dangerous_markup(snippet) == []
        assert set(re.findall(r"<[^>]*>", snippet)) <= {"<mark>", "</mark>"}


@pytest.mark.django_db
def test_plain_text_snippets_cost_no_extra_query(client, board, alice):
    """Markdown is taken out in Python, from what the search already read."""
    make_thread(board, alice, title="Plain", body="Harbour words.")
    client.force_login(alice)
    plain = count_queries(client, "/search/?q=harbour")
    for n in range(5):
        make_thread(board, alice, title=f"Marked {n}", body=MARKDOWN)
    assert count_queries(client, "/search/?q=harbour") == plain


@pytest.mark.django_db
def test_filters_are_folded_until_a_filter_is_chosen(client, board, alice):
    make_thread(board, alice, title="Harbour", body="Harbour.")
    client.force_login(alice)
    html = client.get("/search/", {"q": "harbour"}).content.decode()
    assert '<details class="search-form__filters">' in html  # no "open"
    assert "<summary>Filters" in html and "{#" not in html and "Folded, so" not in html
    # Folded, the filters are one line above the results, not a form to scroll past.
    assert html.index("<summary>Filters") < html.index('id="results-heading"')
    filtered = client.get("/search/", {"q": "harbour", "board": board.slug}).content.decode()
    assert '<details class="search-form__filters" open>' in filtered
    unknown = client.get("/search/", {"q": "harbour", "author": "Nobody here"}).content.decode()
    assert '<details class="search-form__filters" open>' in unknown
