"""A member edits their own profile: experiences from the vocabulary, who sees each one,
a bio."""

from __future__ import annotations

import pytest

from members.models import Experience, MemberExperience, Profile
from tests.conftest import count_queries, dangerous_markup, main_of
from tests.factories import experience, share

URL = "/account/profile/"


def form_data(*experiences, kept=(), bio=""):
    """The whole form as the page sends it: one answer for every experience offered."""
    data = {f"experience_{e.pk}": "no" for e in Experience.objects.filter(is_official=True)}
    data.update({f"experience_{e.pk}": "shown" for e in experiences})
    data.update({f"experience_{e.pk}": "kept" for e in kept})
    data["bio"] = bio
    return data


def shown_and_kept(user) -> tuple[set[str], set[str]]:
    items = MemberExperience.objects.filter(content_object__user=user).select_related("tag")
    return (
        {i.tag.name for i in items if i.is_shown},
        {i.tag.name for i in items if not i.is_shown},
    )


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
    anxiety = experience("Anxiety")
    assert f'value="no" required id="id_experience_{anxiety.pk}_0" checked' in html
    assert "<legend>Anxiety — Living with worry" in html  # a fieldset each, with its words
    assert "Add it, and show it to other members" in html
    assert "Add it, and keep it to myself" in html


@pytest.mark.django_db
def test_member_chooses_experiences_who_sees_them_and_a_bio(client, alice):
    anxiety, grief = experience("Anxiety"), experience("Grief and loss")
    client.force_login(alice)
    response = client.post(URL, form_data(anxiety, grief, bio="I like **walks**.\r\nAnd tea."))
    assert response.status_code == 302 and response.url == "/members/Alice/"
    profile = Profile.objects.get(user=alice)
    assert set(profile.experiences.all()) == {anxiety, grief}
    assert shown_and_kept(alice) == ({"Anxiety", "Grief and loss"}, set())
    assert profile.bio == "I like **walks**.\nAnd tea."  # one character per line break
    assert "<strong>walks</strong>" in profile.bio_html
    page = client.get(response.url).content.decode()
    assert "Your profile is saved" in page and "Anxiety" in page and "walks" in page
    # Unticking takes them away again.
    client.post(URL, form_data(grief))
    assert list(profile.experiences.all()) == [grief]


@pytest.mark.django_db
def test_an_image_in_a_bio_shows_as_a_link_without_a_stray_mark(client, alice):
    client.force_login(alice)
    client.post(URL, form_data(bio="Me: ![i](https://evil.example/t.png)"))
    page = main_of(client.get("/members/Alice/"))
    assert "Me: <a" in page and ">i</a>" in page
    assert "!" not in Profile.objects.get(user=alice).bio_html
    assert "<img" not in page


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
    anxiety = experience("Anxiety")
    assert f'value="shown" required id="id_experience_{anxiety.pk}_1" checked' in html
    assert Profile.objects.get(user=alice).bio == ""


@pytest.mark.django_db
def test_experiences_come_only_from_the_vocabulary(client, alice):
    """Never free text: a made-up name or a retired experience is refused."""
    retired = experience("An old word", is_official=False)
    client.force_login(alice)
    data = {**form_data(), "experience_Feeling blue": "shown", f"experience_{retired.pk}": "shown"}
    assert client.post(URL, data).status_code == 302
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
    client.post(URL, {**form_data(bio="Still me."), f"experience_{kept.pk}": "kept"})
    assert list(Profile.objects.get(user=alice).experiences.all()) == [kept]
    assert shown_and_kept(alice) == (set(), {"A retiring word"})


@pytest.mark.django_db
def test_an_answer_left_out_gets_a_kind_note_and_keeps_every_choice(client, alice):
    anxiety, grief = experience("Anxiety"), experience("Grief and loss")
    client.force_login(alice)
    data = form_data(anxiety, kept=[grief], bio="Hello")
    del data[f"experience_{experience('Loneliness').pk}"]
    data[f"experience_{experience('Depression').pk}"] = "everyone"
    response = client.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please choose one of the three for “Loneliness”." in html
    assert "Please choose one of the three for “Depression”." in html
    # What they chose is still chosen, and the bio still there.
    assert f'value="shown" required id="id_experience_{anxiety.pk}_1" checked' in html
    assert f'value="kept" required id="id_experience_{grief.pk}_2" checked' in html
    assert "Hello" in html
    assert not Profile.objects.get(user=alice).experiences.exists()


@pytest.mark.django_db
def test_each_experience_is_shown_or_kept_on_its_own(client, alice):
    anxiety, grief, lonely = (
        experience("Anxiety"),
        experience("Grief and loss"),
        experience("Loneliness"),
    )
    client.force_login(alice)
    client.post(URL, form_data(anxiety, kept=[grief, lonely]))
    assert shown_and_kept(alice) == ({"Anxiety"}, {"Grief and loss", "Loneliness"})
    html = client.get(URL).content.decode()
    assert f'value="kept" required id="id_experience_{grief.pk}_2" checked' in html
    # Changing one leaves the others as they were.
    client.post(URL, form_data(anxiety, grief, kept=[lonely]))
    assert shown_and_kept(alice) == ({"Anxiety", "Grief and loss"}, {"Loneliness"})
    client.post(URL, form_data(kept=[anxiety, lonely]))
    assert shown_and_kept(alice) == (set(), {"Anxiety", "Loneliness"})
    # Her own page lists all of them, the kept ones marked as hers alone.
    own = main_of(client.get("/members/Alice/"))
    assert 'Anxiety</a> <span class="badge badge--quiet">only you</span>' in own


@pytest.mark.django_db
def test_the_edit_page_costs_the_same_for_few_or_many_experiences(client, alice):
    client.force_login(alice)
    share(alice, "Anxiety", shown=False)
    few = count_queries(client, URL)
    for n in range(12):
        experience(f"Another experience {n}")
    share(alice, "Anxiety", "Another experience 1", "Another experience 2", shown=["Anxiety"])
    assert count_queries(client, URL) == few


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
