"""New members' first posts wait for a moderator (when staff turn it on)."""

from __future__ import annotations

import pytest

from forums import actions as forum_actions
from forums.models import Board, Post, PostStatus, Thread
from moderation import actions
from moderation.models import Priority, ReviewItem
from tests.conftest import page, signs_in
from tests.factories import make_board, make_member, make_thread, set_moderation

HELD_TITLE = "Hello from a quiet corner"


@pytest.fixture
def newcomer(db):
    return make_member("Newcomer")


@pytest.fixture
def held_thread(client, board, newcomer, hold_first_posts):
    client.force_login(newcomer)
    response = client.post(
        f"/b/{board.slug}/new/",
        {"title": HELD_TITLE, "body": "I finally found words."},
        follow=True,
    )
    assert response.status_code == 200
    assert "A moderator will look at your post before others can see it" in page(response)
    client.logout()
    return Thread.objects.get(title=HELD_TITLE)


@pytest.mark.django_db
def test_first_post_is_held_with_a_held_review_item(held_thread, newcomer):
    post = held_thread.posts.get()
    assert post.status == PostStatus.PENDING
    assert not held_thread.is_visible
    item = ReviewItem.objects.get(post=post)
    assert item.priority == Priority.HELD and item.held
    assert "One of a new member's first posts" in item.reasons


@pytest.mark.django_db
def test_held_thread_is_in_no_list_and_no_count(client, board, held_thread, alice, staff):
    earlier = make_thread(board, staff, title="An older, visible thread")
    board.refresh_from_db()
    assert (board.thread_count, board.post_count) == (1, 1)
    assert board.last_post.thread == earlier
    client.force_login(alice)
    board_html = page(client.get(f"/b/{board.slug}/"))
    home_html = page(client.get("/"))
    assert HELD_TITLE not in board_html and HELD_TITLE not in home_html
    assert "An older, visible thread" in board_html and "An older, visible thread" in home_html
    assert "1 thread" in home_html and "1 post" in home_html


@pytest.mark.django_db
def test_held_thread_is_not_found_for_other_members(client, held_thread, bob):
    client.force_login(bob)
    assert client.get(held_thread.get_absolute_url()).status_code == 404
    assert client.get(f"/p/{held_thread.posts.get().pk}/").status_code == 404
    assert client.get(f"/t/{held_thread.pk}/reply/").status_code == 404


@pytest.mark.django_db
def test_held_thread_on_a_public_board_sends_visitors_to_sign_in(
    client, newcomer, hold_first_posts
):
    public = make_board("introductions", public=True)
    thread = make_thread(public, newcomer, title=HELD_TITLE)
    assert not thread.is_visible
    assert signs_in(client.get(thread.get_absolute_url()))
    assert HELD_TITLE not in page(client.get("/b/introductions/"))
    assert HELD_TITLE not in page(client.get("/"))


@pytest.mark.django_db
def test_author_sees_their_held_thread_with_a_plain_note(client, held_thread, newcomer):
    client.force_login(newcomer)
    response = client.get(held_thread.get_absolute_url())
    html = page(response)
    assert response.status_code == 200
    assert HELD_TITLE in html and "I finally found words." in html
    assert "Waiting for a moderator" in html


@pytest.mark.django_db
def test_second_post_after_approval_is_not_held(
    client, board, held_thread, newcomer, moderator, alice
):
    actions.approve(ReviewItem.objects.get(), by=moderator)
    held_thread.refresh_from_db()
    assert held_thread.is_visible
    client.force_login(newcomer)
    response = client.post(f"/t/{held_thread.pk}/reply/", {"body": "Thank you all."})
    assert response.status_code == 302
    second = Post.objects.get(thread=held_thread, number=2)
    assert second.status == PostStatus.VISIBLE
    assert ReviewItem.objects.open().count() == 0
    client.force_login(alice)
    html = page(client.get(f"/b/{board.slug}/"))
    assert HELD_TITLE in html


@pytest.mark.django_db
def test_second_post_before_approval_is_held_too(board, newcomer, hold_first_posts):
    first = make_thread(board, newcomer, title="One")
    second = forum_actions.post_reply(thread=first, author=newcomer, body="And another.")
    assert second.status == PostStatus.PENDING


@pytest.mark.django_db
def test_first_reply_is_held_and_not_counted(client, thread, newcomer, hold_first_posts, alice):
    client.force_login(newcomer)
    client.post(f"/t/{thread.pk}/reply/", {"body": "Me too, every night."})
    reply = Post.objects.get(thread=thread, number=2)
    assert reply.status == PostStatus.PENDING
    thread.refresh_from_db()
    board = Board.objects.get(pk=thread.board_id)
    assert (thread.reply_count, board.post_count) == (0, 1)
    client.force_login(alice)
    assert "Me too, every night." not in page(client.get(thread.get_absolute_url()))


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["staff", "moderator"])
def test_people_who_run_the_community_are_never_held(request, board, persona, hold_first_posts):
    person = request.getfixturevalue(persona)
    assert person.is_staff
    thread = make_thread(board, person, title="Welcome, everyone")
    assert thread.is_visible and thread.posts.get().status == PostStatus.VISIBLE
    assert not ReviewItem.objects.exists()


@pytest.mark.django_db
def test_staff_decide_how_many_first_posts_are_held(board, newcomer):
    set_moderation(new_member_hold_count=2)
    thread = make_thread(board, newcomer, title="One")
    moderator = make_member("Mod", is_staff=True)
    actions.approve(ReviewItem.objects.get(), by=moderator)
    second = forum_actions.post_reply(thread=thread, author=newcomer, body="Two")
    assert second.is_pending
    actions.approve(ReviewItem.objects.get(post=second), by=moderator)
    third = forum_actions.post_reply(thread=thread, author=newcomer, body="Three")
    assert third.is_visible


@pytest.mark.django_db
def test_nothing_is_held_when_staff_set_zero(board, newcomer):
    set_moderation(new_member_hold_count=0)
    assert make_thread(board, newcomer).is_visible


@pytest.mark.django_db
def test_editing_a_held_post_keeps_it_held(client, held_thread, newcomer, bob):
    post = held_thread.posts.get()
    client.force_login(newcomer)
    response = client.post(
        f"/p/{post.pk}/edit/", {"title": HELD_TITLE, "body": "I finally found better words."}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    held_thread.refresh_from_db()
    assert post.status == PostStatus.PENDING and not held_thread.is_visible
    assert ReviewItem.objects.open().count() == 1
    client.force_login(bob)
    assert client.get(held_thread.get_absolute_url()).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("way", ["decision", "approve"])
def test_each_approval_note_names_its_thread(
    client, thread, newcomer, moderator, hold_first_posts, way
):
    """Two held posts approved (in the admin's decision form, or one by one): two notes
    the member can tell apart, not the same words twice."""
    make_thread(thread.board, newcomer, title="Finding my feet")
    forum_actions.post_reply(thread=thread, author=newcomer, body="Me too, every night.")
    for item in ReviewItem.objects.order_by("pk"):
        if way == "decision":
            actions.decide_case(item, actions.CaseDecision(post="approve"), by=moderator)
        else:
            actions.approve(item, by=moderator)
    client.force_login(newcomer)
    html = page(client.get("/notifications/"))
    assert "Your thread “Finding my feet” is now visible to the community." in html
    assert f"Your reply in “{thread.title}” is now visible to the community." in html


@pytest.mark.django_db
def test_needs_reply_tells_a_newcomer_their_held_thread_waits_for_a_moderator(
    client, held_thread, newcomer
):
    client.force_login(newcomer)
    html = page(client.get("/needs-reply/"))
    assert HELD_TITLE in html
    assert "Your thread is waiting for a moderator to read it" in html
    assert "Waiting for a moderator — only you can see it." in html
    # Not that people will reply: nobody else can see it yet.
    assert "waiting for its first reply" not in html
    assert "People read here at all hours" not in html
