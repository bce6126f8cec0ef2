"""A review item's page on a phone (390 px): each decision's whole row and each button
is at least 44 px tall, so a thumb hits the decision it means."""

from __future__ import annotations

import pytest

from tests.browser.test_admin_folding import signed_in_moderator
from tests.browser.test_decision_form import flagged_reply

pytestmark = pytest.mark.django_db(transaction=True)

TARGET = 44


def test_decisions_and_buttons_are_thumb_sized_at_390px(open_context, live_server):
    item = flagged_reply().review_items.get()
    page = open_context(viewport={"width": 390, "height": 844}).new_page()
    signed_in_moderator(page, live_server)
    page.goto(f"{live_server.url}/admin/moderation/reviewitem/{item.pk}/change/")

    choices = page.locator("form.decision label:has(input[type=radio], input[type=checkbox])")
    assert choices.count() >= 8  # five decisions on the post, three on its author
    for n in range(choices.count()):
        label = choices.nth(n)
        box = label.bounding_box()
        assert box["height"] >= TARGET, (label.inner_text(), box)
        assert box["width"] >= 200, (label.inner_text(), box)  # the row, not the dot
    # Tapping the words (not the dot) chooses it.
    page.get_by_text("Hide the post", exact=True).click()
    assert page.get_by_role("radio", name="Hide the post").is_checked()

    buttons = [
        page.get_by_role("button", name="Claim this item"),
        page.get_by_role("button", name="Decide and go to the next item"),
        page.get_by_role("button", name="Decide and stay on this item"),
    ]
    for button in buttons:
        box = button.bounding_box()
        assert box["height"] >= TARGET and box["width"] >= TARGET, box


def test_the_decide_buttons_are_the_admins_buttons_the_main_one_primary(open_context, live_server):
    # A stranger found them plain grey browser buttons, 21 px tall at 1280, beside a
    # styled "Claim this item": the button that hides, warns or suspends looked least.
    item = flagged_reply().review_items.get()
    page = open_context(viewport={"width": 1280, "height": 800}).new_page()
    signed_in_moderator(page, live_server)
    page.goto(f"{live_server.url}/admin/moderation/reviewitem/{item.pk}/change/")

    def look(name: str) -> dict:
        return page.get_by_role("button", name=name).evaluate(
            """(el) => { const s = getComputedStyle(el), b = el.getBoundingClientRect();
              return {bg: s.backgroundColor, weight: Number(s.fontWeight), height: b.height}; }"""
        )

    claim = look("Claim this item")
    main = look("Decide and go to the next item")
    stay = look("Decide and stay on this item")
    assert main["bg"] == claim["bg"], (main, claim)  # the admin's primary button
    assert stay["bg"] not in (main["bg"], "rgb(239, 239, 239)", "rgba(0, 0, 0, 0)"), stay
    assert main["weight"] > stay["weight"], (main, stay)
    for button in (main, stay):
        assert button["height"] >= 36, button
