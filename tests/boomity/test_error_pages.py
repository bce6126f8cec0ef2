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
    with mock.patch("forums.views.Board.objects.with_last_post", side_effect=ValueError("boom")):
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
