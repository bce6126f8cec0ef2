"""Light or dark: a member's choice, kept on their profile, applied on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from core.privacy import export_member
from members.models import ColourScheme
from tests.conftest import page

COLOURS = "/account/colours/"
pytestmark = pytest.mark.django_db


def _theme(html: str) -> str | None:
    found = re.search(r'<html lang="en"(?: data-theme="(\w+)")?>', html)
    assert found, "no <html> tag"
    return found.group(1)


def test_pages_follow_the_device_until_a_member_chooses(client, alice, thread):
    assert _theme(page(client.get("/"))) is None
    client.force_login(alice)
    assert _theme(page(client.get("/"))) is None
    html = page(client.get(COLOURS))
    assert re.search(r'<input type="radio" name="colour_scheme" value="system"[^>]*checked', html)


@pytest.mark.parametrize("choice", ["dark", "light"])
def test_a_choice_is_kept_and_applied_on_every_page(client, alice, thread, choice):
    client.force_login(alice)
    response = client.post(COLOURS, {"colour_scheme": choice})
    assert response.status_code == 302 and response["Location"] == COLOURS
    alice.profile.refresh_from_db()
    assert alice.profile.colour_scheme == choice
    assert "Saved. Every page now uses the colours you chose." in page(client.get(COLOURS))
    for url in ["/", thread.get_absolute_url(), "/account/profile/", COLOURS, "/no/such/page/"]:
        assert _theme(page(client.get(url))) == choice, url
    assert export_member(alice)["profile"]["colours"] == ColourScheme(choice).label
    client.post(COLOURS, {"colour_scheme": "system"})
    assert _theme(page(client.get("/"))) is None


def test_another_members_choice_is_not_applied(client, alice, bob):
    client.force_login(alice)
    client.post(COLOURS, {"colour_scheme": "dark"})
    client.force_login(bob)
    assert _theme(page(client.get("/"))) is None


def test_a_choice_that_is_not_one_is_explained(client, alice):
    client.force_login(alice)
    response = client.post(COLOURS, {"colour_scheme": "purple"})
    assert response.status_code == 400
    assert "Please choose one of the three options." in page(response)
    alice.profile.refresh_from_db()
    assert alice.profile.colour_scheme == ColourScheme.SYSTEM


def test_visitors_are_asked_to_sign_in_and_other_methods_are_refused(client, alice):
    assert "/accounts/login/" in client.get(COLOURS)["Location"]
    assert "/accounts/login/" in client.post(COLOURS, {"colour_scheme": "dark"})["Location"]
    client.force_login(alice)
    assert client.generic("PUT", COLOURS, "colour_scheme=dark").status_code == 405
    alice.profile.refresh_from_db()
    assert alice.profile.colour_scheme == ColourScheme.SYSTEM


def test_the_stylesheet_honours_the_choice_both_ways():
    css = (Path(settings.BASE_DIR) / "static" / "boomity.css").read_text()
    assert ':root:not([data-theme="light"])' in css  # device dark, member chose light
    assert ':root[data-theme="dark"] {' in css  # member chose dark on a light device
