"""Following threads and boards, and hearing about replies (in-app notifications)."""

from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums import actions
from forums.models import BoardFollow, ThreadFollow
from members.models import Block, Notification
from tests.conftest import count_queries
from tests.factories import make_member, make_thread


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Telling followers is a task queued when the post commits: run it here."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.django_db
def test_starting_or_replying_follows_the_thread(thread, alice, bob):
    assert ThreadFollow.objects.filter(member=alice, thread=thread).exists()
    actions.post_reply(thread=thread, author=bob, body="Me too")
    assert ThreadFollow.objects.filter(member=bob, thread=thread).exists()


@pytest.mark.django_db
def test_followers_hear_about_replies_but_not_the_author(client, thread, alice, bob, committed):
    with committed():
        actions.post_reply(thread=thread, author=bob, body="Audiobooks help me")
    note = Notification.objects.get(recipient=alice)
    assert note.message == "Bob replied in “Sleep when anxious”."
    assert note.url == f"/p/{thread.posts.get(number=2).pk}/"
    assert not Notification.objects.filter(recipient=bob).exists()
    alice.profile.refresh_from_db()
    assert alice.profile.unread_notifications == 1
    client.force_login(alice)
    assert "Bob replied in" in client.get("/notifications/").content.decode()


@pytest.mark.django_db
def test_a_blocked_member_is_never_notified_of_the_other(thread, alice, bob, committed):
    Block.objects.create(blocker=alice, blocked=bob)
    with committed():
        actions.post_reply(thread=thread, author=bob, body="Hello")
    assert not Notification.objects.filter(recipient=alice).exists()


@pytest.mark.django_db
def test_anonymous_replies_name_nobody(board, alice, bob, committed):
    board.allow_anonymous = True
    board.save()
    thread = make_thread(board, alice, title="Quiet thread")
    with committed():
        actions.post_reply(thread=thread, author=bob, body="Me too", anonymous=True)
    note = Notification.objects.get(recipient=alice)
    assert note.message == "Someone replied in “Quiet thread”."
    # Nobody is kept behind it, either.
    assert note.actor is None and [a.member for a in note.actors.all()] == [None]


@pytest.mark.django_db
def test_held_replies_are_announced_when_approved_not_before(
    thread, alice, bob, moderator, hold_first_posts, committed
):
    from moderation import actions as moderation_actions

    with committed():
        reply = actions.post_reply(thread=thread, author=bob, body="First words here")
    assert reply.is_pending
    assert not Notification.objects.filter(recipient=alice, kind="reply").exists()
    with committed():
        moderation_actions.approve(reply.review_items.get(), by=moderator)
    assert Notification.objects.filter(recipient=alice, kind="reply").count() == 1


@pytest.mark.django_db
def test_unfollowing_stops_the_notifications(client, thread, alice, bob, committed):
    client.force_login(alice)
    response = client.post(f"/t/{thread.pk}/follow/")
    assert response.status_code == 302
    assert not ThreadFollow.objects.filter(member=alice, thread=thread).exists()
    with committed():
        actions.post_reply(thread=thread, author=bob, body="Hello")
    assert not Notification.objects.filter(recipient=alice).exists()
    client.post(f"/t/{thread.pk}/follow/")
    assert ThreadFollow.objects.filter(member=alice, thread=thread).exists()


@pytest.mark.django_db
def test_board_followers_hear_about_new_threads(client, board, alice, bob, committed):
    client.force_login(bob)
    client.post(f"/b/{board.slug}/follow/")
    assert BoardFollow.objects.filter(member=bob, board=board).exists()
    html = client.get(f"/b/{board.slug}/").content.decode()
    assert "Following this board" in html
    with committed():
        make_thread(board, alice, title="Morning walks")
    note = Notification.objects.get(recipient=bob)
    assert note.kind == "new_thread" and "Morning walks" in note.message


@pytest.mark.django_db
def test_follow_needs_sign_in_and_post(client, thread, board, alice):
    response = client.post(f"/t/{thread.pk}/follow/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    client.force_login(alice)
    assert client.get(f"/t/{thread.pk}/follow/").status_code == 405
    assert client.get(f"/b/{board.slug}/follow/").status_code == 405


@pytest.mark.django_db
def test_following_a_board_one_cannot_read_is_impossible(client, board, public_board):
    response = client.post(f"/b/{board.slug}/follow/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert not BoardFollow.objects.exists()


@pytest.mark.django_db
def test_notifying_many_followers_costs_the_same(board, alice, committed):
    """Guards the N+1 of one INSERT and one UPDATE per follower (each follower's
    unread notification gathers the reply): a reply to 3 followers and a reply to 20
    cost the same number of queries, on either database."""

    def reply_to(followers: int) -> int:
        thread = make_thread(board, make_member(), title=f"For {followers}")
        for _ in range(followers - 1):
            actions.post_reply(thread=thread, author=make_member(), body="hi")
        with CaptureQueriesContext(connection) as queries, committed():
            actions.post_reply(thread=thread, author=alice, body="Thank you all")
        return len(queries)

    few = reply_to(3)
    assert reply_to(20) == few
    assert Notification.objects.filter(actors__member=alice, kind="reply").count() == 3 + 20


@pytest.mark.django_db
def test_notifications_page_query_count_is_flat(client, thread, alice, committed):
    """Guards the N+1 of loading each notification's details, and the names of the
    members each one names (looked up when shown)."""
    client.force_login(alice)
    with committed():
        actions.post_reply(thread=thread, author=make_member(), body="first")
    actions.toggle_reaction(post=thread.posts.get(number=1), member=make_member(), kind="support")
    client.get("/notifications/")  # marks them read
    few = count_queries(client, "/notifications/")
    with committed():
        for i in range(10):
            actions.post_reply(thread=thread, author=make_member(), body=f"r{i}")
    opening = thread.posts.get(number=1)
    for _ in range(5):  # five grouped notifications: each read before the next
        actions.toggle_reaction(post=opening, member=make_member(), kind="thanks")
        client.get("/notifications/")
    assert count_queries(client, "/notifications/") == few


@pytest.mark.django_db
def test_following_and_stopping_say_what_it_brings(client, thread, board, bob):
    """Threads and boards share one follow button and one confirmation: each says what
    following it brings, and the button says whether the member follows it now."""
    client.force_login(bob)
    for url, page, what, news in [
        (f"/t/{thread.pk}/follow/", thread.get_absolute_url(), "thread", "replies"),
        (f"/b/{board.slug}/follow/", f"/b/{board.slug}/", "board", "threads"),
    ]:
        html = unescape(client.post(url, follow=True).content.decode())
        assert f"You're following this {what}: new {news} will show in your notifications." in html
        assert f'aria-pressed="true">Following this {what}</button>' in html
        html = unescape(client.post(url, follow=True).content.decode())
        assert f"You've stopped following this {what}." in html
        assert (
            f'aria-pressed="false">Follow this {what}</button>' in client.get(page).content.decode()
        )


@pytest.mark.django_db
def test_each_page_says_following_for_its_reader_alone(client, board, alice, bob):
    """The thread and board pages ask whether their reader follows them with one query
    built once for every reader (core.queries): it must never answer for another
    member, another thread or another board — nor swap which id is which."""
    from django.contrib.auth.models import AnonymousUser

    from forums.models import follows

    others = make_member("Cleo")
    thread = make_thread(board, others, title="Somewhere to start")
    other_thread = make_thread(board, others, title="Somewhere else")
    BoardFollow.objects.filter(member=others).delete()
    ThreadFollow.objects.filter(member=others).delete()
    actions.follow_thread(member=alice, thread=thread)
    actions.toggle_follow(member=bob, target=board)
    expected = {
        (alice, thread): True,
        (alice, other_thread): False,
        (alice, board): False,
        (bob, thread): False,
        (bob, board): True,
        (others, thread): False,
        (others, board): False,
    }
    for (member, target), following in expected.items():
        assert follows(member, target) is following, (member, target)
        assert follows(AnonymousUser(), target) is False

    def text(response) -> str:
        return response.content.decode()

    client.force_login(alice)
    assert "Following this thread" in text(client.get(thread.get_absolute_url()))
    assert "Follow this thread" in text(client.get(other_thread.get_absolute_url()))
    assert "Follow this board" in text(client.get(board.get_absolute_url()))
    client.force_login(bob)
    assert "Following this board" in text(client.get(board.get_absolute_url()))
    assert "Follow this thread" in text(client.get(thread.get_absolute_url()))
