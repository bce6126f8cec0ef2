"""A board's pages, and Latest's: newest activity first, paged by the last thread's
activity and id (?before= / ?after=), never by counting rows (core/paging.py)."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.paging import NewestFirst
from forums import actions
from forums.models import Thread, Topic
from tests.conftest import count_queries, main_of
from tests.factories import make_board, make_member, make_thread, share

ROW = re.compile(r'<p class="thread-row__title">.*?<a href="/t/(\d+)/', re.S)
LINK = re.compile(r'<a href="([^"]+)" rel="(next|prev)">')
CURSOR = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z_\d+"
PER_PAGE = 3
NOON = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def shown(response) -> list[int]:
    """The threads a page lists, in order."""
    assert response.status_code == 200, response.status_code
    return [int(pk) for pk in ROW.findall(main_of(response))]


def link(response, rel: str) -> str | None:
    found = dict((r, href) for href, r in LINK.findall(main_of(response)))
    return found[rel].replace("&amp;", "&") if rel in found else None


def walk(client, url: str, rel: str) -> tuple[list[list[int]], str]:
    """Every page from `url` on, following rel="next" (older) or "prev" (newer) links:
    the threads of each page, and the address of the last page."""
    pages = []
    for _ in range(100):
        response = client.get(url)
        pages.append(shown(response))
        following = link(response, rel)
        if following is None:
            return pages, url
        url = following
    raise AssertionError("the pages never end")


def expected(threads) -> list[int]:
    return list(threads.in_listing_order().values_list("pk", flat=True))


def at(thread_ids, moment: datetime) -> None:
    Thread.objects.filter(pk__in=thread_ids).update(last_post_at=moment)


# --- The generated matrix: every thread once, in order, both ways -------------------------

TIMES = {
    # how the threads' latest activity falls (index: the thread's position as made)
    "apart": lambda i: NOON - timedelta(minutes=i),
    "all equal": lambda i: NOON,
    "in pairs": lambda i: NOON - timedelta(seconds=i // 2),
    # whole seconds beside a microsecond later: how SQLite stores them differs
    "a microsecond apart": lambda i: NOON + timedelta(microseconds=i % 2),
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("count", "pinned", "times"),
    [
        *itertools.product([0, 1, PER_PAGE, 7], [0, 1], ["apart", "all equal"]),
        # pinned: more than the newest page's one query makes room for, too
        *itertools.product([PER_PAGE + 1, 9], [0, 2, NewestFirst.FIRST_ROOM + 2], list(TIMES)),
    ],
)
def test_every_thread_once_in_order_forwards_and_backwards(
    client, alice, bob, settings, count, pinned, times
):
    settings.BOOMITY_THREADS_PER_PAGE = PER_PAGE
    board = make_board("anxiety", allow_anonymous=True)
    make_board("other")
    share(alice, "Anxiety")
    share(bob, "Anxiety")
    carol = make_member("Carol")
    sleep = Topic.objects.get(slug="sleep")
    made = []
    for i in range(count):
        # by Bob (who shares Alice's experience) or Carol (who doesn't); some about sleep,
        # some anonymous (never in the shared filter)
        author = bob if i % 3 else carol
        thread = make_thread(board, author, title=f"Thread {i}", anonymous=i % 5 == 4)
        if i % 2:
            actions.set_topics(thread, [sleep])
        made.append(thread.pk)
    for i, pk in enumerate(made):
        at([pk], TIMES[times](i))
    Thread.objects.filter(pk__in=made[:pinned]).update(is_pinned=True)
    # Never listed for Alice: a thread of Bob's waiting for a moderator.
    actions.start_thread(board=board, author=bob, title="Held", body="x", held_because="held")
    client.force_login(alice)

    listed = Thread.objects.filter(board=board, is_visible=True)
    filters = {
        "": listed,
        "?topic=sleep": listed.filter(topics=sleep),
        "?shared=1": listed.filter(author=bob, is_anonymous=False),
        "?topic=sleep&shared=1": listed.filter(topics=sleep, author=bob, is_anonymous=False),
    }
    for query, threads in filters.items():
        everything = expected(threads)
        forwards, last = walk(client, f"/b/anxiety/{query}", "next")
        assert sum(forwards, []) == everything, (query, forwards)
        assert all(len(p) == PER_PAGE for p in forwards[1:-1])
        backwards, first = walk(client, last, "prev")
        assert sum(reversed(backwards), []) == everything, (query, backwards)
        # the way back ends on the newest page, pinned threads and all
        assert backwards[-1] == forwards[0]
        for url in (last, first):
            assert url.startswith(f"/b/anxiety/{query}")


# --- Links that stay put ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_link_to_older_threads_shows_the_same_threads_tomorrow(client, board, alice, settings):
    settings.BOOMITY_THREADS_PER_PAGE = PER_PAGE
    threads = [make_thread(board, alice, title=f"Thread {i}") for i in range(8)]
    for i, thread in enumerate(threads):
        at([thread.pk], NOON + timedelta(minutes=i))
    client.force_login(alice)
    first = client.get("/b/anxiety/")
    older = link(first, "next")
    assert older is not None and re.fullmatch(rf"/b/anxiety/\?before={CURSOR}", older)
    before = shown(client.get(older))
    assert before == [threads[4].pk, threads[3].pk, threads[2].pk]

    # New threads and a reply on the newest page change nothing there...
    make_thread(board, alice, title="A new one")
    actions.post_reply(thread=threads[7], author=alice, body="A reply")
    assert shown(client.get(older)) == before
    # ...but a thread on it that gets a reply moves to the top, and leaves the page.
    actions.post_reply(thread=threads[3], author=alice, body="A reply")
    assert shown(client.get(older)) == [threads[4].pk, threads[2].pk, threads[1].pk]
    assert shown(client.get("/b/anxiety/"))[0] == threads[3].pk


@pytest.mark.django_db
def test_links_are_readable_and_say_where_they_lead(client, board, alice, settings):
    settings.BOOMITY_THREADS_PER_PAGE = PER_PAGE
    for i in range(7):
        make_thread(board, alice, title=f"Thread {i}")
    client.force_login(alice)
    first = main_of(client.get("/b/anxiety/"))
    assert '<nav class="pagination" aria-label="Pages of this board">' in first
    assert "Newer threads" not in first and "Newest threads" not in first
    assert re.search(rf'<a href="/b/anxiety/\?before={CURSOR}" rel="next">Older threads</a>', first)
    second = client.get(link(client.get("/b/anxiety/"), "next"))
    html = main_of(second)
    assert '<a href="/b/anxiety/">Newest threads</a>' in html
    assert re.search(rf'<a href="/b/anxiety/\?after={CURSOR}" rel="prev">Newer threads</a>', html)
    assert re.search(rf'<a href="/b/anxiety/\?before={CURSOR}" rel="next">Older threads</a>', html)


@pytest.mark.django_db
def test_pinned_threads_are_on_the_newest_page_only(client, board, alice, settings):
    settings.BOOMITY_THREADS_PER_PAGE = PER_PAGE
    for i in range(5):
        make_thread(board, alice, title=f"Thread {i}")
    pinned = make_thread(board, alice, title="Read me first")
    pinned.pin()
    at([pinned.pk], NOON - timedelta(days=300))  # long quiet: still first
    client.force_login(alice)
    first = client.get("/b/anxiety/")
    assert shown(first)[0] == pinned.pk and len(shown(first)) == 1 + PER_PAGE
    assert pinned.pk not in shown(client.get(link(first, "next")))


@pytest.mark.django_db
def test_a_page_past_the_end_says_so_kindly(client, board, alice):
    make_thread(board, alice)
    client.force_login(alice)
    response = client.get("/b/anxiety/?before=2000-01-01T00:00:00.000000Z_1")
    html = main_of(response)
    assert response.status_code == 200
    assert "There are no older threads here." in html
    assert '<a href="/b/anxiety/">Newest threads</a>' in html


@pytest.mark.django_db
def test_newer_than_everything_is_the_newest_page(client, board, alice):
    thread = make_thread(board, alice)
    client.force_login(alice)
    response = client.get("/b/anxiety/?after=2999-01-01T00:00:00.000000Z_1")
    assert shown(response) == [thread.pk]
    assert "Newest threads" not in main_of(response)


# --- Malformed cursors and old links ------------------------------------------------------

MALFORMED = [
    "",
    "yesterday",
    "2026-11-30T14:05:00Z_4312",  # no microseconds
    "2026-11-30T14:05:00.123Z_4312",  # three digits of them
    "2026-11-30T14:05:00.123456+00:00_4312",  # not in our form, however right
    "2026-11-30 14:05:00.123456Z_4312",
    "2026-11-30T14:05:00.123456z_4312",
    "2026-02-30T14:05:00.123456Z_4312",  # no such day
    "2026-11-30T24:05:00.123456Z_4312",
    "2026-11-30T14:05:00.123456Z_0",
    "2026-11-30T14:05:00.123456Z_-1",
    "2026-11-30T14:05:00.123456Z_04312",
    "2026-11-30T14:05:00.123456Z_99999999999999999999",
    "2026-11-30T14:05:00.123456Z",
    "２０２６-11-30T14:05:00.123456Z_4312",  # digits, but not ASCII ones
    "2026-11-30T14:05:00.123456Z_4312 ",
    "2026-11-30T14:05:00.123456Z_4312\n",
]


@pytest.mark.django_db
@pytest.mark.parametrize("direction", ["before", "after"])
def test_a_malformed_cursor_leads_to_the_newest_page(client, board, alice, direction):
    """A member who follows a broken or mistyped link expects the board, not an error
    page: they land on its newest page, with the filter they had."""
    make_thread(board, alice)
    client.force_login(alice)
    for bad in MALFORMED:
        response = client.get("/b/anxiety/", {direction: bad})
        assert response.status_code == 302, bad
        assert response.url == "/b/anxiety/", bad
        response = client.get("/b/anxiety/", {"topic": "sleep", direction: bad})
        assert response.url == "/b/anxiety/?topic=sleep", bad


@pytest.mark.django_db
def test_two_directions_at_once_lead_to_the_newest_page(client, board, alice):
    client.force_login(alice)
    cursor = "2026-11-30T14:05:00.123456Z_4312"
    response = client.get(f"/b/anxiety/?before={cursor}&after={cursor}")
    assert response.status_code == 302 and response.url == "/b/anxiety/"


@pytest.mark.django_db
def test_old_page_links_still_lead_to_their_threads(client, board, alice, settings):
    """Links with ?page=N (bookmarks, other sites) go to where page N's threads start."""
    settings.BOOMITY_THREADS_PER_PAGE = PER_PAGE
    threads = [make_thread(board, alice, title=f"Thread {i}") for i in range(8)]
    client.force_login(alice)
    second = client.get("/b/anxiety/?page=2")
    assert second.status_code == 302
    assert re.fullmatch(rf"/b/anxiety/\?before={CURSOR}", second.url)
    assert shown(client.get(second.url)) == [t.pk for t in threads[4:1:-1]]
    third = client.get("/b/anxiety/?topic=sleep&page=3")
    assert third.url == "/b/anxiety/?topic=sleep"  # no thread about sleep: past the end
    for page in ("1", "0", "9", "x", "-1", "99999999999"):
        response = client.get(f"/b/anxiety/?page={page}")
        assert response.status_code == 302 and response.url == "/b/anxiety/", page


# --- Who may read, and how ----------------------------------------------------------------


@pytest.mark.django_db
def test_visitor_pages_through_a_public_board(client, public_board, alice, settings):
    settings.BOOMITY_THREADS_PER_PAGE = PER_PAGE
    for i in range(5):
        make_thread(public_board, alice, title=f"Thread {i}")
    pages, _ = walk(client, "/b/introductions/", "next")
    assert sum(pages, []) == expected(Thread.objects.filter(board=public_board))
    assert 'name="robots"' not in client.get("/b/introductions/?page=2").content.decode()


@pytest.mark.django_db
def test_visitor_is_asked_to_sign_in_to_read_a_members_only_page(client, board, alice):
    make_thread(board, alice)
    url = "/b/anxiety/?before=2026-11-30T14:05:00.123456Z_4312"
    response = client.get(url)
    assert response.status_code == 302
    login, query = response.url.split("?")
    assert login == "/accounts/login/" and parse_qs(query) == {"next": [url]}
    # a malformed cursor tells a visitor nothing more than a good one
    assert client.get("/b/anxiety/?before=x").url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_board_pages_refuse_writes(client, board, alice):
    client.force_login(alice)
    cursor = "2026-11-30T14:05:00.123456Z_4312"
    assert client.post(f"/b/anxiety/?before={cursor}").status_code == 405
    assert client.post("/latest/?page=2").status_code == 405


# --- Cost: the same on every page ---------------------------------------------------------


@pytest.mark.django_db
def test_a_deep_page_costs_no_more_queries_than_the_first(client, board, alice, settings):
    """Guards OFFSET's cost creeping back as a count (Paginator's COUNT(*)) or a query per
    page, and the N+1 of each row's people and topics on a page far from the start."""
    settings.BOOMITY_THREADS_PER_PAGE = PER_PAGE
    client.force_login(alice)
    for i in range(4 * PER_PAGE):
        make_thread(board, make_member(), title=f"Thread {i}", replies=i % 2)
    pinned = make_thread(board, alice, title="Pinned")
    pinned.pin()
    pages, last = walk(client, "/b/anxiety/", "next")
    first = count_queries(client, "/b/anxiety/")
    deep = count_queries(client, last)
    for i in range(4 * PER_PAGE):
        make_thread(board, make_member(), title=f"More {i}", replies=1)
    _, deeper = walk(client, "/b/anxiety/", "next")
    assert count_queries(client, deeper) == deep <= first
    assert count_queries(client, "/b/anxiety/") == first
    with CaptureQueriesContext(connection) as ctx:
        client.get(deeper)
    assert not any("OFFSET" in q["sql"] or "COUNT(" in q["sql"] for q in ctx.captured_queries)


# --- Latest -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_latest_pages_every_readable_thread_once(client, board, public_board, alice, settings):
    settings.BOOMITY_THREADS_PER_PAGE = PER_PAGE
    made = []
    for i in range(7):
        made.append(make_thread(public_board if i % 2 else board, alice, title=f"Thread {i}"))
    at([made[1].pk, made[2].pk, made[3].pk], NOON)  # the same moment: the id decides
    made[0].pin()  # pinned means nothing on Latest
    client.force_login(alice)
    everything = list(Thread.objects.order_by("-last_post_at", "-pk").values_list("pk", flat=True))
    forwards, last = walk(client, "/latest/", "next")
    assert sum(forwards, []) == everything
    backwards, _ = walk(client, last, "prev")
    assert sum(reversed(backwards), []) == everything
    assert re.search(
        rf'href="/latest/\?before={CURSOR}" rel="next">Older threads',
        main_of(client.get("/latest/")),
    )
    # A visitor pages through the public boards' threads only.
    client.logout()
    public = [pk for pk in everything if Thread.objects.get(pk=pk).board_id == public_board.pk]
    assert sum(walk(client, "/latest/", "next")[0], []) == public


@pytest.mark.django_db
def test_latest_old_links_and_malformed_cursors(client, board, alice, settings):
    settings.BOOMITY_THREADS_PER_PAGE = PER_PAGE
    for i in range(5):
        make_thread(board, alice, title=f"Thread {i}")
    client.force_login(alice)
    assert re.fullmatch(rf"/latest/\?before={CURSOR}", client.get("/latest/?page=2").url)
    assert client.get("/latest/?page=7").url == "/latest/"
    assert client.get("/latest/?before=soon").url == "/latest/"


@pytest.mark.django_db
def test_latest_deep_page_query_count_is_flat(client, board, alice, settings):
    """Guards the N+1 of each row's board, people and topics on Latest's pages."""
    settings.BOOMITY_THREADS_PER_PAGE = PER_PAGE
    client.force_login(alice)
    for i in range(3 * PER_PAGE):
        make_thread(board, make_member(), title=f"Thread {i}", replies=1)
    first = count_queries(client, "/latest/")
    _, last = walk(client, "/latest/", "next")
    assert count_queries(client, last) <= first


@pytest.mark.django_db
@pytest.mark.parametrize("pinned", [0, 2, NewestFirst.FIRST_ROOM + 2])
def test_rows_picked_by_id_then_read_are_the_rows_read_whole(board, alice, pinned):
    """NewestFirst with `read` (the lists pick a page's ids, then read those rows alone)
    gives every page as reading whole rows does; a row gone between the two is left out."""
    from core.paging import Place

    made = [make_thread(board, alice, title=f"Thread {i}").pk for i in range(10)]
    for i, pk in enumerate(made):
        at([pk], NOON - timedelta(seconds=i // 2))
    Thread.objects.filter(pk__in=made[:pinned]).update(is_pinned=True)
    threads = Thread.objects.filter(board=board)
    whole = NewestFirst("last_post_at", PER_PAGE, first="is_pinned")
    asked: list[list[int]] = []

    def read(ids):
        asked.append(list(ids))
        return list(Thread.objects.filter(pk__in=ids).order_by("?"))

    picked = NewestFirst("last_post_at", PER_PAGE, first="is_pinned", read=read)
    place, seen = Place(), 0
    while True:
        a, b = whole.page(threads, place), picked.page(threads, place)
        assert [t.pk for t in b.rows] == [t.pk for t in a.rows]
        assert (b.newer, b.older, b.is_newest) == (a.newer, a.older, a.is_newest)
        seen += len(a.rows)
        if a.older is None:
            break
        back = Place(after=a.older)
        assert [t.pk for t in picked.page(threads, back).rows] == [
            t.pk for t in whole.page(threads, back).rows
        ]
        place = Place(before=a.older)
    assert seen == len(made) and asked and all(asked)

    def loses_one(ids):
        return [t for t in Thread.objects.filter(pk__in=ids) if t.pk != made[-1]]

    gone = NewestFirst("last_post_at", 100, first="is_pinned", read=loses_one)
    assert [t.pk for t in gone.page(threads, Place()).rows] == [
        pk for pk in expected(threads) if pk != made[-1]
    ]
