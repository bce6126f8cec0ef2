"""Who may join: open, by invitation code, or by e-mail domain, as staff choose."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from members.forms import SignupForm
from members.models import CommunitySettings, Invitation, SignupPolicy, User
from tests.conftest import page
from tests.factories import PASSWORD, make_member

SIGNUP = "/accounts/signup/"


def set_policy(policy: str, domains: str = "") -> CommunitySettings:
    community = CommunitySettings.load()
    community.signup_policy, community.allowed_domains = policy, domains
    community.save()
    return community


def invitation(**extra) -> Invitation:
    return Invitation.objects.create(note="Riverside clinic", **extra)


def signup_data(**overrides) -> dict:
    return {
        "email": "river@example.org",
        "display_name": "River Stone",
        "password1": "calm-waters-2026",
        "accept_guidelines": "on",
        **overrides,
    }


def assert_kept_what_was_typed(html: str) -> None:
    assert 'value="river@example.org"' in html
    assert 'value="River Stone"' in html
    assert 'id="id_accept_guidelines" checked' in html or re.search(
        r'<input[^>]*checked[^>]*id="id_accept_guidelines"', html
    )


# --- Open (the default) -------------------------------------------------------------


@pytest.mark.django_db
def test_open_by_default_and_asks_for_no_code(client):
    html = page(client.get(SIGNUP))
    assert "id_invitation_code" not in html and 'id="who-may-join"' not in html
    assert client.post(SIGNUP, signup_data()).status_code == 302
    assert User.objects.filter(email="river@example.org").exists()


@pytest.mark.django_db
def test_an_open_community_takes_no_use_from_a_code_someone_brings(client):
    code = invitation(max_uses=1)
    client.post(SIGNUP, signup_data(invitation_code=code.code))
    code.refresh_from_db()
    assert code.uses == 0 and User.objects.filter(email="river@example.org").exists()


# --- By invitation ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_explains_invitations_and_what_to_do_without_one(client):
    set_policy(SignupPolicy.INVITATION)
    html = page(client.get(SIGNUP))
    assert "Joining Boomity is by invitation." in html
    assert "ask the organization that told you about Boomity" in html
    assert 'href="/guidelines/"' in html and 'href="/help/"' in html
    assert '<label for="id_invitation_code">Invitation code</label>' in html
    # The code comes first: it's the thing that decides whether the rest is worth typing.
    assert html.index("id_invitation_code") < html.index("id_email")


@pytest.mark.django_db
def test_a_valid_code_lets_someone_join_and_counts_one_use(client, mailoutbox):
    set_policy(SignupPolicy.INVITATION)
    code = invitation(max_uses=2)
    response = client.post(SIGNUP, signup_data(invitation_code=code.code))
    assert response.status_code == 302
    assert User.objects.get(email="river@example.org").profile.display_name == "River Stone"
    code.refresh_from_db()
    assert code.uses == 1
    assert len(mailoutbox) == 1  # the usual address confirmation follows


@pytest.mark.django_db
def test_codes_are_typed_forgivingly(client):
    set_policy(SignupPolicy.INVITATION)
    code = invitation()
    typed = f" {code.code[:5].lower()}-{code.code[5:].lower()} "
    assert client.post(SIGNUP, signup_data(invitation_code=typed)).status_code == 302


@pytest.mark.django_db
def test_the_invitation_link_fills_the_code_in(client):
    set_policy(SignupPolicy.INVITATION)
    code = invitation()
    assert code.signup_url() == f"http://127.0.0.1:8000/accounts/signup/?code={code.code}"
    html = page(client.get(f"{SIGNUP}?code={code.code}"))
    assert re.search(rf'<input[^>]*name="invitation_code"[^>]*value="{code.code}"', html)


@pytest.mark.django_db
def test_a_link_with_markup_in_the_code_is_shown_as_text(client):
    set_policy(SignupPolicy.INVITATION)
    html = page(client.get(SIGNUP, {"code": '"><script>alert(1)</script>'}))
    assert "<script>alert(1)" not in html
    assert "&quot;&gt;&lt;script&gt;" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "make", "message"),
    [
        ("", None, "Please type the invitation code you were given"),
        ("NOSUCHCODE", None, "We don&#x27;t recognise that invitation code"),
        (None, {"expires_at": timezone.now() - timedelta(minutes=1)}, "has expired"),
        (None, {"max_uses": 3, "uses": 3}, "already been used by as many people as it allows"),
    ],
)
def test_a_missing_wrong_expired_or_used_up_code_is_explained(client, typed, make, message):
    set_policy(SignupPolicy.INVITATION)
    if make is not None:
        typed = invitation(**make).code
    response = client.post(SIGNUP, signup_data(invitation_code=typed))
    html = page(response)
    assert response.status_code == 200
    assert message in html
    assert "ask" in html  # and what to do next
    assert_kept_what_was_typed(html)
    assert not User.objects.exists()
    assert Invitation.objects.filter(uses__gt=F("max_uses")).count() == 0


@pytest.mark.django_db
def test_a_handmade_post_without_a_code_is_refused(client):
    set_policy(SignupPolicy.INVITATION)
    data = signup_data()
    assert "invitation_code" not in data
    response = client.post(SIGNUP, data)
    assert response.status_code == 200 and not User.objects.exists()


@pytest.mark.django_db
def test_the_last_use_taken_a_moment_earlier_is_explained_and_nothing_is_made(client, monkeypatch):
    """Two people use a code's last use at once: the form checks pass for both, and the
    conditional UPDATE at save lets only the first have it. Here the other person's
    sign-up lands between this person's check and save."""
    set_policy(SignupPolicy.INVITATION)
    code = invitation(max_uses=1)
    checked = SignupForm.clean

    def someone_else_joins_meanwhile(form):
        data = checked(form)
        Invitation.objects.filter(pk=code.pk).update(uses=F("uses") + 1)
        return data

    monkeypatch.setattr(SignupForm, "clean", someone_else_joins_meanwhile)
    response = client.post(SIGNUP, signup_data(invitation_code=code.code))
    html = page(response)
    assert response.status_code == 200
    assert "Someone joined with the last use of that invitation code a moment ago" in html
    assert_kept_what_was_typed(html)
    assert not User.objects.exists()
    code.refresh_from_db()
    assert code.uses == 1


@pytest.mark.django_db
def test_taking_a_use_stops_at_the_limit(db):
    code = invitation(max_uses=2)
    assert [code.take_one() for _ in range(3)] == [True, True, False]
    code.refresh_from_db()
    assert code.uses == 2
    gone = invitation(expires_at=timezone.now() - timedelta(seconds=1))
    assert gone.take_one() is False


@pytest.mark.django_db
def test_an_existing_address_takes_no_use(client, alice, mailoutbox):
    """allauth doesn't reveal who has an account: it e-mails the owner instead. That
    mustn't cost the invitation a use, or codes could be drained with known addresses."""
    set_policy(SignupPolicy.INVITATION)
    code = invitation(max_uses=1)
    response = client.post(SIGNUP, signup_data(email=alice.email, invitation_code=code.code))
    assert response.status_code == 302
    code.refresh_from_db()
    assert code.uses == 0
    assert User.objects.count() == 1


# --- By e-mail domain ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_names_the_domains_and_what_to_do_without_one(client):
    set_policy(SignupPolicy.DOMAINS, "riverside.nhs.uk\nexample.org")
    html = page(client.get(SIGNUP))
    assert "is for people with an e-mail address at riverside.nhs.uk or example.org" in html
    assert "Please use your address at riverside.nhs.uk or example.org" in html
    assert "id_invitation_code" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "allowed"),
    [
        ("river@example.org", True),
        ("River@EXAMPLE.ORG", True),
        ("river@staff.example.org", True),  # a subdomain of a listed domain
        ("river@evilexample.org", False),
        ("river@example.org.evil.test", False),
        ("river@gmail.com", False),
    ],
)
def test_only_addresses_at_the_domains_may_join(client, email, allowed):
    set_policy(SignupPolicy.DOMAINS, "example.org")
    response = client.post(SIGNUP, signup_data(email=email))
    assert User.objects.exists() is allowed
    if not allowed:
        html = page(response)
        assert "Joining Boomity is for people with an e-mail address at example.org" in html
        assert "how to join" in html
        assert 'value="River Stone"' in html


@pytest.mark.django_db
def test_a_new_address_must_be_at_the_domains_too(client, mailoutbox):
    member = make_member("Wren")  # joined at example.org
    set_policy(SignupPolicy.DOMAINS, "example.org")
    client.force_login(member)
    response = client.post("/accounts/email/", {"action_add": "", "email": "wren@elsewhere.test"})
    html = page(response)
    assert response.status_code == 200
    assert "A new address needs to be at example.org" in html
    assert 'value="wren@elsewhere.test"' in html
    assert not mailoutbox
    response = client.post("/accounts/email/", {"action_add": "", "email": "wren@mail.example.org"})
    assert response.status_code == 302 and len(mailoutbox) == 1


@pytest.mark.django_db
def test_members_from_before_can_still_reset_their_password(client, mailoutbox):
    """Limiting who may join never locks out people who are already members."""
    member = User.objects.create_user(
        email="early@old.test", password=PASSWORD, display_name="Early"
    )
    set_policy(SignupPolicy.DOMAINS, "example.org")
    client.post("/accounts/password/reset/", {"email": member.email})
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [member.email]


@pytest.mark.django_db
def test_anyone_may_change_to_any_address_when_joining_is_open(client, alice, mailoutbox):
    client.force_login(alice)
    response = client.post("/accounts/email/", {"action_add": "", "email": "alice@new.test"})
    assert response.status_code == 302
