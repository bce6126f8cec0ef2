"""Every kind of row on every list of threads, in a fixed number of queries: a list
fetches only the columns its rows show (ThreadQuerySet.for_rows), so a row that reached
for another would cost a query of its own."""

from __future__ import annotations

import pytest

from forums import actions
from forums.models import Post, ReadState, Thread, Topic
from members.actions import block
from tests.conftest import count_queries, main_of
from tests.factories import make_member, make_peer_supporter, make_thread

LISTS = ["/b/anxiety/", "/latest/", "/needs-reply/", "/topics/sleep/", "/welcome/"]


def every_kind_of_row(board, viewer, moderator) -> None:
    """One thread of each kind a row shows differently."""
    supporter = make_member()
    make_peer_supporter(supporter)
    blocked = make_member()
    block(viewer, blocked)
    sleep = Topic.objects.get(slug="sleep")
    make_thread(board, make_member(), title="Pinned").pin()
    make_thread(board, make_member(), title="Locked").lock()
    make_thread(board, make_member(), title="Warned", content_warning="self-harm")
    anonymous = make_thread(board, make_member(), title="Anonymous", anonymous=True)
    actions.post_reply(thread=anonymous, author=make_member(), body="Me too", anonymous=True)
    by_moderator = make_thread(board, moderator, title="From the team")
    actions.post_reply(thread=by_moderator, author=supporter, body="Thank you")
    actions.set_topics(make_thread(board, supporter, title="About sleep"), [sleep])
    quiet = make_thread(board, make_member(), title="Last word from a blocked member")
    actions.post_reply(thread=quiet, author=blocked, body="Hello")
    read = make_thread(board, make_member(), title="Partly read", replies=2)
    ReadState.objects.create(member=viewer, thread=read, number=1)
    gone = make_thread(board, make_member(), title="By a former member")
    Thread.objects.filter(pk=gone.pk).update(author=None)
    Post.objects.filter(thread=gone).update(author=None)
    actions.start_thread(
        board=board, author=viewer, title="Mine, held", body="Hi", held_because="held"
    )


@pytest.mark.django_db
def test_every_kind_of_row_costs_no_query_of_its_own(client, board, alice, moderator):
    board.allow_anonymous = True
    board.save()
    every_kind_of_row(board, alice, moderator)
    client.force_login(alice)
    once = {url: count_queries(client, url) for url in LISTS}
    every_kind_of_row(board, alice, moderator)
    assert {url: count_queries(client, url) for url in LISTS} == once


@pytest.mark.django_db
def test_every_kind_of_row_shows_what_it_should(client, board, alice, moderator):
    board.allow_anonymous = True
    board.save()
    every_kind_of_row(board, alice, moderator)
    client.force_login(alice)
    html = main_of(client.get("/b/anxiety/"))
    assert html.count('<span class="badge badge--role">Moderator</span>') == 1
    assert html.count('<span class="badge badge--supporter">Peer supporter</span>') == 3
    assert "Started by Anonymous member" in html and "latest by Anonymous member" in html
    assert "Started by A former member" in html
    assert '<span class="cw-label">Content warning: self-harm</span>' in html
    assert '<a class="topic-chip" href="/topics/sleep/">Sleep</a>' in html
    assert "Waiting for a moderator — only you can see it." in html
    assert ">2 new<span" in html
    latest = main_of(client.get("/latest/"))
    assert f'In <a href="/b/{board.slug}/">{board.name}</a>' in latest


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/needs-reply/", "/topics/sleep/"])
def test_numbered_lists_show_each_thread_once_in_order_page_by_page(
    client, board, alice, settings, url
):
    """Needs a reply and a topic pick a page's threads by id, then read those alone:
    every page in its order, each thread on exactly one page."""
    settings.BOOMITY_THREADS_PER_PAGE = 2
    sleep = Topic.objects.get(slug="sleep")
    made = []
    for n in range(5):
        thread = make_thread(board, make_member(), title=f"Waiting number {n}")
        actions.set_topics(thread, [sleep])
        made.append(thread)
    # Needs a reply: oldest first; a topic: latest activity first.
    expected = made if url == "/needs-reply/" else made[::-1]
    client.force_login(alice)
    seen = []
    for number in (1, 2, 3):
        html = main_of(client.get(f"{url}?page={number}"))
        on_page = [t for t in made if f">{t.title}<" in html]
        on_page.sort(key=lambda t: html.index(f">{t.title}<"))
        seen.append(on_page)
    assert seen == [expected[0:2], expected[2:4], expected[4:5]]
    assert client.get(f"{url}?page=4").status_code == 404
