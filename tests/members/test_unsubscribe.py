"""/unsubscribe/<token>/: the signed link in every e-mail. GET asks; POST stops e-mails."""

from __future__ import annotations

import re

import pytest
from django.core import signing
from django.test import Client

from members.mail import member_from_token, unsubscribe_token
from members.models import EmailFrequency, Profile


def frequency_of(member) -> str:
    return Profile.objects.get(user=member).email_frequency


def link(member) -> str:
    return f"/unsubscribe/{unsubscribe_token(member)}/"


@pytest.fixture
def mail_app():
    """Not signed in, and with no CSRF token: what a mail app's one-click POST is."""
    return Client(enforce_csrf_checks=True)


@pytest.mark.django_db
def test_opening_the_link_changes_nothing(mail_app, alice):
    response = mail_app.get(link(alice))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Stop these e-mails</button>" in html
    # The page posts to a link for the same member (the token carries the second it
    # was signed in, so it is compared by whom it names, not character by character).
    action = re.search(r'<form method="post" action="/unsubscribe/([^"/]+)/">', html)
    assert action and member_from_token(action.group(1)) == alice
    assert frequency_of(alice) == EmailFrequency.DAILY, "mail scanners open links"
    assert alice.email not in html and "Alice" not in html  # a forwarded link says nothing
    assert "no-store" in response["Cache-Control"]  # nor does a shared cache keep it


@pytest.mark.django_db
def test_the_button_or_the_mail_app_stops_emails_without_signing_in(mail_app, alice, bob):
    response = mail_app.post(link(alice), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 302 and response["Location"] == link(alice)
    assert frequency_of(alice) == EmailFrequency.NEVER
    assert frequency_of(bob) == EmailFrequency.DAILY, "only the member the link was for"
    html = mail_app.get(link(alice)).content.decode()
    assert "You won't get e-mails about your notifications any more" in html
    assert "<button" not in html.split("<main")[1].split("</main>")[0]  # the footer has its own
    assert mail_app.post(link(alice)).status_code == 302, "a second click is fine too"


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["put", "delete"])
def test_other_methods_are_refused(client, alice, method):
    assert getattr(client, method)(link(alice)).status_code == 405
    assert frequency_of(alice) == EmailFrequency.DAILY


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make_token",
    [
        lambda member: unsubscribe_token(member)[:-3] + "abc",  # tampered
        lambda member: signing.dumps(member.pk),  # ours, but signed for something else
        lambda member: signing.dumps(member.pk, salt="boomity.members.unsubscribe") + "x",
        lambda member: signing.dumps("1", salt="boomity.members.unsubscribe"),  # not a member id
        lambda member: "not-a-token-at-all",
    ],
)
def test_a_link_that_isnt_ours_gets_a_kind_page(mail_app, alice, make_token):
    url = f"/unsubscribe/{make_token(alice)}/"
    for response in (mail_app.get(url), mail_app.post(url)):
        assert response.status_code == 400
        assert "This link doesn't work" in response.content.decode()
    assert frequency_of(alice) == EmailFrequency.DAILY


@pytest.mark.django_db
def test_a_link_for_an_account_that_is_gone_gets_the_kind_page(mail_app, alice):
    url = link(alice)
    alice.delete()
    assert mail_app.post(url).status_code == 400


@pytest.mark.django_db
def test_signed_in_as_someone_else_the_link_still_stops_its_own_member(client, alice, bob):
    client.force_login(bob)
    client.post(link(alice))
    assert frequency_of(alice) == EmailFrequency.NEVER
    assert frequency_of(bob) == EmailFrequency.DAILY
