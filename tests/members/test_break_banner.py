"""While a member is on a break, every page says so calmly and lets them end it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from members.actions import take_a_break
from tests.conftest import page

BREAK = "/account/break/"
BANNER = 'class="break-banner"'
pytestmark = pytest.mark.django_db


def _on_break(user, days: int = 3) -> None:
    take_a_break(user, timezone.now() + timedelta(days=days))


def _on_break_now(user) -> bool:
    user.profile.refresh_from_db()
    return user.profile.on_break


def test_every_page_says_so_to_the_member_on_a_break(client, alice, thread):
    _on_break(alice)
    client.force_login(alice)
    for url in ["/", "/b/anxiety/", thread.get_absolute_url(), "/notifications/", "/guidelines/"]:
        html = page(client.get(url))
        assert BANNER in html, url
        assert "You&#x27;re on a break until" in html or "You're on a break until" in html
        assert ">End my break</button>" in html, url
        assert f'name="next" value="{url}"' in html, url


def test_nobody_else_sees_it(client, alice, bob, thread):
    _on_break(alice)
    assert BANNER not in page(client.get("/"))
    client.force_login(bob)
    for url in ["/", thread.get_absolute_url(), "/members/Alice/"]:
        assert BANNER not in page(client.get(url)), url


def test_it_goes_when_the_break_is_over(client, alice):
    client.force_login(alice)
    assert BANNER not in page(client.get("/"))
    take_a_break(alice, timezone.now() - timedelta(minutes=1))
    assert BANNER not in page(client.get("/"))


def test_the_break_page_has_its_own_button_not_the_banner(client, alice):
    _on_break(alice)
    client.force_login(alice)
    html = page(client.get(BREAK))
    assert BANNER not in html
    assert "End my break now" in html


def test_ending_it_returns_to_the_same_page(client, alice, thread):
    _on_break(alice)
    client.force_login(alice)
    url = thread.get_absolute_url() + "?page=1"
    response = client.post(BREAK, {"end": "1", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    assert not _on_break_now(alice)
    html = page(client.get(url))
    assert "Welcome back. Notifications are on again." in html
    assert BANNER not in html


@pytest.mark.parametrize(
    "elsewhere",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "",
    ],
)
def test_it_never_sends_anyone_to_another_site(client, alice, elsewhere):
    _on_break(alice)
    client.force_login(alice)
    response = client.post(BREAK, {"end": "1", "next": elsewhere})
    assert response.status_code == 302 and response["Location"] == BREAK
    assert not _on_break_now(alice)


def test_a_get_or_another_method_does_not_end_it(client, alice):
    _on_break(alice)
    client.force_login(alice)
    assert client.get(BREAK, {"end": "1", "next": "/"}).status_code == 200
    assert client.generic("PUT", BREAK, "end=1").status_code == 405
    assert _on_break_now(alice)


def test_it_needs_the_form_token(alice):
    _on_break(alice)
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(BREAK, {"end": "1", "next": "/"}).status_code == 403
    assert _on_break_now(alice)


def test_a_visitor_is_asked_to_sign_in_and_nobody_s_break_ends(client, alice):
    _on_break(alice)
    response = client.post(BREAK, {"end": "1", "next": "/"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert _on_break_now(alice)


def test_the_next_address_is_escaped(client, alice):
    _on_break(alice)
    client.force_login(alice)
    html = page(client.get('/search/?q="><b>x</b>'))
    assert '"><b>x</b>' not in html
