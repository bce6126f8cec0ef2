"""What a reply costs the people replying beside it: every reply to a thread waits for
whoever holds the thread's row, so the lock is taken last and held for a few short
statements; and a new post is written once, already findable.

Counters under real concurrency: tests/forums/test_concurrency.py (fifty members
replying at once through a served app).
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from forums import actions, search
from forums.models import Post, PostStatus, Thread
from tests.factories import make_member

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and full-text search: PostgreSQL's"
)


def _statements_after_the_lock(queries: list[dict]) -> list[str]:
    # The test's own transaction makes the reply's a savepoint: not a statement of its own.
    sql = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
    locked = next(i for i, s in enumerate(sql) if re.search(r"FOR (NO KEY )?UPDATE", s))
    return [" ".join(s.split()[: 3 if s.startswith("INSERT") else 2]) for s in sql[locked + 1 :]]


@postgres_only
@pytest.mark.django_db
def test_while_the_thread_is_locked_a_reply_only_writes_itself_and_the_counters(thread, bob):
    # Screening, cooking, the follow and the draft come before the lock: each reply to a
    # busy thread waits for everything the one before it does after it.
    with CaptureQueriesContext(connection) as captured:
        actions.post_reply(thread=thread, author=bob, body="Thinking of you, @alice.")
    assert _statements_after_the_lock(captured.captured_queries) == [
        'INSERT INTO "forums_post"',
        'UPDATE "forums_thread"',
        'INSERT INTO "forums_mention"',
        'UPDATE "forums_board"',
    ]


@postgres_only
@pytest.mark.django_db
def test_the_lock_lets_rows_that_point_at_the_thread_be_written_meanwhile(thread, bob):
    # FOR NO KEY UPDATE: a follow or a read mark on the thread (a foreign key's check
    # takes KEY SHARE) never waits for a reply being posted.
    with CaptureQueriesContext(connection) as captured:
        actions.post_reply(thread=thread, author=bob, body="Same here.")
    locks = [q["sql"] for q in captured.captured_queries if "FOR " in q["sql"]]
    assert len(locks) == 1 and locks[0].rstrip().endswith("FOR NO KEY UPDATE")


@pytest.mark.django_db
def test_a_reply_counts_once_and_the_first_answer_is_kept(thread, alice, bob):
    first = actions.post_reply(thread=thread, author=bob, body="First answer")
    actions.post_reply(thread=thread, author=alice, body="Thank you")
    actions.post_reply(thread=thread, author=bob, body="Any time")
    thread = Thread.objects.get(pk=thread.pk)
    assert (thread.post_count, thread.reply_count, thread.last_number) == (4, 3, 4)
    assert thread.answered_at == first.created_at  # a later reply doesn't move it
    assert thread.board.post_count == 4
    assert thread.last_post.body == thread.board.last_post.body == "Any time"


@pytest.mark.django_db
def test_a_starters_own_reply_doesnt_answer_the_thread(thread, alice):
    actions.post_reply(thread=thread, author=alice, body="Anyone?")
    assert Thread.objects.get(pk=thread.pk).answered_at is None


@pytest.mark.django_db
def test_a_refused_reply_leaves_no_follow_and_keeps_the_draft(thread, bob):
    from forums.models import Draft, ThreadFollow
    from moderation.models import WatchedWord

    WatchedWord.objects.create(pattern="spamword", action="block")
    Draft.objects.create(member=bob, thread=thread, body="spamword")
    with pytest.raises(actions.PostRefused):
        actions.post_reply(thread=thread, author=bob, body="spamword")
    assert not ThreadFollow.objects.filter(thread=thread, member=bob).exists()
    assert Draft.objects.filter(member=bob, thread=thread).exists()
    assert Thread.objects.get(pk=thread.pk).last_number == 1


@pytest.mark.django_db
def test_a_reply_to_a_thread_locked_meanwhile_leaves_nothing_behind(thread, bob):
    from forums.models import ThreadFollow

    Thread.objects.filter(pk=thread.pk).update(is_locked=True)  # the page showed it open
    with pytest.raises(actions.ThreadLocked):
        actions.post_reply(thread=thread, author=bob, body="Here for you")
    assert not ThreadFollow.objects.filter(thread=thread, member=bob).exists()
    assert not Post.objects.filter(thread=thread, number=2).exists()


@postgres_only
@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr"])
@pytest.mark.parametrize("held", [False, True])
def test_a_new_reply_is_indexed_as_reindexing_would_index_it(thread, language, held):
    author = make_member("Writer")
    with translation.override(language):
        post = actions.post_reply(
            thread=thread,
            author=author,
            body="Running helped me sleep; corriendo dormía mejor",
            held_because="held" if held else "",
        )
    assert post.status == (PostStatus.PENDING if held else PostStatus.VISIBLE)
    written = Post.objects.values_list("search_vector", flat=True).get(pk=post.pk)
    search.reindex(post)
    assert written and written == Post.objects.values_list("search_vector", flat=True).get(
        pk=post.pk
    )


@pytest.mark.django_db
def test_a_reply_costs_the_same_queries_in_a_long_followed_thread(client, thread, bob):
    """Guards the reply's cost growing with the thread: its posts, its followers (told by
    the task worker, after the request) or the replier's own earlier posts."""

    def queries_to_reply(n: int) -> int:
        client.force_login(bob)
        with CaptureQueriesContext(connection) as captured:
            response = client.post(f"/t/{thread.pk}/reply/", {"body": f"Reply number {n}"})
        assert response.status_code == 302
        return len(captured)

    queries_to_reply(0)  # the first: bob starts following
    few = queries_to_reply(1)
    for i in range(30):
        follower = make_member()
        actions.post_reply(thread=thread, author=follower, body=f"Me too {i}")
        actions.post_reply(thread=thread, author=bob, body=f"Thank you {i}")
    assert queries_to_reply(2) == few
