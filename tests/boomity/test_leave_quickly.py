"""Leave quickly: on every page, to the neutral site staff chose."""

from __future__ import annotations

import re

import pytest

from members.models import CommunitySettings
from members.models.community import LEAVE_QUICKLY_DEFAULT
from tests.conftest import page

NEUTRAL = "https://weather.example.org/today"


def leave_links(html: str) -> list[str]:
    return re.findall(r"<a class=\"leave-quickly\" href=\"([^\"]*)\" rel=\"noreferrer\"", html)


def _choose(url: str) -> None:
    community = CommunitySettings.load()
    community.leave_quickly_url = url
    community.save()


VISITOR_PAGES = [
    "/",
    "/latest/",
    "/topics/",
    "/guidelines/",
    "/search/?q=sleep",
    "/help/",
    "/accounts/login/",
    "/accounts/signup/",
    "/b/introductions/",
    "/no/such/page/",
]
MEMBER_PAGES = [
    *VISITOR_PAGES[:6],
    "/b/anxiety/",
    "/b/anxiety/new/",
    "/notifications/",
    "/members/",
    "/account/profile/",
    "/account/privacy/",
    "/account/blocked/",
    "/drafts/",
    "/accounts/email/",
]


@pytest.mark.django_db
def test_every_page_has_it_before_anything_else_but_the_skip_link(
    client, alice, thread, public_board
):
    _choose(NEUTRAL)
    for who, urls in [
        (None, VISITOR_PAGES),
        (alice, [*MEMBER_PAGES, thread.get_absolute_url()]),
    ]:
        if who:
            client.force_login(who)
        for url in urls:
            html = page(client.get(url))
            assert leave_links(html) == [NEUTRAL], (who, url)
            # In the tab order: the skip link, then Leave quickly, then the rest.
            body = html[html.index("<body") :]
            links = re.findall(r"<(?:a|button|input)\b[^>]*>", body)
            assert 'class="skip-link"' in links[0], url
            assert 'class="leave-quickly"' in links[1], url


@pytest.mark.django_db
def test_it_goes_to_the_weather_until_staff_choose(client):
    assert CommunitySettings.load().leave_quickly_url == LEAVE_QUICKLY_DEFAULT
    assert leave_links(page(client.get("/"))) == [LEAVE_QUICKLY_DEFAULT]
    assert LEAVE_QUICKLY_DEFAULT.startswith("https://")


@pytest.mark.django_db
def test_the_address_is_escaped(client):
    _choose('https://example.org/?a="><b>x</b>')
    html = page(client.get("/"))
    assert '"><b>x</b>' not in html
    assert leave_links(html) == ["https://example.org/?a=&quot;&gt;&lt;b&gt;x&lt;/b&gt;"]
