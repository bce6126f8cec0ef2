"""Leave quickly in a real browser: gone in one tap, and what is on screen has no Back.

No page can take earlier pages out of a tab's history, so the neutral site opens in a
new tab (which has nothing to go Back to) and the community's tab turns into it too.
The neutral sites are stand-ins answered by the browser itself (context.route): the
test never reaches the internet.
"""

from __future__ import annotations

import re

import pytest

from members.models import CommunitySettings
from tests.browser.conftest import expect
from tests.browser.test_journeys import sign_in
from tests.factories import make_board, make_member, make_thread

pytestmark = pytest.mark.django_db(transaction=True)

NEUTRAL = "https://weather.example.org/today"
BEFORE = "https://news.example.org/"


def _answer(text: str):
    def handler(route) -> None:
        route.fulfill(content_type="text/html", body=f"<title>{text}</title><p>{text}</p>")

    return handler


def _stand_ins(context) -> None:
    # On the whole browser, not one tab: the neutral site opens in a new one.
    context.route(NEUTRAL, _answer("Sunny spells"))
    context.route(BEFORE, _answer("Morning headlines"))


def _choose_neutral_site() -> None:
    community = CommunitySettings.load()
    community.leave_quickly_url = NEUTRAL
    community.save()


def test_after_leaving_nothing_on_screen_goes_back_to_the_community(page, live_server):
    """As a stranger found it: signed in, a board, a thread, Leave quickly, then Back
    showed "Depression and low mood · Boomity" with the member's name."""
    _choose_neutral_site()
    sam = make_member("Sam")
    board = make_board(name="Depression and low mood")
    thread = make_thread(board, sam, title="Heavy mornings", body="Slow to get going.")
    _stand_ins(page.context)
    page.goto(BEFORE)
    sign_in(page, live_server, sam.email)
    page.goto(live_server.url + board.get_absolute_url())
    page.goto(live_server.url + thread.get_absolute_url())
    expect(page).to_have_title(re.compile("Heavy mornings"))

    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Leave quickly").click()
    neutral = opened.value
    expect(neutral).to_have_url(NEUTRAL)
    expect(neutral.get_by_text("Sunny spells")).to_be_visible()
    # The tab now in front has no Back at all, no way to the page that opened it, and
    # was told nothing of where the person came from.
    assert neutral.evaluate("history.length") == 1
    assert neutral.evaluate("window.opener") is None
    assert neutral.evaluate("document.referrer") == ""
    # And the community's own tab no longer shows the community.
    expect(page).to_have_url(NEUTRAL)
    expect(page.get_by_text("Sunny spells")).to_be_visible()
    assert page.evaluate("document.referrer") == ""
    # Its Back goes to the page before the thread (the browser keeps it: the help page
    # says so), never to the thread itself, which the neutral site took the place of.
    page.go_back()
    expect(page).not_to_have_title(re.compile("Heavy mornings"))


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
    context = open_context(java_script_enabled=False)
    _stand_ins(context)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Leave quickly").click()
    expect(page).to_have_url(NEUTRAL)
    expect(page.get_by_text("Sunny spells")).to_be_visible()
    assert len(context.pages) == 1  # an ordinary link: the same tab, nothing opened
    assert page.evaluate("document.referrer") == ""
