"""/account/email-preferences/: how often a member hears about notifications by e-mail."""

from __future__ import annotations

from html import unescape

import pytest

from members.actions import notify
from members.models import EmailFrequency, NotificationKind, Profile
from tests.conftest import page, signs_in

URL = "/account/email-preferences/"


def frequency_of(member) -> str:
    return Profile.objects.get(user=member).email_frequency


@pytest.mark.django_db
def test_visitors_are_asked_to_sign_in(client):
    assert signs_in(client.get(URL))
    assert signs_in(client.post(URL, {"email_frequency": "never"}))


@pytest.mark.django_db
def test_other_methods_are_refused(client, alice):
    client.force_login(alice)
    assert client.put(URL, {"email_frequency": "never"}).status_code == 405
    assert frequency_of(alice) == EmailFrequency.DAILY


@pytest.mark.django_db
def test_the_page_shows_the_four_choices_with_daily_chosen(client, alice):
    client.force_login(alice)
    html = page(client.get(URL))
    assert "<legend>E-mail me about my notifications</legend>" in html
    for value in ["immediate", "daily", "weekly", "never"]:
        assert f'value="{value}"' in html
    assert 'value="daily" required id="id_email_frequency_1" checked>' in html
    assert 'aria-current="page">E-mail about notifications</a>' in html


@pytest.mark.django_db
def test_a_member_changes_only_their_own_choice(client, alice, bob):
    notify(alice, kind=NotificationKind.REPLY, text="Bob replied.")
    client.force_login(alice)
    response = client.post(URL, {"email_frequency": "weekly"})
    assert response.status_code == 302 and response["Location"] == URL
    assert frequency_of(alice) == EmailFrequency.WEEKLY
    assert frequency_of(bob) == EmailFrequency.DAILY
    assert Profile.objects.get(user=alice).unread_notifications == 1, "nothing else changed"
    html = unescape(page(client.get(URL)))
    assert "Saved. We'll send you one summary a week, when there's news." in html


@pytest.mark.django_db
@pytest.mark.parametrize("data", [{}, {"email_frequency": "hourly"}])
def test_a_choice_we_dont_offer_gets_a_kind_message(client, alice, data):
    client.force_login(alice)
    response = client.post(URL, data)
    assert response.status_code == 400
    html = page(response)
    assert "Please choose one of the four options." in html
    assert "We couldn't save that yet" in html
    assert frequency_of(alice) == EmailFrequency.DAILY


@pytest.mark.django_db
def test_the_notifications_page_says_how_we_email_and_links_here(client, alice):
    client.force_login(alice)
    html = page(client.get("/notifications/"))
    assert "We e-mail you a summary of these once a day." in html
    assert f'<a href="{URL}">Choose how we e-mail you</a>' in html
    Profile.objects.filter(user=alice).update(email_frequency=EmailFrequency.NEVER)
    assert "We don't e-mail you about these." in unescape(page(client.get("/notifications/")))


# An address nobody has confirmed -------------------------------------------------


@pytest.fixture
def unconfirmed(db):
    from allauth.account.models import EmailAddress

    from tests.factories import make_member

    member = make_member("Newbie")
    EmailAddress.objects.filter(user=member).update(verified=False)
    return member


@pytest.mark.django_db
def test_choosing_straight_away_with_an_unconfirmed_address_says_no_e_mail_will_come(
    client, unconfirmed
):
    client.force_login(unconfirmed)
    response = client.post(URL, {"email_frequency": "immediate"}, follow=True)
    html = unescape(page(response))
    assert frequency_of(unconfirmed) == EmailFrequency.IMMEDIATE  # the choice is kept
    assert "We can't e-mail you yet, though: your e-mail address isn't confirmed." in html
    assert "We'll e-mail you as soon as there's something new" not in html
    assert '<h2 id="unconfirmed-heading">We can\'t e-mail you yet</h2>' in html
    assert f"Your e-mail address, <strong>{unconfirmed.email}</strong>, isn't confirmed" in html
    # A plain form (no script needed) that asks allauth to send the link again.
    button = html[html.index("unconfirmed-heading") : html.index("</section>")]
    assert '<form method="post" action="/accounts/email/"' in button
    assert f'<input type="hidden" name="email" value="{unconfirmed.email}">' in button
    assert '<button type="submit" name="action_send"' in button
    assert "csrfmiddlewaretoken" in button


@pytest.mark.django_db
def test_the_button_sends_the_confirmation_again_and_allauth_limits_it(
    client, unconfirmed, mailoutbox
):
    client.force_login(unconfirmed)
    data = {"email": unconfirmed.email, "action_send": ""}
    response = client.post("/accounts/email/", data, follow=True)
    assert response.status_code == 200
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [unconfirmed.email]
    assert "/accounts/confirm-email/" in mailoutbox[0].body
    html = unescape(page(response))
    assert f"We've sent a confirmation link to {unconfirmed.email}." in html
    assert "isn't confirmed yet, so we can't e-mail you about your notifications" in html
    # A second press straight away sends nothing more (allauth's cooldown).
    client.post("/accounts/email/", data)
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_confirmed_address_gets_no_such_note(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"email_frequency": "immediate"}, follow=True)
    html = unescape(page(response))
    assert "Saved. We'll e-mail you as soon as there's something new." in html
    assert "We can't e-mail you yet" not in html and "action_send" not in html
