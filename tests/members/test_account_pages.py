import re

import pytest

from tests.factories import PASSWORD


@pytest.mark.django_db
def test_password_reset_sends_a_link_that_works(client, alice, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": alice.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    path = re.search(r"https?://testserver(/accounts/password/reset/key/\S+/)", mailoutbox[0].body)
    response = client.get(path.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path.group(1)
    response = client.post(
        form_url, {"password1": "a-brand-new-pass-1", "password2": "a-brand-new-pass-1"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a-brand-new-pass-1")


@pytest.mark.django_db
def test_member_changes_password(client, alice):
    client.force_login(alice)
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "another-long-pass-9",
            "password2": "another-long-pass-9",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("another-long-pass-9")


@pytest.mark.django_db
def test_member_changes_email_after_confirming_it(client, alice, mailoutbox):
    client.force_login(alice)
    response = client.post("/accounts/email/", {"action_add": "", "email": "new@example.org"})
    assert response.status_code == 302
    link = re.search(r"https?://testserver(/accounts/confirm-email/\S+/)", mailoutbox[-1].body)
    client.post(link.group(1))
    alice.refresh_from_db()
    assert alice.email == "new@example.org"


@pytest.mark.django_db
def test_account_pages_need_sign_in(client):
    for url in ["/accounts/email/", "/accounts/password/change/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/account/profile/",
        "/account/email-preferences/",
        "/accounts/email/",
        "/accounts/password/change/",
    ],
)
def test_the_account_menu_names_each_place_once_and_marks_where_you_are(client, alice, path):
    client.force_login(alice)
    html = client.get(path).content.decode()
    nav = html[html.index('<nav class="subnav" aria-label="Your account">') :]
    nav = nav[: nav.index("</nav>")]
    links = re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav)
    names = [name for _, _, name in links]
    assert len(names) == len(set(names)), names
    assert {"Check-ins", "Take a break", "Blocked members", "Your data and privacy"} <= set(names)
    assert [href for href, current, _ in links if current] == [path]


@pytest.mark.django_db
def test_the_inactive_account_page_is_in_our_words(client):
    html = client.get("/accounts/inactive/").content.decode().replace("&#x27;", "'")
    assert "This account isn't open right now" in html
    assert "Account Inactive" not in html
    assert 'href="/help/"' in html


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_is_in_our_words(client, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    (mail,) = mailoutbox
    assert "Unknown Account" not in mail.subject
    assert "Resetting your password" in mail.subject
    assert "There isn't an account with this address" in mail.body
    assert "/accounts/signup/" in mail.body
    for theirs in ("do not have any record", "in our database", "something done with your account"):
        assert theirs not in mail.body


@pytest.mark.django_db
def test_password_reset_done_page_never_says_whether_an_account_exists(client, alice, mailoutbox):
    from tests.conftest import main_of

    pages = [
        client.post("/accounts/password/reset/", {"email": email}, follow=True)
        for email in (alice.email, "nobody@example.org")
    ]
    known, unknown = (main_of(page) for page in pages)
    assert known == unknown
    assert "Check your e-mail" in known and "If that address belongs to an account" in known
    assert "We have sent you an email" not in known and "Password Reset" not in known
    # The known address's e-mail keeps its own footer.
    assert "something done with your account" in mailoutbox[0].body
