"""Two-step sign-in for the admin, in a real browser: set it up, then sign in with it.

The code an authenticator app would show is worked out in the test from the key the
page shows (or the persona's key), the way a phone would.
"""

from __future__ import annotations

import re

import pytest

from members.models import CommunitySettings, SignupPolicy
from moderation.roles import MODERATORS, STAFF
from tests.browser.conftest import Page, expect
from tests.browser.pages import SCHEMES, VIEWPORTS
from tests.browser.test_accessibility import _with_axe, axe_problems, structure_problems
from tests.factories import PASSWORD, make_staff_member, totp_code

pytestmark = pytest.mark.django_db(transaction=True)


def watch_for_blocked_content(page: Page) -> list[str]:
    """Console messages about anything the Content-Security-Policy refused."""
    refused: list[str] = []
    page.on(
        "console",
        lambda msg: (
            refused.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused" in msg.text
            else None
        ),
    )
    return refused


def sign_in_to_the_admin(page: Page, live_server, email: str) -> None:
    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()


def test_a_staff_member_sets_up_two_step_sign_in_and_the_admin_opens(page, live_server):
    staff = make_staff_member("Kai", STAFF, two_step=False)
    refused = watch_for_blocked_content(page)
    sign_in_to_the_admin(page, live_server, staff.email)

    # No authenticator yet: a kind explanation instead of the admin.
    expect(
        page.get_by_role("heading", name="Set up two-step sign-in to open the admin", level=1)
    ).to_be_visible()
    page.get_by_role("link", name="Set up two-step sign-in").click()
    expect(page.get_by_role("heading", name="Confirm it's you", level=1)).to_be_visible()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Set up two-step sign-in", level=1)).to_be_visible()
    qr = page.get_by_role("img", name="QR code for your authenticator app")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box["width"] >= 150 and box["height"] >= 150
    secret = page.locator("#setup-key").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)

    page.get_by_label("The six-digit code your app shows").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_role("heading", name="Your recovery codes", level=1)).to_be_visible()
    expect(
        page.get_by_role("list", name="Unused recovery codes").get_by_role("listitem")
    ).to_have_count(10)
    page.get_by_role("link", name="I've kept them safe: go to the admin").click()
    expect(page.get_by_role("link", name="Community settings")).to_be_visible()
    assert not refused, refused


def test_a_moderator_signs_in_with_the_code_from_their_app(page, live_server):
    moderator = make_staff_member("Robin", MODERATORS)
    sign_in_to_the_admin(page, live_server, moderator.email)

    expect(page.get_by_role("heading", name="Type the code from your app", level=1)).to_be_visible()
    code = page.get_by_label("Code from your app, or a recovery code")
    code.fill("000000")
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("That code didn't work")).to_be_visible()
    assert "/admin/" not in page.url

    page.get_by_label("Code from your app, or a recovery code").fill(totp_code())
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.get_by_role("link", name="Items to review").first.click()
    expect(page.get_by_role("heading", name=re.compile("review", re.I)).first).to_be_visible()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_joining_and_two_step_pages_are_accessible(open_context, live_server, viewport, scheme):
    """axe-core and the structure checks of test_accessibility.py, on the pages this
    feature adds: sign-up by invitation (and its error), the two-step explanation,
    set-up, recovery codes, the two-step page of the account, and the code step."""
    community = CommunitySettings.load()
    community.signup_policy = SignupPolicy.INVITATION
    community.save()
    staff = make_staff_member("Kai", STAFF, two_step=False)
    moderator = make_staff_member("Robin", MODERATORS)
    page = _with_axe(open_context(**VIEWPORTS[viewport], color_scheme=scheme)).new_page()
    problems: list[str] = []

    def audit(name: str) -> None:
        where = f"{name} [{viewport}, {scheme}]"
        problems.extend(axe_problems(page, where))
        if scheme == "light":
            problems.extend(structure_problems(page, where, phone=viewport == "phone"))

    page.goto(f"{live_server.url}/accounts/signup/")
    audit("sign-up by invitation")
    page.get_by_label("Invitation code").fill("NOT-A-CODE")
    page.get_by_label("E-mail address").fill("river@example.org")
    page.get_by_label("Display name").fill("River")
    page.get_by_label("Password").fill("calm-waters-2026")
    page.get_by_label("I have read and accept the community guidelines").check()
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_text("We don't recognise that invitation code")).to_be_visible()
    audit("sign-up with a wrong code")

    sign_in_to_the_admin(page, live_server, staff.email)
    audit("two-step needed")
    page.get_by_role("link", name="Set up two-step sign-in").click()
    audit("confirm it's you")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    audit("two-step set-up")
    secret = page.locator("#setup-key").inner_text().strip()
    page.get_by_label("The six-digit code your app shows").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    audit("recovery codes")
    page.goto(f"{live_server.url}/accounts/2fa/")
    audit("two-step account page")
    page.get_by_role("banner").get_by_role("button", name="Sign out").click()

    sign_in_to_the_admin(page, live_server, moderator.email)
    expect(page.get_by_role("heading", name="Type the code from your app")).to_be_visible()
    audit("two-step code")
    assert not problems, f"{len(problems)} accessibility problem(s):\n" + "\n".join(problems)
