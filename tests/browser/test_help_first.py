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
from tests.browser.conftest import expect
from tests.browser.pages import sign_in_context
from tests.browser.test_accessibility import _with_axe, axe_problems
from tests.factories import make_board, make_member

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


# --- Turned away: paused, or the thread locked, while they wrote --------------------
#
# A member's posting is paused, or the thread is locked, between opening the reply box
# and pressing "Post reply". Their words have crisis language: the help still comes
# first, on screen, and they are told their words are kept (for them and the moderators),
# with the words themselves on the page, held in place for them alone.


def _pause_posting(member, thread) -> None:
    from moderation import actions as moderation

    moderator = make_member("Sam")
    moderation.silence(member, by=moderator, reason="Taking a short break.", period="24h")


def _lock(member, thread) -> None:
    type(thread).objects.filter(pk=thread.pk).update(is_locked=True)


TURNED_AWAY = {
    "paused": (_pause_posting, "Your posting is paused, so this isn't shown to other members."),
    "locked": (_lock, "This thread is locked, so your reply isn't shown to other members."),
}


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("why", list(TURNED_AWAY))
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_help_is_on_screen_when_a_crisis_reply_is_turned_away(
    open_context, live_server, long_thread, viewport, why, js
):
    change, kept = TURNED_AWAY[why]
    member = make_member("Robin")
    page = _open(open_context, live_server, member, viewport, js)
    page.goto(long_thread.get_absolute_url())
    page.get_by_label("Your reply").fill(CRISIS_TEXT)
    change(member, long_thread)  # while they were writing
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_role("heading", name=long_thread.title, level=1)).to_be_visible()
    number = long_thread.last_number + 1
    _help_is_first_on_screen(page, number, f"{why}-{viewport}-{'js' if js else 'no-js'}")
    # They are told their words are kept, and the words are there, for them alone.
    expect(page.get_by_text(kept)).to_be_visible()
    yours = page.locator(f"#p{number}")
    expect(yours).to_contain_text(CRISIS_TEXT)
    expect(yours).to_contain_text("Waiting for a moderator — only you can see it")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        "the page scrolls sideways"
    )
