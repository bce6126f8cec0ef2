"""The e-mail choice and the unsubscribe page in a real browser: usable, accessible,
on a phone and in dark mode, and without JavaScript."""

from __future__ import annotations

import pytest

from members.mail import unsubscribe_token
from members.models import EmailFrequency, Profile
from tests.browser.conftest import expect
from tests.browser.pages import SCHEMES, VIEWPORTS, sign_in_context
from tests.browser.test_accessibility import _with_axe, axe_problems, structure_problems
from tests.factories import make_member

pytestmark = pytest.mark.django_db(transaction=True)


def frequency_of(member) -> str:
    return Profile.objects.get(user=member).email_frequency


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_email_pages_are_accessible(open_context, live_server, viewport, scheme):
    robin = make_member("Robin")
    context = _with_axe(open_context(**VIEWPORTS[viewport], color_scheme=scheme))
    page = context.new_page()
    problems = []
    pages = [
        ("unsubscribe", f"/unsubscribe/{unsubscribe_token(robin)}/", False),
        ("unsubscribe-bad-link", "/unsubscribe/nothing-here/", False),
        ("email-preferences", "/account/email-preferences/", True),
    ]
    for name, path, signed_in in pages:
        if signed_in:
            sign_in_context(context, robin, live_server)
        page.goto(path)
        where = f"{name} [{viewport}, {scheme}]"
        problems += axe_problems(page, where)
        if scheme == "light":
            problems += structure_problems(page, where, phone=viewport == "phone")
    assert not problems, f"{len(problems)} accessibility problem(s):\n" + "\n".join(problems)


def test_choosing_weekly_without_javascript(open_context, live_server):
    robin = make_member("Robin")
    context = open_context(java_script_enabled=False)
    sign_in_context(context, robin, live_server)
    page = context.new_page()
    page.goto("/notifications/")
    page.get_by_role("link", name="Choose how we e-mail you").click()
    page.get_by_label("Once a week — one summary, only when there's news").check()
    page.get_by_role("button", name="Save my choice").click()
    expect(page.get_by_text("Saved. We'll send you one summary a week")).to_be_visible()
    expect(page.get_by_label("Once a week — one summary, only when there's news")).to_be_checked()
    assert frequency_of(robin) == EmailFrequency.WEEKLY


def test_stopping_emails_from_the_link_on_a_phone(open_context, live_server):
    from tests.browser.conftest import PHONE

    robin = make_member("Robin")
    page = open_context(**PHONE, java_script_enabled=False).new_page()
    page.goto(f"/unsubscribe/{unsubscribe_token(robin)}/")
    assert frequency_of(robin) == EmailFrequency.DAILY  # opening it changed nothing
    page.get_by_role("button", name="Stop these e-mails").click()
    expect(page.get_by_text("You won't get e-mails about your notifications")).to_be_visible()
    assert frequency_of(robin) == EmailFrequency.NEVER
