"""Real-browser fixtures: one Chromium per test session, a fresh context per test.

The browser is Debian's chromium (Playwright's own browser download is not
available here). Without it, or without the playwright package, every browser
test skips with one reason — except on CI (CI=true), where they fail, so a
broken CI image can't silently skip the journeys.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from django.db import connections
from django.db.backends.sqlite3.base import SQLiteCursorWrapper

# Playwright's sync API keeps an asyncio event loop running in the main thread,
# so Django would raise SynchronousOnlyOperation for every ORM call made by the
# tests (factories, mailoutbox reads). Must be set before the database is touched.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# The one import guard for every browser module: they import Page, expect and Axe from
# here. Without playwright these are None and every browser test skips (or fails on CI)
# with the reason, instead of the whole run stopping at an ImportError.
try:
    from playwright.sync_api import Page, expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    Page = expect = sync_playwright = None
try:
    from axe_playwright_python.sync_playwright import Axe
except ImportError:  # pragma: no cover - depends on the machine
    Axe = None

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SKIP_REASON = (
    "Real-browser tests need Debian's chromium and the playwright package: "
    "apt-get install -y chromium && pip install -e '.[dev]' (CI installs both)"
)
# Fail fast: a journey step that takes more than this is broken, not slow.
STEP_TIMEOUT_MS = 5_000

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}


def _missing() -> list[str]:
    missing = []
    if sync_playwright is None:
        missing.append("the playwright package can't be imported")
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        missing.append(f"{CHROMIUM} is missing")
    return missing


def _on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


# tryfirst: the marks must be on before pytest's own hook deselects by `-m`.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # This hook sees the whole session's items: touch only those in this folder.
    here = Path(__file__).parent
    browser_items = [item for item in items if here in Path(item.path).parents]
    # Every browser test starts Chromium pages against a live server: `make test-fast`
    # (-m "not slow") leaves them all out.
    for item in browser_items:
        item.add_marker(pytest.mark.slow)
    # Marking (rather than skipping inside a fixture) folds the report into one line:
    # "SKIPPED [n] tests/browser/test_journeys.py: Real-browser tests need ...".
    if _missing() and not _on_ci():
        for item in browser_items:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.fixture(scope="session")
def browser():
    missing = _missing()
    if missing:
        if _on_ci():
            pytest.fail(f"{SKIP_REASON} — on CI they must run, but {' and '.join(missing)}.")
        pytest.skip(SKIP_REASON)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


# On SQLite the test database lives in memory, shared by every connection in this
# process (Django's "mode=memory&cache=shared"): the test's own and one for each of the
# live server's request threads. SQLite's shared cache locks whole tables and doesn't
# wait for them to be free, so two threads at once fail at random ("database table is
# locked", "bad parameter or other API misuse"): a page's draft sent by beacon while the
# next page loads, or a test reading the database while a request it started is still
# being served. One lock makes them take turns: a request holds it from start to end (so
# one request's transaction never meets another's), and every call the test's own thread
# makes on its connection waits for it. PostgreSQL gives every thread its own
# connection, each waiting for the other's locks, and needs none of this.
_ONE_AT_A_TIME = threading.RLock()


def _taking_turns(method):
    def call(*args, **kwargs):
        with _ONE_AT_A_TIME:
            return method(*args, **kwargs)

    return call


class _CursorTakingTurns(SQLiteCursorWrapper):
    """Django's SQLite cursor, each call on it waiting for its turn."""


for _name in ("execute", "executemany", "fetchone", "fetchmany", "fetchall", "close"):
    setattr(_CursorTakingTurns, _name, _taking_turns(getattr(SQLiteCursorWrapper, _name)))


def _requests_taking_turns(app):
    def serve(environ, start_response):
        with _ONE_AT_A_TIME:
            response = app(environ, start_response)
            try:
                body = list(response)
            finally:
                if hasattr(response, "close"):
                    response.close()
        return body

    return serve


@pytest.fixture(autouse=True)
def _database_in_memory_taken_in_turns(request):
    if "live_server" not in request.fixturenames:
        return
    server = request.getfixturevalue("live_server").thread
    in_memory = [c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()]
    if not in_memory or getattr(server, "taking_turns", False):
        return
    for connection in in_memory:  # the test's thread's own connections
        connection.create_cursor = lambda name=None, c=connection: c.connection.cursor(
            factory=_CursorTakingTurns
        )
        for name in ("_commit", "_rollback", "_set_autocommit"):
            setattr(connection, name, _taking_turns(getattr(connection, name)))
    server.httpd.set_app(_requests_taking_turns(server.httpd.get_app()))
    server.taking_turns = True


@pytest.fixture
def open_context(browser, live_server):
    """Open a fresh browser context (one person's browser); all are closed after the test."""
    contexts = []

    def _open(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(STEP_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def open_page(open_context):
    """Open a page in a fresh context: a new person, with no cookies.

    `open_page(phone=True)` gives a 360x740 touch phone instead of a desktop.
    """

    def _open(*, phone: bool = False, **options):
        return open_context(**(PHONE if phone else {}), **options).new_page()

    return _open


@pytest.fixture
def page(open_page):
    """A desktop page in a fresh context, for journeys with one person."""
    return open_page()
