"""E-mail settings for an unconfirmed address, as it looks on a phone and a desktop.

Found by looking at the screenshots: the account menu listed "E-mail address" and
"Password" twice, and the "We can't e-mail you yet" box had a heading's gap above
its heading, inside its own padding.
"""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.browser.conftest import expect
from tests.browser.pages import sign_in_context
from tests.browser.test_help_first import VIEWPORTS
from tests.factories import make_member

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_email_settings_for_an_unconfirmed_address(open_context, live_server, viewport):
    kit = make_member("Kit")
    EmailAddress.objects.filter(user=kit).update(verified=False)
    context = open_context(**VIEWPORTS[viewport])
    sign_in_context(context, kit, live_server)
    page = context.new_page()
    page.goto(reverse("members:email-preferences"))

    menu = page.get_by_role("navigation", name="Your account").get_by_role("link")
    names = [name.strip() for name in menu.all_inner_texts()]
    assert len(names) == len(set(names)), f"the account menu repeats links: {names}"

    heading = page.get_by_role("heading", name="We can't e-mail you yet")
    expect(heading).to_be_visible()
    box = page.locator("section.notice", has=heading).bounding_box()
    top = heading.bounding_box()["y"] - box["y"]
    assert top <= 24, f"{top:.0f}px of empty space above the notice's heading"
    expect(page.get_by_role("button", name="Send the confirmation link again")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        "the page scrolls sideways"
    )
