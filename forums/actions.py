"""Writes that span models: each is one transaction that does every step in order.

Counters and last-post pointers are denormalized for cheap list pages; they are
changed here with F() expressions in the same transaction as the post itself,
so concurrent writers lose nothing. Row locks are always taken thread first,
then board, so two writers never wait on each other in opposite orders.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .markup import render_markdown
from .models import Board, Post, PostStatus, Thread


class ThreadLocked(Exception):
    """The thread stopped taking replies before this one arrived."""


@transaction.atomic
def start_thread(
    *, board: Board, author, title: str, body: str, content_warning: str = ""
) -> Post:
    now = timezone.now()
    thread = Thread.objects.create(
        board=board, author=author, title=title, content_warning=content_warning,
        created_at=now, last_post_at=now, last_number=1, post_count=1,
    )
    post = Post.objects.create(
        thread=thread, number=1, author=author, body=body,
        body_html=render_markdown(body), created_at=now,
    )
    Thread.objects.filter(pk=thread.pk).update(last_post=post)
    Board.objects.filter(pk=board.pk).update(
        thread_count=F("thread_count") + 1, post_count=F("post_count") + 1,
        last_post=post, last_post_at=now,
    )
    thread.last_post = post
    post.thread = thread
    return post


@transaction.atomic
def post_reply(*, thread: Thread, author, body: str) -> Post:
    # Locking the thread row serializes replies to one thread, so numbers are
    # handed out one by one and a lock that lands first is respected.
    current = Thread.objects.select_for_update().only("last_number", "is_locked", "board_id")
    current = current.get(pk=thread.pk)
    if current.is_locked:
        raise ThreadLocked
    now = timezone.now()
    post = Post.objects.create(
        thread=thread, number=current.last_number + 1, author=author, body=body,
        body_html=render_markdown(body), created_at=now,
    )
    Thread.objects.filter(pk=thread.pk).update(
        last_number=F("last_number") + 1, post_count=F("post_count") + 1,
        reply_count=F("reply_count") + 1, last_post=post, last_post_at=now,
    )
    Board.objects.filter(pk=current.board_id).update(
        post_count=F("post_count") + 1, last_post=post, last_post_at=now,
    )
    return post


@transaction.atomic
def edit_post(*, post: Post, body: str, title: str | None = None) -> Post:
    post.body = body
    post.body_html = render_markdown(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    if title is not None and post.is_opening and title != post.thread.title:
        thread = post.thread
        thread.title = title
        thread.slug = Thread.make_slug(title)
        thread.save(update_fields=["title", "slug"])
    return post


@transaction.atomic
def remove_post(*, post: Post) -> Post:
    """The author takes their post back; it keeps its place in the thread."""
    was_visible = post.is_visible
    post.status = PostStatus.REMOVED
    post.removed_at = timezone.now()
    post.save(update_fields=["status", "removed_at"])
    if was_visible:
        _uncount_post(post)
    return post


def _uncount_post(post: Post) -> None:
    thread = post.thread
    replies = 0 if post.is_opening else 1
    Thread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") - 1, reply_count=F("reply_count") - replies
    )
    Board.objects.filter(pk=thread.board_id).update(post_count=F("post_count") - 1)
    refresh_last_post(thread)


def refresh_last_post(thread: Thread) -> None:
    """Point the thread and its board at their latest visible post."""
    last = thread.posts.visible().order_by("-number").first()
    Thread.objects.filter(pk=thread.pk).update(
        last_post=last, last_post_at=last.created_at if last else thread.created_at
    )
    refresh_board_last_post(thread.board_id)


def refresh_board_last_post(board_id: int) -> None:
    latest = (
        Thread.objects.filter(board_id=board_id, last_post__isnull=False)
        .order_by("-last_post_at").values("last_post_id", "last_post_at").first()
    )
    Board.objects.filter(pk=board_id).update(
        last_post_id=latest["last_post_id"] if latest else None,
        last_post_at=latest["last_post_at"] if latest else None,
    )


@transaction.atomic
def move_thread(*, thread: Thread, to_board: Board) -> Thread:
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    from_board_id = thread.board_id
    if from_board_id == to_board.pk:
        return thread
    thread.board = to_board
    thread.save(update_fields=["board"])
    Board.objects.filter(pk=from_board_id).update(
        thread_count=F("thread_count") - 1, post_count=F("post_count") - thread.post_count
    )
    Board.objects.filter(pk=to_board.pk).update(
        thread_count=F("thread_count") + 1, post_count=F("post_count") + thread.post_count
    )
    refresh_board_last_post(from_board_id)
    refresh_board_last_post(to_board.pk)
    return thread
