"""A member reads a message from the moderation team and answers it, in a real browser:
from the notification to the conversation, and — when the answer has crisis language —
the help first, on screen, on a phone and a desktop."""

from __future__ import annotations

import pytest

from members.models import Profile
from moderation.actions import write_to_member
from moderation.models import ReviewItem
from tests.browser.conftest import expect
from tests.browser.pages import sign_in_context
from tests.browser.test_accessibility import _with_axe, axe_problems
from tests.browser.test_help_first import CRISIS_TEXT, KIND, SETTLE_MS, VIEWPORTS
from tests.factories import make_member

pytestmark = pytest.mark.django_db(transaction=True)

TEAM_WORDS = "We read your post and wanted to check in with you."


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_member_answers_the_team_and_sees_help_first(open_context, live_server, viewport):
    member, moderator = make_member("Robin"), make_member("Sam")
    conversation = write_to_member(
        member,
        by=moderator,
        subject="Checking in after your post last night",
        body="\n\n".join([TEAM_WORDS] * 12),  # long: the reply box is far down a phone
    ).conversation
    context = open_context(**VIEWPORTS[viewport])
    _with_axe(context)
    sign_in_context(context, member, live_server)
    page = context.new_page()

    page.goto("/notifications/")
    expect(page.get_by_text("The moderation team sent you a message")).to_be_visible()
    page.get_by_role("link", name="Read the message").click()
    expect(
        page.get_by_role("heading", name="Checking in after your post last night", level=1)
    ).to_be_visible()
    expect(page.get_by_text("The moderation team").first).to_be_visible()
    assert "Sam" not in page.locator("main").inner_text()
    assert axe_problems(page, f"conversation-{viewport}") == []

    page.get_by_label("Your message").fill(CRISIS_TEXT)
    page.get_by_role("button", name="Send your message").click()
    page.wait_for_timeout(SETTLE_MS)
    assert "#" not in page.url
    heading = page.get_by_role("heading", name=KIND)
    expect(heading).to_be_visible()
    box = heading.bounding_box()
    height = page.viewport_size["height"]
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height
    assert page.locator(".crisis-panel .resource").first.bounding_box()["y"] < height
    assert page.evaluate("document.activeElement && document.activeElement.id") == (
        "crisis-heading"
    )
    expect(page.locator("main")).to_contain_text("nobody notices")
    assert axe_problems(page, f"conversation-crisis-{viewport}") == []
    assert ReviewItem.objects.filter(message__conversation=conversation, crisis=True).exists()
    assert Profile.objects.get(user=member).unread_notifications == 0
