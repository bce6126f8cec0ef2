"""The decision form on a review item, in a real browser: only the fields the chosen
decisions need show (a little JavaScript); without JavaScript every field shows, each
saying which decision it is for; hide + warn + silence go in one submit."""

from __future__ import annotations

import re

import pytest

from forums import actions as forum_actions
from forums.models import PostStatus
from members.models import Notification
from moderation import actions
from moderation.models import Sanction
from tests.browser.conftest import expect
from tests.browser.test_admin_folding import shoot, signed_in_moderator
from tests.factories import make_board, make_member

pytestmark = pytest.mark.django_db(transaction=True)


def flagged_reply():
    board = make_board("evenings", name="Evenings")
    author = make_member("Sam")
    thread = forum_actions.start_thread(
        board=board, author=author, title="Evening plans", body="What helps you wind down?"
    ).thread
    reply = forum_actions.post_reply(thread=thread, author=author, body="You are all idiots.")
    actions.flag_post(post=reply, member=make_member("Kit"), reason="unkind")
    return reply


def test_only_the_fields_the_decisions_need_show_and_one_submit_does_them_all(
    open_context, live_server
):
    reply = flagged_reply()
    item = reply.review_items.get()
    page = open_context(viewport={"width": 1280, "height": 900}).new_page()
    signed_in_moderator(page, live_server)
    page.goto(f"{live_server.url}/admin/moderation/reviewitem/{item.pk}/change/")

    silence_for = page.get_by_label("Silence for")
    until = page.get_by_label("Suspend until")
    edit_box = page.get_by_label("Edited post (for “Edit the post”)")
    for field in (silence_for, until, edit_box):
        expect(field).to_be_hidden()
    page.get_by_role("checkbox", name="Suspend the author").check()
    expect(until).to_be_visible()
    assert until.get_attribute("type") == "datetime-local"  # the browser's date picker
    page.get_by_role("checkbox", name="Suspend the author").uncheck()
    expect(until).to_be_hidden()

    page.get_by_role("radio", name="Hide the post").check()
    page.get_by_role("checkbox", name="Warn the author").check()
    page.get_by_role("checkbox", name="Silence the author").check()
    expect(silence_for).to_be_visible()
    silence_for.select_option("72h")
    shoot(page, "decision-hide-warn-silence-1280")
    page.get_by_label("Reason").fill("Our guidelines ask us to disagree kindly.")
    page.get_by_role("button", name="Decide and stay on this item").click()
    expect(
        page.get_by_text("Done: you hid the post, warned the author and silenced the author.")
    ).to_be_visible()
    reply.refresh_from_db()
    assert reply.status == PostStatus.HIDDEN
    assert Sanction.objects.filter(member=reply.author).count() == 2
    assert Notification.objects.filter(recipient=reply.author, kind="moderation").count() == 1


def test_without_javascript_every_field_shows_and_what_was_typed_is_kept(open_context, live_server):
    reply = flagged_reply()
    item = reply.review_items.get()
    page = open_context(
        viewport={"width": 390, "height": 900}, java_script_enabled=False
    ).new_page()
    signed_in_moderator(page, live_server)
    page.goto(f"{live_server.url}/admin/moderation/reviewitem/{item.pk}/change/")
    expect(page.get_by_label("Silence for (for “Silence the author”)")).to_be_visible()
    expect(page.get_by_label("Suspend until (for “Suspend the author”; UTC)")).to_be_visible()
    page.get_by_role("checkbox", name="Silence the author").check()
    page.get_by_label("Silence for").select_option("7d")
    page.get_by_role("button", name="Decide and go to the next item").click()
    expect(
        page.get_by_text(re.compile(r"Please give a reason: the author will read it"))
    ).to_be_visible()
    expect(page.get_by_role("checkbox", name="Silence the author")).to_be_checked()
    expect(page.get_by_label("Silence for")).to_have_value("7d")
    shoot(page, "decision-without-js-390")
    assert not Sanction.objects.exists()
