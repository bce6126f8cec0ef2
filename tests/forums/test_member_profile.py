"""A member's profile page: what they chose to share, and their recent posts."""

from __future__ import annotations

import pytest

from forums import actions
from members.models import Block
from tests.conftest import count_queries, main_of
from tests.factories import make_member, make_peer_supporter, make_thread, share


@pytest.mark.django_db
def test_visitors_sign_in_first(client, alice):
    response = client.get("/members/Alice/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_it_only_reads(client, alice, bob):
    client.force_login(bob)
    assert client.post("/members/Alice/").status_code == 405


@pytest.mark.django_db
def test_unknown_or_closed_accounts_are_not_found(client, alice, bob):
    client.force_login(alice)
    assert client.get("/members/Nobody/").status_code == 404
    bob.is_active = False
    bob.save()
    assert client.get("/members/Bob/").status_code == 404


@pytest.mark.django_db
def test_the_name_is_matched_whatever_its_capitals(client, alice):
    sam = make_member("Sam T")
    client.force_login(alice)
    response = client.get("/members/sam%20t/")
    assert response.status_code == 301 and response.url == "/members/Sam%20T/"
    html = main_of(client.get(response.url))
    assert "<h1>Sam T" in html
    assert sam.profile.get_absolute_url() == "/members/Sam%20T/"


@pytest.mark.django_db
def test_a_profile_shows_bio_shared_experiences_member_since_and_recent_posts(
    client, board, alice, bob
):
    share(alice, "Anxiety", "Loneliness", bio="I *love* early mornings.")
    make_peer_supporter(alice)
    thread = make_thread(board, alice, title="Morning walks", body="Who else walks early?")
    actions.post_reply(
        thread=make_thread(board, bob, title="Tea or coffee"), author=alice, body="Tea, always."
    )
    client.force_login(bob)
    html = main_of(client.get("/members/Alice/"))
    assert "<em>love</em>" in html
    assert "Peer supporter" in html
    assert "Member since" in html
    assert 'href="/members/?experience=anxiety"' in html and "Loneliness" in html
    assert "Started “Morning walks”" in html and "Replied in “Tea or coffee”" in html
    assert f'href="{thread.posts.get(number=1).get_absolute_url()}"' in html


@pytest.mark.django_db
def test_moderators_see_the_same_profile(client, alice, moderator, board):
    share(alice, "Psychosis", shown=False)
    make_thread(board, alice, title="Quiet words")
    client.force_login(moderator)
    html = main_of(client.get("/members/Alice/"))
    assert "Psychosis" not in html and "Quiet words" in html


@pytest.mark.django_db
def test_a_member_sees_their_own_private_experiences_marked_as_private(client, alice):
    share(alice, "Psychosis", shown=False)
    client.force_login(alice)
    html = main_of(client.get("/members/Alice/"))
    assert 'Psychosis</a> <span class="badge badge--quiet">only you</span>' in html
    assert "Choose who sees each one" in html


@pytest.mark.django_db
def test_the_blocker_sees_only_the_name_of_someone_they_blocked(client, board, alice, bob):
    share(bob, "Anxiety", bio="My words")
    make_thread(board, bob, title="My thread")
    Block.objects.create(blocker=alice, blocked=bob)
    client.force_login(alice)
    html = main_of(client.get("/members/Bob/"))
    assert "You blocked this member" in html
    assert "My words" not in html and "Anxiety" not in html and "My thread" not in html


@pytest.mark.django_db
def test_the_blocked_member_sees_the_blockers_profile_as_before(client, board, alice, bob):
    share(alice, "Anxiety", bio="My words")
    make_thread(board, alice, title="My thread")
    Block.objects.create(blocker=alice, blocked=bob)
    client.force_login(bob)
    html = main_of(client.get("/members/Alice/"))
    assert "block" not in html.lower()
    assert "My words" in html and "Anxiety" in html and "My thread" in html


@pytest.mark.django_db
def test_profile_query_count_is_flat(client, board, alice, bob):
    """Guards the N+1 of each recent post's thread, and the experiences."""
    share(alice, "Anxiety")
    make_thread(board, alice)
    client.force_login(bob)
    few = count_queries(client, "/members/Alice/")
    share(alice, "Anxiety", "Depression", "Loneliness", "OCD")
    for i in range(15):
        thread = make_thread(board, make_member(), title=f"Thread {i}")
        actions.post_reply(thread=thread, author=alice, body="Me too")
    many = count_queries(client, "/members/Alice/")
    assert few == many <= 8  # 8: the viewer's mutes, read once (muted titles fold)
