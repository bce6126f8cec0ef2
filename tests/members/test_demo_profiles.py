"""The demo community shows profiles with something in them."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from members.models import MemberExperience, Profile


@pytest.mark.django_db
def test_the_demo_has_shared_experiences_private_ones_and_peer_supporters(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    supporters = Profile.objects.filter(is_peer_supporter=True)
    assert supporters.count() == 2
    demo_member = Profile.objects.get(user__email="member@example.org").user
    sharing = Profile.objects.in_directory(demo_member).filter(is_peer_supporter=False)
    assert sharing.count() >= 6
    private = Profile.objects.get(display_name="kettle_on")
    assert private.experiences.exists()
    assert not MemberExperience.objects.shown().filter(content_object=private).exists()
    # Some show one experience and keep another to themselves.
    sam = MemberExperience.objects.filter(content_object__display_name="Sam T")
    assert {i.tag.name: i.is_shown for i in sam} == {"Depression": True, "Bipolar disorder": False}
    call_command("seed_demo")  # idempotent: nothing doubled
    assert Profile.objects.filter(is_peer_supporter=True).count() == 2
    # The demo member sees the board filter, and finds people in the directory.
    assert client.login(email="member@example.org", password="boomity-demo")
    assert (
        "Started by members who share my experiences" in client.get("/b/anxiety/").content.decode()
    )
    html = client.get("/members/?experience=anxiety").content.decode()
    assert "QuietHarbour" in html and "kettle_on" not in html
    # A kept experience never finds its member: Sam T keeps "Bipolar disorder".
    html = client.get("/members/?experience=bipolar-disorder").content.decode()
    assert "northern_wren" in html and "Sam T" not in html
