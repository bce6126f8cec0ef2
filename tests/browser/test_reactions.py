"""Supportive reactions in a real browser: with our script, and without any."""

from __future__ import annotations

import pytest

from forums.models import Post, SavedPost
from tests.browser.conftest import expect
from tests.browser.test_journeys import open_thread, post_by, sign_in
from tests.factories import make_board, make_member, make_thread

pytestmark = pytest.mark.django_db(transaction=True)


def _community():
    board = make_board(name="Sleep and rest")
    ash, sam = make_member("Ash"), make_member("Sam")
    make_thread(board, ash, title="Waking at four", body="Does anyone else wake at four?")
    return board, sam


def test_sending_support_without_a_page_reload(page, live_server):
    board, sam = _community()
    sign_in(page, live_server, sam.email)
    open_thread(page, board, "Waking at four")
    page.evaluate("window.__samePage = true")
    button = post_by(page, "Ash").get_by_role("button", name="Sending support for post 1")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_contain_text("1")
    assert page.evaluate("window.__samePage") is True  # no reload happened
    assert Post.objects.get(number=1).support_count == 1
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")


def test_reactions_work_without_javascript(open_context, live_server):
    board, sam = _community()
    page = open_context(java_script_enabled=False).new_page()
    sign_in(page, live_server, sam.email)  # nothing in signing in needs a script
    open_thread(page, board, "Waking at four")
    post_by(page, "Ash").get_by_role("button", name="Me too for post 1").click()
    button = post_by(page, "Ash").get_by_role("button", name="Me too for post 1")
    expect(button).to_have_attribute("aria-pressed", "true")
    assert Post.objects.get(number=1).metoo_count == 1


def test_saving_a_post_keeps_the_focus_on_the_button(page, live_server):
    board, sam = _community()
    sign_in(page, live_server, sam.email)
    open_thread(page, board, "Waking at four")
    page.evaluate("window.__samePage = true")
    button = post_by(page, "Ash").get_by_role("button", name="Save post 1")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_be_focused()
    assert page.evaluate("window.__samePage") is True  # no reload happened
    assert SavedPost.objects.filter(member=sam).count() == 1
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "false")
    assert not SavedPost.objects.exists()


def test_reacting_with_the_keyboard_keeps_the_focus_and_says_so(page, live_server):
    board, sam = _community()
    sign_in(page, live_server, sam.email)
    open_thread(page, board, "Waking at four")
    page.evaluate("window.__samePage = true")
    post = post_by(page, "Ash")
    button = post.get_by_role("button", name="Sending support for post 1")
    post.get_by_role("link", name="Link to post 1").focus()
    for _ in range(10):  # Tab along the post until the first reaction
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    expect(button).to_be_focused()
    status = post.locator("[data-react-status]")
    expect(status).to_have_attribute("aria-live", "polite")

    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(status).to_have_text("Reaction saved")
    expect(button).to_be_focused()
    assert page.evaluate("window.__samePage") is True  # no reload happened
    assert Post.objects.get(number=1).support_count == 1

    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(status).to_have_text("Reaction removed")
    expect(button).to_be_focused()
    assert Post.objects.get(number=1).support_count == 0


def test_without_javascript_reacting_comes_back_to_the_post(open_context, live_server):
    board, sam = _community()
    page = open_context(java_script_enabled=False).new_page()
    sign_in(page, live_server, sam.email)
    open_thread(page, board, "Waking at four")
    post_by(page, "Ash").get_by_role("button", name="Me too for post 1").click()
    assert page.url.endswith("?notice=1#notice")
    notice = page.locator("#notice")
    expect(notice.get_by_role("status")).to_have_text("Reaction saved.")
    # The next Tab goes on from the notice, into the post it is about.
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('article')?.id")
    assert focused == "p1"
