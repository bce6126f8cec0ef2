"""`make bench`'s pieces on a tiny community, so CI proves the bench code isn't rotten.

The bench itself needs PostgreSQL, Redis, gunicorn and wrk and runs for
minutes; these tests need none of that, except the PostgreSQL-only marker test.
"""

from __future__ import annotations

import random
from urllib.parse import quote

import pytest
from django.db import connection

from bench import database
from bench.load import LoadResult, parse_wrk_output
from bench.pages import InProcess, Page, PageError, measure_in_process
from bench.report import Check, format_table, page_figures
from bench.seed import (
    BENCH_PASSWORD,
    BODIES,
    Size,
    bench_members,
    board_count,
    board_problems,
    spread,
    thread_problems,
)
from bench.sessions import sign_in
from core.markup import render_markdown
from forums import actions
from forums.models import Board, Post, Thread
from tests.bench.conftest import TINY


def test_spread_gives_every_slot_one_and_adds_up():
    counts = spread(1_000, 37, random.Random(1))
    assert len(counts) == 37
    assert sum(counts) == 1_000
    assert min(counts) >= 1
    assert len(set(counts)) > 5  # uneven, as real threads are


def test_sizes_the_seeder_cannot_make_are_refused():
    with pytest.raises(ValueError, match="--threads"):
        Size(threads=board_count(), posts=100, long_thread_replies=1, members=5).check()
    with pytest.raises(ValueError, match="--posts"):
        Size(threads=40, posts=50, long_thread_replies=20, members=5).check()


def test_the_community_has_the_asked_size(community):
    assert Thread.objects.count() == TINY.threads
    assert Post.objects.count() == TINY.posts
    assert len(bench_members()) == TINY.members
    assert Board.objects.count() == board_count() == 12
    assert Board.objects.values("group").distinct().count() >= 3
    assert community.long_thread.reply_count == TINY.long_thread_replies
    assert community.posting_thread.post_count == 1
    assert community.busiest_board.thread_count == max(
        Board.objects.values_list("thread_count", flat=True)
    )


def test_numbers_counters_and_pointers_are_what_the_app_keeps(community):
    problems = [p for thread in Thread.objects.all() for p in thread_problems(thread)]
    problems += [p for board in Board.objects.all() for p in board_problems(board)]
    assert problems == []
    # Both sides of each derived flag occur, so the check above has teeth.
    assert {t.by_newcomer for t in Thread.objects.all()} == {True, False}
    assert {t.answered_at is None for t in Thread.objects.all()} == {True, False}


def test_post_html_is_the_apps_own_rendering(community):
    bodies = Post.objects.values_list("body", "body_html").distinct()
    assert {body for body, _ in bodies} <= set(BODIES)
    assert all(html == render_markdown(body) for body, html in bodies)


def test_the_app_carries_on_where_the_seed_left_off(community):
    thread = community.long_thread
    post = actions.post_reply(thread=thread, author=bench_members()[0], body="Still here.")
    thread.refresh_from_db()
    assert post.number == TINY.long_thread_replies + 2
    assert thread_problems(thread) == []
    assert board_problems(thread.board) == []


def test_a_wrong_counter_is_reported(community):
    thread = community.long_thread
    Thread.objects.filter(pk=thread.pk).update(reply_count=1)
    thread.refresh_from_db()
    assert any("reply_count" in problem for problem in thread_problems(thread))


def test_bench_members_can_sign_in_with_the_form_password(community, client):
    member = bench_members()[-1]
    assert client.login(email=member.email, password=BENCH_PASSWORD)
    assert member.emailaddress_set.filter(verified=True, primary=True).exists()


def test_a_server_side_session_signs_the_member_in(community):
    board = Board.objects.filter(visibility="members").first()
    page = Page("board", board.get_absolute_url())
    measured = measure_in_process(page, sign_in(bench_members()[0]), repeat=1)
    assert measured.queries > 0
    assert measured.cpu_ms > 0
    # Without a valid session the members-only board sends the visitor to sign in.
    with pytest.raises(PageError, match="302"):
        measure_in_process(page, "not-a-session")


def test_the_bench_searches_the_seeded_community_for_its_word(community, client):
    from bench.pages import SEARCH_TERM, search_page

    page = search_page()
    assert page is not None and page.path == f"/search/?q={SEARCH_TERM}"
    # Every visible seeded post is in the search index, as if posted through the app.
    if connection.vendor == "postgresql":
        assert not Post.objects.visible().filter(search_vector__isnull=True).exists()
    client.force_login(bench_members()[0])
    html = client.get(page.path).content.decode()
    titles = Thread.objects.filter(title__icontains=SEARCH_TERM).count()
    assert titles and f"{titles} result" in html
    measured = measure_in_process(page, sign_in(bench_members()[0]), repeat=1)
    assert measured.queries > 0


@pytest.mark.django_db
def test_seed_marker_round_trips_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the seed marker is a PostgreSQL database comment; this run uses SQLite")
    s = connection.settings_dict
    login = f"{quote(s['USER'] or '', safe='')}:{quote(s['PASSWORD'] or '', safe='')}"
    url = f"postgres://{login}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}"
    marker = {"seed_version": 1, "threads": 40}
    database.write_marker(f"{url}/{s['NAME']}", marker)
    assert database.read_marker(f"{url}/{s['NAME']}") == marker
    assert database.read_marker(f"{url}/boomity_bench_does_not_exist") is None


WRK_OUTPUT = """\
Running 3s test @ http://127.0.0.1:8000/
  2 threads and 8 connections
  300 requests in 3.00s, 1.20MB read
BENCH_RESULT {"requests": 300, "duration_us": 3000000, "p50_us": 20000, "p90_us": 30000, \
"p99_us": 50500, "max_us": 80000, "non_2xx_3xx": 2, "socket_errors": 1, \
"statuses": [{"200": 290, "302": 3}, {"500": 2, "200": 5}]}
"""


def test_wrk_figures_are_read_and_a_redirect_to_sign_in_is_an_error():
    result = parse_wrk_output(WRK_OUTPUT, expected_status=200)
    assert result.requests == 300
    assert result.rps == pytest.approx(100.0)
    assert (result.p50_ms, result.p99_ms) == (20.0, 50.5)
    assert result.statuses == {200: 295, 302: 3, 500: 2}
    assert (result.non_2xx_3xx, result.socket_errors, result.unexpected) == (2, 1, 3)
    assert result.errors == 6


def test_table_shows_each_page_against_both_ceilings():
    def load(requests: int) -> LoadResult:
        return LoadResult(requests, 10.0, 5.0, 8.0, 12.0, 20.0, 0, 0, 0, {200: requests})

    pages = [Page("ceiling", "/c/"), Page("bare ceiling", "/b/", bare=True), Page("home", "/")]
    figures = page_figures(
        pages, [load(10_000), load(40_000), load(2_500)], [InProcess(4, 2.5)] * 3
    )
    table = format_table(figures, {"search": "not built yet"})
    header, ceiling, bare, home, search = table.splitlines()
    assert header.split()[:2] == ["page", "req/s"]
    assert header.endswith("vs ceiling   vs bare")
    assert ceiling.split() == [
        "ceiling",
        "1000.0",
        "5.0",
        "12.0",
        "0",
        "0",
        "4",
        "2.5",
        "100.0%",
        "25.00%",
    ]
    assert bare.split()[-2:] == ["400.0%", "100.00%"]
    assert home.split()[-2:] == ["25.0%", "6.25%"]
    assert "not built yet" in search
    assert Check("servers agree", False, "why").line() == "FAIL  servers agree (why)"
