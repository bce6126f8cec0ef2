"""Decisions that fit the case: the post and its author decided in one submit, on the
review item's page (moderation/admin/decisions.py, actions.decide_case)."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from forums import actions as forum_actions
from forums.models import PostStatus
from members.models import Notification
from moderation import actions, claims
from moderation.models import (
    AuditAction,
    AuditEntry,
    ItemEventKind,
    Priority,
    ReviewItem,
    ReviewState,
    Sanction,
)
from moderation.roles import MODERATORS
from tests.conftest import page
from tests.factories import make_member, make_staff_member

QUEUE = "/admin/moderation/reviewitem/"
REPLY_BODY = "You are overreacting."
REASON = "Our guidelines ask us to disagree kindly."


def flagged(post) -> ReviewItem:
    actions.flag_post(post=post, member=make_member(), reason="unkind")
    return post.review_items.get()


def change(item) -> str:
    return f"{QUEUE}{item.pk}/change/"


@pytest.mark.django_db
def test_hide_warn_and_silence_in_one_submit(client, moderator, reply, bob):
    item = flagged(reply)
    before = Notification.objects.filter(recipient=bob).count()
    client.force_login(moderator)
    response = client.post(
        change(item),
        {
            "decision": "hide",
            "sanctions": ["warn", "silence"],
            "reason": REASON,
            "silence_for": "72h",
        },
    )
    assert response.status_code == 302
    reply.refresh_from_db()
    bob.profile.refresh_from_db()
    assert reply.status == PostStatus.HIDDEN
    assert bob.profile.is_silenced
    kinds = set(Sanction.objects.filter(member=bob).values_list("kind", flat=True))
    assert kinds == {"warning", "silence"}
    # One audit row for each decision, each by this moderator (and their claim: deciding
    # claims the item).
    assert sorted(AuditEntry.objects.filter(actor=moderator).values_list("action", flat=True)) == [
        "claim",
        "hide",
        "silence",
        "warn",
    ]
    # One notice that says all of it, the reason once, and where to ask for a second look.
    notices = Notification.objects.filter(recipient=bob)
    assert notices.count() == before + 1
    text = notices.latest("created_at").message
    assert "hid your post" in text and "paused until" in text
    assert text.count(REASON) == 1
    assert "second look" in text
    # Not "write it again" while they can't post: when they can.
    assert "When you can post again, you're welcome to write it again" in text
    silence = Sanction.objects.get(member=bob, kind="silence")
    assert notices.latest("created_at").url == f"/second-look/{silence.pk}/"
    item.refresh_from_db()
    assert item.state == ReviewState.RESOLVED
    assert "Silenced." in item.resolution and "Warned." in item.resolution


@pytest.mark.django_db
def test_the_whole_decision_is_undone_if_one_part_fails(client, moderator, reply, bob):
    item = flagged(reply)
    client.force_login(moderator)
    with (
        mock.patch.object(actions, "silence", side_effect=RuntimeError("mail server down")),
        pytest.raises(RuntimeError),
    ):
        client.post(
            change(item),
            {"decision": "hide", "sanctions": ["warn", "silence"], "reason": REASON},
        )
    reply.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE
    assert not Sanction.objects.exists()
    assert not AuditEntry.objects.filter(actor=moderator).exists()


@pytest.mark.django_db
def test_a_warning_alone_leaves_the_item_open_and_says_so(client, moderator, reply, bob):
    item = flagged(reply)
    client.force_login(moderator)
    response = client.post(
        change(item), {"sanctions": "warn", "reason": REASON, "then": "stay"}, follow=True
    )
    html = page(response)
    assert "The item stays open in the queue until someone closes it." in html
    item.refresh_from_db()
    assert item.state == ReviewState.OPEN
    assert Sanction.objects.filter(member=bob, kind="warning").exists()
    reply.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE


@pytest.mark.django_db
def test_a_warning_closes_the_item_when_the_moderator_says_so(client, moderator, reply, bob):
    item = flagged(reply)
    client.force_login(moderator)
    client.post(change(item), {"sanctions": "warn", "reason": REASON, "close": "on"})
    item.refresh_from_db()
    assert item.state == ReviewState.RESOLVED and item.resolved_by == moderator
    assert AuditEntry.objects.filter(actor=moderator, action="resolve").exists()


@pytest.mark.django_db
def test_an_edit_leaves_the_item_open_and_keeps_the_words_before_it(client, moderator, reply):
    item = flagged(reply)
    client.force_login(moderator)
    client.post(change(item), {"decision": "edit", "body": "Kinder words", "reason": REASON})
    item.refresh_from_db()
    assert item.state == ReviewState.OPEN
    version = reply.versions.get()
    assert version.body == REPLY_BODY and version.by_moderator and version.replaced_by == moderator


@pytest.mark.django_db
def test_missing_fields_are_named_and_what_was_typed_is_kept(client, moderator, reply, bob):
    item = flagged(reply)
    client.force_login(moderator)
    response = client.post(
        change(item),
        {
            "decision": "edit",
            "sanctions": ["silence"],
            "reason": "",
            "body": "",
            "silence_for": "7d",
        },
    )
    html = page(response)
    assert response.status_code == 200
    assert "Nothing was decided yet" in html
    assert "Please give a reason: the author will read it (you chose: edited the post, " in html
    assert "silenced the author" in html
    assert "Please write the edited post." in html
    assert 'value="7d" selected' in html  # the period they chose is still chosen
    assert 'value="silence"' in html and "checked" in html
    assert not Sanction.objects.exists()
    bob.profile.refresh_from_db()
    assert not bob.profile.is_silenced


@pytest.mark.django_db
def test_nothing_chosen_is_a_kind_error_not_a_decision(client, moderator, reply):
    item = flagged(reply)
    client.force_login(moderator)
    response = client.post(change(item), {"reason": REASON})
    assert response.status_code == 200
    assert "Please choose at least one decision" in page(response)
    assert not AuditEntry.objects.filter(actor=moderator).exists()


@pytest.mark.django_db
def test_suspend_until_comes_from_a_date_picker(client, moderator, reply, bob):
    item = flagged(reply)
    client.force_login(moderator)
    html = page(client.get(change(item)))
    assert 'type="datetime-local"' in html and 'name="suspend_until"' in html
    until = (timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    client.post(
        change(item),
        {
            "decision": "hide",
            "sanctions": "suspend",
            "reason": REASON,
            "suspend_until": until.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    bob.profile.refresh_from_db()
    assert bob.profile.is_suspended and bob.profile.suspended_until == until


@pytest.mark.django_db
def test_a_suspension_in_the_past_is_refused(client, moderator, reply, bob):
    item = flagged(reply)
    client.force_login(moderator)
    past = timezone.now() - timedelta(days=1)
    response = client.post(
        change(item),
        {
            "sanctions": "suspend",
            "reason": REASON,
            "suspend_until": past.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert "Please choose a time in the future" in page(response)
    bob.profile.refresh_from_db()
    assert not bob.profile.is_suspended


@pytest.mark.django_db
def test_an_escalated_item_cannot_be_closed_in_the_same_submit(client, moderator, reply):
    item = flagged(reply)
    client.force_login(moderator)
    response = client.post(change(item), {"decision": "escalate", "reason": REASON, "close": "on"})
    assert "An escalated item stays open with staff" in page(response)
    item.refresh_from_db()
    assert item.state == ReviewState.OPEN


@pytest.mark.django_db
def test_no_sanction_when_the_author_has_left(client, moderator, reply, bob):
    item = flagged(reply)
    bob.delete()
    client.force_login(moderator)
    response = client.post(
        change(item), {"decision": "hide", "sanctions": "warn", "reason": REASON}
    )
    assert "author has left; there&#x27;s no one to warn" in page(response)
    reply.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE


@pytest.mark.django_db
def test_the_form_tells_the_script_which_fields_each_decision_needs(client, moderator, reply):
    item = flagged(reply)
    client.force_login(moderator)
    html = page(client.get(change(item)))
    for name in ("body", "silence_for", "suspend_until"):
        assert f'data-field="{name}"' in html
    assert "moderation-decide.js" in html
    # Without the script every field shows, labelled with the decision it is for.
    assert "Silence for (for “Silence the author”)" in html
    assert "Suspend until (for “Suspend the author”; UTC)" in html
    assert "Editing the post and sanctions alone leave it open" in html


@pytest.mark.django_db
def test_next_is_the_next_unresolved_item_in_queue_order(client, moderator, thread, alice, bob):
    def item(author, body, priority=Priority.FLAGGED):
        post = forum_actions.post_reply(thread=thread, author=author, body=body)
        return actions.open_review(post, priority=priority, reasons=["Flagged: Unkind"])

    current = item(bob, "a")
    done = item(alice, "b", Priority.URGENT)
    actions.approve(done, by=moderator)
    item(alice, "c", Priority.HELD)  # waits behind the flagged ones
    flagged_later = item(alice, "d")
    client.force_login(moderator)
    response = client.post(change(current), {"sanctions": "warn", "reason": REASON})
    # Not the resolved urgent one, not this one (still open after a warning): the
    # flagged item before the held one.
    assert response.url == change(flagged_later)
    response = client.post(change(flagged_later), {"decision": "approve"})
    assert response.url == change(current)  # still open, so still waiting


@pytest.mark.django_db
def test_members_cannot_decide(client, alice, reply, bob):
    item = flagged(reply)
    client.force_login(alice)
    response = client.post(change(item), {"decision": "hide", "sanctions": "warn", "reason": "x"})
    assert response.status_code in (302, 403)
    assert not Sanction.objects.exists()
    reply.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE


@pytest.mark.django_db
def test_approving_a_visible_post_tells_nobody_and_does_not_say_it_did(
    client, moderator, reply, bob
):
    item = flagged(reply)
    before = Notification.objects.filter(recipient=bob).count()
    client.force_login(moderator)
    response = client.post(change(item), {"decision": "approve", "then": "stay"}, follow=True)
    html = page(response)
    assert "Done: you approved the post. The item is closed." in html
    assert "The author was sent" not in html
    assert Notification.objects.filter(recipient=bob).count() == before


@pytest.mark.django_db
def test_next_leaves_out_items_another_moderator_claimed(client, moderator, staff, thread, bob):
    def item(body):
        post = forum_actions.post_reply(thread=thread, author=bob, body=body)
        return actions.open_review(post, priority=Priority.FLAGGED, reasons=["Flagged: Unkind"])

    current, theirs, mine = item("a"), item("b"), item("c")
    ReviewItem.objects.filter(pk=theirs.pk).update(claimed_by=staff, claimed_at=timezone.now())
    ReviewItem.objects.filter(pk=mine.pk).update(claimed_by=moderator, claimed_at=timezone.now())
    client.force_login(moderator)
    response = client.post(change(current), {"decision": "approve"})
    # Not the one someone else is working on; the one this moderator claimed is theirs.
    assert response.url == change(mine)


# --- Deciding claims the item; someone else's claim is taken over, never overridden -----------


@pytest.mark.django_db
def test_deciding_on_an_unclaimed_item_claims_it_for_the_moderator(client, moderator, reply):
    item = flagged(reply)
    client.force_login(moderator)
    assert "Deciding claims the item for you." in page(client.get(change(item)))
    client.post(change(item), {"sanctions": ["warn"], "reason": REASON, "then": "stay"})
    item.refresh_from_db()
    assert item.claimed_by == moderator
    # In its history as a claim is, before the decision.
    [claimed] = item.events.filter(kind=ItemEventKind.CLAIMED)
    assert claimed.by == moderator
    actions_in_order = list(
        AuditEntry.objects.filter(review_item=item).order_by("pk").values_list("action", flat=True)
    )
    assert actions_in_order[:2] == [AuditAction.CLAIM, AuditAction.WARN]
    assert "Claimed by <strong>Mara</strong>." in page(client.get(change(item)))


@pytest.mark.django_db
def test_deciding_on_an_item_someone_else_claimed_asks_why_you_take_it_over(
    client, moderator, reply
):
    robin = make_staff_member("Robin", MODERATORS)
    item = flagged(reply)
    claims.claim(item, by=robin)
    client.force_login(moderator)
    html = page(client.get(change(item)))
    assert "<strong>Robin has claimed this item</strong>" in html
    assert 'name="take_over"' in html

    response = client.post(change(item), {"decision": "hide", "reason": REASON})
    assert response.status_code == 200
    html = page(response)
    assert "Robin has claimed this item. To decide on it, please say why" in html
    assert REASON in html, "what was typed stays"
    reply.refresh_from_db()
    item.refresh_from_db()
    assert reply.status != PostStatus.HIDDEN and item.state == ReviewState.OPEN
    assert item.claimed_by == robin

    response = client.post(
        change(item),
        {"decision": "hide", "reason": REASON, "take_over": "Robin's shift ended.", "then": "stay"},
    )
    assert response.status_code == 302
    reply.refresh_from_db()
    item.refresh_from_db()
    assert reply.status == PostStatus.HIDDEN and item.claimed_by == moderator
    [taken] = item.events.filter(kind=ItemEventKind.TAKEN_OVER)
    assert (taken.by, taken.previous, taken.reason) == (moderator, robin, "Robin's shift ended.")


@pytest.mark.django_db
def test_an_item_of_ones_own_asks_nothing_more(client, moderator, reply):
    item = flagged(reply)
    claims.claim(item, by=moderator)
    client.force_login(moderator)
    html = page(client.get(change(item)))
    assert 'name="take_over"' not in html and "Deciding claims the item" not in html
    client.post(change(item), {"decision": "approve"})
    item.refresh_from_db()
    assert item.state == ReviewState.RESOLVED
    assert item.events.filter(kind=ItemEventKind.TAKEN_OVER).count() == 0


# --- A resolved item's page says so, and offers no decision ------------------------------------


@pytest.mark.django_db
def test_a_resolved_item_says_who_decided_what_and_when_and_offers_no_form(
    client, moderator, reply
):
    item = flagged(reply)
    client.force_login(moderator)
    client.post(change(item), {"decision": "hide", "sanctions": ["warn"], "reason": REASON})
    item.refresh_from_db()
    html = page(client.get(change(item)))
    at = claims.since(item.resolved_at)
    assert f"<strong>Resolved {at} by Mara: hidden, warned</strong>" in html
    assert '<a href="#history-heading">what happened to it</a>' in html
    for gone in (
        "Nobody has claimed it yet",
        "Claim this item",
        "Your decision",
        'name="decision"',
    ):
        assert gone not in html


@pytest.mark.django_db
def test_a_decision_sent_to_a_resolved_item_decides_nothing(client, moderator, reply, bob):
    item = flagged(reply)
    client.force_login(moderator)
    client.post(change(item), {"decision": "approve"})
    entries = AuditEntry.objects.count()
    response = client.post(change(item), {"sanctions": ["warn"], "reason": REASON}, follow=True)
    assert "Nothing was decided: this item was already resolved." in page(response)
    assert AuditEntry.objects.count() == entries
    assert not Sanction.objects.filter(member=bob).exists()


# --- The conversations started from an item, on its page ---------------------------------------


@pytest.mark.django_db
def test_an_items_page_links_the_conversations_started_from_it(client, moderator, reply, bob):
    item = flagged(reply)
    other = actions.write_to_member(bob, by=moderator, subject="Elsewhere", body="Hi.")
    message = actions.write_to_member(
        bob, by=moderator, subject="About your reply", body="Hello.", item=item
    )
    client.force_login(moderator)
    html = page(client.get(change(item)))
    url = f"/admin/members/conversation/{message.conversation_id}/change/"
    assert "Conversations started from this item" in html
    assert f'<a href="{url}">“About your reply”</a>' in html
    assert f"/admin/members/conversation/{other.conversation_id}/change/" not in html
