"""Right to left: the member's pages laid out for a right-to-left language on a 360 px phone.

No right-to-left catalogue ships yet, so each page is turned right to left by script
after it loads (`<html dir="rtl">`, as a right-to-left language will set it). The CSS is
written with logical properties (margin-inline-start, not margin-left), so everything
must mirror by itself: nothing sticks out sideways, nothing is cut off, and what starts
a line in English (the skip link, the header, the accent edge of a new notification)
starts it on the right.

With RTL_SHOTS set to a folder, the pages are also saved there as PNGs to look at: whole,
and their first three screens one by one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.urls import reverse

from forums import actions
from tests.browser.conftest import PHONE, expect
from tests.browser.pages import build_community, sign_in_context

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH = PHONE["viewport"]["width"]  # 360
SHOTS = os.environ.get("RTL_SHOTS", "").strip()

# Every element that reaches outside the viewport on either side, unless something
# between it and the page scrolls or clips it (a wide table in its own scroller), or it
# is hidden for sight (the visually-hidden pattern, a skip link waiting above the page).
OUTSIDE = """() => {
  const width = window.innerWidth, out = [];
  const held = el => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (!r.width || !r.height || s.visibility === "hidden" || r.bottom < 0) continue;
    if (s.clipPath !== "none" || s.clip !== "auto") continue;
    if ((r.left < -1 || r.right > width + 1) && !held(el)) {
      const where = `${Math.round(r.left)}..${Math.round(r.right)}`;
      out.push(`${el.tagName.toLowerCase()}.${el.className} ${where}`);
    }
  }
  return out;
}"""


def _right_to_left(page) -> None:
    page.evaluate("document.documentElement.dir = 'rtl'")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"


def _pages(community) -> list[tuple[str, bool, str]]:
    board, thread = community.members_board, community.cw_thread
    return [
        ("sign-in", False, reverse("account_login")),
        ("help", False, reverse("moderation:help")),
        ("home", True, "/"),
        ("board", True, board.get_absolute_url()),
        ("thread", True, thread.get_absolute_url()),
        ("new-thread", True, reverse("forums:thread-new", args=[board.slug])),
        ("profile", True, community.others[0].profile.get_absolute_url()),
        ("account", True, reverse("members:profile-edit")),
        ("notifications", True, reverse("members:notifications")),
        ("search", True, f"{reverse('forums:search')}?q=song"),
    ]


def test_member_pages_mirror_and_never_overflow_sideways_at_360px(open_context, live_server):
    community = build_community()
    robin = community.member
    # Something new for Robin, so the notifications page has an unread one to mirror.
    actions.post_reply(thread=community.long_thread, author=community.others[0], body="Same!")
    page = open_context(**PHONE).new_page()
    for name, signed_in, path in _pages(community):
        page.context.clear_cookies()
        if signed_in:
            sign_in_context(page.context, robin, live_server)
        page.goto(path)
        _right_to_left(page)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")

        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, name
        assert page.evaluate(OUTSIDE) == [], name
        # The header starts on the right: "Leave quickly" is its first thing.
        leave = page.locator(".leave-quickly").bounding_box()
        assert leave is not None and leave["x"] + leave["width"] > WIDTH - 24, (name, leave)
        assert leave["x"] > WIDTH / 2, (name, leave)
        # Main's text starts on the right.
        heading = page.locator("main h1").first.bounding_box()
        assert heading is not None and heading["x"] + heading["width"] > WIDTH - 24, name
        if SHOTS:
            folder = Path(SHOTS)
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=folder / f"rtl-360-{name}.png", full_page=True)
            # …and its first screens one by one, at a size a person can read.
            height = min(page.evaluate("document.documentElement.scrollHeight"), 3 * 740)
            for i, top in enumerate(range(0, height, 740)):
                clip = {"x": 0, "y": top, "width": WIDTH, "height": min(740, height - top)}
                page.screenshot(
                    path=folder / f"rtl-360-{name}-{i + 1}.png", full_page=True, clip=clip
                )

        if name == "notifications":
            new = page.locator(".notification--new").first
            expect(new).to_be_visible()
            edges = new.evaluate(
                "el => [getComputedStyle(el).borderRightWidth,"
                " getComputedStyle(el).borderLeftWidth]"
            )
            assert edges[0] == "4px" and edges[1] != "4px", edges  # the accent edge: right

    # The skip link, the first thing a keyboard reaches, shows at the top right.
    page.context.clear_cookies()
    page.goto("/")
    _right_to_left(page)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0, box
    assert abs(box["x"] + box["width"] - (WIDTH - 8)) <= 1, box  # 0.5rem from the right
