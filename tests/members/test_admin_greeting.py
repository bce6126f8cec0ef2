"""The admin greets staff by the name every other page uses, not their e-mail address."""

import pytest

from tests.conftest import page
from tests.factories import make_member


@pytest.mark.django_db
def test_the_admin_says_welcome_with_the_display_name(client, staff):
    client.force_login(staff)
    html = page(client.get("/admin/"))
    greeting = html[html.index('id="user-tools"') :][:400]
    assert f"<strong>{staff.profile.display_name}</strong>" in greeting
    assert staff.email not in greeting


@pytest.mark.django_db
def test_a_members_short_and_full_name_are_their_display_name():
    member = make_member("Jordan")
    assert member.get_short_name() == member.get_full_name() == "Jordan"
