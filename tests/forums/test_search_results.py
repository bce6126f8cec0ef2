"""A page of search results is rendered by Jinja2 ({% search_results %},
forums/templatetags/search_results.py): each kind of result reads as the Django
template it replaced said it, word for word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template

from forums import actions
from forums.models import Mute, MuteKind
from moderation.roles import MODERATORS
from tests.factories import make_member, make_peer_supporter, make_staff_member, make_thread

# The loop templates/forums/search.html had before {% search_results %}, kept as it was.
DJANGO_LOOP = Template((Path(__file__).parent / "search_results_before.html").read_text())


def _results(html: str) -> str:
    found = re.search(r'<ol class="result-list">(.*?)</ol>', html, re.S)
    assert found, "no results on the page"
    return _squeezed(found.group(1))


def _squeezed(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_kind_of_result_reads_as_the_django_template_said_it(client, board, alice, language):
    board.allow_anonymous = True
    board.name = 'Nights & "days"'
    board.save()
    supporter = make_member("Pat <i>")
    make_peer_supporter(supporter)
    moderator = make_staff_member("Mara", MODERATORS)
    thread = make_thread(board, make_member("Bo"), title='Harbour <b>lights</b> & "fog"')
    actions.post_reply(thread=thread, author=moderator, body="The harbour is calm tonight")
    actions.post_reply(thread=thread, author=supporter, body="I walk to the harbour")
    actions.post_reply(
        thread=thread, author=make_member(), body="harbour, anonymously", anonymous=True
    )
    actions.post_reply(
        thread=thread, author=make_member(), body="A harbour story", content_warning="Self-harm"
    )
    make_thread(board, make_member(), title="Warned", body="harbour", content_warning="Abuse")
    actions.post_reply(thread=thread, author=alice, body="My harbour, held", held_because="held")
    actions.post_reply(thread=thread, author=make_member(), body="A harbour storm")
    Mute.objects.create(member=alice, kind=MuteKind.WORD, phrase="storm")
    alice.language = language
    alice.save()
    client.force_login(alice)

    response = client.get("/search/", {"q": "harbour"})

    posts = response.context["page"].object_list
    assert len(posts) == 8
    assert {post.is_pending for post in posts} == {True, False}
    assert any(post.muted_word for post in posts)
    html = response.content.decode()
    from django.utils import translation

    with translation.override(language):
        expected = DJANGO_LOOP.render(Context({"posts": posts}))
    assert _results(html) == _squeezed(expected)
    assert "Harbour &lt;b&gt;lights&lt;/b&gt; &amp; &quot;fog&quot;" in html
    assert "Nights &amp; &quot;days&quot;" in html
