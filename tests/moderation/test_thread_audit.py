"""A moderator's change to a thread (lock, unlock, pin, unpin, move) is an audit entry,
written in the same transaction, and the audit log lists and filters it like any other.

forums makes the change; moderation hears of it through the seam the settings wire up
(BOOMITY_THREAD_CHANGE_RECORDERS, forums/thread_changes.py)."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from forums import actions as forum_actions
from forums.models import Thread
from moderation.models import AuditEntry
from tests.conftest import page
from tests.factories import make_board

THREADS = "/admin/forums/thread/"
AUDIT_LOG = "/admin/moderation/auditentry/"


def act(client, action, threads, **extra):
    data = {"action": action, "_selected_action": [t.pk for t in threads], **extra}
    return client.post(THREADS, data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "action, before",
    [
        ("lock", {}),
        ("unlock", {"is_locked": True}),
        ("pin", {}),
        ("unpin", {"is_pinned": True}),
    ],
)
def test_each_switch_in_the_admin_writes_one_audit_entry(client, moderator, thread, action, before):
    Thread.objects.filter(pk=thread.pk).update(**before)
    client.force_login(moderator)
    started = timezone.now()
    assert act(client, action, [thread]).status_code == 302
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action) == (moderator, action)
    assert entry.target_type == ContentType.objects.get_for_model(Thread)
    assert entry.target_id == str(thread.pk)
    assert entry.target_repr == f"thread {thread.pk}"  # by number: a title may distress
    assert entry.created_at >= started


@pytest.mark.django_db
def test_a_move_in_the_admin_writes_one_audit_entry_with_both_boards(
    client, moderator, board, thread
):
    grief = make_board("grief", name="Grief")
    client.force_login(moderator)
    assert act(client, "move", [thread], to_board=grief.pk).status_code == 302
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target_id) == (moderator, "move", str(thread.pk))
    assert entry.detail == f"From “{board.name}” to “Grief”"


@pytest.mark.django_db
def test_a_switch_already_that_way_records_nothing(moderator, thread):
    forum_actions.switch_thread(thread=thread, action="lock", by=moderator)
    forum_actions.switch_thread(thread=thread, action="lock", by=moderator)
    forum_actions.move_thread(thread=thread, to_board=thread.board, by=moderator)
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["lock"]


@pytest.mark.django_db
def test_a_reason_is_kept_when_one_is_given(moderator, thread):
    forum_actions.switch_thread(
        thread=thread, action="lock", by=moderator, reason="The conversation has run its course."
    )
    assert AuditEntry.objects.get().reason == "The conversation has run its course."


def _broken(*args, **kwargs):
    raise RuntimeError("the audit row could not be written")


@pytest.mark.django_db
def test_a_failing_audit_write_undoes_the_lock_and_the_move(moderator, board, thread, monkeypatch):
    """The change and its audit row share one transaction: both or neither."""
    monkeypatch.setattr("moderation.actions.record", _broken)
    grief = make_board("grief", name="Grief")
    with pytest.raises(RuntimeError):
        forum_actions.switch_thread(thread=thread, action="lock", by=moderator)
    with pytest.raises(RuntimeError):
        forum_actions.move_thread(thread=thread, to_board=grief, by=moderator)
    thread.refresh_from_db()
    assert not thread.is_locked and thread.board == board


@pytest.mark.django_db
def test_the_audit_log_lists_and_filters_thread_changes(client, moderator, board, thread):
    grief = make_board("grief", name="Grief")
    forum_actions.switch_thread(thread=thread, action="lock", by=moderator)
    forum_actions.switch_thread(thread=thread, action="pin", by=moderator)
    forum_actions.move_thread(thread=thread, to_board=grief, by=moderator)
    client.force_login(moderator)
    html = page(client.get(AUDIT_LOG))
    # "By action" offers every thread change, before any has happened too.
    for value, label in [
        ("lock", "Lock a thread"),
        ("unlock", "Unlock a thread"),
        ("pin", "Pin a thread"),
        ("unpin", "Unpin a thread"),
        ("move", "Move a thread"),
    ]:
        assert f'href="?action__exact={value}"' in html and label in html
    locks = page(client.get(AUDIT_LOG, {"action__exact": "lock"}))
    assert "Lock a thread" in locks and "Move a thread</td>" not in locks
    moves = page(client.get(AUDIT_LOG, {"action__exact": "move"}))
    assert f"From “{board.name}” to “Grief”" in moves
    assert f"thread {thread.pk}" in moves


@pytest.mark.django_db
def test_the_message_counts_only_what_changed(client, moderator, board, thread):
    """Moving a thread to the board it is on, or locking a locked one, changes nothing:
    the moderator is told so, not "Moved … 1 thread" with no audit entry to find."""
    client.force_login(moderator)
    response = act(client, "move", [thread], to_board=board.pk)
    html = page(client.get(response["Location"])).replace("&#x27;", "'")
    assert f"1 thread was in {board.name} already." in html
    assert "Moved to" not in html
    forum_actions.switch_thread(thread=thread, action="lock", by=moderator)
    other = forum_actions.start_thread(board=board, author=moderator, title="Hi", body="Hello")
    response = act(client, "lock", [thread, other.thread])
    html = page(client.get(response["Location"]))
    assert "Locked 1 thread." in html and "1 thread was already locked." in html
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["lock", "lock"]
