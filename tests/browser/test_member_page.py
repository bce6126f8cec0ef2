"""A moderator's shift, in a real browser, at a laptop and on a phone: a handover note
left on the admin's front page, a member's name in the queue leading to everything
about them (their crisis post still folded), and a note written there. axe checks the
pages; screenshots go to $BOOMITY_SHOTS when it is set."""

from __future__ import annotations

import re

import pytest

from forums import actions as forum_actions
from tests.browser.conftest import expect
from tests.browser.test_accessibility import _with_axe, axe_problems
from tests.browser.test_admin_folding import WIDTHS, shoot, signed_in_moderator
from tests.factories import make_board, make_member

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = "I want to end my life tonight, nothing helps anymore"


@pytest.mark.parametrize("viewport", list(WIDTHS))
def test_a_handover_note_and_everything_about_a_member(open_context, live_server, viewport):
    board = make_board("hard-days", name="Hard days")
    sam = make_member("Sam")
    thread = forum_actions.start_thread(
        board=board, author=sam, title="A long week", body="Thanks for listening."
    ).thread
    forum_actions.post_reply(thread=thread, author=sam, body=WORDS)
    width = WIDTHS[viewport]
    page = _with_axe(open_context(viewport={"width": width, "height": 900})).new_page()
    signed_in_moderator(page, live_server)
    problems: list[str] = []

    # The front page: leave the next shift a note.
    page.get_by_label("Leave a note for the next shift").fill("Sam had a hard night.")
    page.get_by_role("button", name="Leave the note").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    notes = page.locator(".handover-notes")
    expect(notes.get_by_text("Sam had a hard night.")).to_be_visible()
    expect(notes.get_by_role("button", name="Dismiss for everyone")).to_be_visible()
    problems += axe_problems(page, f"admin home {width}")
    shoot(page, f"admin-home-handover-{width}")

    # The queue names the author; the name leads to everything about them.
    page.goto(f"{live_server.url}/admin/moderation/reviewitem/")
    expect(page.locator(".handover-notes").get_by_text("Sam had a hard night.")).to_be_visible()
    page.locator("#result_list").get_by_role("link", name="Sam", exact=True).click()
    expect(page.get_by_role("heading", name="Everything about Sam")).to_be_visible()
    words = page.locator(".post-excerpt").get_by_text(WORDS, exact=True)
    expect(words).to_be_hidden()  # folded until opened
    page.get_by_text("This post may be distressing (crisis language) — open to read").click()
    expect(words).to_be_visible()

    # A note, with the reminder that Sam can ask to see it.
    expect(page.get_by_text("The member can ask to see these notes")).to_be_visible()
    page.get_by_label("Add a note for the other moderators").fill("Prefers gentle words.")
    page.get_by_role("button", name="Save the note").click()
    expect(page.locator(".member-notes").get_by_text("Prefers gentle words.")).to_be_visible()
    problems += axe_problems(page, f"member page {width}")
    shoot(page, f"member-page-{width}")
    assert not problems, "\n".join(problems)


# Every link in the page's section links and its tables, with its box.
TARGETS = """() => [...document.querySelectorAll('.member-case-nav a, table.card-rows a')]
  .filter((el) => el.getClientRects().length)
  .map((el) => { const b = el.getBoundingClientRect();
    return {what: el.textContent.trim().slice(0, 30), width: b.width, height: b.height}; })"""


def test_a_members_page_on_a_phone_is_cards_with_thumb_sized_links(open_context, live_server):
    board = make_board("hard-days", name="Hard days")
    sam, kit = make_member("Sam"), make_member("Kit")
    thread = forum_actions.start_thread(
        board=board, author=sam, title="A long week", body="Thanks for listening."
    ).thread
    for n in range(3):
        forum_actions.post_reply(thread=thread, author=sam, body=f"Still here, day {n}.")
    from moderation import actions as moderation_actions

    moderation_actions.flag_post(post=thread.posts.get(number=2), member=kit, reason="spam")
    page = open_context(viewport={"width": 390, "height": 844}).new_page()
    signed_in_moderator(page, live_server)
    page.goto(f"{live_server.url}/admin/members/profile/member/{sam.pk}/")
    posts = page.locator("table.card-rows").first
    # Cards, as in every list: no header row, each part named ("When: …"), nothing sideways.
    expect(posts.locator("thead")).to_be_hidden()
    label = posts.locator("tbody td").first.evaluate(
        "el => getComputedStyle(el, '::before').content"
    )
    assert label.startswith('"When'), label
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    small = [t for t in page.evaluate(TARGETS) if t["width"] < 44 or t["height"] < 44]
    shoot(page, "member-page-cards-390")
    assert not small, small
