"""The pages `make bench` measures, and what one request of each costs in-process.

In-process figures come from Django's test client against the same bench
database and settings as the servers, signed in with the same kind of session
the load uses (or with none, for a visitor's page), after one warm-up request:
the SQL queries of one request, and the CPU time Django spends on it
(PostgreSQL's own time not included). Unlike requests per second over HTTP, that
CPU time barely moves when other work shares the machine.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from .bare import BareHandler, call_wsgi
from .seed import Landmarks

# What every reply posted by the bench says; wrk_report.lua adds a number to each.
REPLY_TEXT = "A reply from the bench: thank you for this thread."
# A word in many seeded thread titles, for the search row.
SEARCH_TERM = "sleep"
# The two pages every other page is read against (report.py).
CEILING = "ceiling"
BARE_CEILING = "bare ceiling"
# The busiest board's deep page: 150 of its 151 at full size (3,755 threads, 25 a page).
DEEP_BOARD_PAGE = 150


class PageError(Exception):
    """A page didn't answer as it should (the bench would measure the wrong thing)."""


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    method: str = "GET"
    # Anything else counts as an error: a redirect to the sign-in page is a 3xx,
    # but it means the member wasn't signed in.
    expected_status: int = 200
    # Asked for with no cookie at all: a visitor, not a member.
    visitor: bool = False
    # Answered without middleware (bench/bare.py), in-process too.
    bare: bool = False

    @property
    def form(self) -> dict[str, str] | None:
        return {"body": REPLY_TEXT} if self.method == "POST" else None


def bench_pages(landmarks: Landmarks, session_key: str) -> list[Page]:
    """The two ceilings first: every other page's figures are read against them.
    `session_key` is a reader's, to find the deep board page as they would."""
    long_thread = landmarks.long_thread
    board = landmarks.busiest_board
    pages = [
        Page(CEILING, reverse("bench-ceiling")),
        Page(BARE_CEILING, reverse("bench-bare"), visitor=True, bare=True),
        Page("home", reverse("forums:home")),
        Page("latest", reverse("forums:latest")),
        Page("needs a reply", reverse("forums:needs-reply")),
        Page("board", board.get_absolute_url()),
        Page("board deep page", deep_board_path(board, session_key)),
        Page("thread first page", long_thread.page_url(1)),
        Page("thread last page", long_thread.page_url(long_thread.page_count)),
        Page("visitor public thread", landmarks.visitor_thread.page_url(1), visitor=True),
        # Replies go to their own thread, so the long thread's pages stay the same size.
        Page(
            "reply",
            reverse("forums:thread-reply", args=[landmarks.posting_thread.pk]),
            method="POST",
            expected_status=302,
        ),
    ]
    search = search_page()
    return pages if search is None else [*pages, search]


def search_page() -> Page | None:
    """SEARCH HOOK. Search isn't built yet; the day a URL named "forums:search" exists,
    the bench measures it with a common word, and the report shows a "search" row."""
    try:
        path = reverse("forums:search")
    except NoReverseMatch:
        return None
    return Page("search", f"{path}?q={SEARCH_TERM}")


def deep_board_path(board, session_key: str, page: int = DEEP_BOARD_PAGE) -> str:
    """The path of the board's page `page` (or its last, on a smaller community),
    reached as a reader reaches it: from page 1, following each page's "Next" link
    (rel="next"). So it is the same page whether boards page by number or by a
    cursor; one request per page, in-process."""
    per_page = settings.BOOMITY_THREADS_PER_PAGE
    page = max(1, min(page, math.ceil(board.thread_count / per_page)))
    client = _client(session_key)
    path = board.get_absolute_url()
    for number in range(1, page):
        response = client.get(path)
        if response.status_code != 200:
            raise PageError(
                f"Finding page {page} of {board.name}: page {number} ({path}) answered "
                f"{response.status_code}."
            )
        link = next_link(response.content.decode())
        if link is None:
            raise PageError(
                f"Finding page {page} of {board.name} ({board.thread_count:,} threads, "
                f"{per_page} a page): page {number} ({path}) has no link with "
                'rel="next", which the bench follows to the next page.'
            )
        path = urljoin(path, link)
    return path


class _NextLink(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if (
            self.href is None
            and tag in ("a", "link")
            and "next" in (found.get("rel") or "").split()
        ):
            self.href = found.get("href")


def next_link(html: str) -> str | None:
    """The href of a page's first link with rel="next", unescaped; None without one."""
    parser = _NextLink()
    parser.feed(html)
    parser.close()
    return parser.href


@dataclass(frozen=True)
class InProcess:
    queries: int
    cpu_ms: float


def measure_in_process(page: Page, session_key: str | None, *, repeat: int = 10) -> InProcess:
    """SQL queries and Django CPU time for one request of `page`: signed in with
    `session_key`, or as a visitor (None)."""
    client = _client(session_key)
    if page.bare:
        bare = BareHandler()

        def request() -> None:
            _check(page, call_wsgi(bare, page.path).status)
    else:

        def request() -> None:
            _request(client, page)

    request()
    with CaptureQueriesContext(connection) as captured:
        request()
    # Counted now: the next request starting empties the connection's query log.
    queries = len(captured)
    started = time.process_time()
    for _ in range(repeat):
        request()
    return InProcess(queries, (time.process_time() - started) * 1000 / repeat)


def _client(session_key: str | None) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")  # the host the servers allow
    if session_key is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return client


def _request(client: Client, page: Page) -> None:
    if page.method == "POST":
        response = client.post(page.path, page.form or {})
    else:
        response = client.get(page.path)
    _check(page, response.status_code)


def _check(page: Page, status: int) -> None:
    if status != page.expected_status:
        raise PageError(
            f"{page.method} {page.path} answered {status} in-process, "
            f"expected {page.expected_status}."
        )
