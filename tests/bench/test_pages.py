"""The pages `make bench` loads: the two ceilings, the new rows, and how the deep
board page and the visitor's thread are found."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from bench.bare import BARE_PATH, BareHandler, call_wsgi
from bench.pages import (
    BARE_CEILING,
    CEILING,
    Page,
    PageError,
    bench_pages,
    deep_board_path,
    measure_in_process,
    next_link,
)
from bench.seed import VISITOR_THREAD_POSTS, bench_members
from bench.sessions import sign_in
from forums.models import Board, Thread, Visibility

pytestmark = pytest.mark.urls("bench.urls")  # the bench's URLconf, ceilings in front


@pytest.fixture
def two_a_page(settings):
    """Board pages of two threads, so the tiny community's busiest board has three."""
    settings.BOOMITY_THREADS_PER_PAGE = 2


@pytest.fixture
def reader(community) -> str:
    return sign_in(bench_members()[0])


def test_every_row_is_measured_and_the_ceilings_come_first(community, reader, two_a_page):
    pages = bench_pages(community, reader)
    assert [page.name for page in pages] == [
        CEILING,
        BARE_CEILING,
        "home",
        "latest",
        "needs a reply",
        "board",
        "board deep page",
        "thread first page",
        "thread last page",
        "visitor public thread",
        "reply",
        "search",
    ]
    by_name = {page.name: page for page in pages}
    assert by_name["latest"].path == reverse("forums:latest")
    assert by_name["needs a reply"].path == reverse("forums:needs-reply")
    assert by_name[BARE_CEILING].path == BARE_PATH
    visitors = [page.name for page in pages if page.visitor]
    assert visitors == [BARE_CEILING, "visitor public thread"]
    # Each answers as the bench expects, the members' pages signed in, the others not.
    for page in pages:
        measured = measure_in_process(page, None if page.visitor else reader, repeat=1)
        assert measured.cpu_ms > 0


def test_the_deep_board_page_is_reached_by_following_next_links(community, reader, two_a_page):
    board = community.busiest_board
    listed = list(Thread.objects.in_board(board).in_listing_order())
    assert len(listed) == board.thread_count == 6  # three pages of two
    path = deep_board_path(board, reader, page=3)
    html = _get(path, reader)
    # The third page's threads, whether the links say ?page=3 or name a cursor: pinned
    # threads are on the newest page only, above its page of the others.
    shown = [t for t in listed if t.get_absolute_url() in html]
    others = [t for t in listed if not t.is_pinned]
    assert shown == others[4:6] and shown
    # Beyond the last page: the last page (a smaller community than the default).
    assert deep_board_path(board, reader, page=150) == path


def test_a_board_page_without_a_next_link_stops_the_bench_clearly(community, reader, two_a_page):
    board = community.busiest_board
    Board.objects.filter(pk=board.pk).update(thread_count=20)  # claims ten pages
    board.refresh_from_db()
    with pytest.raises(PageError, match=r'page 3 \(.*\) has no link with rel="next"'):
        deep_board_path(board, reader, page=10)


def test_next_link_reads_the_rel_next_href():
    html = (
        '<a href="/b/x/" rel="prev">Previous</a>'
        '<a class="button" rel="nofollow next" href="?before=2026-01-01T00%3A00&amp;id=7">'
        "Older</a>"
    )
    assert next_link(html) == "?before=2026-01-01T00%3A00&id=7"
    assert next_link('<a href="?page=2" rel="prev">Previous</a>') is None


def test_a_visitor_reads_a_well_filled_public_thread(community, client):
    thread = community.visitor_thread
    assert thread.board.visibility == Visibility.PUBLIC
    assert thread != community.long_thread
    assert thread.post_count >= VISITOR_THREAD_POSTS
    assert not thread.content_warning
    # The first such thread by id: the same one every run.
    assert not Thread.objects.filter(
        board__visibility=Visibility.PUBLIC, post_count__gte=VISITOR_THREAD_POSTS, pk__lt=thread.pk
    ).exclude(pk=community.long_thread.pk)
    page = Page("visitor public thread", thread.page_url(1), visitor=True)
    measured = measure_in_process(page, None, repeat=1)
    assert measured.queries > 0
    html = client.get(page.path).content.decode()
    assert thread.title in html and "Sign in" in html


def test_the_bare_ceiling_is_django_without_middleware(db):
    bare = call_wsgi(BareHandler(), BARE_PATH)
    assert (bare.status, bare.body) == (200, b"hello")
    # No middleware: no security headers, no cookies, no SQL.
    assert "Content-Security-Policy" not in bare.headers
    assert "X-Content-Type-Options" not in bare.headers
    assert "Set-Cookie" not in bare.headers
    page = Page(BARE_CEILING, BARE_PATH, visitor=True, bare=True)
    assert measure_in_process(page, None, repeat=1).queries == 0


def test_the_servers_send_only_the_bare_path_past_the_middleware(db, monkeypatch):
    # What gunicorn serves; importing it marks the process as serving, put back after.
    monkeypatch.setenv("BOOMITY_SERVING", "")
    from bench.wsgi import application

    bare = call_wsgi(application, BARE_PATH)
    ceiling = call_wsgi(application, reverse("bench-ceiling"))
    assert (bare.status, ceiling.status) == (200, 200)
    assert "X-Content-Type-Options" not in bare.headers
    assert ceiling.headers["X-Content-Type-Options"] == "nosniff"
    assert b"hello" not in ceiling.body


def _get(path: str, session_key: str) -> str:
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()
