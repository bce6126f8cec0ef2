"""Every kind of row on every list of threads, in a fixed number of queries: a list
fetches only the columns its rows show (forums.models.list_rows), so a row that reached
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


@pytest.mark.django_db
@pytest.mark.parametrize("with_board", [False, True])
@pytest.mark.parametrize("with_read", [False, True])
@pytest.mark.parametrize("viewer", ["alice", "bob", "visitor"])
def test_list_rows_are_what_the_orm_reads_for_each_reader(
    board, alice, bob, moderator, django_assert_num_queries, viewer, with_board, with_read
):
    """forums.models.list_rows, built once per process, against the ORM asked directly:
    each row's columns, people, latest post, board, topics (in the ORM's order), whether
    the latest poster's name is left out for this reader (Alice blocked one of them) and
    how far they read — in the order asked, with a thread gone since left out, and
    nothing read again when the row is shown."""
    from django.contrib.auth.models import AnonymousUser

    from forums.models import list_rows, topics_of
    from members.models import blocked_by

    every_kind_of_row(board, alice, moderator)
    # given out of their names' order, to tell the two apart
    topics = list(Topic.objects.order_by("name")[:3])
    actions.set_topics(Thread.objects.get(title="Locked"), topics[::-1])
    ReadState.objects.create(member=bob, thread=Thread.objects.get(title="Pinned"), number=1)
    reader = {"alice": alice, "bob": bob, "visitor": AnonymousUser()}[viewer]
    ids = list(Thread.objects.order_by("?").values_list("pk", flat=True))
    rows = list_rows(reader, [*ids, 10**9], with_board=with_board, with_read=with_read)
    assert [thread.pk for thread in rows] == ids
    expected = {
        thread.pk: thread
        for thread in Thread.objects.select_related(
            "author__profile", "last_post__author__profile", "board"
        )
    }
    blocked = set(blocked_by(reader)) if reader.is_authenticated else set()
    given = {pk: [t.local_name for t in topics_of(thread)] for pk, thread in expected.items()}
    reads = dict(ReadState.objects.filter(member_id=reader.pk).values_list("thread", "number"))
    with django_assert_num_queries(0):
        for thread in rows:
            orm = expected[thread.pk]
            for field in Thread._meta.concrete_fields:
                assert getattr(thread, field.attname) == getattr(orm, field.attname)
            assert thread.author_name == orm.author_name
            assert thread.author_profile == orm.author_profile
            if orm.author_profile is not None:
                assert thread.author_profile.role == orm.author_profile.role
                assert (
                    thread.author_profile.is_peer_supporter == orm.author_profile.is_peer_supporter
                )
            if orm.last_post is None:  # a held thread: nothing posted for others yet
                assert thread.last_post is None
            else:
                assert thread.last_post.number == orm.last_post.number
                assert thread.last_post.author_name == orm.last_post.author_name
                assert thread.last_post.author_profile == orm.last_post.author_profile
            if with_board:
                assert (thread.board.slug, thread.board.name) == (orm.board.slug, orm.board.name)
            # in the order they were given, as the thread's own page shows them
            assert [t.local_name for t in thread.row_topics] == given[thread.pk]
            last = orm.last_post
            hidden = last is not None and not last.is_anonymous and last.author_id in blocked
            assert thread.last_poster_hidden is hidden
            assert thread.read_to == (reads.get(thread.pk) if with_read else None)
    if viewer == "alice":  # the matrix reaches every case it means to
        assert any(thread.last_poster_hidden for thread in rows)
        assert any(thread.read_to for thread in rows) is with_read
    if viewer == "bob":
        assert any(thread.read_to for thread in rows) is with_read
    assert list_rows(reader, []) == []
