"""The bare ceiling: a Django page with no middleware at all, for `make bench`.

The bench's own ceiling page (views.ceiling) goes through the whole middleware stack
as a signed-in member: sessions, authentication, CSRF, security headers, three
queries. A bare Django "hello" page is the floor a comparison with another Django
project reads against, so the bench measures both. BareHandler is Django's own WSGI
handler as a project with an empty MIDDLEWARE builds it: the request, URL resolving,
the view and the response, nothing else. bench/wsgi.py hands it the bare page's path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from wsgiref.util import setup_testing_defaults

from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

# Routed first in bench/urls.py; bench/wsgi.py sends it to BareHandler.
BARE_PATH = "/_bench/bare/"


class BareHandler(WSGIHandler):
    """Django's WSGI handler with no middleware, whatever settings.MIDDLEWARE says."""

    def load_middleware(self, is_async: bool = False) -> None:
        # What BaseHandler.load_middleware leaves when MIDDLEWARE is empty (in
        # Django's private attributes, which its type stubs don't list).
        self._view_middleware: list[Any] = []
        self._template_response_middleware: list[Any] = []
        self._exception_middleware: list[Any] = []
        get_response = self._get_response  # type: ignore[attr-defined]
        self._middleware_chain = convert_exception_to_response(get_response)


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def call_wsgi(application: Any, path: str) -> Answer:
    """GET `path` from a WSGI application in this process.
    For the bare page's in-process figures, which the test client (whose handler
    runs every middleware) can't give."""
    environ: dict[str, Any] = {"REQUEST_METHOD": "GET", "PATH_INFO": path}
    environ["HTTP_HOST"] = "127.0.0.1"
    setup_testing_defaults(environ)
    started: list[tuple[str, list[tuple[str, str]]]] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        started.append((status, headers))

    with _connections_kept():
        answer: Iterable[bytes] = application(environ, start_response)
        try:
            body = b"".join(answer)
        finally:
            close = getattr(answer, "close", None)
            if close is not None:
                close()
    status, headers = started[0]
    return Answer(int(status.split()[0]), dict(headers), body)


@contextmanager
def _connections_kept() -> Iterator[None]:
    """Keep this process's database connection open across the call, as Django's test
    client does: a handler closes connections it thinks are stale when a request starts
    and ends, and inside a test's transaction (autocommit off) every connection looks
    stale, so the next query in the test would find it closed."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
