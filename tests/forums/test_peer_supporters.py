"""Peer supporters' badge beside their name everywhere a name shows; experiences and
profile links on thread pages."""

from __future__ import annotations

import re

import pytest

from forums import actions
from tests.conftest import count_queries, main_of
from tests.factories import make_member, make_peer_supporter, make_thread, share

BADGE = '<span class="badge badge--supporter">Peer supporter</span>'


@pytest.fixture
def supporter(alice):
    make_peer_supporter(alice)
    return alice


def article(html: str, number: int) -> str:
    return re.search(rf'<article[^>]*id="p{number}".*?</article>', html, re.S).group()


@pytest.mark.django_db
def test_the_badge_shows_wherever_the_name_does(client, board, supporter, bob):
    waiting = make_thread(board, supporter, title="Waiting for a reply")
    started = make_thread(board, supporter, title="Started by a supporter")
    actions.post_reply(thread=started, author=bob, body="Thank you")
    actions.post_reply(
        thread=make_thread(board, bob, title="Answered"), author=supporter, body="I hear you"
    )
    share(supporter, "Anxiety")
    client.force_login(bob)
    byline = article(main_of(client.get(started.get_absolute_url())), 1)
    assert re.search(r">Alice</a></span>\s*" + re.escape(BADGE), byline)
    board_html = main_of(client.get(f"/b/{board.slug}/"))
    assert "Started by Alice " + BADGE in board_html
    assert "latest by Alice " + BADGE in board_html
    assert "Started by Alice " + BADGE in main_of(client.get("/latest/"))
    needs = main_of(client.get("/needs-reply/"))
    assert "Started by Alice " + BADGE in needs and waiting.title in needs
    assert BADGE in main_of(client.get("/members/Alice/"))
    assert BADGE in main_of(client.get("/members/"))
    # Nobody else wears it.
    assert "Started by Bob " + BADGE not in board_html


@pytest.mark.django_db
def test_never_on_anonymous_posts(client, board, supporter, bob):
    board.allow_anonymous = True
    board.save()
    thread = make_thread(board, supporter, title="Quietly", anonymous=True)
    actions.post_reply(thread=thread, author=supporter, body="Still me", anonymous=True)
    client.force_login(bob)
    assert BADGE not in main_of(client.get(thread.get_absolute_url()))
    assert BADGE not in main_of(client.get(f"/b/{board.slug}/"))
    assert BADGE not in main_of(client.get("/latest/"))


@pytest.mark.django_db
def test_names_on_posts_link_to_profiles_with_the_authors_shared_experiences(
    client, board, alice, bob
):
    share(alice, "Anxiety", "Grief and loss")
    thread = make_thread(board, alice, title="Hello")
    actions.post_reply(thread=thread, author=bob, body="Hi")
    client.force_login(bob)
    html = main_of(client.get(thread.get_absolute_url()))
    first, second = article(html, 1), article(html, 2)
    assert (
        '<span class="post__author" id="p1-by"><a href="/members/Alice/">Alice</a></span>' in first
    )
    assert 'href="/members/?experience=anxiety">Anxiety</a>' in first
    assert "Grief and loss" in first
    assert '<a href="/members/Bob/">Bob</a>' in second and 'class="experiences"' not in second


@pytest.mark.django_db
def test_visitors_see_names_on_public_boards_without_links(client, public_board, alice):
    thread = make_thread(public_board, alice, title="Hello world")
    html = main_of(client.get(thread.get_absolute_url()))
    assert '<span class="post__author" id="p1-by">Alice</span>' in html
    assert "/members/Alice/" not in html


@pytest.mark.django_db
def test_thread_with_shared_experiences_query_count_is_flat(client, board, alice):
    """Guards the N+1 of each author's shared experiences and peer-supporter badge."""
    share(alice, "Anxiety")
    thread = make_thread(board, alice)
    client.force_login(alice)
    few = count_queries(client, thread.get_absolute_url())
    for i in range(19):
        author = make_member()
        share(author, "Anxiety", "Depression", "Loneliness")
        if i % 2:
            make_peer_supporter(author)
        actions.post_reply(thread=thread, author=author, body=f"Me too, @Alice ({i})")
    # + the topics, + whether the reader's reply would wait for a moderator, + their mutes,
    # + their draft; one more once others have replied (as test_thread's count says),
    # never one a post.
    assert count_queries(client, thread.get_absolute_url()) == few + 1 <= 16
