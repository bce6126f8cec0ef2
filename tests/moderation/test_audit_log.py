"""Every moderator decision leaves one append-only audit row, written with the decision."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from forums import actions as forum_actions
from forums.models import Post, PostStatus
from moderation import actions
from moderation.models import AuditEntry, ReviewItem, Sanction, SanctionKind

REASON = "Guideline 3: keep personal details private."


@pytest.fixture
def item(thread, bob, alice):
    post = forum_actions.post_reply(thread=thread, author=bob, body="Call me on my number")
    actions.flag_post(post=post, member=alice, reason="other", note="Shares a number")
    return ReviewItem.objects.get(post=post)


def _decide(name, item, member, moderator):
    """Make one decision; return the object the audit row should point at."""
    post = item.post
    if name == "approve":
        actions.approve(item, by=moderator, reason=REASON)
    elif name == "hide":
        actions.hide(item, by=moderator, reason=REASON)
    elif name == "edit":
        actions.edit(item, by=moderator, body="[removed]", reason=REASON)
    elif name == "dismiss flags":
        actions.dismiss_flags(item, by=moderator, reason=REASON)
    elif name == "escalate":
        actions.escalate(item, by=moderator, reason=REASON)
    elif name == "warn":
        return actions.warn(member, by=moderator, reason=REASON)
    elif name == "silence":
        return actions.silence(member, by=moderator, reason=REASON, period="24h")
    elif name == "suspend":
        return actions.suspend(
            member, by=moderator, reason=REASON, until=timezone.now() + timedelta(days=3)
        )
    elif name == "lift":
        sanction = Sanction.objects.create(
            member=member, kind=SanctionKind.WARNING, reason="x", created_by=moderator
        )
        actions.lift(sanction, by=moderator, reason=REASON)
        return sanction
    return post


DECISIONS = [
    "approve",
    "hide",
    "edit",
    "dismiss flags",
    "escalate",
    "warn",
    "silence",
    "suspend",
    "lift",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", DECISIONS)
def test_every_decision_writes_one_audit_entry(item, bob, moderator, name):
    before = timezone.now()
    target = _decide(name, item, bob, moderator)
    entry = AuditEntry.objects.get()
    assert entry.actor == moderator
    assert entry.action == name
    assert entry.target_type == ContentType.objects.get_for_model(target)
    assert entry.target_id == str(target.pk)
    assert entry.reason == REASON
    assert entry.created_at >= before
    # No personal details in the log itself.
    assert bob.email not in entry.target_repr and "Bob" not in entry.target_repr


def _broken(*args, **kwargs):
    raise RuntimeError("the notification could not be written")


@pytest.mark.django_db
def test_a_failing_decision_leaves_no_audit_entry_and_no_change(item, moderator, monkeypatch):
    """The audit row and the decision share one transaction: both or neither."""
    monkeypatch.setattr("moderation.actions._notify_author", _broken)
    with pytest.raises(RuntimeError):
        actions.hide(item, by=moderator, reason=REASON)
    post = Post.objects.get(pk=item.post_id)
    assert post.status == PostStatus.VISIBLE
    assert not AuditEntry.objects.exists()
    item.refresh_from_db()
    assert item.state == "open"


@pytest.mark.django_db
def test_a_failing_audit_write_undoes_the_sanction(bob, moderator, monkeypatch):
    monkeypatch.setattr("moderation.actions.record", _broken)
    with pytest.raises(RuntimeError):
        actions.silence(bob, by=moderator, reason=REASON, period="7d")
    bob.profile.refresh_from_db()
    assert bob.profile.can_post and bob.profile.silenced_until is None
    assert not Sanction.objects.exists()


@pytest.mark.django_db
def test_a_failing_notice_undoes_the_silence_and_its_audit_row(bob, moderator, monkeypatch):
    monkeypatch.setattr("moderation.actions.notify", _broken)
    with pytest.raises(RuntimeError):
        actions.silence(bob, by=moderator, reason=REASON, period="24h")
    bob.profile.refresh_from_db()
    assert bob.profile.can_post
    assert not Sanction.objects.exists() and not AuditEntry.objects.exists()


# --- Append-only -----------------------------------------------------------------------


@pytest.fixture
def entry(bob, moderator):
    actions.warn(bob, by=moderator, reason=REASON)
    return AuditEntry.objects.get()


@pytest.mark.django_db
def test_an_entry_cannot_be_changed(entry):
    entry.reason = "Nothing to see here."
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    assert AuditEntry.objects.get().reason == REASON


@pytest.mark.django_db
def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()
    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db
def test_entries_cannot_be_changed_in_bulk(entry):
    """A queryset update (as an admin bulk action would do) must not rewrite history."""
    with pytest.raises(ValueError, match="append-only"):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="Nothing to see here.")
    assert AuditEntry.objects.get().reason == REASON


@pytest.mark.django_db
def test_entries_cannot_be_deleted_in_bulk(entry):
    """A queryset delete (the admin's "delete selected") must not erase history."""
    with pytest.raises(ValueError, match="append-only"):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.count() == 1
