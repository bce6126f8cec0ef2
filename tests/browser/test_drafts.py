"""A draft survives closing the page: typed on a phone, back when the thread is opened again."""

from __future__ import annotations

import time

import pytest

from forums.models import Draft
from tests.browser.conftest import expect
from tests.browser.test_journeys import sign_in
from tests.factories import make_board, make_member, make_thread

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

PHONE_390 = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
WORDS = "Writing this on the bus. Some nights are long, but mornings come."


def test_a_reply_typed_on_a_phone_is_back_after_closing_the_page(open_context, live_server):
    board = make_board(name="Sleep and rest")
    ash, sam = make_member("Ash"), make_member("Sam")
    thread = make_thread(board, ash, title="Waking at four", body="Does anyone else?")
    context = open_context(**PHONE_390)
    first = context.new_page()
    sign_in(first, live_server, sam.email)
    first.goto(live_server.url + thread.get_absolute_url())
    first.get_by_label("Your reply").press_sequentially(WORDS, delay=5)
    expect(first.locator("[data-draft-status]")).to_have_text("Draft saved", timeout=15_000)
    first.close()

    assert Draft.objects.get(member=sam, thread=thread).body == WORDS
    again = context.new_page()
    again.goto(live_server.url + thread.get_absolute_url())
    expect(again.get_by_label("Your reply")).to_have_value(WORDS)
    expect(again.get_by_text("is back in the box below")).to_be_visible()


# --- The last words typed, as the page is left ---------------------------------------
# The page's script saves a few seconds after typing stops; these words are typed and
# left in under a second, so only the save on leaving (a beacon) can keep them.

LAST_WORDS = "Typed in a hurry as the bus pulled in"

# Counts the page's beacons in the tab's sessionStorage, which outlives the page that
# sends them (a beacon sent as a page goes is out of reach of Playwright's request events).
COUNT_BEACONS = """
const send = navigator.sendBeacon.bind(navigator);
navigator.sendBeacon = (url, data) => {
  sessionStorage.setItem("beacons", String(Number(sessionStorage.getItem("beacons")) + 1));
  return send(url, data);
};
"""


def _beacons(page) -> int:
    return page.evaluate("Number(sessionStorage.getItem('beacons'))")


def _draft_body(member, thread, *, wait_s: float = 5.0) -> str | None:
    """The member's draft for the thread, once the beacon (sent as the page went) is in."""
    deadline = time.monotonic() + wait_s
    while True:
        draft = Draft.objects.filter(member=member, thread=thread).first()
        if draft is not None or time.monotonic() > deadline:
            return draft.body if draft else None
        time.sleep(0.1)


def _write_quickly(page, words: str) -> None:
    page.get_by_label("Your reply").press_sequentially(words, delay=5)
    page.wait_for_timeout(300)  # well under the few seconds the script waits to save
    expect(page.locator("[data-draft-status]")).to_have_text("")  # nothing saved yet


@pytest.fixture
def sam_at_a_thread(open_context, live_server):
    board = make_board(name="Sleep and rest")
    ash, sam = make_member("Ash"), make_member("Sam")
    thread = make_thread(board, ash, title="Waking at four", body="Does anyone else?")
    context = open_context()
    context.add_init_script(COUNT_BEACONS)
    page = context.new_page()
    sign_in(page, live_server, sam.email)
    page.goto(live_server.url + thread.get_absolute_url())
    return context, page, sam, thread


def test_words_typed_a_moment_before_closing_the_page_come_back(sam_at_a_thread, live_server):
    context, first, sam, thread = sam_at_a_thread
    _write_quickly(first, LAST_WORDS)
    first.close()

    assert _draft_body(sam, thread) == LAST_WORDS
    again = context.new_page()
    again.goto(live_server.url + thread.get_absolute_url())
    expect(again.get_by_label("Your reply")).to_have_value(LAST_WORDS)


def test_words_typed_a_moment_before_following_a_link_are_kept_quietly(sam_at_a_thread):
    context, page, sam, thread = sam_at_a_thread
    _write_quickly(page, LAST_WORDS)
    page.get_by_role("link", name="Your drafts").first.click()

    assert _draft_body(sam, thread) == LAST_WORDS
    expect(page.get_by_role("heading", name="Your drafts", level=1)).to_be_visible()
    page.reload()  # the beacon is in: the list shows it, and no "Draft saved" note waits
    expect(page.get_by_role("main")).to_contain_text("Waking at four")
    expect(page.get_by_text("Your draft is saved.")).to_have_count(0)


def test_a_posted_reply_leaves_no_draft_behind(sam_at_a_thread):
    """Posting deletes the draft; a save sent as the page goes would arrive after the
    post and could bring it back. The script sends none once the form is sent."""
    context, page, sam, thread = sam_at_a_thread
    _write_quickly(page, LAST_WORDS)
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text(LAST_WORDS)).to_be_visible()
    page.get_by_role("link", name="Your drafts").first.click()  # leaving again, nothing typed
    expect(page.get_by_role("heading", name="Your drafts", level=1)).to_be_visible()
    page.wait_for_timeout(1000)  # time for any late save to arrive

    assert thread.posts.filter(body=LAST_WORDS).exists()
    assert _beacons(page) == 0
    assert _draft_body(sam, thread, wait_s=0) is None
    expect(page.get_by_role("main")).not_to_contain_text("Waking at four")


def test_words_unchanged_since_the_last_save_are_not_sent_again(sam_at_a_thread):
    context, page, sam, thread = sam_at_a_thread
    page.get_by_label("Your reply").press_sequentially(WORDS, delay=5)
    expect(page.locator("[data-draft-status]")).to_have_text("Draft saved", timeout=15_000)
    page.get_by_role("link", name="Your drafts").first.click()
    expect(page.get_by_role("heading", name="Your drafts", level=1)).to_be_visible()

    assert _beacons(page) == 0
    assert _draft_body(sam, thread, wait_s=0) == WORDS
