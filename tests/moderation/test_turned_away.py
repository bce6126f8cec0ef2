"""Words with crisis language from someone who can't post right now (their posting is
paused, or the thread is locked): never simply refused.

They see the crisis help first and keep their words; a new thread or reply is kept
unpublished, for them and the moderators; an edit isn't saved, but its words reach
the moderators in an urgent item. Words without crisis language are refused as before.
"""

from __future__ import annotations

import pytest
from django.utils.html import escape

from forums import actions as forum_actions
from forums.models import Post, PostStatus, Thread
from forums.views import crisis_message
from moderation import actions
from moderation.models import Priority, ReviewItem
from tests.conftest import page, told_signed_out

WORDS = "I can't go on. Nobody would notice if I disappeared."


@pytest.fixture
def paused(db, thread, bob, moderator):
    post = forum_actions.post_reply(thread=thread, author=bob, body="Same here.")
    actions.silence(bob, by=moderator, reason="A pause.", period="24h")
    bob.refresh_from_db()
    return post


def help_first(html: str) -> None:
    assert escape(crisis_message()) in html
    if "<article" in html:
        assert html.index(escape(crisis_message())) < html.index("<article")


@pytest.mark.django_db
def test_a_paused_members_crisis_reply_is_kept_for_them_and_the_moderators(
    client, thread, bob, alice, paused
):
    client.force_login(bob)
    response = client.post(f"/t/{thread.pk}/reply/", {"body": WORDS})
    assert response.status_code == 302 and "#" not in response.url
    html = page(client.get(response.url))
    help_first(html)
    assert "Your posting is paused, so this isn&#x27;t shown to other members" in html
    assert "Nobody would notice" in html  # their words, in place, for them
    post = Post.objects.get(thread=thread, number=3)
    assert post.status == PostStatus.PENDING
    item = ReviewItem.objects.get(post=post)
    assert item.priority == Priority.URGENT and item.crisis and item.held
    assert "can't post (paused)" in item.reasons
    client.force_login(alice)
    assert "Nobody would notice" not in page(client.get(thread.get_absolute_url()))


@pytest.mark.django_db
def test_a_paused_members_crisis_thread_is_kept_unpublished(client, board, bob, paused):
    client.force_login(bob)
    response = client.post(f"/b/{board.slug}/new/", {"title": "Tonight", "body": WORDS})
    assert response.status_code == 302
    help_first(page(client.get(response.url)))
    thread = Thread.objects.get(title="Tonight")
    assert not thread.is_visible
    assert ReviewItem.objects.get(post__thread=thread).priority == Priority.URGENT


@pytest.mark.django_db
def test_a_paused_members_ordinary_reply_is_still_refused(client, thread, bob, paused):
    client.force_login(bob)
    response = client.post(f"/t/{thread.pk}/reply/", {"body": "Just checking in."})
    assert response.status_code == 403
    assert escape(crisis_message()) not in page(response)
    assert not Post.objects.filter(body="Just checking in.").exists()
    assert not ReviewItem.objects.exists()


@pytest.mark.django_db
def test_a_paused_members_crisis_edit_is_not_saved_but_reaches_the_moderators(client, bob, paused):
    client.force_login(bob)
    response = client.post(f"/p/{paused.pk}/edit/", {"body": WORDS})
    html = page(response)
    assert response.status_code == 403
    help_first(html)
    assert "Nobody would notice if I disappeared.</textarea>" in html  # kept to copy
    paused.refresh_from_db()
    assert paused.body == "Same here." and paused.status == PostStatus.VISIBLE
    item = ReviewItem.objects.get(post=paused)
    assert item.priority == Priority.URGENT and item.crisis
    assert "Nobody would notice" in item.snapshot_body  # the words, for the moderators


@pytest.mark.django_db
def test_a_crisis_reply_to_a_locked_thread_is_kept_for_the_author_and_the_moderators(
    client, thread, bob, alice, oncall, mailoutbox, django_capture_on_commit_callbacks
):
    thread.lock()
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/t/{thread.pk}/reply/", {"body": WORDS})
    assert response.status_code == 302 and "#" not in response.url
    html = page(client.get(response.url))
    help_first(html)
    assert "This thread is locked, so your reply isn&#x27;t shown" in html
    post = Post.objects.get(thread=thread, author=bob)
    assert post.status == PostStatus.PENDING
    assert ReviewItem.objects.get(post=post).priority == Priority.URGENT
    assert len(mailoutbox) == 1
    thread.refresh_from_db()
    assert thread.reply_count == 0 and thread.is_locked


@pytest.mark.django_db
def test_a_crisis_edit_in_a_locked_thread_keeps_the_words_and_reaches_the_moderators(
    client, thread, bob
):
    post = forum_actions.post_reply(thread=thread, author=bob, body="Same here.")
    thread.lock()
    client.force_login(bob)
    response = client.post(f"/p/{post.pk}/edit/", {"body": WORDS})
    html = page(response)
    assert response.status_code == 403
    help_first(html)
    assert "Nobody would notice if I disappeared.</textarea>" in html
    assert "Save changes" not in html
    post.refresh_from_db()
    assert post.body == "Same here."
    assert ReviewItem.objects.get(post=post).priority == Priority.URGENT


@pytest.mark.django_db
def test_an_ordinary_edit_in_a_locked_thread_is_turned_back_as_before(client, thread, bob):
    post = forum_actions.post_reply(thread=thread, author=bob, body="Same here.")
    thread.lock()
    client.force_login(bob)
    response = client.post(f"/p/{post.pk}/edit/", {"body": "Same here, too."})
    assert response.status_code == 302
    assert not ReviewItem.objects.exists()


@pytest.mark.django_db
def test_nobody_else_can_use_the_turned_away_path(client, thread, alice, paused):
    """Another member's post can't be 'edited' into the queue; a visitor is told they
    are signed out, and nothing reaches the queue."""
    assert told_signed_out(client.post(f"/p/{paused.pk}/edit/", {"body": WORDS}))
    client.force_login(alice)
    assert client.post(f"/p/{paused.pk}/edit/", {"body": WORDS}).status_code == 404
    assert not ReviewItem.objects.exists()
