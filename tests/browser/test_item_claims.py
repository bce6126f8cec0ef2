"""A review item's page through one shift, in a real browser at a laptop's and a
phone's width: someone else's claim is taken over in the decision's one submit, the
conversation started from the item is on its page, and once resolved the page says who
decided what and offers no form. BOOMITY_SHOTS=folder keeps the screenshots."""

from __future__ import annotations

import re

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
    page.get_by_label("Why you're taking it over from Jordan").fill("Jordan's shift ended.")
    page.get_by_role("button", name="Decide and stay on this item").click()
    expect(page.get_by_role("heading", name="Resolved")).to_be_visible()
    expect(
        page.get_by_text("Resolved", exact=False).filter(has_text="by Robin: hidden")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Your decision")).to_have_count(0)
    expect(page.get_by_role("button", name="Claim this item")).to_have_count(0)
    shoot(page, f"item-resolved-{width}")


@pytest.mark.parametrize("width", list(WIDTHS))
def test_one_box_for_why_and_taking_over_without_deciding_keeps_the_decision(
    open_context, live_server, width
):
    """A stranger typed why in the claim box's own box at the top, then decided below:
    the reason was lost. Now the claim box leads to the decision form's one box, and
    "Take it over without deciding" keeps what was chosen and written for the decision."""
    reply = flagged_reply()
    item = reply.review_items.get()
    claims.claim(item, by=make_staff_member("Jordan", MODERATORS))
    page = open_context(viewport=WIDTHS[width]).new_page()
    signed_in_moderator(page, live_server)
    page.goto(f"{live_server.url}/admin/moderation/reviewitem/{item.pk}/change/")
    expect(page.get_by_label(re.compile("taking it over"))).to_have_count(1)
    page.get_by_role("radio", name="Hide the post").check()
    page.get_by_label("Reason (the author reads it)").fill("Our guidelines ask us to be kind.")
    page.get_by_role("link", name="Take it over…").click()
    box = page.get_by_label("Why you're taking it over from Jordan")
    expect(box).to_be_in_viewport()
    box.fill("Jordan's shift ended.")
    shoot(page, f"item-one-take-over-box-{width}")
    page.get_by_role("button", name="Take it over without deciding").click()
    expect(page.get_by_text("You've taken it over from Jordan")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Claimed by Robin since .* that's you"))).to_be_visible()
    # Nothing decided, nothing lost: the decision waits as it was left.
    expect(page.get_by_role("radio", name="Hide the post")).to_be_checked()
    expect(page.get_by_label("Reason (the author reads it)")).to_have_value(
        "Our guidelines ask us to be kind."
    )
    expect(page.get_by_label(re.compile("taking it over"))).to_have_count(0)
    shoot(page, f"item-taken-over-decision-kept-{width}")
    page.get_by_role("button", name="Decide and stay on this item").click()
    expect(page.get_by_role("heading", name="Resolved")).to_be_visible()
