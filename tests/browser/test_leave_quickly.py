"""Leave quickly in a real browser: gone in one tap, and Back doesn't bring us back.

The neutral sites are stand-ins answered by the browser itself (page.route): the test
never reaches the internet.
"""

from __future__ import annotations

import pytest

from members.models import CommunitySettings
from tests.browser.conftest import expect

pytestmark = pytest.mark.django_db(transaction=True)

NEUTRAL = "https://weather.example.org/today"
BEFORE = "https://news.example.org/"


def _answer(text: str):
    def handler(route) -> None:
        route.fulfill(content_type="text/html", body=f"<title>{text}</title><p>{text}</p>")

    return handler


def _stand_ins(page) -> None:
    page.route(NEUTRAL, _answer("Sunny spells"))
    page.route(BEFORE, _answer("Morning headlines"))


def _choose_neutral_site() -> None:
    community = CommunitySettings.load()
    community.leave_quickly_url = NEUTRAL
    community.save()


def test_leaving_replaces_the_page_in_history(page, live_server):
    _choose_neutral_site()
    _stand_ins(page)
    page.goto(BEFORE)
    page.goto(live_server.url + "/guidelines/")
    before = page.evaluate("history.length")
    page.get_by_role("link", name="Leave quickly").click()
    expect(page).to_have_url(NEUTRAL)
    expect(page.get_by_text("Sunny spells")).to_be_visible()
    assert page.evaluate("history.length") == before
    assert page.evaluate("document.referrer") == ""
    page.go_back()
    expect(page).to_have_url(BEFORE)  # not the community page


def test_it_is_next_after_the_skip_link_and_fits_a_phone(open_page, live_server):
    page = open_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Tab")
    leave = page.get_by_role("link", name="Leave quickly")
    expect(leave).to_be_focused()
    box = leave.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] < 100
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_it_works_without_javascript(open_context, live_server):
    _choose_neutral_site()
    page = open_context(java_script_enabled=False).new_page()
    _stand_ins(page)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Leave quickly").click()
    expect(page).to_have_url(NEUTRAL)
    expect(page.get_by_text("Sunny spells")).to_be_visible()
