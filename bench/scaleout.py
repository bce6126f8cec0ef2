"""Two app servers, one community: what a member does through one, the other knows.

This is what makes adding app servers safe: sessions live in PostgreSQL and
the cache (rate-limit counts) in Redis, so no server keeps state of its own.
"""

from __future__ import annotations

import http.client
import re
import uuid
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.urls import reverse

from .report import Check

_TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Reply:
    status: int
    location: str
    text: str


class WebClient:
    """Cookies kept like a browser's, sent to whichever server it talks to.

    http.client rather than urllib with a cookie jar: with DEBUG off the session
    and CSRF cookies are marked Secure, and a cookie jar won't send those over the
    plain HTTP the bench speaks to 127.0.0.1. Redirects are not followed, so each
    answer can be looked at.
    """

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def get(self, base_url: str, path: str) -> Reply:
        return self._send(base_url, "GET", path)

    def post(self, base_url: str, path: str, form: dict[str, str]) -> Reply:
        return self._send(base_url, "POST", path, urlencode(form))

    def _send(self, base_url: str, method: str, path: str, body: str | None = None) -> Reply:
        address = urlsplit(base_url)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            self._remember(response.headers.get_all("Set-Cookie") or [])
            return Reply(
                response.status,
                response.getheader("Location", ""),
                response.read().decode(errors="replace"),
            )
        finally:
            connection.close()

    def _remember(self, set_cookie_headers: list[str]) -> None:
        for header in set_cookie_headers:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value


def check_scale_out(
    server_a: str,
    server_b: str,
    *,
    email: str,
    password: str,
    members_board: str,
    thread_id: int,
) -> list[Check]:
    """Sign in on A, then be known on B; reply on A, then read it on B."""
    browser = WebClient()
    signed_in = _sign_in(browser, server_a, email, password)
    if not signed_in.passed:
        return [signed_in]
    return [
        signed_in,
        _known_on(browser, server_b, members_board),
        _reply_seen(browser, server_a, server_b, thread_id),
    ]


def _sign_in(browser: WebClient, server: str, email: str, password: str) -> Check:
    login_path = reverse("account_login")
    form = _TOKEN_RE.search(browser.get(server, login_path).text)
    if form is None:
        return Check("sign in through server A's form", False, "no CSRF token on the form")
    answer = browser.post(
        server,
        login_path,
        {
            "csrfmiddlewaretoken": form.group(1),
            "login": email,
            "password": password,
        },
    )
    passed = answer.status == 302 and settings.SESSION_COOKIE_NAME in browser.cookies
    return Check(
        "sign in through server A's form", passed, f"POST {login_path} answered {answer.status}"
    )


def _known_on(browser: WebClient, server: str, members_board: str) -> Check:
    # A members-only board: a visitor is sent to sign in, a member reads it.
    visitor = WebClient().get(server, members_board).status
    member = browser.get(server, members_board).status
    return Check(
        "server B knows the member signed in on A (same cookie)",
        visitor == 302 and member == 200,
        f"{members_board}: visitor {visitor}, member {member}",
    )


def _reply_seen(browser: WebClient, server_a: str, server_b: str, thread_id: int) -> Check:
    name = "a reply posted through A is on B's thread page at once"
    marker = f"Scale-out check {uuid.uuid4().hex}"
    posted = browser.post(
        server_a,
        reverse("forums:thread-reply", args=[thread_id]),
        {
            "csrfmiddlewaretoken": browser.cookies.get(settings.CSRF_COOKIE_NAME, ""),
            "body": marker,
        },
    )
    if posted.status != 302:
        return Check(name, False, f"posting answered {posted.status}")
    # The reply's permalink, asked of B, points at the thread page it is on.
    permalink = browser.get(server_b, _path(posted.location))
    page = browser.get(server_b, _path(permalink.location))
    return Check(
        name,
        page.status == 200 and marker in page.text,
        f"{_path(permalink.location)} answered {page.status}",
    )


def _path(location: str) -> str:
    """The path and query of a redirect's Location, without any #fragment."""
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")
