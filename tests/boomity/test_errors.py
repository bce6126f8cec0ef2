"""Kind error pages, and nothing lost when the database is down."""

from unittest import mock

import pytest
from django.db import OperationalError

from tests.factories import PASSWORD


@pytest.mark.django_db
def test_forbidden_page_is_kind(client, alice):
    client.force_login(alice)
    response = client.get("/admin/login/")  # members aren't staff
    html = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 403
    assert "This page isn't available to you" in html
    assert "Traceback" not in html


@pytest.mark.django_db
def test_database_down_answers_503_and_gives_back_what_was_sent(client, thread, bob):
    client.force_login(bob)
    client.raise_request_exception = False
    with mock.patch("forums.actions.post_reply", side_effect=OperationalError("down")):
        response = client.post(f"/t/{thread.pk}/reply/", {"body": "Words I must not lose"})
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Words I must not lose</textarea>" in html
    assert "isn't anything you did" in html.replace("&#x27;", "'")
    assert "OperationalError" not in html and "Traceback" not in html


@pytest.mark.django_db
def test_database_down_on_a_plain_page_is_503(client):
    client.raise_request_exception = False
    with mock.patch(
        "forums.views.boards_with_latest",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/")
    assert response.status_code == 503
    assert "We'll be back in a moment" in response.content.decode()


@pytest.mark.django_db
def test_other_errors_are_a_kind_500_without_details(client, monkeypatch):
    client.raise_request_exception = False
    with mock.patch("forums.views.boards_with_latest", side_effect=ValueError("x")):
        response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html and "ValueError" not in html


@pytest.mark.django_db
def test_too_many_sign_in_attempts_get_a_kind_429(client, alice):
    for _ in range(12):
        response = client.post("/accounts/login/", {"login": alice.email, "password": "wrong!"})
    html = response.content.decode()
    assert response.status_code in (200, 429)
    assert "too many sign-in attempts" in html.lower() or response.status_code == 429
    # And even the right password waits now.
    response = client.post("/accounts/login/", {"login": alice.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_query_bug_is_a_500_not_an_outage(client):
    from django.db import ProgrammingError

    client.raise_request_exception = False
    with mock.patch(
        "forums.views.boards_with_latest", side_effect=ProgrammingError("no such column")
    ):
        response = client.get("/")
    assert response.status_code == 500


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [True, False], ids=["member", "visitor"])
def test_a_failed_safety_check_is_kind_and_gives_back_the_words(thread, bob, signed_in):
    """A reply sent from a page left open past a sign-out (or with the form's token
    gone stale) fails Django's CSRF check: the person gets our page, their words back
    (escaped), and nothing is posted."""
    from django.test import Client

    from forums.models import Post

    browser = Client(enforce_csrf_checks=True)
    if signed_in:
        browser.force_login(bob)
    before = Post.objects.count()
    words = "Words I must not lose <script>alert(1)</script>"
    response = browser.post(
        f"/t/{thread.pk}/reply/", {"body": words, "csrfmiddlewaretoken": "stale"}
    )
    html = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 403
    assert "We couldn't send that safely" in html
    assert "Nothing was posted" in html
    assert "Words I must not lose &lt;script&gt;alert(1)&lt;/script&gt;</textarea>" in html
    assert "<script>alert(1)" not in html
    assert "CSRF" not in html and "Forbidden" not in html
    assert 'href="/help/"' in html
    assert Post.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [True, False], ids=["member", "visitor"])
def test_a_failed_safety_check_shows_the_crisis_help_first(thread, bob, signed_in):
    """All cookies cleared mid-post: the safety check fails. If the words have crisis
    language, the crisis help is the first thing on the page, above the words."""
    from django.test import Client

    from forums.models import Post
    from moderation.models import ReviewItem
    from tests.conftest import main_of

    browser = Client(enforce_csrf_checks=True)
    if signed_in:
        browser.force_login(bob)
    words = "I want to kill myself tonight. I've written a goodbye note."
    response = browser.post(
        f"/b/{thread.board.slug}/new/",
        {"title": "tonight", "body": words, "csrfmiddlewaretoken": "stale"},
    )
    main = main_of(response).replace("&#x27;", "'")
    assert response.status_code == 403
    assert "It sounds like things are really hard right now" in main
    assert 'href="tel:' in main
    assert main.index("crisis-panel") < main.index("We couldn't send that safely")
    assert f"{words}</textarea>" in main
    assert Post.objects.count() == 1 and not ReviewItem.objects.exists()

    plain = browser.post(
        f"/t/{thread.pk}/reply/", {"body": "A quiet night", "csrfmiddlewaretoken": "stale"}
    )
    assert "crisis-panel" not in plain.content.decode()


@pytest.mark.django_db
def test_a_failed_safety_check_after_cookies_were_cleared_offers_sign_in_back_to_the_form(
    thread,
):
    """All cookies gone mid-reply: they are signed out now, so "go back and reload"
    would not work. They get a sign-in link that returns to the form."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    response = browser.post(f"/t/{thread.pk}/reply/", {"body": "Words to keep"})
    html = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 403
    assert "You're signed out now" in html
    assert f'href="/accounts/login/?next=%2Ft%2F{thread.pk}%2Freply%2F"' in html
    # Not a form: the sign-in leads to the boards, never to a page that only takes POST.
    response = browser.post(f"/p/{thread.posts.get().pk}/react/", {"kind": "support"})
    assert 'href="/accounts/login/?next=%2F"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("failure", [ValueError("x"), OperationalError("down")], ids=["500", "503"])
def test_an_error_page_that_cannot_be_drawn_still_answers_kindly(client, failure):
    """The error pages use the translation machinery; if it (or the template) breaks
    too, the person still gets a kind page with the way to help, never a bare error."""
    client.raise_request_exception = False
    with (
        mock.patch("forums.views.boards_with_latest", side_effect=failure),
        mock.patch("boomity.views.loader.get_template", side_effect=RuntimeError("no i18n")),
    ):
        response = client.get("/")
    html = response.content.decode()
    assert response.status_code in (500, 503)
    assert "Something went wrong on our side" in html
    assert 'href="/help/"' in html and "RuntimeError" not in html
