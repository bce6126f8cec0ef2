"""/accounts/email/: changing one's e-mail address.

The address an account signs in with stays the same until the new one is confirmed,
in the demo (where confirming is optional) and in production (where it's required).
Asking for an address that belongs to another member changes nothing for either of
them; with confirmation on, the page can't tell the asker whose the address is.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from members.mail import has_confirmed_address
from members.models import User
from tests.conftest import page, signs_in
from tests.factories import PASSWORD, make_member

URL = "/accounts/email/"
ATTACKER = "atk@ex.org"
ATTACKER_PASSWORD = "calm-waters-2026"
LINK = re.compile(r"https?://testserver(/accounts/confirm-email/\S+/)")


@pytest.fixture(params=["optional", "mandatory"])
def verification(request, settings) -> str:
    """The demo confirms addresses optionally; production requires it."""
    settings.ACCOUNT_EMAIL_VERIFICATION = request.param
    return request.param


def join(client: Client, email: str, verification: str, mailoutbox) -> User:
    """Someone joins as a visitor would, and is signed in as they'd be after it: at
    once in the demo, after confirming their address in production."""
    client.post(
        "/accounts/signup/",
        {
            "email": email,
            "display_name": email.split("@")[0],
            "password1": ATTACKER_PASSWORD,
            "accept_guidelines": "on",
        },
    )
    if verification == "mandatory":
        link = LINK.search(mailoutbox[-1].body)
        client.post(link.group(1))
    user = User.objects.get(email=email)
    assert client.session.get("_auth_user_id") == str(user.pk)
    return user


def can_sign_in(email: str, password: str) -> bool:
    response = Client().post("/accounts/login/", {"login": email, "password": password})
    return response.status_code == 302 and not signs_in(response)


def link_to(address: str, mailoutbox) -> str:
    [mail] = [m for m in mailoutbox if m.to == [address]][-1:]
    return LINK.search(mail.body).group(1)


def addresses_of(user: User) -> list[tuple[str, bool, bool]]:
    return sorted(
        EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")
    )


# --- Asking for another member's address ---------------------------------------------


@pytest.mark.django_db
def test_asking_for_a_members_address_keeps_both_accounts_as_they_were(
    client, verification, mailoutbox
):
    member = make_member("Member")
    theirs = addresses_of(member)
    attacker = join(client, ATTACKER, verification, mailoutbox)
    mine = addresses_of(attacker)

    client.post(URL, {"email": member.email, "action_add": ""})

    # The asker still signs in, and can still reset the password, with their address.
    attacker.refresh_from_db()
    assert attacker.email == ATTACKER
    assert addresses_of(attacker) == mine
    assert can_sign_in(ATTACKER, ATTACKER_PASSWORD)
    mailoutbox.clear()
    Client().post("/accounts/password/reset/", {"email": ATTACKER})
    [reset] = mailoutbox
    assert "/accounts/password/reset/key/" in reset.body
    # The member's account is untouched, and nobody else signs in with its address.
    member.refresh_from_db()
    assert member.email == member.email.lower() and addresses_of(member) == theirs
    assert can_sign_in(member.email, PASSWORD)
    assert not can_sign_in(member.email, ATTACKER_PASSWORD)
    assert has_confirmed_address(member)


@pytest.mark.django_db
def test_with_confirmation_on_a_taken_address_looks_like_any_other(client, alice, mailoutbox):
    """Whether an address belongs to someone in a mental-health community is private."""
    join(client, ATTACKER, "mandatory", mailoutbox)
    client.get(URL)  # shows what joining said
    mailoutbox.clear()

    taken = client.post(URL, {"email": alice.email, "action_add": ""}, follow=True)
    free = client.post(URL, {"email": "free@example.org", "action_add": ""}, follow=True)

    assert taken.redirect_chain == free.redirect_chain == [(URL, 302)]
    said = [unescape(str(m)) for m in taken.context["messages"]]
    assert said == [
        f"We've sent a confirmation link to {alice.email}. Please open it to confirm your address."
    ]
    # The owner is told, plainly, that nothing changed; no link adds it elsewhere.
    [to_owner] = [m for m in mailoutbox if m.to == [alice.email]]
    assert "nothing has changed" in to_owner.body
    assert not LINK.search(to_owner.body)
    assert EmailAddress.objects.filter(email__iexact=alice.email).count() == 1


@pytest.mark.django_db
def test_in_the_demo_a_taken_address_is_said_kindly(client, alice, settings, mailoutbox):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
    join(client, ATTACKER, "optional", mailoutbox)
    mailoutbox.clear()

    response = client.post(URL, {"email": alice.email, "action_add": ""})

    assert response.status_code == 200
    html = unescape(page(response))
    assert "already used by another account" in html
    assert "Your address stays as it is" in html
    assert alice.email in html  # what they typed is kept
    assert not mailoutbox


@pytest.mark.django_db
def test_a_second_change_after_an_attempt_on_a_taken_address_never_fails(
    client, verification, mailoutbox
):
    """A locked-out account used to be left with no address at all, and the next
    account to change its address then failed with a server error."""
    member = make_member("Member")
    join(client, ATTACKER, verification, mailoutbox)
    client.post(URL, {"email": member.email, "action_add": ""})

    other = Client()
    join(other, "second@ex.org", verification, mailoutbox)
    response = other.post(URL, {"email": "somewhere@example.org", "action_add": ""})

    assert response.status_code == 302
    assert not User.objects.filter(email="").exists()


# --- Changing to a new address ----------------------------------------------------------


@pytest.mark.django_db
def test_the_old_address_signs_in_until_the_new_one_is_confirmed(client, verification, mailoutbox):
    member = join(client, ATTACKER, verification, mailoutbox)

    response = client.post(URL, {"email": "New@Example.org", "action_add": ""})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == ATTACKER
    assert can_sign_in(ATTACKER, ATTACKER_PASSWORD)
    html = unescape(page(client.get(URL)))
    assert f"Your address now: <strong>{ATTACKER}</strong>" in html
    assert "We've sent a link to <strong>new@example.org</strong>" in html

    client.post(link_to("new@example.org", mailoutbox))

    member.refresh_from_db()
    assert member.email == "new@example.org"
    assert addresses_of(member) == [("new@example.org", True, True)]
    assert can_sign_in("new@example.org", ATTACKER_PASSWORD)
    assert not can_sign_in(ATTACKER, ATTACKER_PASSWORD)
    assert has_confirmed_address(member)  # e-mail about notifications reaches it


@pytest.mark.django_db
def test_a_confirmed_member_keeps_getting_email_while_a_change_waits(client, alice, mailoutbox):
    client.force_login(alice)
    client.post(URL, {"email": "new@example.org", "action_add": ""})
    alice.refresh_from_db()
    assert has_confirmed_address(alice)
    assert "We can't e-mail you yet" not in page(client.get("/account/email-preferences/"))


@pytest.mark.django_db
def test_in_the_demo_the_first_address_can_still_be_confirmed_after_asking_for_another(
    client, settings, mailoutbox
):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
    member = join(client, ATTACKER, "optional", mailoutbox)
    client.post(URL, {"email": "new@example.org", "action_add": ""})

    # The link sent on joining still confirms the address they joined with.
    client.post(link_to(ATTACKER, mailoutbox))

    member.refresh_from_db()
    assert member.email == ATTACKER
    assert has_confirmed_address(member)


@pytest.mark.django_db
def test_an_account_made_in_the_admin_keeps_its_address_until_the_new_one_is_confirmed(
    client, mailoutbox
):
    """Accounts made with createsuperuser or in the admin have no allauth address yet."""
    person = User.objects.create_user(email="made@example.org", password=PASSWORD)
    client.force_login(person)

    client.post(URL, {"email": "new@example.org", "action_add": ""})
    client.post(URL, {"email": "made@example.org", "action_remove": ""})

    person.refresh_from_db()
    assert person.email == "made@example.org"
    assert can_sign_in("made@example.org", PASSWORD)
    client.post(link_to("new@example.org", mailoutbox))
    person.refresh_from_db()
    assert person.email == "new@example.org"


@pytest.mark.django_db
def test_a_new_address_is_not_made_the_sign_in_address_without_confirming_it(
    client, settings, mailoutbox
):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
    member = join(client, ATTACKER, "optional", mailoutbox)
    client.post(URL, {"email": "new@example.org", "action_add": ""})

    client.post(URL, {"email": "new@example.org", "action_primary": ""})

    member.refresh_from_db()
    assert member.email == ATTACKER


@pytest.mark.django_db
def test_an_address_another_member_confirmed_meanwhile_is_refused_kindly(client, alice, mailoutbox):
    """Two people asked for the same new address; the one who confirmed it first has it."""
    client.force_login(alice)
    client.post(URL, {"email": "shared@example.org", "action_add": ""})
    link = link_to("shared@example.org", mailoutbox)
    other = make_member("Other")
    User.objects.filter(pk=other.pk).update(email="shared@example.org")
    EmailAddress.objects.filter(user=other).update(email="shared@example.org", verified=False)

    response = client.post(link, follow=True)

    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.email != "shared@example.org"
    assert can_sign_in(alice.email, PASSWORD)


# --- Who may use the page -----------------------------------------------------------------


@pytest.mark.django_db
def test_visitors_are_asked_to_sign_in(client):
    assert signs_in(client.get(URL))
    assert signs_in(client.post(URL, {"email": "x@example.org", "action_add": ""}))
    assert not EmailAddress.objects.filter(email="x@example.org").exists()


@pytest.mark.django_db
def test_other_methods_are_refused(client, alice):
    client.force_login(alice)
    for method in (client.put, client.patch, client.delete):
        assert method(URL).status_code == 405
    alice.refresh_from_db()
    assert addresses_of(alice) == [(alice.email, True, True)]
