"""Two-step sign-in: nobody who may use the admin opens it with a password alone."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth.models import Group

from moderation.roles import MODERATORS, STAFF
from tests.conftest import PASSWORD, give_two_step_sign_in, make_member, totp_code

NEEDED = "/account/two-step-sign-in/"
ADMIN_PAGES = [
    "/admin/",
    "/admin/forums/thread/",  # a model page
    "/admin/moderation/reviewitem/",  # the review queue
    "/admin/members/communitysettings/",
    "/admin/moderation/auditentry/",
    # The staff pages of figures live outside the admin's URLs, but not outside its guard.
    "/staff/health/",
    "/staff/health/threads.csv",
    "/staff/check-ins/",
    "/staff/check-ins/confidence.csv",
]


def person_who_runs_it(role: str, *, two_step: bool):
    user = make_member("Robin" if role == MODERATORS else "Kai", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return give_two_step_sign_in(user) if two_step else user


def page(response) -> str:
    return response.content.decode()


def sign_in_with_password(client, user, next_url: str = "/admin/"):
    return client.post(
        f"/accounts/login/?next={next_url}", {"login": user.email, "password": PASSWORD}
    )


def signed_in_as(client):
    return client.session.get("_auth_user_id")


# --- Without an authenticator, the admin stays shut --------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", [MODERATORS, STAFF])
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_without_two_step_no_admin_page_opens(client, role, url):
    client.force_login(person_who_runs_it(role, two_step=False))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == NEEDED


@pytest.mark.django_db
def test_without_two_step_no_admin_change_goes_through(client, thread):
    moderator = person_who_runs_it(MODERATORS, two_step=False)
    client.force_login(moderator)
    response = client.post(
        "/admin/forums/thread/", {"action": "lock", "_selected_action": [thread.pk]}
    )
    assert response["Location"] == NEEDED
    thread.refresh_from_db()
    assert not thread.is_locked


@pytest.mark.django_db
def test_a_superuser_needs_it_too(client):
    from members.models import User

    root = User.objects.create_superuser(email="root@example.org", password=PASSWORD)
    client.force_login(root)
    assert client.get("/admin/")["Location"] == NEEDED


@pytest.mark.django_db
def test_the_page_explains_kindly_and_leads_to_set_up(client):
    client.force_login(person_who_runs_it(MODERATORS, two_step=False))
    html = page(client.get("/admin/", follow=True))
    assert "<h1>Set up two-step sign-in to open the admin</h1>" in html
    assert "keep private" in html and "two minutes" in html
    assert 'href="/accounts/2fa/totp/activate/"' in html
    assert 'href="/"' in html  # a way back that isn't the admin


@pytest.mark.django_db
def test_the_page_is_only_for_people_who_may_use_the_admin(client, alice, moderator):
    assert client.get(NEEDED)["Location"].startswith("/accounts/login/")
    client.force_login(alice)
    assert client.get(NEEDED).status_code == 404
    client.force_login(moderator)  # has it already: straight on to the admin
    assert client.get(NEEDED)["Location"] == "/admin/"
    assert client.post(NEEDED).status_code == 405


@pytest.mark.django_db
def test_members_never_meet_it(client, alice, thread):
    client.force_login(alice)
    for url in ["/", "/notifications/", thread.get_absolute_url()]:
        assert client.get(url).status_code == 200
    # And their sign-in asks for no code.
    client.logout()
    response = client.post("/accounts/login/", {"login": alice.email, "password": PASSWORD})
    assert response.status_code == 302 and signed_in_as(client) == str(alice.pk)


# --- Setting it up ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_moderator_sets_it_up_and_the_admin_opens(client):
    moderator = person_who_runs_it(MODERATORS, two_step=False)
    sign_in_with_password(client, moderator)
    assert signed_in_as(client) == str(moderator.pk)  # no authenticator yet: no code asked
    assert client.get("/admin/")["Location"] == NEEDED
    # Setting it up asks for the password again first.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    html = page(client.get("/accounts/2fa/totp/activate/"))
    secret = re.search(r'<code id="setup-key">([A-Z2-7]+)</code>', html).group(1)
    # The QR code is drawn in the page itself: no image fetched from anywhere, no data:
    # URL (which the Content-Security-Policy would block).
    assert '<svg class="qr-code__image" role="img"' in html
    assert "data:image" not in html and "<?xml" not in html
    assert '<label for="id_code">The six-digit code your app shows' in html

    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert "That code didn&#x27;t work" in page(wrong)
    assert not moderator.has_two_step_sign_in()

    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    codes_page = page(client.get("/accounts/2fa/recovery-codes/"))
    assert len(re.findall(r"<li><code>\d{8}</code></li>", codes_page)) == 10
    assert 'href="/admin/"' in codes_page
    assert moderator.has_two_step_sign_in()
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_turning_it_off_shuts_the_admin_again(client, moderator):
    client.force_login(moderator)
    client.post(
        "/accounts/reauthenticate/?next=/accounts/2fa/totp/deactivate/", {"password": PASSWORD}
    )
    html = page(client.get("/accounts/2fa/totp/deactivate/"))
    assert "won't open for you again" in html
    client.post("/accounts/2fa/totp/deactivate/")
    assert not moderator.has_two_step_sign_in()
    assert client.get("/admin/")["Location"] == NEEDED


# --- Signing in with it -----------------------------------------------------------------


@pytest.mark.django_db
def test_with_two_step_the_password_alone_does_not_sign_in(client, moderator):
    response = sign_in_with_password(client, moderator)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert signed_in_as(client) is None
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"
    final = client.get("/admin/", follow=True)
    assert final.request["PATH_INFO"] in {"/accounts/login/", "/accounts/2fa/authenticate/"}


@pytest.mark.django_db
def test_a_moderator_signs_in_with_a_code_and_lands_in_the_admin(client, moderator):
    sign_in_with_password(client, moderator, next_url="/admin/moderation/reviewitem/")
    html = page(client.get("/accounts/2fa/authenticate/"))
    assert "<h1>Type the code from your app</h1>" in html
    assert '<label for="id_code">Code from your app, or a recovery code' in html
    assert 'inputmode="numeric"' in html and 'autocomplete="one-time-code"' in html

    wrong = client.post("/accounts/2fa/authenticate/", {"code": "123456"})
    assert wrong.status_code == 200 and signed_in_as(client) is None
    assert "Codes change every 30 seconds" in page(wrong)

    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert response["Location"] == "/admin/moderation/reviewitem/"
    assert signed_in_as(client) == str(moderator.pk)
    assert client.get("/admin/moderation/reviewitem/").status_code == 200


@pytest.mark.django_db
def test_a_code_works_only_once(client, client_factory, staff):
    code = totp_code()
    sign_in_with_password(client, staff)
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    # Someone who saw it over the shoulder, a moment later:
    other = client_factory()
    sign_in_with_password(other, staff)
    assert other.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 200
    assert signed_in_as(other) is None


@pytest.mark.django_db
def test_a_recovery_code_signs_in_once(client, client_factory, staff):
    codes = RecoveryCodes.activate(staff).generate_codes()
    sign_in_with_password(client, staff)
    response = client.post("/accounts/2fa/authenticate/", {"code": codes[3]})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    stored = Authenticator.objects.get(user=staff, type=Authenticator.Type.RECOVERY_CODES)
    assert codes[3] not in RecoveryCodes(stored).get_unused_codes()
    # The same recovery code never works twice.
    other = client_factory()
    sign_in_with_password(other, staff)
    assert other.post("/accounts/2fa/authenticate/", {"code": codes[3]}).status_code == 200
    assert signed_in_as(other) is None
    assert other.post("/accounts/2fa/authenticate/", {"code": codes[4]}).status_code == 302


@pytest.mark.django_db
def test_the_two_step_page_is_linked_from_the_account_pages(client, alice):
    client.force_login(alice)
    html = page(client.get("/accounts/email/"))
    assert 'href="/accounts/2fa/">Two-step sign-in</a>' in html
    html = page(client.get("/accounts/2fa/"))
    assert "<h1>Two-step sign-in</h1>" in html and "It's up to you" in html


@pytest.mark.django_db
def test_with_two_step_an_administrator_changes_the_address(client, staff, mailoutbox):
    """allauth's rule: no unconfirmed address on an account with two-step sign-in (it
    would let someone who signed up with another's address lock them out)."""
    client.force_login(staff)
    response = client.post("/accounts/email/", {"action_add": "", "email": "sol@new.test"})
    assert response.status_code == 200
    assert "please ask an administrator to change it" in page(response).lower()
    assert 'value="sol@new.test"' in page(response)
    assert not mailoutbox


@pytest.mark.django_db
def test_the_admin_query_cost_of_the_check_is_one_small_query(client, moderator, thread):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(moderator)
    client.get("/admin/forums/thread/")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/admin/forums/thread/").status_code == 200
    authenticator_queries = [q for q in ctx.captured_queries if "mfa_authenticator" in q["sql"]]
    assert len(authenticator_queries) == 1


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client
