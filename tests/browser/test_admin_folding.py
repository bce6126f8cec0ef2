"""A moderator works an urgent item in a real browser: the words wait in the fold until
they open it, the edit box too, and "Escalate to staff" says who has it.

Screenshots of each page, desktop (1280 px) and phone (390 px), go to
$BOOMITY_SHOTS when it is set (e.g. /tmp/shots), for a person to look at.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from forums import actions as forum_actions
from moderation.models import EscalationContact, ModerationSettings, ReviewItem
from moderation.roles import MODERATORS
from tests.browser.conftest import Page, expect
from tests.browser.test_two_step import sign_in_to_the_admin
from tests.factories import make_board, make_member, make_staff_member, totp_code

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = "I want to end my life tonight, nothing helps anymore"
WIDTHS = {"desktop": 1280, "phone": 390}


def shoot(page: Page, name: str) -> None:
    folder = os.environ.get("BOOMITY_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def signed_in_moderator(page: Page, live_server):
    moderator = make_staff_member("Robin", MODERATORS)
    sign_in_to_the_admin(page, live_server, moderator.email)
    # The code step has two forms; the code's own button, not "Cancel".
    form = page.locator("form", has=page.locator("input[name=code]"))
    form.locator("input[name=code]").fill(totp_code())
    form.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return moderator


@pytest.mark.parametrize("viewport", list(WIDTHS))
def test_an_urgent_item_is_read_only_when_opened_and_escalation_says_who(
    open_context, live_server, viewport
):
    board = make_board("hard-days", name="Hard days")
    author = make_member("Sam")
    thread = forum_actions.start_thread(
        board=board, author=author, title="A long week", body="Thanks for listening."
    ).thread
    forum_actions.post_reply(thread=thread, author=author, body=WORDS)
    EscalationContact.objects.create(
        name="Dr Ana Ruiz", role="Clinical lead", email="lead@example.org", phone="020 7946 0000"
    )
    settings_row = ModerationSettings.load()
    settings_row.moderation_hours = "Mon-Fri 09:00-17:00"
    settings_row.save()
    item = ReviewItem.objects.get(crisis=True)
    width = WIDTHS[viewport]
    page = open_context(viewport={"width": width, "height": 900}).new_page()
    signed_in_moderator(page, live_server)

    page.goto(f"{live_server.url}/admin/moderation/reviewitem/")
    expect(
        page.get_by_role("link", name="Post with crisis language (open to read)")
    ).to_be_visible()
    assert "end my life" not in page.content()
    shoot(page, f"queue-{width}")

    page.get_by_role("link", name="Post with crisis language (open to read)").click()
    words = page.locator(".review-post .post-body").get_by_text(WORDS, exact=True)
    expect(words).to_be_hidden()
    edit_box = page.get_by_label("Edited post (for “Edit the post”)")
    expect(edit_box).to_be_hidden()
    shoot(page, f"item-folded-{width}")

    page.get_by_text("This post may be distressing (crisis language)").click()
    expect(words).to_be_visible()
    expect(edit_box).to_be_hidden()  # a fold of its own, opened only to edit
    shoot(page, f"item-opened-{width}")

    page.get_by_label("Escalate to staff").check()
    page.get_by_label("Reason").fill("They wrote about tonight; please call them.")
    page.get_by_role("button", name="Decide and go to the next item").click()
    expect(
        page.get_by_text("Escalated. E-mailing a link to the item (never the post)")
    ).to_be_visible()
    page.goto(f"{live_server.url}/admin/moderation/reviewitem/{item.pk}/change/")
    expect(page.get_by_role("heading", name="Escalated")).to_be_visible()
    expect(page.get_by_role("link", name="020 7946 0000")).to_be_visible()
    shoot(page, f"item-escalated-{width}")

    # An edit still works from inside the fold (which shows once "Edit" is chosen).
    page.get_by_role("radio", name="Edit the post").check()
    page.get_by_text("The edit box holds the post's words").click()
    edit_box.fill("I am having a very hard night.")
    page.get_by_label("Reason").fill("We took out a detail, to keep everyone safe.")
    page.get_by_role("button", name="Decide and go to the next item").click()
    expect(page.get_by_text("Done: you edited the post.")).to_be_visible()
    item.post.refresh_from_db()
    assert item.post.body == "I am having a very hard night."

    page.goto(f"{live_server.url}/admin/moderation/escalationcontact/")
    expect(page.get_by_text("Dr Ana Ruiz")).to_be_visible()
    shoot(page, f"contacts-{width}")
    page.goto(f"{live_server.url}/help/")
    expect(page.get_by_role("heading", name="When the moderators are around")).to_be_visible()
    shoot(page, f"help-{width}")
