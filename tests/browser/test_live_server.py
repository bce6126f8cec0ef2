"""The live server the browser tests talk to: on SQLite its threads share the test's one
in-memory connection, and they must take turns on it (see conftest.py). A browser asks
for several things at once (a page, a draft sent by beacon), and a test reads the
database while a request it started may still be served: neither may fail at random."""

from __future__ import annotations

import threading
import urllib.request

import pytest

from forums.models import Post
from tests.factories import make_board, make_member, make_thread

pytestmark = pytest.mark.django_db(transaction=True)

READERS = 6
PAGES_EACH = 8


def test_requests_at_once_and_the_tests_own_reads_all_succeed(live_server):
    board = make_board("open-room", name="Open room", public=True)
    thread = make_thread(board, make_member("Ash"), title="Evenings", body="How are yours?")
    url = live_server.url + thread.get_absolute_url()
    statuses: list[int] = []
    failures: list[BaseException] = []

    def read_pages():
        for _ in range(PAGES_EACH):
            try:
                with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (http)
                    response.read()
                    statuses.append(response.status)
            except BaseException as problem:  # an HTTP 503 or a reset: what we test for
                failures.append(problem)

    readers = [threading.Thread(target=read_pages) for _ in range(READERS)]
    for reader in readers:
        reader.start()
    reads = 0
    while any(reader.is_alive() for reader in readers):
        assert Post.objects.filter(thread=thread).count() == 1
        reads += 1
    for reader in readers:
        reader.join()

    assert failures == []
    assert statuses == [200] * (READERS * PAGES_EACH)
    assert reads > 0
