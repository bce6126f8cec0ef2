"""The flagger's way back, in a real browser, on a phone (390 px) and a desktop.

A member worried about someone's safety flags their post from the thread — on its
first page or its second — and is taken back to that same post, with the thank-you
notice on screen beside it, and the post still there to read: a safety flag brings a
moderator closer, it never takes the post away (voice.md).

Chromium scrolls to a URL's #anchor a moment after the load event, so each check waits
a little first (stack-notes: "Anchor jumps come late").
"""

from __future__ import annotations

import pytest
from django.conf import settings

from forums import actions
from tests.browser.conftest import expect
from tests.browser.pages import sign_in_context
from tests.browser.test_help_first import SETTLE_MS, VIEWPORTS
from tests.factories import make_board, make_member

pytestmark = pytest.mark.django_db(transaction=True)

THANKS = "Thank you. The moderators will look at this first."
WORRYING = "I haven't slept in days and I don't know who to talk to any more."
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def long_thread():
    """Two pages of posts, with one worrying post on each page."""
    board = make_board("low-days", name="Low days")
    amara, theo = make_member("Amara"), make_member("Theo")
    thread = actions.start_thread(
        board=board, author=amara, title="How are you, really?", body="Checking in on everyone."
    ).thread
    per_page = settings.BOOMITY_POSTS_PER_PAGE
    worrying = {5, per_page + 2}  # one far down page 1, one on page 2
    for number in range(2, per_page + 4):
        body = WORRYING if number in worrying else f"Post {number}: a slow, okay sort of day."
        actions.post_reply(thread=thread, author=theo, body=body)
    thread.refresh_from_db()
    return thread


@pytest.mark.parametrize("on_page", [1, 2], ids=["page-1", "page-2"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_flagging_for_safety_leads_back_to_the_post(
    open_context, live_server, long_thread, viewport, on_page
):
    number = 5 if on_page == 1 else settings.BOOMITY_POSTS_PER_PAGE + 2
    robin = make_member("Robin")
    context = open_context(**VIEWPORTS[viewport])
    sign_in_context(context, robin, live_server)
    page = context.new_page()
    page.goto(long_thread.page_url(on_page))
    post = page.locator(f"#p{number}")
    expect(post).to_contain_text(WORRYING)

    post.locator("summary", has_text="More").click()
    post.get_by_role("link", name=f"Flag post {number} for the moderators").click()
    expect(page.get_by_role("heading", name="Flag this post for the moderators")).to_be_visible()
    page.get_by_label("I'm worried about this person's safety").check()
    page.get_by_role("button", name="Send to the moderators").click()

    # Back on the page they were reading.
    expect(page.get_by_role("heading", name=long_thread.title, level=1)).to_be_visible()
    page.wait_for_timeout(SETTLE_MS)
    if on_page == 2:
        assert "page=2" in page.url, f"landed on {page.url}, not the thread's second page"
    height = page.viewport_size["height"]

    # The thank-you is on screen, where they are — not above a fold they were sent past.
    notice = page.get_by_text(THANKS)
    expect(notice).to_be_visible()
    box = notice.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, (
        f"the thank-you is at y={box and box['y']}, outside a {height}px-high screen"
    )

    # The flagged post is on screen and still readable: nothing is taken away.
    post = page.locator(f"#p{number}")
    expect(post).to_contain_text(WORRYING)
    body_box = post.locator(".post__body").bounding_box()
    assert body_box is not None and 0 <= body_box["y"] < height, (
        f"the flagged post's words are at y={body_box and body_box['y']}, off a {height}px screen"
    )
    assert page.evaluate(NO_SIDEWAYS_SCROLL), "the page scrolls sideways"
