"""A review item's page through one shift, in a real browser at a laptop's and a
phone's width: someone else's claim is taken over in the decision's one submit, the
conversation started from the item is on its page, and once resolved the page says who
decided what and offers no form. BOOMITY_SHOTS=folder keeps the screenshots."""

from __future__ import annotations

import pytest

from moderation import actions, claims
from moderation.roles import MODERATORS
from tests.browser.conftest import expect
from tests.browser.test_admin_folding import shoot, signed_in_moderator
from tests.browser.test_decision_form import flagged_reply
from tests.factories import make_staff_member

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"1280": {"width": 1280, "height": 900}, "390": {"width": 390, "height": 844}}


@pytest.mark.parametrize("width", list(WIDTHS))
def test_taking_over_in_the_decision_then_a_resolved_page(open_context, live_server, width):
    reply = flagged_reply()
    item = reply.review_items.get()
    claims.claim(item, by=make_staff_member("Jordan", MODERATORS))
    page = open_context(viewport=WIDTHS[width]).new_page()
    moderator = signed_in_moderator(page, live_server)
    actions.write_to_member(
        reply.author, by=moderator, subject="About your reply", body="Hello.", item=item
    )
    page.goto(f"{live_server.url}/admin/moderation/reviewitem/{item.pk}/change/")
    expect(page.get_by_role("link", name="“About your reply”")).to_be_visible()
    expect(page.get_by_text("Jordan has claimed this item", exact=False).last).to_be_visible()
    page.get_by_role("radio", name="Hide the post").check()
    page.get_by_label("Reason (the author reads it)").fill(
        "Our guidelines ask us to disagree kindly."
    )
    page.get_by_role("button", name="Decide and stay on this item").click()
    expect(page.get_by_text("please say why you're taking it over")).to_be_visible()
    shoot(page, f"item-take-over-asked-{width}")
    page.get_by_label("Why you're taking it over from Jordan, to decide").fill(
        "Jordan's shift ended."
    )
    page.get_by_role("button", name="Decide and stay on this item").click()
    expect(page.get_by_role("heading", name="Resolved")).to_be_visible()
    expect(
        page.get_by_text("Resolved", exact=False).filter(has_text="by Robin: hidden")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Your decision")).to_have_count(0)
    expect(page.get_by_role("button", name="Claim this item")).to_have_count(0)
    shoot(page, f"item-resolved-{width}")
