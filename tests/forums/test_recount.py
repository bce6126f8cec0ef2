"""recount(): the counters worked out from the posts agree with the ones the writes kept.

Real writes first (threads, replies, a held first post, hiding, publishing, removing, a
moved thread, an erased member), then every counter and pointer is spoiled and recount()
must put back exactly what the writes had left.
"""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from core.privacy import erase_member
from forums import actions
from forums.models import Board, Post, Thread
from moderation.models import ModerationSettings
from tests.factories import make_board, make_member, make_thread

THREAD_FIELDS = [
    "last_number",
    "post_count",
    "reply_count",
    "last_post_id",
    "last_post_at",
    "answered_at",
]
BOARD_FIELDS = ["thread_count", "post_count", "last_post_id", "last_post_at"]


def _counters() -> dict:
    return {
        "threads": {t["pk"]: t for t in Thread.objects.values("pk", *THREAD_FIELDS)},
        "boards": {b["pk"]: b for b in Board.objects.values("pk", *BOARD_FIELDS)},
    }


def _spoil() -> None:
    Thread.objects.update(
        last_number=99,
        post_count=99,
        reply_count=99,
        last_post=None,
        last_post_at=timezone.now(),
        answered_at=timezone.now(),
    )
    Board.objects.update(thread_count=99, post_count=99, last_post=None, last_post_at=None)


@pytest.fixture
def community(board, alice, bob, moderator):
    """A little of everything the writes do to the counters."""
    other = make_board("sleep", name="Sleep")
    make_board("empty", name="Nothing here yet")
    quiet = make_thread(board, alice, title="Quiet one")  # nobody answered
    talked = make_thread(board, alice, title="Talked about", replies=2)  # only the author
    actions.post_reply(thread=talked, author=bob, body="Me too.")
    hidden = actions.post_reply(thread=talked, author=bob, body="And again.")
    actions.hide_post(post=hidden)
    answered = make_thread(other, bob, title="Answered")
    first = actions.post_reply(thread=answered, author=alice, body="First answer.")
    actions.post_reply(thread=answered, author=moderator, body="Second answer.")
    actions.remove_post(post=first)  # the answer moves on to the second one
    ModerationSettings.objects.update_or_create(pk=1, defaults={"new_member_hold_count": 1})
    held = make_thread(board, make_member("New here"), title="Held for review")
    published = make_thread(other, make_member("Also new"), title="Published later")
    ModerationSettings.objects.update_or_create(pk=1, defaults={"new_member_hold_count": 0})
    assert not (held.is_visible or published.is_visible)  # in no list, counted nowhere
    actions.publish_post(post=published.posts.get(number=1))
    moved = make_thread(board, bob, title="Moved", replies=1)
    actions.post_reply(thread=moved, author=alice, body="Welcome.")
    actions.move_thread(thread=moved, to_board=other, by=None)
    gone = make_member("Leaving")
    left = make_thread(other, gone, title="Started by someone who left")
    actions.post_reply(thread=left, author=alice, body="Hope you're okay.")
    actions.post_reply(thread=quiet, author=gone, body="Thinking of you.")
    erase_member(gone, remove_posts=False)
    return {"quiet": quiet, "talked": talked, "answered": answered, "left": left}


@pytest.mark.django_db
def test_recount_puts_back_what_the_writes_left(community):
    live = _counters()
    # The community has what a recount must get right, or the test proves little.
    threads = {Thread.objects.get(pk=t.pk).title: live["threads"][t.pk] for t in community.values()}
    assert threads["Talked about"]["answered_at"] is not None
    assert threads["Started by someone who left"]["answered_at"] is not None
    assert threads["Quiet one"]["answered_at"] is not None  # by a member since erased
    assert any(b["thread_count"] == 0 for b in live["boards"].values())
    assert any(t["post_count"] != t["last_number"] for t in live["threads"].values())

    _spoil()
    actions.recount()

    assert _counters() == live


@pytest.mark.django_db
def test_recount_of_some_threads_leaves_the_others(community):
    live = _counters()
    talked, answered = community["talked"], community["answered"]
    assert talked.board_id != answered.board_id
    Thread.objects.filter(pk__in=[talked.pk, answered.pk]).update(post_count=99, reply_count=99)
    Board.objects.update(thread_count=99, post_count=99)

    actions.recount(Thread.objects.filter(pk=talked.pk))

    after = _counters()
    assert after["threads"][talked.pk] == live["threads"][talked.pk]
    assert after["boards"][talked.board_id] == live["boards"][talked.board_id]
    assert after["threads"][answered.pk]["post_count"] == 99
    assert after["boards"][answered.board_id]["thread_count"] == 99


@pytest.mark.django_db
def test_recount_of_some_fields_leaves_the_rest(community):
    live = _counters()
    Thread.objects.update(answered_at=None, reply_count=99)
    Board.objects.update(thread_count=99)

    actions.recount(Thread.objects.filter(answered_at__isnull=True), fields=["answered_at"])

    after = _counters()
    assert {pk: t["answered_at"] for pk, t in after["threads"].items()} == {
        pk: t["answered_at"] for pk, t in live["threads"].items()
    }
    assert all(t["reply_count"] == 99 for t in after["threads"].values())
    assert all(b["thread_count"] == 99 for b in after["boards"].values())


@pytest.mark.django_db
def test_a_reply_by_the_author_alone_does_not_answer(board, alice):
    thread = make_thread(board, alice, replies=3)
    Post.objects.filter(thread=thread).update(created_at=timezone.now())
    actions.recount()
    thread.refresh_from_db()
    assert thread.answered_at is None
    assert (thread.post_count, thread.reply_count, thread.last_number) == (4, 3, 4)


@pytest.mark.django_db
def test_the_answered_at_backfill_uses_recount_on_its_historical_models(community):
    live = _counters()
    Thread.objects.update(answered_at=None)
    state = MigrationExecutor(connection).loader.project_state(
        ("forums", "0006_backfill_answered_at")
    )

    importlib.import_module("forums.migrations.0006_backfill_answered_at").backfill(
        state.apps, None
    )

    assert _counters() == live
