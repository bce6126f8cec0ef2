"""Must never happen: hidden experiences or anonymous posts leaking through profiles,
the directory, thread pages, board filters or counts."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums import actions
from moderation import actions as moderation_actions
from moderation.models import ReviewItem, WatchedAction, WatchedWord
from tests.conftest import main_of
from tests.factories import make_peer_supporter, make_thread, share

SECRET = "Psychosis"


@pytest.fixture
def anon_board(board):
    board.allow_anonymous = True
    board.save()
    return board


def card_of(html: str, name: str) -> str:
    """The directory card of the member called `name`."""
    cards = re.findall(r'<li class="member-card">.*?</li>', html, re.S)
    return next(card for card in cards if f">{name}</a>" in card)


@pytest.mark.django_db
def test_hidden_experiences_are_never_shown_or_matched_anywhere(client, board, alice, bob):
    share(bob, SECRET, "Anxiety", shown=False)
    make_peer_supporter(bob)  # listed in the directory, but still not his experiences
    thread = make_thread(board, bob, title="From Bob", body="Hello from Bob")
    share(alice, SECRET, "Anxiety")  # Alice shares the very things Bob keeps private
    client.force_login(alice)

    profile = main_of(client.get("/members/Bob/"))
    assert SECRET not in profile and "Anxiety" not in profile
    directory = main_of(client.get("/members/"))
    assert 'class="experience"' not in card_of(directory, "Bob")
    for slug in ("psychosis", "anxiety"):
        filtered = main_of(client.get(f"/members/?experience={slug}"))
        assert ">Bob</a>" not in filtered  # not matched, and so in no count
        assert ">Alice</a>" in filtered
    article = main_of(client.get(thread.get_absolute_url()))
    assert 'class="experiences"' not in article
    shared = main_of(client.get(f"/b/{board.slug}/?shared=1"))
    assert "Started by members who share my experiences" in shared  # offered to Alice
    assert "From Bob" not in shared
    assert "From Bob" in main_of(client.get(f"/b/{board.slug}/"))


@pytest.mark.django_db
def test_one_experience_shown_and_one_kept(client, board, alice, bob):
    """Bob shows Anxiety and keeps Psychosis: only the first is his anywhere others look."""
    share(bob, SECRET, "Anxiety", shown=["Anxiety"])
    thread = make_thread(board, bob, title="From Bob", body="Hello from Bob")
    client.force_login(alice)

    profile = main_of(client.get("/members/Bob/"))
    assert "Anxiety" in profile and SECRET not in profile
    article = main_of(client.get(thread.get_absolute_url()))
    assert 'experience=anxiety">Anxiety</a>' in article and SECRET not in article

    # The board's offer: Alice shares only what Bob keeps, so nothing of his matches.
    share(alice, SECRET)
    shared = main_of(client.get(f"/b/{board.slug}/?shared=1"))
    assert "Started by members who share my experiences" in shared
    assert "From Bob" not in shared
    # Once she shares what he shows, his thread is there.
    share(alice, SECRET, "Anxiety")
    assert "From Bob" in main_of(client.get(f"/b/{board.slug}/?shared=1"))

    # Bob sees both on his own page, the kept one marked as his alone.
    client.force_login(bob)
    own = main_of(client.get("/members/Bob/"))
    assert 'Psychosis</a> <span class="badge badge--quiet">only you</span>' in own
    assert 'Anxiety</a> <span class="badge' not in own


@pytest.mark.django_db
def test_the_offer_is_only_for_members_who_show_an_experience(client, board, alice):
    share(alice, SECRET, "Anxiety", shown=False)
    client.force_login(alice)
    page = main_of(client.get(f"/b/{board.slug}/"))
    assert "Started by members who share my experiences" not in page
    share(alice, SECRET, "Anxiety", shown=["Anxiety"])
    page = main_of(client.get(f"/b/{board.slug}/"))
    assert "Started by members who share my experiences" in page


@pytest.mark.django_db
def test_anonymous_posts_never_reach_a_profile_and_never_link_to_one(
    client, anon_board, alice, bob
):
    share(bob, "Anxiety")
    make_peer_supporter(bob)
    named = make_thread(anon_board, bob, title="Under my name", body="Named words")
    secret = make_thread(anon_board, bob, title="Nobody knows", body="Secret words", anonymous=True)
    actions.post_reply(thread=named, author=bob, body="An anonymous reply", anonymous=True)
    client.force_login(alice)
    profile = main_of(client.get("/members/Bob/"))
    assert "Under my name" in profile
    assert "Nobody knows" not in profile
    assert profile.count('<li class="thread-row">') == 1  # no count includes them
    for thread in (secret, named):
        html = main_of(client.get(thread.get_absolute_url()))
        for article in re.findall(r"<article.*?</article>", html, re.S):
            if "Anonymous member" in article:
                assert "/members/" not in article
                assert "Peer supporter" not in article and "Anxiety" not in article
    board_html = main_of(client.get(f"/b/{anon_board.slug}/"))
    row = board_html[board_html.index("Nobody knows") :]
    row = row[: row.index("</li>")]
    assert "Started by Anonymous member" in row and "Peer supporter" not in row


@pytest.mark.django_db
def test_held_hidden_and_removed_posts_never_reach_a_profile(client, board, alice, bob, moderator):
    WatchedWord.objects.create(pattern="casino", action=WatchedAction.HOLD)
    visible = make_thread(board, bob, title="Visible thread")
    make_thread(board, bob, title="Held thread about the casino")
    held_reply = actions.post_reply(thread=visible, author=bob, body="casino reply")
    hidden = actions.post_reply(thread=visible, author=bob, body="To be hidden")
    moderation_actions.flag_post(post=hidden, member=alice, reason="unkind")
    moderation_actions.hide(ReviewItem.objects.get(post=hidden), by=moderator, reason="Unkind.")
    removed = actions.post_reply(thread=visible, author=bob, body="Taken back")
    actions.remove_post(post=removed)
    client.force_login(alice)
    html = main_of(client.get("/members/Bob/"))
    assert "Visible thread" in html and "Held thread" not in html
    for post in (held_reply, hidden, removed):
        assert f'href="{post.get_absolute_url()}"' not in html
    assert html.count('<li class="thread-row">') == 1


@pytest.mark.django_db
def test_visitors_never_see_experiences_even_on_a_public_board(client, public_board, alice, bob):
    """ "Other members" means signed-in members: a public thread is read by visitors and
    search engines, and lived experiences are health data."""
    share(bob, "Bipolar disorder", "Substance use recovery")
    make_peer_supporter(bob)
    thread = make_thread(public_board, bob, title="Hello from Bob", body="Glad to be here")
    html = main_of(client.get(thread.get_absolute_url()))
    assert "Glad to be here" in html and "Peer supporter" in html  # the page itself is public
    assert "Bipolar" not in html and "Substance use" not in html
    assert 'class="experiences"' not in html
    for url in (f"/b/{public_board.slug}/", "/latest/", "/search/?q=glad", "/topics/"):
        assert "Bipolar" not in client.get(url).content.decode(), url
    client.force_login(alice)  # a signed-in member sees what Bob shows members
    assert "Bipolar disorder" in main_of(client.get(thread.get_absolute_url()))


@pytest.mark.django_db
def test_a_visitor_costs_no_query_for_experiences(client, public_board, bob):
    """Guards the rule living in one place: for a visitor, the experiences aren't
    even looked up."""
    share(bob, "Anxiety")
    thread = make_thread(public_board, bob, title="Hello", body="Hi")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(thread.get_absolute_url()).status_code == 200
    assert not [q for q in ctx.captured_queries if "memberexperience" in q["sql"]]
