"""/welcome/: "Getting started", where a new member lands after joining.

In the demo (confirming the address is optional) they land there straight after
signing up; in production, after opening the confirmation link. It says what this
place is, where to say hello, a few threads waiting for a first reply, how
moderation works and where help is — in our words, never allauth's.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from forums import actions
from tests.conftest import count_queries, main_of, page, signs_in
from tests.factories import PASSWORD, make_board, make_member, make_thread, set_moderation

URL = "/welcome/"
SIGNUP = "/accounts/signup/"
LINK = re.compile(r"https?://testserver(/accounts/confirm-email/\S+/)")


def join(client, mailoutbox):
    return client.post(
        SIGNUP,
        {
            "email": "river@example.org",
            "display_name": "River Stone",
            "password1": "calm-waters-2026",
            "accept_guidelines": "on",
        },
    )


# --- Landing there after joining -------------------------------------------------------


@pytest.mark.django_db
def test_in_the_demo_a_new_member_lands_on_the_welcome_at_once(client, settings, mailoutbox):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
    response = join(client, mailoutbox)
    assert response.status_code == 302
    assert response["Location"] == URL
    html = unescape(page(client.get(URL)))
    assert "Welcome to Boomity" in html
    assert "You're signed in. It's good to see you." in html
    assert "Successfully signed in" not in html


@pytest.mark.django_db
def test_in_production_a_new_member_lands_there_after_confirming(client, mailoutbox):
    response = join(client, mailoutbox)
    # Not signed in yet: first, the page that asks them to open the link.
    assert "confirm-email" in response["Location"]
    sent = unescape(page(client.get(response["Location"])))
    assert "We've sent a confirmation link to river@example.org." in sent
    assert "Confirmation email sent" not in sent
    response = client.post(LINK.search(mailoutbox[-1].body).group(1))
    assert response.status_code == 302
    assert response["Location"] == URL
    html = unescape(page(client.get(URL)))
    assert "Welcome to Boomity" in html
    assert "Thank you: river@example.org is confirmed." in html
    assert "You're signed in. It's good to see you." in html
    assert "You have confirmed" not in html
    assert "Successfully signed in" not in html


@pytest.mark.django_db
def test_signing_in_later_goes_home_not_to_the_welcome(client, alice):
    response = client.post("/accounts/login/", {"login": alice.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] != URL


@pytest.mark.django_db
def test_signing_out_is_said_kindly(client, alice):
    client.force_login(alice)
    response = client.post("/accounts/logout/", follow=True)
    html = unescape(page(response))
    assert "You're signed out. Take care — you're welcome back any time." in html
    assert "You have signed out." not in html


# --- The page ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_visitors_are_asked_to_sign_in(client):
    assert signs_in(client.get(URL))


@pytest.mark.django_db
def test_other_methods_are_refused(client, alice):
    client.force_login(alice)
    assert client.post(URL).status_code == 405


@pytest.mark.django_db
def test_it_says_what_this_place_is_and_where_help_is(client, alice):
    client.force_login(alice)
    html = unescape(main_of(client.get(URL)))
    assert "peer-support community" in html
    assert "isn't a crisis or emergency service" in html
    assert 'href="/help/"' in html
    assert "the community guidelines" in html


@pytest.mark.django_db
def test_it_invites_a_hello_in_introductions_when_there_is_such_a_board(client, alice):
    client.force_login(alice)
    assert "/b/introductions/" not in unescape(main_of(client.get(URL)))
    assert 'href="/"' in unescape(main_of(client.get(URL)))  # the boards, instead
    make_board("introductions", name="Introductions")
    html = unescape(main_of(client.get(URL)))
    assert '<a href="/b/introductions/">Introductions</a> is where new members say hello' in html


@pytest.mark.django_db
def test_staff_can_name_another_board_for_hellos(client, alice, settings):
    settings.BOOMITY_INTRODUCTIONS_BOARD = "say-hello"
    make_board("say-hello", name="Say hello")
    client.force_login(alice)
    assert '<a href="/b/say-hello/">Say hello</a>' in unescape(main_of(client.get(URL)))


@pytest.mark.django_db
def test_it_shows_threads_waiting_for_a_first_reply_never_their_own(client, alice, bob, board):
    make_thread(board, bob, title="Nobody has answered me")
    answered = make_thread(board, bob, title="Already answered")
    actions.post_reply(thread=answered, author=make_member("Cal"), body="I hear you.")
    make_thread(board, alice, title="My own question")
    client.force_login(alice)
    html = unescape(main_of(client.get(URL)))
    assert "Nobody has answered me" in html
    assert "Already answered" not in html
    assert "My own question" not in html


@pytest.mark.django_db
def test_with_nothing_waiting_it_says_so_kindly(client, alice):
    client.force_login(alice)
    html = unescape(main_of(client.get(URL)))
    assert "Every thread has had a reply. <a" in html and "just now" not in html


@pytest.mark.django_db
def test_it_says_a_moderator_reads_first_posts_only_when_they_do(client, alice, hold_first_posts):
    newcomer = make_member("Newcomer")
    client.force_login(newcomer)
    held = "A moderator reads new members' first posts before others can see them."
    assert held in unescape(main_of(client.get(URL)))
    set_moderation(new_member_hold_count=0)
    assert held not in unescape(main_of(client.get(URL)))


@pytest.mark.django_db
def test_it_says_when_moderators_are_around_only_if_staff_set_it(client, alice):
    client.force_login(alice)
    assert "Moderators are usually around" not in unescape(main_of(client.get(URL)))
    set_moderation(moderation_hours="every day 00:00-24:00")
    html = unescape(main_of(client.get(URL)))
    assert "Moderators are usually around at this time: every day from 00:00 to 24:00" in html


@pytest.mark.django_db
def test_getting_started_is_linked_from_every_page_for_members(client, alice):
    assert 'href="/welcome/"' not in page(client.get("/"))
    client.force_login(alice)
    assert '<a href="/welcome/">Getting started</a>' in page(client.get("/"))


@pytest.mark.django_db
def test_query_count_stays_flat_however_many_threads_wait(client, alice, board):
    """The waiting threads' authors, boards and topics come with the list (no N+1)."""
    client.force_login(alice)
    make_thread(board, make_member(), title="One waiting")
    few = count_queries(client, URL)
    for i in range(5):
        make_thread(make_board(), make_member(), title=f"Waiting {i}")
    assert count_queries(client, URL) == few
