"""Staff curate the vocabulary of lived experiences and mark peer supporters in the admin."""

from __future__ import annotations

import pytest

from members.models import Experience, ExperienceSynonym, MemberExperience, Profile
from tests.factories import experience, share

CHANGELIST = "/admin/members/experience/"


def merge(client, experiences, keep=None):
    data = {"action": "merge", "_selected_action": [e.pk for e in experiences]}
    if keep is not None:
        data["keep"] = keep.pk
    return client.post(CHANGELIST, data)


@pytest.mark.django_db
def test_staff_add_an_experience_with_a_description(client, staff):
    client.force_login(staff)
    response = client.post(
        f"{CHANGELIST}add/",
        {
            "name": "Perinatal loss",
            "slug": "perinatal-loss",
            "is_official": "on",
            "description": "Losing a baby in pregnancy or soon after.",
            "synonyms-TOTAL_FORMS": "1",
            "synonyms-INITIAL_FORMS": "0",
            "synonyms-0-name": "Baby loss",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    added = Experience.objects.get(slug="perinatal-loss")
    assert added.is_official and added.description.startswith("Losing a baby")
    assert ExperienceSynonym.objects.get(slug="baby-loss").experience == added


@pytest.mark.django_db
def test_a_synonym_cannot_repeat_an_experience_name(client, staff):
    anxiety = experience("Anxiety")
    client.force_login(staff)
    response = client.post(
        f"{CHANGELIST}{anxiety.pk}/change/",
        {
            "name": "Anxiety",
            "slug": "anxiety",
            "is_official": "on",
            "description": "",
            "synonyms-TOTAL_FORMS": "1",
            "synonyms-INITIAL_FORMS": "0",
            "synonyms-0-name": "Depression",
        },
    )
    assert response.status_code == 200
    assert "An experience already has that name." in response.content.decode()
    assert not ExperienceSynonym.objects.exists()


@pytest.mark.django_db
def test_merging_moves_members_once_and_keeps_the_old_names(client, staff, alice, bob):
    anxiety, worry, nerves = experience("Anxiety"), experience("Worry"), experience("Nerves")
    ExperienceSynonym.objects.create(experience=nerves, name="Jitters")
    share(alice, "Worry", "Anxiety")  # has both: ends with one
    share(bob, "Nerves")
    client.force_login(staff)
    page = merge(client, [worry, nerves])
    assert page.status_code == 200 and "Merge them into this experience" in page.content.decode()
    response = merge(client, [worry, nerves], keep=anxiety)
    assert response.status_code == 302
    assert not Experience.objects.filter(name__in=["Worry", "Nerves"]).exists()
    assert list(Profile.objects.get(user=alice).experiences.all()) == [anxiety]
    assert list(Profile.objects.get(user=bob).experiences.all()) == [anxiety]
    assert MemberExperience.objects.filter(tag=anxiety).count() == 2
    assert set(anxiety.synonyms.values_list("name", flat=True)) == {"Worry", "Nerves", "Jitters"}
    for slug in ("worry", "nerves", "jitters"):
        assert Experience.objects.resolve(slug) == (anxiety, False)


@pytest.mark.django_db
def test_moderators_and_members_cannot_touch_the_vocabulary(client, moderator, alice):
    worry = experience("Worry")
    for person in (moderator, alice):
        client.force_login(person)
        assert client.get(CHANGELIST).status_code in (302, 403)
        merge(client, [worry], keep=experience("Anxiety"))
        assert Experience.objects.filter(pk=worry.pk).exists()


@pytest.mark.django_db
def test_staff_mark_a_peer_supporter(client, staff, alice):
    client.force_login(staff)
    profile = Profile.objects.get(user=alice)
    url = f"/admin/members/profile/{profile.pk}/change/"
    form = client.get(url).content.decode()
    assert 'name="is_peer_supporter"' in form
    assert 'name="experiences' not in form  # a member's experiences are theirs alone
    response = client.post(url, {"display_name": "Alice", "is_peer_supporter": "on", "bio": ""})
    assert response.status_code == 302
    assert Profile.objects.get(user=alice).is_peer_supporter


@pytest.mark.django_db
def test_moderators_cannot_mark_peer_supporters(client, moderator, alice):
    client.force_login(moderator)
    profile = Profile.objects.get(user=alice)
    response = client.post(
        f"/admin/members/profile/{profile.pk}/change/",
        {"display_name": "Alice", "is_peer_supporter": "on", "bio": ""},
    )
    assert response.status_code == 403
    assert not Profile.objects.get(user=alice).is_peer_supporter
