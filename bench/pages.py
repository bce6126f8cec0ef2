"""The pages `make bench` measures, and what one request of each costs in-process.

In-process figures come from Django's test client against the same bench
database and settings as the servers, signed in with the same kind of session
the load uses, after one warm-up request: the SQL queries of one request, and
the CPU time Django spends on it (PostgreSQL's own time not included). Unlike
requests per second over HTTP, that CPU time barely moves when other work
shares the machine.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from .seed import Landmarks

# What every reply posted by the bench says; wrk_report.lua adds a number to each.
REPLY_TEXT = "A reply from the bench: thank you for this thread."
# A word in many seeded thread titles, for the search row.
SEARCH_TERM = "sleep"


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

    @property
    def form(self) -> dict[str, str] | None:
        return {"body": REPLY_TEXT} if self.method == "POST" else None


def bench_pages(landmarks: Landmarks) -> list[Page]:
    """The ceiling first: every other page's figures are read against it."""
    long_thread = landmarks.long_thread
    pages = [
        Page("ceiling", reverse("bench-ceiling")),
        Page("home", reverse("forums:home")),
        Page("board", landmarks.busiest_board.get_absolute_url()),
        Page("thread first page", long_thread.page_url(1)),
        Page("thread last page", long_thread.page_url(long_thread.page_count)),
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


@dataclass(frozen=True)
class InProcess:
    queries: int
    cpu_ms: float


def measure_in_process(page: Page, session_key: str, *, repeat: int = 10) -> InProcess:
    """SQL queries and Django CPU time for one request of `page`, signed in."""
    client = Client(HTTP_HOST="127.0.0.1")  # the host the servers allow
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    _request(client, page)
    with CaptureQueriesContext(connection) as captured:
        _request(client, page)
    # Counted now: the next request starting empties the connection's query log.
    queries = len(captured)
    started = time.process_time()
    for _ in range(repeat):
        _request(client, page)
    return InProcess(queries, (time.process_time() - started) * 1000 / repeat)


def _request(client: Client, page: Page) -> None:
    if page.method == "POST":
        response = client.post(page.path, page.form or {})
    else:
        response = client.get(page.path)
    if response.status_code != page.expected_status:
        raise PageError(
            f"{page.method} {page.path} answered {response.status_code} in-process, "
            f"expected {page.expected_status}."
        )
