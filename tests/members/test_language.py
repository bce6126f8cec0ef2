"""A person's language: a member's choice on their account, a visitor's browser, the
footer's switch (no script needed), and e-mails in the language of whoever reads them."""

from __future__ import annotations

import re

import pytest
from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.test import Client
from django.utils import translation

from members import mail
from members.models import EmailFrequency, Profile, User
from tests.conftest import count_queries, page, signs_in
from tests.factories import make_board, make_thread

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


def html_lang(response) -> str:
    found = re.search(r'<html lang="([^"]+)"', page(response))
    assert found, "no <html lang>"
    return found.group(1)


def choose(member: User, code: str) -> None:
    User.objects.filter(pk=member.pk).update(language=code)


# --- Whose language a page is in ---------------------------------------------------------


@pytest.mark.django_db
def test_a_visitor_gets_their_browsers_language(client):
    assert html_lang(client.get("/guidelines/", **SPANISH)) == "es"
    assert html_lang(client.get("/guidelines/", **ENGLISH)) == "en"
    response = client.get("/guidelines/", HTTP_ACCEPT_LANGUAGE="fr-FR")
    assert html_lang(response) == "en", "a language not offered: the community's own"
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]


@pytest.mark.django_db
def test_a_members_choice_is_used_for_their_pages_whatever_the_browser_says(client, alice):
    choose(alice, "es")
    client.force_login(alice)
    response = client.get("/guidelines/", **ENGLISH)
    assert html_lang(response) == "es"
    assert response["Content-Language"] == "es"
    choose(alice, "")  # "the language of my browser"
    assert html_lang(client.get("/guidelines/", **SPANISH)) == "es"
    assert html_lang(client.get("/guidelines/", **ENGLISH)) == "en"


@pytest.mark.django_db
def test_a_language_the_community_no_longer_offers_falls_back_to_the_browser(
    client, alice, settings
):
    choose(alice, "es")
    settings.LANGUAGES = [("en", "English")]
    client.force_login(alice)
    assert html_lang(client.get("/guidelines/", **SPANISH)) == "en"


@pytest.mark.django_db
def test_the_members_language_costs_no_query(client, bob, thread):
    """The choice is on the account row every page loads anyway."""
    client.force_login(bob)
    without = count_queries(client, thread.get_absolute_url())
    choose(bob, "es")
    with_choice = count_queries(client, thread.get_absolute_url())
    assert html_lang(client.get(thread.get_absolute_url())) == "es"
    assert with_choice == without


@pytest.mark.django_db
def test_a_right_to_left_language_turns_the_page(client, settings):
    settings.LANGUAGES = [("en", "English"), ("ar", "العربيّة")]
    html = page(client.get("/guidelines/", HTTP_ACCEPT_LANGUAGE="ar"))
    assert '<html lang="ar" dir="rtl"' in html
    html = page(client.get("/guidelines/", **ENGLISH))
    assert '<html lang="en"' in html and 'dir="rtl"' not in html


@pytest.mark.django_db
def test_the_admin_says_its_language_and_direction_too(client, staff, settings):
    settings.LANGUAGES = [("en", "English"), ("he", "עברית")]
    choose(staff, "he")
    client.force_login(staff)
    assert '<html lang="he" dir="rtl">' in page(client.get("/admin/"))
    choose(staff, "")
    assert '<html lang="en" dir="ltr">' in page(client.get("/admin/", **ENGLISH))


# --- The footer's switch -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_footer_offers_every_language_in_a_form_without_script(client):
    html = page(client.get("/guidelines/?a=1", **SPANISH))
    form = re.search(
        r'<form class="language-switch" method="post" action="/language/">.*?</form>', html, re.S
    )
    assert form, "no language switch in the footer"
    form_html = form.group(0)
    assert 'name="csrfmiddlewaretoken"' in form_html
    assert '<input type="hidden" name="next" value="/guidelines/?a=1">' in form_html
    assert '<option value="es" lang="es" selected>español</option>' in form_html
    assert '<option value="en" lang="en">English</option>' in form_html
    assert '<button type="submit"' in form_html


@pytest.mark.django_db
def test_the_footer_has_no_switch_with_one_language(client, settings):
    settings.LANGUAGES = [("en", "English")]
    assert "language-switch" not in page(client.get("/guidelines/"))


@pytest.mark.django_db
def test_a_visitor_switches_and_goes_back_to_the_page(client):
    browser = Client(enforce_csrf_checks=True)
    token_page = browser.get("/guidelines/", **ENGLISH)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page(token_page)).group(1)
    response = browser.post(
        "/language/",
        {"language": "es", "next": "/guidelines/", "csrfmiddlewaretoken": token},
        **ENGLISH,
    )
    assert response.status_code == 302 and response["Location"] == "/guidelines/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert html_lang(browser.get("/guidelines/", **ENGLISH)) == "es"


@pytest.mark.django_db
def test_the_switch_refuses_a_post_without_the_forms_token(client):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/language/", {"language": "es", "next": "/guidelines/"})
    assert response.status_code == 403
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.django_db
@pytest.mark.parametrize(
    "elsewhere",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)"],
)
def test_the_switch_never_sends_anyone_to_another_site(client, elsewhere):
    response = client.post("/language/", {"language": "es", "next": elsewhere})
    assert response.status_code == 302
    assert response["Location"] == "/"
    response = client.post(
        "/language/", {"language": "es"}, HTTP_REFERER=elsewhere, HTTP_ACCEPT="text/html"
    )
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_the_switch_changes_nothing_on_a_get_or_for_a_language_not_offered(client, alice):
    client.force_login(alice)
    assert client.get("/language/?language=es&next=/guidelines/").status_code == 405
    response = client.post("/language/", {"language": "fr", "next": "/guidelines/"})
    assert response["Location"] == "/guidelines/"
    alice.refresh_from_db()
    assert alice.language == ""
    assert html_lang(client.get("/guidelines/", **ENGLISH)) == "en"


@pytest.mark.django_db
def test_a_member_switching_in_the_footer_keeps_it_on_their_account(client, alice):
    client.force_login(alice)
    client.post("/language/", {"language": "es", "next": "/guidelines/"})
    alice.refresh_from_db()
    assert alice.language == "es"
    # Another device, another browser: the same language.
    elsewhere = Client()
    elsewhere.force_login(alice)
    assert html_lang(elsewhere.get("/guidelines/", **ENGLISH)) == "es"


# --- The account's page ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_language_page_is_for_members(client):
    assert signs_in(client.get("/account/language/"))
    assert signs_in(client.post("/account/language/", {"language": "es"}))


@pytest.mark.django_db
def test_the_language_page_lists_the_languages_each_in_itself(client, alice):
    client.force_login(alice)
    response = client.get("/account/language/")
    assert response.status_code == 200
    html = page(response)
    assert 'value="" checked' in html or re.search(r'value=""[^>]*checked', html)
    assert "The language of my browser" in html
    assert re.search(r'value="es"[^>]*>\s*español|>\s*español\s*</label>', html)
    assert 'href="/account/language/" aria-current="page"' in html, "in the account's menu"


@pytest.mark.django_db
def test_the_communitys_language_is_named_in_the_readers_sentence(client, alice):
    """'…los correos llegan en inglés', not 'en English' (found by a Spanish walk)."""
    client.force_login(alice)
    html = page(client.get("/account/language/", HTTP_ACCEPT_LANGUAGE="es"))
    assert re.search(r"en [Ii]nglés, el idioma", html) and "en English" not in html


@pytest.mark.django_db
def test_a_member_chooses_a_language_and_back_to_their_browsers(client, alice):
    client.force_login(alice)
    response = client.post("/account/language/", {"language": "es"}, **ENGLISH)
    assert response.status_code == 302 and response["Location"] == "/account/language/"
    alice.refresh_from_db()
    assert alice.language == "es"
    assert html_lang(client.get("/account/language/", **ENGLISH)) == "es"

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"  # as the footer's switch left it
    response = client.post("/account/language/", {"language": ""}, **ENGLISH)
    alice.refresh_from_db()
    assert alice.language == ""
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "", "the cookie goes"
    assert html_lang(client.get("/account/language/", **ENGLISH)) == "en"


@pytest.mark.django_db
def test_a_language_not_offered_is_refused_kindly(client, alice):
    client.force_login(alice)
    response = client.post("/account/language/", {"language": "fr"})
    assert response.status_code == 400
    assert "Please choose one of the languages listed." in page(response)
    alice.refresh_from_db()
    assert alice.language == ""
    assert client.put("/account/language/").status_code == 405


# --- Joining --------------------------------------------------------------------------------


def signup_data(email: str) -> dict[str, str]:
    return {
        "email": email,
        "display_name": email.split("@")[0].title(),
        "password1": "calm-waters-2026",
        "accept_guidelines": "on",
    }


@pytest.mark.django_db
def test_a_newcomer_keeps_the_language_they_joined_in(client, mailoutbox):
    client.post("/accounts/signup/", signup_data("river@example.org"), **SPANISH)
    assert User.objects.get(email="river@example.org").language == "es"
    client.post("/accounts/signup/", signup_data("brook@example.org"), **ENGLISH)
    assert User.objects.get(email="brook@example.org").language == "", "their browser's"


# --- E-mails --------------------------------------------------------------------------------


@pytest.fixture
def rendered_in(monkeypatch):
    """The language active while each e-mail was rendered (subject and body)."""
    seen: list[str] = []
    real_render = mail.render_to_string

    def render(*args, **kwargs):
        seen.append(translation.get_language())
        return real_render(*args, **kwargs)

    real_send = DefaultAccountAdapter.send_mail

    def send(self, *args, **kwargs):
        seen.append(translation.get_language())
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(mail, "render_to_string", render)
    monkeypatch.setattr(DefaultAccountAdapter, "send_mail", send)
    return seen


@pytest.mark.django_db
@pytest.mark.parametrize(("recipients", "expected"), [("es", "es"), ("", "en")])
def test_a_notification_is_written_in_the_recipients_language_not_the_senders(
    alice, bob, rendered_in, mailoutbox, django_capture_on_commit_callbacks, recipients, expected
):
    choose(alice, recipients)
    choose(bob, "es" if recipients == "" else "en")
    Profile.objects.filter(user=alice).update(email_frequency=EmailFrequency.IMMEDIATE)
    post = make_thread(make_board(), alice, title="Sleep").posts.get(number=1)
    client = Client()
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/p/{post.pk}/react/", {"kind": "support"}, **SPANISH)
    assert response.status_code == 302
    [message] = mailoutbox
    assert message.to == [alice.email]
    assert rendered_in == [expected]


@pytest.mark.django_db
def test_another_apps_e_mail_is_in_the_recipients_language(alice, rendered_in, mailoutbox):
    """A check-in reminder goes through members' machinery: the same rule."""
    choose(alice, "es")
    alice.refresh_from_db()
    with translation.override("en"):
        mail.send_member_email(alice.profile, "ready", "members/email/_footer.txt", {})
        assert translation.get_language() == "en", "the caller's language is back after"
    assert rendered_in == ["es"]
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_account_e_mails_go_in_the_language_of_the_account_they_are_for(
    client, alice, bob, rendered_in, mailoutbox
):
    choose(alice, "es")
    # A password reset asked for from an English page: the account's language.
    client.post("/accounts/password/reset/", {"email": alice.email}, **ENGLISH)
    assert rendered_in == ["es"]
    # A member without a choice asking for their own: the page's (their browser's).
    rendered_in.clear()
    client.force_login(bob)
    client.post("/accounts/email/", {"action_add": "", "email": "bob.new@example.org"}, **SPANISH)
    assert rendered_in == ["es"]
    # An address nobody has: the page's language, for whoever typed it.
    rendered_in.clear()
    client.logout()
    client.post("/accounts/password/reset/", {"email": "nobody@example.org"}, **SPANISH)
    assert rendered_in == ["es"]


@pytest.mark.django_db
def test_a_members_export_says_which_language_they_chose(alice):
    from core.privacy import export_member

    choose(alice, "es")
    alice.refresh_from_db()
    assert export_member(alice)["account"]["language"] == "es"
