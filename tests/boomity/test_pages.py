import pytest


@pytest.mark.django_db
def test_not_found_page_is_kind_and_links_home(client, alice):
    client.force_login(alice)
    response = client.get("/no/such/page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "We couldn&#x27;t find that page" in html or "We couldn't find that page" in html
    assert 'href="/"' in html


@pytest.mark.django_db
def test_every_page_has_the_accessibility_basics(client, board, alice):
    client.force_login(alice)
    for url in ["/", "/b/anxiety/", "/b/anxiety/new/", "/guidelines/", "/accounts/email/"]:
        html = client.get(url).content.decode()
        assert html.count("<h1") == 1, url
        assert 'href="#main"' in html and 'id="main"' in html, url
        assert '<html lang="en">' in html
        assert 'name="viewport"' in html


@pytest.mark.django_db
def test_server_error_page_needs_no_database(rf):
    from boomity.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert (
        "this isn&#x27;t your fault" in response.content.decode()
        or "this isn't your fault" in response.content.decode()
    )
