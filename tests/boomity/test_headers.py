"""Security headers on every kind of page, for visitors and members."""

import re

import pytest

from tests.factories import make_thread

CSP_MUST = [
    "default-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
]


def page_urls(thread) -> list[str]:
    post = thread.posts.get(number=1)
    return [
        "/",
        "/guidelines/",
        f"/b/{thread.board.slug}/",
        thread.get_absolute_url(),
        f"/t/{thread.pk}/reply/",
        f"/b/{thread.board.slug}/new/",
        f"/p/{post.pk}/edit/",
        f"/p/{post.pk}/delete/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/email/",
        "/admin/",
        "/no-such-page/",
    ]


def assert_hardened(response, url):
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    for directive in CSP_MUST:
        assert directive in csp, (url, csp)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, url
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000"), url
    assert headers["Referrer-Policy"] == "same-origin", url
    assert headers["X-Content-Type-Options"] == "nosniff", url
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin", url
    assert headers["X-Frame-Options"] == "DENY", url
    assert "camera=()" in headers["Permissions-Policy"], url
    assert "geolocation=()" in headers["Permissions-Policy"], url


@pytest.mark.django_db
def test_every_page_type_is_hardened_for_members(client, board, alice, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    thread = make_thread(board, alice)
    client.force_login(alice)
    for url in page_urls(thread):
        response = client.get(url, secure=True)
        assert response.status_code in (200, 302, 403, 404), url
        assert_hardened(response, url)
        assert "no-store" in response.headers["Cache-Control"], url
        assert "private" in response.headers["Cache-Control"], url


@pytest.mark.django_db
def test_every_page_type_is_hardened_for_visitors(client, board, alice, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    thread = make_thread(board, alice)
    for url in page_urls(thread):
        response = client.get(url, secure=True)
        assert_hardened(response, url)


@pytest.mark.django_db
def test_pages_carry_no_inline_script_or_style(client, board, alice):
    thread = make_thread(board, alice, replies=2, content_warning="trauma")
    client.force_login(alice)
    for url in page_urls(thread)[:8]:
        html = client.get(url).content.decode()
        # Scripts come from our own files only, never inline.
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert "<style" not in html and ' style="' not in html, url
