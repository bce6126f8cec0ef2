"""Check-ins in a real browser: a member opts in, answers, and sees their trend;
the check-in pages pass the same accessibility audits as the main pages."""

from __future__ import annotations

import re

import pytest

from checkins import actions
from tests.browser.pages import SCHEMES, VIEWPORTS, sign_in_context
from tests.browser.test_accessibility import _with_axe, axe_problems, structure_problems
from tests.browser.test_journeys import sign_in
from tests.conftest import make_member
from tests.members.helpers import checked_in

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails on CI) with the reason
    expect = None

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = re.compile(r"^(How confident|When symptoms)")


def test_member_opts_in_answers_and_sees_their_trend(page, live_server):
    member = make_member("Robin")
    sign_in(page, live_server, member.email)

    # From the account area, not a pop-up: check-ins are off until the member says yes.
    page.get_by_role("link", name="Robin").click()
    page.get_by_role("navigation", name="Your account").get_by_role(
        "link", name="Check-ins"
    ).click()
    expect(page.get_by_role("heading", name="Check-ins", level=1)).to_be_visible()
    expect(page.get_by_text("isn't a diagnosis or a test")).to_be_visible()
    page.get_by_role("button", name="Turn on check-ins").click()
    expect(page.get_by_role("heading", name="Check in", level=1)).to_be_visible()

    questions = page.get_by_role("group", name=QUESTION)
    expect(questions).to_have_count(6)
    # Five answered, one forgotten: nothing is lost, and the missing one is named.
    for n in range(5):
        questions.nth(n).get_by_label(str(n + 3), exact=True).check()
    page.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_role("alert").first).to_contain_text("We couldn't save that yet")
    expect(questions.nth(5)).to_contain_text("Please choose a number for this question")
    for n in range(5):
        expect(questions.nth(n).get_by_label(str(n + 3), exact=True)).to_be_checked()

    questions.nth(5).get_by_label("10", exact=True).check()
    page.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_role("heading", name="Your check-ins", level=1)).to_be_visible()
    expect(page.get_by_text("Your check-in is saved")).to_be_visible()
    chart = page.get_by_role("img", name=re.compile("Your check-ins over time"))
    expect(chart).to_be_visible()
    # (3 + 4 + 5 + 6 + 7 + 10) / 6 = 5.8, in the chart's table too.
    table = page.get_by_role("table", name="Your average, check-in by check-in")
    expect(table.get_by_role("cell", name="5.8")).to_be_visible()

    # Checked in just now: the home page doesn't invite again.
    page.get_by_role("banner").get_by_role("link", name="Boomity", exact=True).click()
    expect(page.get_by_text("Would you like to check in?")).to_have_count(0)


def test_a_due_check_in_is_a_gentle_notice_that_can_wait(page, live_server):
    member = make_member("Kai")
    actions.opt_in_to_check_ins(member)
    checked_in(member, days_ago=35, score=5)
    sign_in(page, live_server, member.email)
    invite = page.get_by_role("complementary", name="Check-in")
    expect(invite).to_contain_text("Would you like to check in?")
    # The page is usable around it: nothing blocks the boards.
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    invite.get_by_role("button", name="Not now").click()
    expect(page.get_by_text("We'll ask again in a week")).to_be_visible()
    expect(page.get_by_role("complementary", name="Check-in")).to_have_count(0)


def _answer_with_one_missing(page) -> None:
    page.goto("/check-in/new/")
    questions = page.get_by_role("group", name=QUESTION)
    for n in range(5):
        questions.nth(n).get_by_label("6", exact=True).check()
    page.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_role("alert").first).to_be_visible()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_check_in_pages_are_accessible(open_context, live_server, viewport, scheme):
    member = make_member("Robin")
    actions.opt_in_to_check_ins(member)
    for days, score in [(90, 3), (60, 5), (30, 7)]:  # due again: the invitation shows
        checked_in(member, days_ago=days, score=score)
    context = _with_axe(open_context(**VIEWPORTS[viewport], color_scheme=scheme))
    sign_in_context(context, member, live_server)
    page = context.new_page()
    problems = []
    pages = [
        ("about", lambda: page.goto("/check-in/")),
        ("answer-error", lambda: _answer_with_one_missing(page)),
        ("history", lambda: page.goto("/check-in/history/")),
        ("home-invitation", lambda: page.goto("/")),
    ]
    for name, go in pages:
        go()
        where = f"{name} [{viewport}, {scheme}]"
        problems += axe_problems(page, where)
        if scheme == "light":
            problems += structure_problems(page, where, phone=viewport == "phone")
    assert not problems, f"{len(problems)} accessibility problem(s):\n" + "\n".join(problems)
