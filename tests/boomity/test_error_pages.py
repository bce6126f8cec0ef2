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
