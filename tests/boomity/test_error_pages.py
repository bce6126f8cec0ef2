import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("url,status", [("/no-such-page/", 404), ("/admin/login/", 403)])
def test_error_pages_link_to_help_and_keep_a_clean_title(client, alice, url, status):
    client.force_login(alice)
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == status
    title = html[html.index("<title>") : html.index("</title>")]
    assert "<p>" not in title and "<a" not in title
    assert html.count('href="/help/"') >= 2  # the header, and the page's own words


TECHNICAL = ("URLconf", "Raised by", "Traceback", "Using the URLconf", "technical_404")


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True], ids=["production", "DEBUG"])
def test_an_erased_or_unknown_members_page_is_a_kind_404(client, alice, bob, settings, debug):
    from core.privacy import erase_member

    settings.DEBUG = debug
    erase_member(alice, remove_posts=False)
    client.force_login(bob)
    for url in ("/members/Alice/", "/members/nobody-at-all/"):
        response = client.get(url)
        page = response.content.decode().replace("&#x27;", "'")
        assert response.status_code == 404
        assert "We couldn't find that member." in page
        assert "changed their display name, or left the community" in page
        assert 'href="/help/"' in page
        assert not any(word in page for word in TECHNICAL), url


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/no-such-page/", "/t/999999/", "/b/no-such-board/", "/p/999999/"])
def test_with_debug_on_a_missing_page_is_still_ours(client, bob, settings, url):
    settings.DEBUG = True
    client.force_login(bob)
    response = client.get(url)
    page = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 404
    assert "We couldn't find that page" in page
    assert not any(word in page for word in TECHNICAL)


@pytest.mark.django_db
def test_in_the_demo_a_server_error_is_ours_even_with_debug_on(client, settings, caplog):
    from unittest import mock

    settings.DEBUG = True
    settings.DEMO = True
    client.raise_request_exception = False
    with mock.patch("forums.views.boards_with_latest", side_effect=ValueError("boom")):
        response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in page
    assert "Traceback" not in page and "ValueError" not in page
    # The developer still has the details, in the log.
    assert any(r.exc_info and r.exc_info[0] is ValueError for r in caplog.records)


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True], ids=["production", "DEBUG"])
def test_an_unknown_host_gets_a_kind_400_never_the_settings(client, settings, debug):
    settings.DEBUG = debug
    client.raise_request_exception = False
    response = client.get("/", HTTP_HOST="evil.example")
    page = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 400
    assert "We couldn't understand that request" in page
    assert 'href="/help/"' in page
    for secret in (*TECHNICAL, "DisallowedHost", "ALLOWED_HOSTS", "sys.path", "DATABASES"):
        assert secret not in page, secret


@pytest.mark.django_db
@pytest.mark.parametrize("demo", [False, True], ids=["DEBUG", "demo"])
@pytest.mark.parametrize("who", ["member", "moderator"])
def test_a_page_you_may_not_open_is_a_403_not_a_server_error(
    client, settings, alice, moderator, demo, who
):
    """With DEBUG on, and in the demo, a refusal is still a refusal: never "something
    went wrong, try again"."""
    settings.DEBUG = True
    settings.DEMO = demo
    client.raise_request_exception = False
    client.force_login(alice if who == "member" else moderator)
    session = client.session
    session["allauth_mfa_authenticated"] = True  # the admin's two-step, taken
    session.save()
    response = client.get("/admin/members/communitysettings/")
    page = response.content.decode()
    assert response.status_code in (302, 403), response.status_code
    assert "Something went wrong" not in page
    if response.status_code == 403:
        assert "This page isn" in page


BUTTON = "This address is for a button, not a page"


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True], ids=["production", "DEBUG"])
def test_opening_a_buttons_address_is_a_kind_405(client, reply, bob, settings, debug):
    settings.DEBUG = debug
    client.force_login(bob)
    response = client.get(f"/p/{reply.pk}/save/")
    page = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert BUTTON in page
    assert f'href="/p/{reply.pk}/"' in page  # the post, where the Save button is
    assert page.count('href="/help/"') >= 2
    assert "Leave quickly" in page or "leave-quickly" in page
    # The button itself still works.
    assert client.post(f"/p/{reply.pk}/save/").status_code in (200, 302)


@pytest.mark.django_db
def test_signing_in_to_a_buttons_address_is_not_a_dead_end(client, reply, bob):
    from tests.factories import PASSWORD

    next_url = f"/p/{reply.pk}/save/"
    assert client.post(next_url).status_code == 302  # signed out: sent to sign in
    landed = client.post(
        f"/accounts/login/?next={next_url}",
        {"login": bob.email, "password": PASSWORD, "next": next_url},
        follow=True,
    )
    page = landed.content.decode()
    assert landed.status_code == 405 and BUTTON in page
    assert f'href="/p/{reply.pk}/"' in page


@pytest.mark.django_db
def test_a_405_with_no_page_above_it_links_to_the_boards(client, bob):
    client.force_login(bob)
    response = client.put("/saved/")
    page = response.content.decode()
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
    assert BUTTON in page and "Go back to the boards" in page
    assert "Go to the page with the button" not in page


@pytest.mark.parametrize("name", ["400.html", "500.html", "503.html"])
@pytest.mark.parametrize("language,direction", [("en", "ltr"), ("es", "ltr"), ("ar", "rtl")])
def test_the_pages_drawn_without_base_html_say_their_language_and_direction(
    name, language, direction
):
    """400, 500 and 503 stand alone (no context processors, no base.html): they still
    name the reader's language and its direction."""
    from django.template import loader
    from django.utils import translation

    with translation.override(language):
        html = loader.get_template(name).render()
    assert f'<html lang="{language}" dir="{direction}">' in html
