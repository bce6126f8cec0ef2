"""The review queue: one open item per post, a snapshot that edits can't change, and the
moderators' decisions on it."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from forums import actions as forum_actions
from forums.models import Board, PostStatus
from members.models import Notification
from moderation import actions
from moderation.models import (
    AuditEntry,
    Priority,
    ReviewItem,
    ReviewState,
    WatchedAction,
    WatchedWord,
)
from tests.conftest import page
from tests.factories import make_member, make_thread

ORIGINAL = "Honestly, just stop taking your meds, they're poison."
REPLY_BODY = ORIGINAL  # the `reply` fixture's words


# --- One item per post ------------------------------------------------------------------------


@pytest.mark.django_db
def test_second_flag_raises_the_priority_and_adds_no_item(reply, alice):
    carol = make_member("Carol")
    actions.flag_post(post=reply, member=alice, reason="misinformation")
    item = ReviewItem.objects.get()
    assert item.priority == Priority.FLAGGED
    actions.flag_post(post=reply, member=carol, reason="safety")
    assert ReviewItem.objects.count() == 1
    item.refresh_from_db()
    assert item.priority == Priority.URGENT
    assert item.reasons.splitlines() == [
        "Flagged: Misinformation",
        "Flagged: I'm worried about this person's safety",
    ]


@pytest.mark.django_db
def test_a_later_milder_flag_never_lowers_the_priority(reply, alice):
    actions.flag_post(post=reply, member=alice, reason="safety")
    actions.flag_post(post=reply, member=make_member(), reason="spam")
    item = ReviewItem.objects.get()
    assert item.priority == Priority.URGENT
    assert item.reasons.count("\n") == 1  # two distinct reasons, each once


@pytest.mark.django_db
def test_same_reason_twice_is_listed_once(reply, alice):
    actions.flag_post(post=reply, member=alice, reason="unkind")
    actions.flag_post(post=reply, member=make_member(), reason="unkind")
    assert ReviewItem.objects.get().reasons == "Flagged: Unkind or harassment"


@pytest.mark.django_db
def test_watched_word_and_member_flag_share_one_item(thread, bob, alice):
    WatchedWord.objects.create(pattern="meds", action=WatchedAction.FLAG)
    post = forum_actions.post_reply(thread=thread, author=bob, body="Skip your meds")
    actions.flag_post(post=post, member=alice, reason="misinformation")
    item = ReviewItem.objects.get()
    assert "Watched word (flag): meds" in item.reasons
    assert "Flagged: Misinformation" in item.reasons


@pytest.mark.django_db
def test_the_database_refuses_a_second_open_item(reply, alice):
    actions.flag_post(post=reply, member=alice, reason="unkind")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewItem.objects.create(
            post=reply, priority=Priority.HELD, snapshot_body="x", snapshot_html="x"
        )


@pytest.mark.django_db
def test_after_a_decision_a_new_flag_opens_a_new_item(reply, alice, moderator):
    actions.flag_post(post=reply, member=alice, reason="unkind")
    actions.approve(ReviewItem.objects.get(), by=moderator)
    actions.flag_post(post=reply, member=make_member(), reason="spam")
    assert ReviewItem.objects.count() == 2
    assert ReviewItem.objects.open().get().reasons == "Flagged: Spam or advertising"


# --- The snapshot ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_snapshot_keeps_the_original_text_after_the_author_edits(client, reply, alice, bob):
    actions.flag_post(post=reply, member=alice, reason="misinformation")
    client.force_login(bob)
    response = client.post(f"/p/{reply.pk}/edit/", {"body": "Talk to your doctor first."})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.body == "Talk to your doctor first."
    item = ReviewItem.objects.get()
    assert item.snapshot_body == ORIGINAL
    assert "poison" in item.snapshot_html
    assert "doctor" not in item.snapshot_html


@pytest.mark.django_db
def test_snapshot_of_an_opening_post_keeps_its_title_and_warning(board, bob, alice):
    thread = make_thread(
        board, bob, title="Meds are poison", body="Stop them all.", content_warning="self-harm"
    )
    opening = thread.posts.get()
    actions.flag_post(post=opening, member=alice, reason="misinformation")
    forum_actions.edit_post(
        post=opening, title="A question about meds", body="Is it ok?", content_warning=""
    )
    item = ReviewItem.objects.get()
    assert (item.snapshot_title, item.snapshot_body, item.snapshot_content_warning) == (
        "Meds are poison",
        "Stop them all.",
        "self-harm",
    )


# --- Decisions --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_approve_publishes_a_held_post_and_tells_its_author(
    client, thread, moderator, alice, hold_first_posts
):
    newcomer = make_member("Newcomer")
    post = forum_actions.post_reply(thread=thread, author=newcomer, body="My first reply")
    item = ReviewItem.objects.get(post=post)
    actions.approve(item, by=moderator, reason="Welcome!")
    post.refresh_from_db()
    item.refresh_from_db()
    thread.refresh_from_db()
    assert post.status == PostStatus.VISIBLE and thread.reply_count == 1
    assert item.state == ReviewState.RESOLVED and item.resolved_by == moderator
    assert "now visible" in Notification.objects.get(recipient=newcomer).message
    entry = AuditEntry.objects.get(action="approve")
    assert (entry.actor, entry.target_id, entry.reason) == (moderator, str(post.pk), "Welcome!")
    client.force_login(alice)
    assert "My first reply" in page(client.get(thread.get_absolute_url()))


@pytest.mark.django_db
def test_approving_a_visible_flagged_post_sends_no_notice(reply, alice, bob, moderator):
    actions.flag_post(post=reply, member=alice, reason="unkind")
    actions.approve(ReviewItem.objects.get(), by=moderator)
    assert not Notification.objects.filter(recipient=bob).exists()
    assert not reply.flags.filter(dismissed_at__isnull=True).exists()


@pytest.mark.django_db
def test_hide_hides_the_post_and_names_the_guideline(client, thread, reply, alice, bob, moderator):
    actions.flag_post(post=reply, member=alice, reason="misinformation")
    reason = "Our guidelines ask that we never advise on medication changes."
    actions.hide(ReviewItem.objects.get(), by=moderator, reason=reason)
    reply.refresh_from_db()
    thread.refresh_from_db()
    board = Board.objects.get(pk=thread.board_id)
    assert reply.status == PostStatus.HIDDEN
    assert (thread.reply_count, board.post_count) == (0, 1)
    note = Notification.objects.get(recipient=bob)
    assert reason in note.message and "you can write it again" in note.message
    assert AuditEntry.objects.get(action="hide").actor == moderator
    client.force_login(alice)
    html = page(client.get(thread.get_absolute_url()))
    assert "hidden by the moderators" in html and "poison" not in html


@pytest.mark.django_db
def test_moderator_edit_changes_the_post_and_keeps_the_snapshot(
    client, thread, reply, alice, bob, moderator
):
    actions.flag_post(post=reply, member=alice, reason="misinformation")
    item = ReviewItem.objects.get()
    actions.edit(
        item,
        by=moderator,
        body="[Edited by the moderators]",
        reason="Medication advice is removed under our guidelines.",
    )
    reply.refresh_from_db()
    assert reply.body == "[Edited by the moderators]"
    assert "poison" not in reply.body_html
    item.refresh_from_db()
    assert item.snapshot_body == ORIGINAL
    assert "A moderator edited your post" in Notification.objects.get(recipient=bob).message
    assert AuditEntry.objects.get(action="edit").reason.startswith("Medication advice")
    client.force_login(alice)
    assert "poison" not in page(client.get(thread.get_absolute_url()))


@pytest.mark.django_db
def test_a_moderators_edit_is_marked_for_everyone_apart_from_the_authors_own(
    client, thread, reply, alice, bob, moderator
):
    forum_actions.edit_post(post=reply, body="Honestly, just stop taking your meds.")
    actions.flag_post(post=reply, member=alice, reason="misinformation")
    actions.edit(
        ReviewItem.objects.get(),
        by=moderator,
        body="Please talk to your doctor before changing medication.",
        reason="Medication advice is removed under our guidelines.",
    )
    reply.refresh_from_db()
    assert reply.moderator_edited_at is not None
    for viewer in (alice, bob, moderator):
        client.force_login(viewer)
        html = page(client.get(thread.get_absolute_url()))
        article = html[html.index(f'id="p{reply.number}"') :]
        article = article[: article.index("</article>")]
        assert "Edited by a moderator" in article, viewer
        assert f'datetime="{reply.moderator_edited_iso}"' in article
        assert "edited <time" in article  # the author's own edit keeps its own mark


@pytest.mark.django_db
def test_a_post_nobody_but_its_author_edited_has_no_moderator_mark(client, thread, reply, alice):
    forum_actions.edit_post(post=reply, body="Edited by me.")
    client.force_login(alice)
    assert "Edited by a moderator" not in page(client.get(thread.get_absolute_url()))


@pytest.mark.django_db
def test_escalate_keeps_the_item_open_for_staff(reply, alice, moderator):
    actions.flag_post(post=reply, member=alice, reason="safety")
    item = ReviewItem.objects.get()
    actions.escalate(item, by=moderator, reason="Mentions a specific plan.")
    item.refresh_from_db()
    assert item.state == ReviewState.ESCALATED
    assert "Escalated: Mentions a specific plan." in item.reasons
    assert list(ReviewItem.objects.open()) == [item]
    assert AuditEntry.objects.get(action="escalate").actor == moderator
