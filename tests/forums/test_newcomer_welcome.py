"""A newcomer's first thread gets a welcome: when a member's first post — a thread under
their own name — becomes visible, the peer supporters and the members who asked
("Tell me when someone new posts for the first time") get a notification that links
to it and names nobody.

Never for an anonymous thread (saying it's someone's first would help tell who wrote
it), never to the author, never to a member who blocked the author, not while a
moderator holds the thread, and once only.
"""

from __future__ import annotations

from html import unescape

import pytest

from forums import actions, notices
from forums.models import BoardFollow, Post
from members.actions import block
from members.models import Notification, NotificationKind, Profile
from moderation import actions as moderation_actions
from moderation.models import ReviewItem
from tests.conftest import page
from tests.factories import make_member, make_peer_supporter, make_thread, set_moderation

TITLE = "Hello from a quiet corner"
SAID = f"Someone new posted for the first time: “{TITLE}”."
CRISIS_TEXT = "I can't go on anymore. The nights are endless and nobody notices."
PREFERENCES = "/account/email-preferences/"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Telling members is a task queued when the post commits: run it here."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def supporter(db):
    member = make_member("Sage")
    make_peer_supporter(member)
    return member


@pytest.fixture
def opted_in(db):
    member = make_member("Wren")
    Profile.objects.filter(user=member).update(hears_of_newcomers=True)
    return member


@pytest.fixture
def newcomer(db):
    return make_member("Newcomer")


def welcomes(member) -> list[Notification]:
    return list(Notification.objects.filter(recipient=member, kind=NotificationKind.FIRST_POST))


def start(board, author, committed, **extra):
    with committed():
        return make_thread(board, author, title=TITLE, **extra)


@pytest.mark.django_db
def test_peer_supporters_and_members_who_asked_hear_of_a_first_thread(
    client, board, newcomer, supporter, opted_in, alice, committed
):
    thread = start(board, newcomer, committed)
    for member in (supporter, opted_in):
        [note] = welcomes(member)
        assert note.message == SAID
        assert note.url == thread.get_absolute_url()
        assert not note.names_actor and note.actor is None
    assert welcomes(alice) == [], "a member who didn't ask hears nothing"
    client.force_login(supporter)
    html = unescape(page(client.get("/notifications/")))
    assert SAID in html and "Newcomer" not in html


@pytest.mark.django_db
def test_a_second_thread_is_not_a_first(board, newcomer, supporter, committed):
    start(board, newcomer, committed)
    with committed():
        make_thread(board, newcomer, title="Another thought")
    assert len(welcomes(supporter)) == 1


@pytest.mark.django_db
def test_a_member_who_has_replied_before_is_not_new(board, thread, newcomer, supporter, committed):
    actions.post_reply(thread=thread, author=newcomer, body="Me too.")
    start(board, newcomer, committed)
    assert welcomes(supporter) == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["moderator", "staff"])
def test_someone_who_runs_the_community_is_never_new(board, supporter, committed, role, request):
    # A moderator's first thread (found by a stranger: "First post" beside a moderator)
    # gets no badge and no "someone new" welcome.
    # Fresh from the database, as a request has it (the role is written by a group signal).
    fixture = request.getfixturevalue(role)
    runner = type(fixture).objects.select_related("profile").get(pk=fixture.pk)
    thread = start(board, runner, committed)
    assert not thread.is_first_post
    assert welcomes(supporter) == []


@pytest.mark.django_db
def test_never_for_an_anonymous_thread(board, newcomer, supporter, opted_in, committed):
    board.allow_anonymous = True
    board.save()
    start(board, newcomer, committed, anonymous=True)
    assert welcomes(supporter) == welcomes(opted_in) == []


@pytest.mark.django_db
def test_never_to_the_author(board, supporter, committed):
    author = make_member("Fern")
    make_peer_supporter(author)
    Profile.objects.filter(user=author).update(hears_of_newcomers=True)
    start(board, author, committed)
    assert welcomes(author) == []
    assert len(welcomes(supporter)) == 1


@pytest.mark.django_db
def test_never_to_a_member_who_blocked_the_author(board, newcomer, supporter, opted_in, committed):
    block(supporter, newcomer)
    block(opted_in, newcomer)
    other = make_member("Ivy")
    make_peer_supporter(other)
    start(board, newcomer, committed)
    assert welcomes(supporter) == welcomes(opted_in) == []
    assert len(welcomes(other)) == 1, "a block is between two people"


@pytest.mark.django_db
def test_a_held_first_thread_is_welcomed_when_a_moderator_approves_it(
    board, newcomer, supporter, hold_first_posts, committed
):
    thread = start(board, newcomer, committed)
    assert welcomes(supporter) == [], "nobody else can see it yet"
    with committed():
        actions.publish_post(post=Post.objects.get(thread=thread, number=1))
    [note] = welcomes(supporter)
    assert note.message == SAID


@pytest.mark.django_db
def test_a_first_thread_held_for_crisis_language_waits_until_it_is_visible(
    board, newcomer, supporter, moderator, committed
):
    set_moderation(crisis_post_behaviour="hold")
    start(board, newcomer, committed, body=CRISIS_TEXT)
    assert welcomes(supporter) == []
    with committed():
        moderation_actions.approve(ReviewItem.objects.get(), by=moderator, reason="Reached out.")
    assert len(welcomes(supporter)) == 1


@pytest.mark.django_db
def test_once_only(board, newcomer, supporter, committed):
    thread = start(board, newcomer, committed)
    opening = Post.objects.select_related("thread__board").get(thread=thread, number=1)
    notices.announce(opening)  # a task run twice, say
    assert len(welcomes(supporter)) == 1


@pytest.mark.django_db
def test_a_board_follower_who_welcomes_hears_once(board, newcomer, supporter, committed):
    BoardFollow.objects.create(member=supporter, board=board)
    start(board, newcomer, committed)
    [note] = Notification.objects.filter(recipient=supporter)
    assert note.kind == NotificationKind.FIRST_POST


# --- The choice, on the notification settings page ---------------------------------------


@pytest.mark.django_db
def test_a_member_can_ask_to_hear_of_first_posts_and_stop(client, alice, bob):
    client.force_login(alice)
    html = page(client.get(PREFERENCES))
    assert "Tell me when someone new posts for the first time" in html
    response = client.post(PREFERENCES, {"email_frequency": "daily", "hears_of_newcomers": "on"})
    assert response.status_code == 302
    assert Profile.objects.get(user=alice).hears_of_newcomers
    assert not Profile.objects.get(user=bob).hears_of_newcomers
    client.post(PREFERENCES, {"email_frequency": "daily"})
    assert not Profile.objects.get(user=alice).hears_of_newcomers
