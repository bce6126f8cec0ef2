"""Help comes first, on screen: after writing crisis language, in a real browser.

A member replies at the foot of a long thread, edits a post far down a page, or
starts a thread, with words that suggest they may be in crisis. Whatever the
path, on a phone (390 px) or a desktop (1280 px), with JavaScript or without,
the kind message and the crisis resources are what is on screen once the page
has settled — not a post 3,500 px further down after an anchor jump — and the
keyboard (and so a screen reader) starts there.

Chromium scrolls to a URL's #anchor a moment *after* the load event, so every
check waits a little first (stack-notes: "Anchor jumps come late").

Screenshots go to $HELP_SCREENSHOTS_DIR (default: boomity-help-first in the temp folder), never
into the repository: people look at them; the assertions are the test.
"""

from __future__ import annotations

import os
from pathlib import Path
from tempfile import gettempdir

import pytest
from django.conf import settings

from forums import actions
from tests.browser.pages import sign_in_context
from tests.browser.test_accessibility import _with_axe, axe_problems
from tests.conftest import make_board, make_member

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails on CI) with the reason
    expect = None

pytestmark = pytest.mark.django_db(transaction=True)

KIND = "It sounds like things are really hard right now"
CRISIS_TEXT = "I can't go on anymore. The nights are endless and nobody notices."
SETTLE_MS = 1_500  # longer than Chromium takes to make a late anchor jump
SHOTS = Path(os.environ.get("HELP_SCREENSHOTS_DIR") or Path(gettempdir()) / "boomity-help-first")

VIEWPORTS = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}


@pytest.fixture
def long_thread():
    """A thread whose first page is full: a new reply lands far below the fold."""
    board = make_board("anxiety", name="Anxiety")
    starter, others = make_member("Amara"), [make_member("Theo"), make_member("Wren")]
    thread = actions.start_thread(
        board=board,
        author=starter,
        title="Evenings are the hardest",
        body="What gets you through the evenings?",
    ).thread
    for i in range(settings.BOOMITY_POSTS_PER_PAGE - 3):
        actions.post_reply(
            thread=thread,
            author=others[i % 2],
            body=f"Evening {i + 1}: a walk, some music, and an early night.\n\n" * 3,
        )
    thread.refresh_from_db()
    return thread


def _open(open_context, live_server, member, viewport: str, js: bool):
    context = open_context(**VIEWPORTS[viewport], java_script_enabled=js)
    if js:
        _with_axe(context)
    sign_in_context(context, member, live_server)
    return context.new_page()


def _help_is_first_on_screen(page, post_number: int, shot: str) -> None:
    page.wait_for_timeout(SETTLE_MS)
    assert "#" not in page.url, f"landed on {page.url}: the browser will jump past the help"
    heading = page.get_by_role("heading", name=KIND)
    expect(heading).to_be_visible()
    height = page.viewport_size["height"]
    box = heading.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, (
        f"the kind message is at y={box and box['y']}, outside a {height}px-high screen"
    )
    resource = page.locator(".crisis-panel .resource").first
    assert resource.bounding_box()["y"] < height, "the first crisis resource is off screen"
    # The keyboard starts at the help, so a screen reader reads it on arrival.
    assert page.evaluate("document.activeElement && document.activeElement.id") == (
        "crisis-heading"
    )
    # The post is not what the browser scrolled to.
    post_box = page.locator(f"#p{post_number}").bounding_box()
    assert post_box is not None and post_box["y"] > 0
    if post_number > 1:
        assert post_box["y"] >= height, "the browser scrolled to the post, past the help"
    if page.evaluate("() => typeof axe") != "undefined":  # loaded where scripts run
        assert axe_problems(page, shot) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{shot}.png", animations="disabled", caret="hide")
    # And the way on to their post follows the help.
    link = page.locator(".crisis-panel").get_by_role("link", name="Go to your post")
    expect(link).to_have_attribute("href", f"#p{post_number}")
    link.click()
    page.wait_for_timeout(300)
    expect(page.locator(f"#p{post_number}")).to_be_in_viewport()


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_help_is_on_screen_after_a_crisis_reply(
    open_context, live_server, long_thread, viewport, js
):
    member = make_member("Robin")
    page = _open(open_context, live_server, member, viewport, js)
    page.goto(long_thread.get_absolute_url())
    page.get_by_label("Your reply").fill(CRISIS_TEXT)
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_role("heading", name=long_thread.title, level=1)).to_be_visible()
    _help_is_first_on_screen(
        page, long_thread.last_number + 1, f"reply-{viewport}-{'js' if js else 'no-js'}"
    )


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_help_is_on_screen_after_a_crisis_edit(
    open_context, live_server, long_thread, viewport, js
):
    member = make_member("Robin")
    mine = actions.post_reply(thread=long_thread, author=member, body="A quiet evening, mostly.")
    page = _open(open_context, live_server, member, viewport, js)
    page.goto(long_thread.get_absolute_url())
    page.locator(f"#p{mine.number}").get_by_role("link", name="Edit").click()
    page.get_by_label("Your message").fill(CRISIS_TEXT)
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", name=long_thread.title, level=1)).to_be_visible()
    _help_is_first_on_screen(page, mine.number, f"edit-{viewport}-{'js' if js else 'no-js'}")


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_help_is_on_screen_after_a_crisis_thread(open_context, live_server, viewport, js):
    board = make_board("anxiety", name="Anxiety")
    member = make_member("Robin")
    page = _open(open_context, live_server, member, viewport, js)
    page.goto(board.get_absolute_url())
    page.get_by_role("link", name="Start a thread").click()
    page.get_by_label("Title").fill("Tonight")
    page.get_by_label("Your message").fill(CRISIS_TEXT)
    page.get_by_role("button", name="Post thread").click()
    expect(page.get_by_role("heading", name="Tonight", level=1)).to_be_visible()
    _help_is_first_on_screen(page, 1, f"thread-{viewport}-{'js' if js else 'no-js'}")
