"""Every page's header and footer (boomity.templatetags.chrome, through Jinja2): each
reader's own, every word they show escaped, one form token a page, and addresses that
follow the site's prefix."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import set_script_prefix

from members.models import CommunitySettings, Profile
from members.models.community import forget_community_settings
from tests.conftest import page

HOSTILE = "<script>alert('x')</script> & \"quoted\""
HOSTILE_NAME = '<script>Al\'s "A"&'  # a display name holds 30 characters
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


def header_of(html: str) -> str:
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def footer_of(html: str) -> str:
    return html[html.index('<footer class="site-footer">') : html.index("</footer>")]


@pytest.mark.django_db
@pytest.mark.parametrize("reader", ["visitor", "member"])
def test_what_people_typed_is_escaped_in_the_header_and_footer(client, alice, reader):
    community = CommunitySettings.load()
    community.name = HOSTILE
    community.save()
    forget_community_settings()
    Profile.objects.filter(user=alice).update(display_name=HOSTILE_NAME)
    if reader == "member":
        client.force_login(alice)
    html = page(client.get("/guidelines/?q=<b>'\"&x=1"))
    chrome = header_of(html) + footer_of(html)
    assert "<script>" not in chrome and "<b>" not in chrome
    # The page's own address, back to it after a change of language: escaped.
    assert 'name="next" value="/guidelines/?q=%3Cb%3E&#x27;%22&amp;x=1"' in chrome


@pytest.mark.django_db
def test_a_members_header_has_their_name_and_unread_count_and_a_visitors_has_neither(
    client, alice, bob
):
    Profile.objects.filter(user=alice).update(display_name="Alice A", unread_notifications=3)
    client.force_login(alice)
    header = header_of(page(client.get("/latest/")))
    assert '<span class="badge">3<span class="visually-hidden"> new</span></span>' in header
    assert ">Alice A</a>" in header and "Sign out" in header and "Sign in" not in header
    visitor = header_of(page(Client().get("/latest/")))
    assert "Alice A" not in visitor and "badge" not in visitor and "Sign out" not in visitor
    assert 'href="/accounts/login/">Sign in</a>' in visitor
    # Bob, signed in next in the same process, gets his own header.
    client.force_login(bob)
    header = header_of(page(client.get("/latest/")))
    assert "Alice A" not in header and '<span class="badge">' not in header


@pytest.mark.django_db
def test_a_page_has_one_form_token_and_the_headers_sign_out_works_with_it(alice):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    html = page(browser.get("/guidelines/"))
    tokens = set(TOKEN.findall(html))
    assert len(tokens) == 1 and "" not in tokens
    assert TOKEN.search(header_of(html)) and TOKEN.search(footer_of(html))
    response = browser.post("/accounts/logout/", {"csrfmiddlewaretoken": tokens.pop()})
    assert response.status_code == 302
    assert SESSION_KEY not in browser.session


@pytest.mark.django_db
def test_the_addresses_follow_the_sites_prefix(client):
    """A community served under /community/: every link in the header and footer too
    (the addresses are worked out once per prefix, not once for all)."""
    plain = page(client.get("/guidelines/"))
    # What the WSGI handler does for a request under SCRIPT_NAME (the test client doesn't).
    set_script_prefix("/community/")
    try:
        prefixed = page(client.get("/guidelines/"))
    finally:
        set_script_prefix("/")
    assert 'class="brand" href="/"' in header_of(plain)
    assert 'class="brand" href="/community/"' in header_of(prefixed)
    links = re.findall(r'(?:href|action)="(/[^"]*)"', header_of(prefixed) + footer_of(prefixed))
    assert links and all(link.startswith("/community/") for link in links)
    # And back: the plain site's links are still its own.
    assert 'class="brand" href="/"' in header_of(page(client.get("/guidelines/")))


@pytest.mark.django_db
def test_the_header_and_footer_speak_the_readers_language(client):
    html = page(client.get("/guidelines/", HTTP_ACCEPT_LANGUAGE="es"))
    header, footer = header_of(html), footer_of(html)
    assert "Need help now?" not in header and "Sign in" not in header
    assert "peer-support community" not in footer


@pytest.mark.django_db
def test_the_language_switch_on_a_page_answering_a_form_goes_back_to_the_front_page(alice):
    """A page shown in answer to a form (here the refused-token page) has an address
    that only takes a form: switching language sends the reader home, never to a
    "use the button" page (found by the stranger walking as an attacker)."""
    browser = Client(enforce_csrf_checks=True)
    html = page(browser.post("/language/", {"language": "es", "next": "/help/"}))
    assert 'name="next" value="/"' in footer_of(html)
    assert 'name="next" value="/guidelines/"' in footer_of(page(browser.get("/guidelines/")))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("where", "current"), [("board", True), ("thread", False), ("new thread", False)]
)
def test_the_breadcrumb_says_the_board_is_the_current_page_only_on_the_board(
    client, board, thread, alice, where, current
):
    client.force_login(alice)
    url = {
        "board": board.get_absolute_url(),
        "thread": thread.get_absolute_url(),
        "new thread": f"{board.get_absolute_url()}new/",
    }[where]
    html = page(client.get(url))
    crumbs = html[html.index('<nav class="breadcrumbs"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert ('aria-current="page"' in crumbs) is current
