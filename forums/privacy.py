"""What the boards keep about a member, for their export and their erasure."""

from __future__ import annotations

from typing import Any

from django.db.models import F

from core.privacy import register, when

from . import actions
from .models import (
    BoardFollow,
    Draft,
    Mute,
    Post,
    PostVersion,
    Reaction,
    ReactionKind,
    ReadState,
    SavedPost,
    ThreadFollow,
)


def export_forums(user) -> dict[str, Any]:
    posts = Post.objects.filter(author=user).select_related("thread__board").order_by("created_at")
    return {
        "posts": [
            {
                "board": p.thread.board.name,
                "thread": p.thread.title,
                "number": p.number,
                "url": p.get_absolute_url(),
                "started_the_thread": p.is_opening,
                "anonymous": p.is_anonymous,
                "status": p.status,
                "content_warning": p.content_warning,
                "body": p.body,
                "created_at": when(p.created_at),
                "edited_at": when(p.edited_at),
                "removed_at": when(p.removed_at),
            }
            for p in posts
        ],
        "reactions": [
            {
                "reaction": r.get_kind_display(),
                "post_url": r.post.get_absolute_url(),
                "created_at": when(r.created_at),
            }
            for r in Reaction.objects.filter(member=user)
            .select_related("post__thread")
            .order_by("created_at")
        ],
        "followed_threads": [
            {"thread": f.thread.title, "url": f.thread.get_absolute_url()}
            for f in ThreadFollow.objects.filter(member=user).select_related("thread")
        ],
        "followed_boards": [
            {"board": f.board.name, "url": f.board.get_absolute_url()}
            for f in BoardFollow.objects.filter(member=user).select_related("board")
        ],
        # Their own unfinished words: private to them, so theirs to take.
        "drafts": [
            {
                "kind": "reply" if d.is_reply else "new thread",
                "board": d.where.name,
                "thread": d.thread.title if d.thread else None,
                "title": d.title,
                "body": d.body,
                "anonymous": d.anonymous,
                "content_warning": d.content_warning,
                "topic_ids": d.topic_ids,
                "saved_at": when(d.saved_at),
            }
            for d in Draft.objects.of(user).for_list()
        ],
        # What they muted: private to them, so theirs to take, and gone with the account.
        "mutes": [
            {
                "kind": m.get_kind_display(),
                "word_or_warning": m.phrase or None,
                "warning": m.get_warning_mode_display() or None,
                "board": m.board.name if m.board else None,
                "topic": m.topic.name if m.topic else None,
                "thread": m.thread.title if m.thread else None,
                "muted_at": when(m.created_at),
            }
            for m in Mute.objects.of(user)
            .select_related("board", "topic", "thread")
            .order_by("created_at", "pk")
        ],
        # What they saved; a post they can't read any more is named by its address only.
        "saved_posts": [
            {
                "url": s.post.get_absolute_url(),
                "thread": s.post.thread.title
                if s.post.is_visible and s.post.thread.is_visible
                else None,
                "saved_at": when(s.saved_at),
            }
            for s in SavedPost.objects.filter(member=user)
            .select_related("post__thread")
            .order_by("saved_at")
        ],
        "reading": [
            {"thread": r.thread.title, "last_post_read": r.number}
            for r in ReadState.objects.filter(member=user).select_related("thread")
        ],
    }


def erase_forums(user, remove_posts: bool) -> None:
    # Unposted words never outlive the account, whatever happens to the posts.
    Draft.objects.of(user).delete()
    Mute.objects.of(user).delete()
    SavedPost.objects.filter(member=user).delete()
    _take_back_reactions(user)
    if remove_posts:
        for post in Post.objects.filter(author=user).select_related("thread"):
            if not post.is_removed:
                actions.remove_post(post=post)
            post.content_warning = ""
            post.save(update_fields=["content_warning"])
            actions.rewrite_post(post=post, body="", keep=False)  # and out of search
    # Earlier versions of their posts are theirs too: they go, whether or not the
    # posts stay (a version may hold what the author later took out on purpose).
    PostVersion.objects.filter(post__author=user).delete()
    # Their name in others' posts stays as those members wrote it: @mentions of
    # them just stop linking. Quotes keep what the quoting member wrote.
    actions.unlink_mentions_of(user)


def _take_back_reactions(user) -> None:
    # Reaction rows go with the account; the counts beside them must go too.
    mine = Reaction.objects.filter(member=user)
    for kind in ReactionKind:
        field = kind.count_field
        Post.objects.filter(pk__in=mine.filter(kind=kind).values("post_id")).update(
            **{field: F(field) - 1}
        )
    mine.delete()


register("boards", layer=20, export=export_forums, erase=erase_forums)
