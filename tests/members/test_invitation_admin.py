"""Staff make invitation codes in the admin; nobody else can."""

from __future__ import annotations

import re

import pytest

from members.models import CODE_ALPHABET, Invitation
from tests.conftest import count_queries, page

INVITATIONS = "/admin/members/invitation/"


@pytest.mark.django_db
def test_staff_make_a_code_with_a_limit_and_an_end_and_get_a_link_to_share(client, staff):
    client.force_login(staff)
    response = client.post(
        f"{INVITATIONS}add/",
        {
            "note": "Riverside clinic, spring group",
            "max_uses": "25",
            "expires_at_0": "2099-06-30",
            "expires_at_1": "18:00",
        },
    )
    assert response.status_code == 302
    made = Invitation.objects.get()
    assert re.fullmatch(f"[{CODE_ALPHABET}]{{10}}", made.code)
    assert (made.max_uses, made.uses, made.created_by) == (25, 0, staff)
    assert made.expires_at.year == 2099
    html = page(client.get(f"{INVITATIONS}{made.pk}/change/"))
    assert f"http://127.0.0.1:8000/accounts/signup/?code={made.code}" in html
    listing = page(client.get(INVITATIONS))
    assert made.code in listing and "0 of 25" in listing


@pytest.mark.django_db
def test_a_limit_below_the_people_who_already_joined_is_explained(client, staff):
    made = Invitation.objects.create(note="Group", max_uses=5, uses=4)
    client.force_login(staff)
    response = client.post(f"{INVITATIONS}{made.pk}/change/", {"note": "Group", "max_uses": "2"})
    html = page(response)
    assert response.status_code == 200
    assert "4 people have already joined with this code" in html and "set it to 4" in html
    made.refresh_from_db()
    assert made.max_uses == 5


@pytest.mark.django_db
def test_staff_stop_codes_working_at_once(client, staff):
    made = Invitation.objects.create(note="Leaked", max_uses=50, uses=3)
    client.force_login(staff)
    response = client.post(INVITATIONS, {"action": "stop_now", "_selected_action": [made.pk]})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.is_expired and made.uses == 3
    assert not made.take_one()


@pytest.mark.django_db
def test_moderators_members_and_visitors_cannot_make_codes(client, moderator, alice):
    assert client.get(INVITATIONS)["Location"].startswith("/admin/login/")
    client.force_login(alice)
    assert client.get(f"{INVITATIONS}add/")["Location"].startswith("/admin/login/")
    client.force_login(moderator)
    assert client.get(INVITATIONS).status_code == 403
    assert client.post(f"{INVITATIONS}add/", {"note": "x", "max_uses": "1"}).status_code == 403
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_the_list_costs_the_same_however_many_codes(client, staff):
    """Guards an N+1 on each row's maker or uses."""
    client.force_login(staff)
    Invitation.objects.create(note="One", created_by=staff)
    few = count_queries(client, INVITATIONS)
    for n in range(15):
        Invitation.objects.create(note=f"Group {n}", created_by=staff)
    assert count_queries(client, INVITATIONS) == few
