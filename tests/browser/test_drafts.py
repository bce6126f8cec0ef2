"""A draft survives closing the page: typed on a phone, back when the thread is opened again."""

from __future__ import annotations

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
