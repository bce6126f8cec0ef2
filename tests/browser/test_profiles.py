"""Profiles, finding people like me, and @mentions, in a real browser.

One journey: a member shares an experience and a bio on their profile; another finds
them in the members directory by that experience, opens their profile, and mentions
them in a reply; the first hears about it and follows the link. Then the new pages
are audited like every main page (axe, structure; desktop and phone, light and dark).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import expect
from tests.browser.pages import SCHEMES, VIEWPORTS, build_community, main_pages
from tests.browser.test_accessibility import _with_axe, axe_problems, structure_problems
from tests.browser.test_journeys import open_thread, post_by, reply, sign_in
from tests.factories import make_board, make_member, make_thread

pytestmark = pytest.mark.django_db(transaction=True)

OUR_PAGES = {"account-profile", "member-profile", "members-directory"}


def test_share_an_experience_be_found_and_be_mentioned(open_page, live_server):
    board = make_board(name="Grief and loss")
    ash, sam = make_member("Ash"), make_member("Sam T")
    make_thread(board, sam, title="Ten years on", body="Still thinking of my brother today.")

    # Ash shares an experience and a few words about themselves.
    ash_page = open_page()
    sign_in(ash_page, live_server, ash.email)
    ash_page.get_by_role("navigation", name="Main").get_by_role("link", name="Ash").click()
    expect(ash_page.get_by_role("heading", name="Your profile", level=1)).to_be_visible()
    # One fieldset per experience: Ash shows this one to other members.
    ash_page.get_by_role("group", name="Grief and loss", exact=False).get_by_label(
        "Add it, and show it to other members"
    ).check()
    ash_page.get_by_label("About you").fill("I lost my dad last spring. **Walking** helps.")
    ash_page.get_by_role("button", name="Save my profile").click()
    expect(ash_page.get_by_role("heading", name="Ash", level=1)).to_be_visible()
    expect(ash_page.get_by_text("Your profile is saved.")).to_be_visible()
    expect(ash_page.locator("main strong")).to_have_text("Walking")

    # Sam finds Ash in the directory by that experience and opens their profile.
    sam_page = open_page(phone=True)
    sign_in(sam_page, live_server, sam.email)
    sam_page.get_by_role("navigation", name="Main").get_by_role("link", name="Members").click()
    sam_page.get_by_label("Lived experience").select_option(label="Grief and loss")
    sam_page.get_by_role("button", name="Show members").click()
    expect(
        sam_page.get_by_role("heading", name="Members who share “Grief and loss”")
    ).to_be_visible()
    sam_page.get_by_role("main").get_by_role("link", name="Ash", exact=True).click()
    expect(sam_page.get_by_role("heading", name="Ash", level=1)).to_be_visible()
    expect(sam_page.get_by_text("I lost my dad last spring.")).to_be_visible()
    assert sam_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # Sam mentions Ash in a reply: the name becomes a link to Ash's profile.
    open_thread(sam_page, board, "Ten years on")
    reply(sam_page, "Thank you for being here, @ash.")
    mention = post_by(sam_page, "Sam T").last.get_by_role("link", name="@Ash")
    expect(mention).to_have_attribute("href", "/members/Ash/")

    # Ash hears about it, and the notification leads to the reply.
    ash_page.reload()
    nav = ash_page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Notifications 1 new")).to_be_visible()
    nav.get_by_role("link", name="Notifications 1 new").click()
    expect(ash_page.get_by_text("Sam T mentioned you in “Ten years on”.")).to_be_visible()
    ash_page.get_by_role("link", name="Read where you were mentioned").click()
    expect(post_by(ash_page, "Sam T").last).to_contain_text("Thank you for being here")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_profile_pages_are_accessible(open_context, live_server, viewport, scheme):
    community = build_community()
    page = _with_axe(open_context(**VIEWPORTS[viewport], color_scheme=scheme)).new_page()
    problems = []
    ours = [p for p in main_pages(community) if p.name in OUR_PAGES]
    assert {p.name for p in ours} == OUR_PAGES
    for main_page in ours:
        main_page.open(page, community, live_server)
        where = f"{main_page.name} [{viewport}, {scheme}]"
        problems += axe_problems(page, where)
        if scheme == "light":
            problems += structure_problems(page, where, phone=viewport == "phone")
    assert not problems, f"{len(problems)} accessibility problem(s):\n" + "\n".join(problems)
