"""Search on a phone (390x844): the first result is on screen without scrolling, the
filters are folded, and snippets read as words, not Markdown. No JavaScript needed."""

from __future__ import annotations

import pytest

from tests.browser.conftest import expect
from tests.browser.pages import sign_in_context
from tests.factories import make_board, make_member, make_thread

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_390 = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 3,
}
BODY = "> **Harbour** lights at night help me sleep. See [my notes](https://example.org/n)."


@pytest.mark.parametrize("java_script", [True, False])
def test_first_result_is_above_the_fold_and_filters_are_folded(
    open_context, live_server, java_script
):
    board = make_board("sleep-and-rest", name="Sleep and rest")
    sam = make_member("Sam")
    for n in range(3):
        make_thread(board, sam, title=f"Harbour evenings {n}", body=BODY)
    page = open_context(**PHONE_390, java_script_enabled=java_script).new_page()
    sign_in_context(page.context, sam, live_server)
    page.goto(f"{live_server.url}/search/?q=harbour")

    first = page.locator(".search-result").first
    expect(first).to_be_visible()
    assert page.evaluate("window.scrollY") == 0
    box = first.locator(".search-result__title").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844, box
    snippet = first.locator(".search-result__snippet").bounding_box()
    assert snippet is not None and snippet["y"] + snippet["height"] <= 844, snippet

    filters = page.locator("details.search-form__filters")
    assert filters.evaluate("d => d.open") is False
    expect(page.get_by_label("Board")).to_be_hidden()
    expect(page.get_by_label("Written by")).to_be_hidden()
    filters.locator("summary").click()
    expect(page.get_by_label("Board")).to_be_visible()

    text = first.locator(".search-result__snippet").inner_text()
    assert "Harbour lights at night help me sleep. See my notes." in text
    assert not [mark for mark in ("**", "> ", "](", "[my") if mark in text]
