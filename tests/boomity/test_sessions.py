"""A sign-in ends after the idle time, and at sign-out, on the server."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.factories import PASSWORD


def sign_in(client, user):
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return Session.objects.get(session_key=client.session.session_key)


@pytest.mark.django_db
def test_idle_time_is_twelve_hours_by_default(client, alice, settings):
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    session = sign_in(client, alice)
    remaining = session.expire_date - timezone.now()
    assert timedelta(hours=11, minutes=59) < remaining <= timedelta(hours=12)


@pytest.mark.django_db
def test_visiting_renews_the_sign_in_but_not_on_every_page(
    client, alice, settings, django_assert_num_queries
):
    session = sign_in(client, alice)
    # Pretend the last renewal was long ago and the session is about to lapse.
    data = client.session
    data["_renewed"] = 0
    data.save()
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=1))
    client.get("/")
    renewed = Session.objects.get(pk=session.pk).expire_date
    assert renewed - timezone.now() > timedelta(hours=11)
    # Within the renewal interval, a page view writes nothing to the session.
    client.get("/")
    # The home page's own reads (7 with the check-in invitation's and the member's
    # mutes), and no session write.
    with django_assert_num_queries(7):
        client.get("/")


@pytest.mark.django_db
def test_an_idle_session_no_longer_signs_anyone_in(client, alice):
    session = sign_in(client, alice)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/accounts/email/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_sign_out_ends_the_session_on_the_server(client, alice):
    session = sign_in(client, alice)
    client.post("/accounts/logout/")
    assert not Session.objects.filter(pk=session.pk).exists()
