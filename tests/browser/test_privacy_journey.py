"""A member takes their data, takes a break, then leaves — in a real browser."""

from __future__ import annotations

import json

import pytest

from members.models import User
from tests.browser.conftest import expect
from tests.browser.test_journeys import sign_in
from tests.factories import PASSWORD, make_board, make_member, make_thread

pytestmark = pytest.mark.django_db(transaction=True)


def test_download_take_a_break_and_leave(page, live_server, tmp_path):
    member = make_member("Rowan")
    make_thread(
        make_board(name="Anxiety"), member, title="Rowan's thread", body="Words Rowan wrote."
    )
    sign_in(page, live_server, member.email)

    page.get_by_role("contentinfo").get_by_role("link", name="Your data and privacy").click()
    expect(page.get_by_role("heading", name="Your data and privacy", level=1)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data").click()
    saved = tmp_path / "export.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text())
    assert data["profile"]["display_name"] == "Rowan"
    assert [p["body"] for p in data["posts"]] == ["Words Rowan wrote."]

    page.get_by_role("link", name="Take a break").click()
    page.get_by_label("A week").check()
    page.get_by_role("button", name="Start my break").click()
    expect(page.get_by_text("You're on a break until")).to_be_visible()
    page.get_by_role("button", name="End my break now").click()
    expect(page.get_by_text("Welcome back.")).to_be_visible()

    page.get_by_role("link", name="Back to your data and privacy").click()
    page.get_by_role("link", name="Delete my account").click()
    page.get_by_label("Keep them, shown as written by").check()
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("That password doesn't match your account")).to_be_visible()
    expect(page.get_by_label("Keep them, shown as written by")).to_be_checked()
    assert User.objects.filter(pk=member.pk).exists()

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("heading", name="Your account is deleted")).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in")
    ).to_be_visible()
    assert not User.objects.filter(pk=member.pk).exists()
