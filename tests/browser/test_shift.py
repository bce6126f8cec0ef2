"""A moderators' shift, end to end, in real browsers (issue 12's "Done when").

Robin, a moderator at a laptop (1280 px), signs in with the second step, finds the
urgent item first in the queue, claims it, reads it (folded until opened), writes to
its author from a message template (changed before sending), hides and warns on a
flagged post in one decision, and leaves a handover note. Sam, the author, reads the
team's message from their notifications on a phone and answers. Kai, the next
moderator, follows the on-call e-mail's link on a phone (390 px), signs in with the
second step, and sees Robin's claim, the conversation with Sam's answer, and the note.
Key pages of Robin's are checked at 390 px too.

Paging again about an unacknowledged item is tested in tests/moderation/test_paging.py.
Screenshots go to $BOOMITY_SHOTS when it is set, like the other admin journeys.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from forums import actions as forum_actions
from forums.models import PostStatus
from moderation import actions
from moderation.models import MessageTemplate, ReviewItem, Sanction
from moderation.roles import MODERATORS
from tests.browser.conftest import Page, expect
from tests.browser.pages import sign_in_context
from tests.browser.test_admin_folding import shoot
from tests.browser.test_two_step import sign_in_to_the_admin
from tests.factories import (
    PASSWORD,
    make_board,
    make_member,
    make_staff_member,
    set_moderation,
    totp_code,
)

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
CRISIS_WORDS = "I want to end my life tonight, nothing helps anymore"
UNKIND_WORDS = "You are all idiots and nobody wants you here."
ONCALL = "oncall@example.org"
OUR_OWN_LINE = "We're here tonight if you'd like to talk."
SAMS_ANSWER = "Thank you for writing. I slept a little, and today feels less heavy."
NOTE = "Sam had a hard night: we wrote to them, please look for their answer."


def second_step(page: Page) -> None:
    """The code from the app, in the form that holds it (the page's last button cancels)."""
    expect(page.get_by_role("heading", name="Type the code from your app", level=1)).to_be_visible()
    form = page.locator("form", has=page.locator("input[name=code]"))
    form.get_by_label("Code from your app, or a recovery code").fill(totp_code())
    form.get_by_role("button", name="Sign in").click()


def the_words(page: Page):
    """The crisis post's words as a paragraph (the edit box holds them too, folded)."""
    return page.get_by_role("paragraph", include_hidden=True).filter(has_text=CRISIS_WORDS)


def counts_in_header(page: Page):
    return page.get_by_role("navigation", name="Waiting for the team")


def handover(page: Page):
    return page.get_by_role("region", name=re.compile("^What the next shift should know"))


def at_phone_width(page: Page, name: str, *visible) -> None:
    """The same page at 390 px: what matters is still on screen, with no sideways page
    scroll, then back to the laptop."""
    page.set_viewport_size(PHONE["viewport"])
    for locator in visible:
        expect(locator).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name} scrolls sideways by {overflow}px at 390 px"
    shoot(page, f"shift-{name}-390")
    page.set_viewport_size(LAPTOP["viewport"])


def test_a_shift_from_sign_in_to_handover(open_context, live_server, mailoutbox):
    set_moderation(oncall_emails=ONCALL)
    robin = make_staff_member("Robin", MODERATORS)
    kai = make_staff_member("Kai", MODERATORS)
    sam, lee, kit = make_member("Sam"), make_member("Lee"), make_member("Kit")
    board = make_board("hard-days", name="Hard days")
    # The flagged post is older than the crisis post: the queue still puts urgent first.
    evening = forum_actions.start_thread(
        board=board, author=lee, title="Evening plans", body="What helps you wind down?"
    ).thread
    unkind = forum_actions.post_reply(thread=evening, author=lee, body=UNKIND_WORDS)
    actions.flag_post(post=unkind, member=kit, reason="unkind")
    week = forum_actions.start_thread(
        board=board, author=sam, title="A long week", body="Thanks for listening."
    ).thread
    forum_actions.post_reply(thread=week, author=sam, body=CRISIS_WORDS)
    urgent = ReviewItem.objects.get(crisis=True)
    # The template every community starts with (moderation/migrations/0010_…).
    template = MessageTemplate.objects.get(name="Checking in")
    # The on-call list was e-mailed a link to the urgent item, never the words.
    (page_mail,) = [m for m in mailoutbox if ONCALL in m.to]
    assert CRISIS_WORDS not in page_mail.body
    link = re.search(r"https?://\S+/admin/moderation/reviewitem/\d+/change/", page_mail.body)
    assert link, page_mail.body
    item_path = urlsplit(link.group(0)).path

    # --- Robin signs in, with the second step -------------------------------------------
    page = open_context(**LAPTOP).new_page()
    sign_in_to_the_admin(page, live_server, robin.email)
    second_step(page)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    # --- The counts: on the admin's home and in the header of every admin page ---------
    waiting = page.get_by_role("region", name="Waiting for the team")
    expect(waiting.get_by_role("link", name="1 urgent")).to_be_visible()
    expect(waiting.get_by_role("link", name="1 flagged")).to_be_visible()
    header = counts_in_header(page)
    expect(header.get_by_role("link", name="1 urgent")).to_be_visible()
    expect(header.get_by_role("link", name="1 flagged")).to_be_visible()
    expect(header.get_by_role("link", name="0 held for review")).to_be_visible()
    shoot(page, "shift-01-admin-home-1280")
    at_phone_width(page, "admin-home", counts_in_header(page).get_by_role("link", name="1 urgent"))

    # --- The queue: the urgent item first; Robin claims it ------------------------------
    page.get_by_role("link", name="Items to review").first.click()
    crisis_link = page.get_by_role("link", name="Post with crisis language (open to read)")
    flagged_link = page.get_by_role("link", name=re.compile("^You are all idiots"))
    urgent_row = page.get_by_role("row").filter(has=crisis_link)
    # Urgent first, above the older flagged post, however the list is laid out.
    assert crisis_link.bounding_box()["y"] < flagged_link.bounding_box()["y"]
    expect(urgent_row).to_contain_text("Urgent")
    expect(urgent_row).to_contain_text("Opened by: nobody yet")
    assert "end my life" not in page.content()
    shoot(page, "shift-02-queue-1280")
    claim = urgent_row.get_by_role("button", name=f"Claim item {urgent.pk}")
    at_phone_width(page, "queue", crisis_link, claim)
    claim.click()
    expect(page.get_by_text("You've claimed it: other moderators see it's yours")).to_be_visible()
    expect(urgent_row).to_contain_text("Robin since")
    # Claimed stops the on-call e-mails, but nobody has read it yet: the row still says so.
    expect(urgent_row).to_contain_text("Opened by: nobody yet")

    # --- Reading it: folded first, opened on purpose ------------------------------------
    crisis_link.click()
    yours = page.get_by_text(re.compile(r"Claimed by Robin since \d\d:\d\d — that's you"))
    expect(yours).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"Acknowledged by Robin at .*, by claiming it"))
    ).to_be_visible()
    words = the_words(page)
    expect(words).to_be_hidden()
    shoot(page, "shift-03-item-folded-1280")
    fold = page.get_by_text("This post may be distressing (crisis language)")
    at_phone_width(page, "item-folded", fold, yours)
    fold.click()
    expect(words).to_be_visible()
    shoot(page, "shift-04-item-opened-1280")

    # --- Writing to Sam from a template, changed before sending -------------------------
    page.get_by_role("link", name="Write to them as the moderation team").click()
    page.get_by_label("Start from a template").select_option(label="Checking in")
    page.get_by_role("button", name="Use this template").click()
    subject = page.get_by_label("Subject")
    body = page.get_by_label("Your message, as the moderation team")
    expect(subject).to_have_value(template.subject)
    expect(body).to_have_value(template.body)
    body.fill(template.body.replace("Take care,", f"{OUR_OWN_LINE}\n\nTake care,"))
    shoot(page, "shift-05-write-from-template-1280")
    at_phone_width(page, "write-from-template", body)
    page.get_by_role("button", name="Send as the moderation team").click()
    expect(page.get_by_text("Sent to Sam, as the moderation team.")).to_be_visible()
    # Its own paragraph: the words, not their markup ("<p>…</p>").
    expect(page.get_by_text(OUR_OWN_LINE, exact=True)).to_be_visible()

    # --- The flagged post: hide it and warn its author, in one decision ----------------
    counts_in_header(page).get_by_role("link", name="1 flagged").click()
    flagged_link.click()
    page.get_by_role("radio", name="Hide the post").check()
    page.get_by_role("checkbox", name="Warn the author").check()
    page.get_by_label("Reason").fill("Our guidelines ask us to disagree kindly.")
    shoot(page, "shift-06-decision-1280")
    at_phone_width(
        page,
        "decision",
        page.get_by_role("radio", name="Hide the post"),
        page.get_by_role("button", name="Decide and go to the next item"),
    )
    page.get_by_role("button", name="Decide and stay on this item").click()
    expect(page.get_by_text("Done: you hid the post and warned the author.")).to_be_visible()
    unkind.refresh_from_db()
    assert unkind.status == PostStatus.HIDDEN
    assert list(Sanction.objects.filter(member=lee).values_list("kind", flat=True)) == ["warning"]

    # --- A note for the next shift ------------------------------------------------------
    page.get_by_role("link", name="Home").first.click()
    page.get_by_label("Leave a note for the next shift").fill(NOTE)
    page.get_by_role("button", name="Leave the note").click()
    expect(handover(page).get_by_text(NOTE)).to_be_visible()
    shoot(page, "shift-07-handover-1280")

    # --- Sam, on a phone, reads the team's message and answers --------------------------
    sams = open_context(**PHONE)
    sign_in_context(sams, sam, live_server)
    phone = sams.new_page()
    phone.goto("/")
    phone.get_by_role("link", name=re.compile(r"^Notifications 1")).first.click()
    expect(phone.get_by_text("The moderation team sent you a message")).to_be_visible()
    phone.get_by_role("link", name="Read the message").click()
    expect(
        phone.get_by_role("heading", name="Checking in after your post last night", level=1)
    ).to_be_visible()
    expect(phone.get_by_text(OUR_OWN_LINE)).to_be_visible()
    assert "Robin" not in phone.locator("main").inner_text()
    phone.get_by_label("Your message").fill(SAMS_ANSWER)
    phone.get_by_role("button", name="Send your message").click()
    expect(phone.get_by_text(SAMS_ANSWER)).to_be_visible()
    shoot(phone, "shift-08-member-answers-390")

    # --- Kai, the next shift, follows the on-call e-mail's link on a phone ---------------
    kais = open_context(**PHONE).new_page()
    kais.goto(item_path)
    expect(kais.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    kais.get_by_label("E-mail address").fill(kai.email)
    kais.get_by_label("Password", exact=True).fill(PASSWORD)
    kais.get_by_role("main").get_by_role("button", name="Sign in").click()
    second_step(kais)
    # Straight back to the item the e-mail named, through both steps.
    expect(kais).to_have_url(re.compile(re.escape(item_path) + "$"))
    claim = kais.get_by_text(re.compile(r"Claimed by Robin since \d\d:\d\d\."))
    expect(claim).to_be_visible()
    expect(kais.get_by_text(re.compile(r"Opened first by Robin at \d\d:\d\d\."))).to_be_visible()
    expect(kais.get_by_role("link", name="Take it over…")).to_be_visible()
    # Still urgent until resolved (claimed is not done); the flagged post was decided.
    expect(counts_in_header(kais).get_by_role("link", name="1 urgent")).to_be_visible()
    expect(counts_in_header(kais).get_by_role("link", name="0 flagged")).to_be_visible()
    expect(the_words(kais)).to_be_hidden()
    shoot(kais, "shift-09-next-shift-item-390")

    # The conversation, with Sam's answer, from everything about Sam.
    kais.get_by_role("link", name="Everything about Sam").click()
    kais.get_by_role("link", name="Checking in after your post last night").click()
    expect(kais.get_by_text(OUR_OWN_LINE, exact=True)).to_be_visible()
    expect(kais.get_by_text(SAMS_ANSWER, exact=True)).to_be_visible()
    shoot(kais, "shift-10-next-shift-conversation-390")

    # Robin's note, on the admin's front page.
    kais.get_by_role("link", name="Home").first.click()
    notes = handover(kais)
    expect(notes.get_by_text(NOTE)).to_be_visible()
    expect(notes.get_by_role("link", name="Robin")).to_be_visible()
    shoot(kais, "shift-11-next-shift-note-390")
