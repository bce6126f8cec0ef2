import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from members.models import Profile, User
from tests.factories import PASSWORD, make_member

SIGNUP = "/accounts/signup/"


def signup_data(**overrides):
    data = {
        "email": "river@example.org",
        "display_name": "River Stone",
        "password1": "calm-waters-2026",
        "accept_guidelines": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_visitor_sees_a_labelled_signup_form(client):
    response = client.get(SIGNUP)
    html = response.content.decode()
    assert response.status_code == 200
    for field_id, label in [
        ("id_email", "E-mail address"),
        ("id_display_name", "Display name"),
        ("id_password1", "Password"),
        ("id_accept_guidelines", "I have read and accept the community guidelines"),
    ]:
        assert f'<label for="{field_id}">{label}' in html
    assert reverse("members:guidelines") in html


@pytest.mark.django_db
def test_signup_creates_account_and_profile_and_asks_to_verify(client, mailoutbox):
    response = client.post(SIGNUP, signup_data())
    assert response.status_code == 302
    user = User.objects.get(email="river@example.org")
    assert user.profile.display_name == "River Stone"
    assert user.profile.guidelines_accepted_at is not None
    # Verification is mandatory: nobody is signed in until the e-mail is confirmed.
    assert "_auth_user_id" not in client.session
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["river@example.org"]
    assert mailoutbox[0].subject == "Boomity: Please confirm your e-mail address"
    assert "never shown to other members" in mailoutbox[0].body
    link = re.search(r"https?://testserver(/accounts/confirm-email/\S+/)", mailoutbox[0].body)
    assert link
    client.post(link.group(1))
    assert EmailAddress.objects.get(email="river@example.org").verified
    assert client.get("/").context["user"] == user


@pytest.mark.django_db
def test_unverified_member_cannot_sign_in_yet(client, mailoutbox):
    client.post(SIGNUP, signup_data())
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "river@example.org", "password": "calm-waters-2026"}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert "confirm-email" in response.url


@pytest.mark.django_db
def test_guidelines_must_be_accepted_and_nothing_typed_is_lost(client):
    response = client.post(SIGNUP, signup_data(accept_guidelines=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "tick the box" in html
    assert 'value="river@example.org"' in html
    assert 'value="River Stone"' in html
    assert not User.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["admin", "Moderator", "STAFF", "mod-erator", "Anonymous member"])
def test_reserved_names_are_refused(client, name):
    response = client.post(SIGNUP, signup_data(display_name=name))
    assert "could be mistaken for the people who run the community" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_display_names_are_unique_ignoring_case(client):
    make_member("River Stone")
    response = client.post(SIGNUP, signup_data(display_name="river stone"))
    assert "already using that name" in response.content.decode()
    assert Profile.objects.filter(display_name__iexact="river stone").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["x", "<script>", "a" * 31, "-leading", "emoji🙂"])
def test_display_name_shape_is_checked(client, name):
    response = client.post(SIGNUP, signup_data(display_name=name))
    assert response.status_code == 200
    assert not User.objects.exists()


@pytest.mark.django_db
def test_profile_is_not_left_behind_when_account_creation_fails(client, monkeypatch):
    def boom(self, user):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Profile, "accept_guidelines", boom)
    client.raise_request_exception = False
    client.post(SIGNUP, signup_data())
    assert not User.objects.exists()
    assert not Profile.objects.exists()


@pytest.mark.django_db
def test_signed_in_member_can_sign_out_server_side(client, alice):
    client.post("/accounts/login/", {"login": alice.email, "password": PASSWORD})
    session_key = client.session.session_key
    assert client.session.get("_auth_user_id") == str(alice.pk)
    client.post("/accounts/logout/")
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=session_key).exists()


@pytest.mark.django_db
def test_signing_in_uses_the_email_address(client, alice):
    response = client.post("/accounts/login/", {"login": alice.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(alice.pk)


@pytest.mark.django_db
def test_wrong_password_gets_a_kind_message(client, alice):
    response = client.post("/accounts/login/", {"login": alice.email, "password": "nope-nope"})
    assert "match an account" in response.content.decode()


@pytest.mark.django_db
def test_sign_in_form_is_labelled_like_sign_up(client):
    html = client.get("/accounts/login/").content.decode()
    assert '<label for="id_login">E-mail address' in html
    assert "placeholder=" not in html
    assert html.count("/accounts/password/reset/") == 1


@pytest.mark.django_db
def test_signing_up_with_a_members_address_does_not_tell_who_belongs(client, alice, mailoutbox):
    """Whether an address belongs to a member of a mental-health community is private:
    signing up with it looks exactly like signing up with a new one, and its owner is
    told by e-mail."""
    taken = client.post(SIGNUP, signup_data(email=alice.email, display_name="Someone Else"))
    new = client.post(SIGNUP, signup_data(email="nobody-yet@example.org"))
    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"]
    assert User.objects.filter(email__iexact=alice.email).count() == 1
    to_owner = [m for m in mailoutbox if alice.email in m.to]
    assert len(to_owner) == 1


@pytest.mark.django_db
def test_in_the_demo_a_taken_address_is_said_kindly(client, alice, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
    html = client.post(SIGNUP, signup_data(email=alice.email)).content.decode()
    html = html.replace("&#x27;", "'")
    assert "There's already an account with this e-mail address" in html
    assert "A user is" not in html


@pytest.mark.django_db
def test_a_wrong_password_says_sign_in_failed_not_saving(client, alice):
    html = client.post("/accounts/login/", {"login": alice.email, "password": "nope-nope"})
    html = html.content.decode().replace("&#x27;", "'")
    assert "We couldn't sign you in" in html
    assert "please type your password again" in html
    assert "We couldn't save that yet" not in html
    assert "Everything you wrote is still here" not in html
