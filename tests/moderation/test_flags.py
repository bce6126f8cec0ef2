"""Members flag posts for the moderators; enough flags hide a post until someone decides."""

from __future__ import annotations

import re

import pytest

from forums import actions as forum_actions
from forums.models import Board, Post, PostStatus
from members.models import Notification
from moderation import actions
from moderation.models import AuditEntry, Flag, FlagReason, Priority, ReviewItem
from tests.conftest import page, signs_in
from tests.factories import make_member, make_thread, set_moderation

HURTFUL = "People like you should just snap out of it."
REPLY_BODY = HURTFUL  # Bob's reply in Alice's thread (the `reply` fixture): the post others flag


def flag(client, post, reason="unkind", note="", **kwargs):
    return client.post(f"/p/{post.pk}/flag/", {"reason": reason, "note": note}, **kwargs)


def flaggers(n: int):
    return [make_member(f"Flagger{i}") for i in range(n)]


# --- Who may flag ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_visitor_is_sent_to_sign_in(client, reply):
    assert signs_in(client.get(f"/p/{reply.pk}/flag/"))
    assert signs_in(flag(client, reply))
    assert not Flag.objects.exists()


@pytest.mark.django_db
def test_member_cannot_flag_their_own_post(client, reply, bob):
    client.force_login(bob)
    assert client.get(f"/p/{reply.pk}/flag/").status_code == 404
    assert flag(client, reply).status_code == 404
    assert not Flag.objects.exists()


@pytest.mark.django_db
def test_member_cannot_flag_a_post_they_cannot_see(client, board, alice, bob, hold_first_posts):
    newcomer = make_member("Newcomer")
    held = make_thread(board, newcomer, title="Held").posts.get()
    client.force_login(bob)
    assert client.get(f"/p/{held.pk}/flag/").status_code == 404
    assert flag(client, held).status_code == 404
    assert not Flag.objects.exists()


@pytest.mark.django_db
def test_flag_refuses_other_methods(client, reply, alice):
    client.force_login(alice)
    assert client.put(f"/p/{reply.pk}/flag/").status_code == 405
    assert client.delete(f"/p/{reply.pk}/flag/").status_code == 405
    assert not Flag.objects.exists()


@pytest.mark.django_db
def test_flag_link_shows_on_others_posts_only(client, thread, reply, bob):
    client.force_login(bob)
    html = page(client.get(thread.get_absolute_url()))
    opening = thread.posts.get(number=1)
    assert f'href="/p/{opening.pk}/flag/"' in html
    assert f'href="/p/{reply.pk}/flag/"' not in html


# --- Flagging --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_flag_form_offers_every_reason(client, reply, alice):
    client.force_login(alice)
    response = client.get(f"/p/{reply.pk}/flag/")
    html = page(response)
    assert response.status_code == 200
    for value, _label in FlagReason.choices:
        assert f'value="{value}"' in html
    assert "worried about this person" in html
    assert "snap out of it" in html  # what they are flagging
    assert 'name="note"' in html


@pytest.mark.django_db
def test_member_flags_a_post(client, reply, alice):
    client.force_login(alice)
    response = flag(client, reply, "judgmental", "This felt dismissive.")
    # Back to the thread they were reading, at the post.
    assert response.status_code == 302
    assert response.url == f"{reply.thread.get_absolute_url()}?notice={reply.number}#notice"
    assert "The moderators will take a look" in page(client.get(response.url, follow=True))
    saved = Flag.objects.get()
    assert (saved.post, saved.member, saved.reason, saved.note) == (
        reply,
        alice,
        "judgmental",
        "This felt dismissive.",
    )
    item = ReviewItem.objects.get(post=reply)
    assert item.priority == Priority.FLAGGED
    assert "Flagged: Judgmental or stigmatizing" in item.reasons
    reply.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE


@pytest.mark.django_db
def test_something_else_needs_a_note(client, reply, alice):
    client.force_login(alice)
    response = flag(client, reply, "other", "   ")
    html = page(response)
    assert response.status_code == 400
    assert "Please tell the moderators a little about what" in html
    assert re.search(r'value="other"[^>]*checked', html), "their choice is kept"
    assert not Flag.objects.exists() and not ReviewItem.objects.exists()
    response = flag(client, reply, "other", "It names someone's workplace.")
    assert response.status_code == 302
    assert Flag.objects.get().note == "It names someone's workplace."


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["", "made-up"])
def test_a_reason_is_needed(client, reply, alice, reason):
    client.force_login(alice)
    response = flag(client, reply, reason, "My note stays here.")
    html = page(response)
    assert response.status_code == 400
    assert "My note stays here.</textarea>" in html
    assert not Flag.objects.exists()


@pytest.mark.django_db
def test_member_flags_a_post_only_once(client, reply, alice):
    client.force_login(alice)
    flag(client, reply, "unkind")
    response = flag(client, reply, "spam", follow=True)
    assert response.status_code == 200
    assert "already flagged this post" in page(response)
    assert Flag.objects.count() == 1 and Flag.objects.get().reason == "unkind"
    assert ReviewItem.objects.count() == 1


@pytest.mark.django_db
def test_safety_flag_goes_to_the_top_of_the_queue(client, reply, alice, thread, moderator):
    older = forum_actions.post_reply(thread=thread, author=moderator, body="Older flagged")
    actions.flag_post(post=older, member=alice, reason="spam")
    client.force_login(alice)
    response = flag(client, reply, "safety", follow=True)
    assert "The moderators will look at this first" in page(response)
    item = ReviewItem.objects.get(post=reply)
    assert item.priority == Priority.URGENT
    assert ReviewItem.objects.open().in_queue_order().first() == item


# --- Enough flags hide a post --------------------------------------------------------------------


@pytest.mark.django_db
def test_two_flags_leave_the_post_up(reply):
    for member in flaggers(2):
        actions.flag_post(post=reply, member=member, reason="unkind")
    reply.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE
    assert not Notification.objects.filter(recipient=reply.author).exists()


@pytest.mark.django_db
def test_threshold_of_distinct_members_hides_the_post(client, thread, reply, bob, alice):
    thread.refresh_from_db()
    assert thread.last_post == reply
    people = flaggers(3)
    for member in people:
        client.force_login(member)
        assert flag(client, reply, "unkind").status_code == 302
    reply.refresh_from_db()
    assert reply.status == PostStatus.HIDDEN

    # Readers see a placeholder, not the words — one that says truly who hid it.
    client.force_login(alice)
    html = page(client.get(thread.get_absolute_url()))
    assert "hidden for now, because several members asked the moderators" in html
    assert "hidden by the moderators" not in html
    assert "snap out of it" not in html

    # Counted nowhere, and not the board's or thread's latest post.
    thread.refresh_from_db()
    board = Board.objects.get(pk=thread.board_id)
    assert (thread.reply_count, thread.post_count, board.post_count) == (0, 1, 1)
    assert thread.last_post.number == 1 and board.last_post.number == 1
    board_html = page(client.get(f"/b/{board.slug}/"))
    assert "0 replies" in board_html and "latest by Bob" not in board_html

    # The author is told kindly, without names.
    note = Notification.objects.get(recipient=bob)
    assert "Your post is hidden for now" in note.message
    assert "A moderator will look soon" in note.message
    for member in people:
        assert member.profile.display_name not in note.message
    assert note.url == f"/p/{reply.pk}/"
    assert Notification.objects.filter(recipient=bob).count() == 1

    entry = AuditEntry.objects.get(action="auto-hide")
    assert entry.actor is None and entry.target_id == str(reply.pk)


@pytest.mark.django_db
def test_the_same_member_flagging_again_does_not_count_twice(client, reply):
    first, second = flaggers(2)
    for member in (first, first, second):
        client.force_login(member)
        flag(client, reply)
    reply.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE and Flag.objects.count() == 2


@pytest.mark.django_db
def test_staff_set_the_threshold(reply):
    set_moderation(flag_hide_threshold=1)
    actions.flag_post(post=reply, member=make_member(), reason="spam")
    reply.refresh_from_db()
    assert reply.status == PostStatus.HIDDEN


@pytest.mark.django_db
def test_hidden_opening_post_takes_its_thread_out_of_every_list(client, board, bob, alice):
    thread = make_thread(board, bob, title="Buy my supplements")
    for member in flaggers(3):
        actions.flag_post(post=thread.posts.get(), member=member, reason="spam")
    thread.refresh_from_db()
    board.refresh_from_db()
    assert not thread.is_visible
    assert (board.thread_count, board.post_count, board.last_post) == (0, 0, None)
    client.force_login(alice)
    assert "Buy my supplements" not in page(client.get(f"/b/{board.slug}/"))
    assert "Buy my supplements" not in page(client.get("/"))
    assert client.get(thread.get_absolute_url()).status_code == 404
    # Bob can still find his own thread, and sees why it isn't shown: the same words
    # as his notice, never "hidden by the moderators" before any moderator decided.
    client.force_login(bob)
    html = page(client.get(thread.get_absolute_url()))
    assert "hidden for now, because several members asked the moderators" in html
    assert "hidden by the moderators" not in html


@pytest.mark.django_db
def test_dismissing_flags_brings_a_hidden_thread_back(client, board, bob, alice, moderator):
    thread = make_thread(board, bob, title="Gentle routines", replies=1)
    for member in flaggers(3):
        actions.flag_post(post=thread.posts.get(number=1), member=member, reason="spam")
    actions.dismiss_flags(ReviewItem.objects.get(), by=moderator, reason="Not spam.")
    thread.refresh_from_db()
    board.refresh_from_db()
    assert thread.is_visible
    assert (board.thread_count, board.post_count) == (1, 2)
    assert board.last_post == thread.last_post
    client.force_login(alice)
    assert "Gentle routines" in page(client.get(f"/b/{board.slug}/"))
    assert "Gentle routines" in page(client.get("/"))


@pytest.mark.django_db
def test_hidden_post_cannot_be_flagged_any_more(client, reply, alice):
    for member in flaggers(3):
        actions.flag_post(post=reply, member=member, reason="unkind")
    client.force_login(alice)
    assert client.get(f"/p/{reply.pk}/flag/").status_code == 404


@pytest.mark.django_db
def test_dismissing_the_flags_restores_the_post(client, thread, reply, bob, alice, moderator):
    for member in flaggers(3):
        actions.flag_post(post=reply, member=member, reason="unkind")
    item = ReviewItem.objects.get(post=reply)
    actions.dismiss_flags(item, by=moderator, reason="Blunt, but within the guidelines.")
    reply.refresh_from_db()
    thread.refresh_from_db()
    board = Board.objects.get(pk=thread.board_id)
    assert reply.status == PostStatus.VISIBLE
    assert (thread.reply_count, board.post_count) == (1, 2)
    assert thread.last_post == reply and board.last_post == reply
    assert not Flag.objects.filter(dismissed_at__isnull=True).exists()
    item.refresh_from_db()
    assert item.state == "resolved" and item.resolved_by == moderator
    assert "visible again" in Notification.objects.filter(recipient=bob).latest("pk").message
    client.force_login(alice)
    assert "snap out of it" in page(client.get(thread.get_absolute_url()))


@pytest.mark.django_db
def test_dismissing_flags_does_not_publish_a_post_held_for_review(
    board, moderator, hold_first_posts
):
    newcomer = make_member("Newcomer")
    thread = make_thread(board, moderator, title="Open")
    post = forum_actions.post_reply(thread=thread, author=newcomer, body="First words")
    assert post.is_pending
    actions.dismiss_flags(ReviewItem.objects.get(post=post), by=moderator)
    post.refresh_from_db()
    assert post.status == PostStatus.PENDING


@pytest.mark.django_db
def test_flag_reaches_the_queue_not_the_author(client, reply, alice, bob):
    client.force_login(alice)
    flag(client, reply, "judgmental", "Alice thinks so")
    assert not Notification.objects.filter(recipient=bob).exists()
    assert Post.objects.get(pk=reply.pk).status == PostStatus.VISIBLE


# --- A person at risk is never hidden by flags ---------------------------------------------------

WORRYING = "Nobody would notice if I disappeared."


@pytest.mark.django_db
def test_safety_flags_never_hide_the_person_and_alert_on_call_once(
    client, thread, bob, oncall, mailoutbox, django_capture_on_commit_callbacks
):
    """Three members worried about someone: the post stays up, the item is urgent, the
    on-call moderators hear once (not once per flag), and the author is told nothing."""
    post = forum_actions.post_reply(
        thread=thread, author=bob, body="I've sorted out who gets my books. Thank you all."
    )
    with django_capture_on_commit_callbacks(execute=True):
        for member in flaggers(3):
            client.force_login(member)
            assert flag(client, post, "safety").status_code == 302
    post.refresh_from_db()
    assert post.status == PostStatus.VISIBLE
    item = ReviewItem.objects.get(post=post)
    assert item.priority == Priority.URGENT and not item.crisis
    assert len(mailoutbox) == 1
    assert "worried about the safety" in mailoutbox[0].body
    assert "who gets my books" not in mailoutbox[0].body
    assert not Notification.objects.filter(recipient=bob).exists()
    assert not AuditEntry.objects.filter(action="auto-hide").exists()


@pytest.mark.django_db
def test_safety_flags_do_not_count_toward_the_threshold(reply):
    set_moderation(flag_hide_threshold=2)
    actions.flag_post(post=reply, member=make_member(), reason="safety")
    actions.flag_post(post=reply, member=make_member(), reason="safety")
    reply.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE


@pytest.mark.django_db
def test_other_flags_never_hide_a_post_with_crisis_language(thread, bob):
    post = forum_actions.post_reply(thread=thread, author=bob, body=WORRYING)
    for member in flaggers(3):
        actions.flag_post(post=post, member=member, reason="unkind")
    post.refresh_from_db()
    assert post.status == PostStatus.VISIBLE
    assert not Notification.objects.filter(recipient=bob).exists()


@pytest.mark.django_db
def test_other_flags_never_hide_a_post_while_a_member_is_worried(reply, bob):
    actions.flag_post(post=reply, member=make_member(), reason="safety")
    for member in flaggers(3):
        actions.flag_post(post=reply, member=member, reason="unkind")
    reply.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE
    assert ReviewItem.objects.get(post=reply).priority == Priority.URGENT


@pytest.mark.django_db
def test_a_moderator_can_still_hide_a_post_someone_was_worried_about(reply, bob, moderator):
    actions.flag_post(post=reply, member=make_member(), reason="safety")
    actions.hide(ReviewItem.objects.get(), by=moderator, reason="It names a person.")
    reply.refresh_from_db()
    assert reply.status == PostStatus.HIDDEN and not reply.hidden_by_members


# --- The flagger is thanked and returned to the thread -------------------------------------------


@pytest.mark.django_db
def test_flagger_whose_flag_hides_the_thread_lands_on_its_board_not_not_found(client, board, bob):
    thread = make_thread(board, bob, title="Buy my supplements")
    opening = thread.posts.get()
    first, second, third = flaggers(3)
    for member in (first, second):
        actions.flag_post(post=opening, member=member, reason="spam")
    client.force_login(third)
    response = flag(client, opening, "spam")
    assert response.status_code == 302 and response.url == board.get_absolute_url()
    landed = client.get(response.url)
    assert landed.status_code == 200
    html = page(landed)
    assert "Thank you" in html and "hidden for now" in html


@pytest.mark.django_db
def test_flagger_whose_flag_hides_a_reply_goes_back_to_the_thread(client, thread, reply):
    first, second, third = flaggers(3)
    for member in (first, second):
        actions.flag_post(post=reply, member=member, reason="unkind")
    client.force_login(third)
    response = flag(client, reply, "unkind")
    assert response.url == f"{thread.get_absolute_url()}?notice={reply.number}#notice"
    html = page(client.get(response.url))
    assert "Thank you" in html and "hidden for now" in html
    assert "because several members asked the moderators" in html


# --- Every wording is true to who did it ---------------------------------------------------------


@pytest.mark.django_db
def test_a_post_a_moderator_hid_says_so_and_one_members_flagged_says_that(
    client, thread, reply, bob, moderator
):
    for member in flaggers(3):
        actions.flag_post(post=reply, member=member, reason="unkind")
    client.force_login(bob)
    html = page(client.get(thread.get_absolute_url()))
    note = Notification.objects.get(recipient=bob).message
    assert "because several members asked the moderators" in html and "several members" in note
    assert "hidden by the moderators" not in html
    # In the admin too.
    client.force_login(moderator)
    item = ReviewItem.objects.get()
    decide = page(client.get(f"/admin/moderation/reviewitem/{item.pk}/change/"))
    assert "Hidden for now: members flagged it" in decide
    # Once a moderator decides to hide it, it is theirs.
    actions.hide(item, by=moderator, reason="Unkind to another member.")
    client.force_login(bob)
    html = page(client.get(thread.get_absolute_url()))
    assert "This post was hidden by the moderators." in html
    assert "several members asked" not in html
