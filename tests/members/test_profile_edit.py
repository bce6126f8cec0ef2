"""A member edits their own profile: experiences from the vocabulary, who sees them, a bio."""

from __future__ import annotations

import pytest

from members.models import ExperienceVisibility, MemberExperience, Profile
from tests.conftest import dangerous_markup, main_of
from tests.factories import experience, share

URL = "/account/profile/"


def form_data(*experiences, visibility="members", bio=""):
    return {"experiences": [e.pk for e in experiences], "visibility": visibility, "bio": bio}


@pytest.mark.django_db
def test_visitors_sign_in_first(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert client.post(URL, form_data()).url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_only_get_and_post(client, alice):
    client.force_login(alice)
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


@pytest.mark.django_db
def test_new_members_share_nothing_until_they_choose(client, alice):
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert alice.profile.experiences_visibility == ExperienceVisibility.NOBODY
    assert 'value="nobody" required id="id_visibility_1" checked' in html
    assert "Anxiety — Living with worry" in html  # the starter vocabulary, with its words


@pytest.mark.django_db
def test_member_chooses_experiences_who_sees_them_and_a_bio(client, alice):
    anxiety, grief = experience("Anxiety"), experience("Grief and loss")
    client.force_login(alice)
    response = client.post(URL, form_data(anxiety, grief, bio="I like **walks**.\r\nAnd tea."))
    assert response.status_code == 302 and response.url == "/members/Alice/"
    profile = Profile.objects.get(user=alice)
    assert set(profile.experiences.all()) == {anxiety, grief}
    assert profile.experiences_visibility == ExperienceVisibility.MEMBERS
    assert profile.bio == "I like **walks**.\nAnd tea."  # one character per line break
    assert "<strong>walks</strong>" in profile.bio_html
    page = client.get(response.url).content.decode()
    assert "Your profile is saved" in page and "Anxiety" in page and "walks" in page
    # Unticking takes them away again.
    client.post(URL, form_data(grief))
    assert list(profile.experiences.all()) == [grief]


@pytest.mark.django_db
def test_the_bio_is_sanitized_once_on_save(client, alice):
    client.force_login(alice)
    client.post(
        URL,
        form_data(
            bio="<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
        ),
    )
    profile = Profile.objects.get(user=alice)
    assert not dangerous_markup(profile.bio_html)
    page = main_of(client.get("/members/Alice/"))
    assert "&lt;script&gt;alert(1)" in page
    assert "<script>alert" not in page and not dangerous_markup(page)


@pytest.mark.django_db
def test_a_long_bio_gets_a_kind_note_and_keeps_every_word(client, alice):
    client.force_login(alice)
    bio = "All about me. " * 100
    response = client.post(URL, form_data(experience("Anxiety"), bio=bio))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Your bio is a little long" in html and "can hold 1000" in html
    assert bio.strip() in html  # still there to shorten
    assert f'value="{experience("Anxiety").pk}" id="id_experiences_0" checked' in html
    assert Profile.objects.get(user=alice).bio == ""


@pytest.mark.django_db
def test_experiences_come_only_from_the_vocabulary(client, alice):
    """Never free text: a made-up name or a retired experience is refused."""
    retired = experience("An old word", is_official=False)
    client.force_login(alice)
    response = client.post(
        URL, {"experiences": ["Feeling blue", retired.pk], "visibility": "members", "bio": ""}
    )
    assert response.status_code == 400
    assert "Please choose from the list of experiences" in response.content.decode()
    assert not MemberExperience.objects.exists()
    assert "An old word" not in client.get(URL).content.decode()


@pytest.mark.django_db
def test_a_retired_experience_stays_with_those_who_chose_it(client, alice):
    kept = experience("A retiring word")
    share(alice, "A retiring word")
    kept.is_official = False
    kept.save()
    client.force_login(alice)
    assert "A retiring word" in client.get(URL).content.decode()
    client.post(URL, form_data(kept, bio="Still me."))
    assert list(Profile.objects.get(user=alice).experiences.all()) == [kept]


@pytest.mark.django_db
def test_without_a_choice_of_who_sees_them_nothing_is_saved(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"experiences": [experience("Anxiety").pk], "bio": "Hello"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please choose who can see your experiences." in html and "Hello" in html
    assert not Profile.objects.get(user=alice).experiences.exists()


@pytest.mark.django_db
def test_a_member_edits_only_their_own_profile(client, alice, bob):
    share(bob, "Anxiety", bio="Bob's words")
    client.force_login(alice)
    client.post(URL, form_data(experience("Psychosis"), bio="Alice's words"))
    bob_profile = Profile.objects.get(user=bob)
    assert bob_profile.bio == "Bob's words"
    assert [e.name for e in bob_profile.experiences.all()] == ["Anxiety"]


@pytest.mark.django_db
def test_a_silenced_member_cannot_change_their_bio(client, silenced):
    share(silenced, bio="Before the pause")
    client.force_login(silenced)
    html = client.get(URL).content.decode()
    assert "can't change your bio while you're paused" in html
    client.post(URL, form_data(experience("Anxiety"), bio="Something new"))
    profile = Profile.objects.get(user=silenced)
    assert profile.bio == "Before the pause"
    assert [e.name for e in profile.experiences.all()] == ["Anxiety"]


@pytest.mark.django_db
def test_the_header_and_the_own_profile_link_to_the_edit_page(client, alice, bob):
    client.force_login(alice)
    home = client.get("/").content.decode()
    assert f'href="{URL}"' in home
    assert f'href="{URL}"' in client.get("/accounts/email/").content.decode()  # account area
    own = client.get("/members/Alice/").content.decode()
    assert "Edit your profile" in own and f'href="{URL}"' in own
    assert "Edit your profile" not in client.get("/members/Bob/").content.decode()
