"""Writes that span models: each is one transaction that does every step in order.

Counters and last-post pointers are denormalized for cheap list pages; they are
changed here with F() expressions in the same transaction as the post itself,
so concurrent writers lose nothing. Row locks are always taken thread first,
then board, so two writers never wait on each other in opposite orders.

Only visible posts count. A post waiting for review or hidden by moderators
keeps its number but is in no count; a thread whose opening post isn't visible
is in no list and no count.

Every new or edited post passes the screeners (forums/screening.py) first; a
refusal raises PostRefused before anything is written.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Literal

from django.db import IntegrityError, transaction
from django.db.models import Count, Expression, F, Max, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from core.markup import Mentionable, render_markdown_with_mentions
from core.tasks import enqueue_on_commit
from members.actions import notify_grouped
from members.models import (
    NotificationKind,
    Profile,
    Words,
    blockers_of,
    profile_url,
)

from . import screening as screening_
from . import search, tasks, thread_changes
from .models import (
    MAX_TOPICS,
    Board,
    Draft,
    Mention,
    Mute,
    MuteKind,
    Post,
    PostStatus,
    PostVersion,
    Reaction,
    ReactionKind,
    Thread,
    Topic,
)
from .screening import PostRefused, Screening
from .thread_changes import ThreadChange

__all__ = [
    "PostRefused",
    "ThreadLocked",
    "start_thread",
    "post_reply",
    "edit_post",
    "set_topics",
    "remove_post",
    "publish_post",
    "hide_post",
    "switch_thread",
    "move_thread",
    "change_thread_topics",
    "toggle_reaction",
    "follow_thread",
    "toggle_follow",
    "toggle_mute",
    "mute_phrase",
    "mute_warning",
    "rewrite_post",
    "keep_version",
    "unlink_mentions_of",
    "recount",
]


class ThreadLocked(Exception):
    """The thread stopped taking replies before this one arrived."""


@transaction.atomic
def start_thread(
    *,
    board: Board,
    author,
    title: str,
    body: str,
    content_warning: str = "",
    anonymous: bool = False,
    topics=(),
    held_because: str = "",
) -> Post:
    """Start a thread. With `held_because`, it is kept for the moderators only, never
    shown to others until one approves it (see `post_reply`)."""
    checked = screening_.screen(author=author, board=board, title=title, body=body)
    assert checked.title is not None  # screening keeps a thread's title (None is for replies)
    _keep_held(checked, held_because)
    visible = not checked.hold
    now = timezone.now()
    anonymous = anonymous and board.allow_anonymous
    thread = Thread.objects.create(
        board=board,
        author=author,
        title=checked.title,
        content_warning=content_warning,
        is_anonymous=anonymous,
        is_visible=visible,
        created_at=now,
        last_post_at=now,
        last_number=1,
        post_count=int(visible),
        by_newcomer=_is_newcomer(author, anonymous=anonymous),
    )
    body_html, mentioned = cook(checked.body)
    post = Post.objects.create(
        thread=thread,
        number=1,
        author=author,
        body=checked.body,
        body_html=body_html,
        created_at=now,
        is_anonymous=thread.is_anonymous,
        status=PostStatus.VISIBLE if visible else PostStatus.PENDING,
    )
    _remember_mentions(post, mentioned, new=True)
    if visible:
        Thread.objects.filter(pk=thread.pk).update(last_post=post)
        Board.objects.filter(pk=board.pk).update(
            thread_count=F("thread_count") + 1,
            post_count=F("post_count") + 1,
            last_post=post,
            last_post_at=now,
        )
        thread.last_post = post
    search.reindex(post)  # a held post too: its author alone finds it
    post.thread = thread
    if topics:
        set_topics(thread, topics)
    follow_thread(member=author, thread=thread)
    # Posted (held or kept for the moderators too): the words live in the post now.
    _drop_draft(author, board=board)
    if visible:
        _announce_after_commit(post)
    return _after_save(post, checked)


def _is_newcomer(author, *, anonymous: bool) -> bool:
    """A "First post" badge: the author's first thread or reply under their own name.

    Never on an anonymous thread (it would say who is new), and posts written
    anonymously before don't count (their absence would say who wrote them). Never for
    someone who runs the community (a moderator's or staff role): they aren't new here,
    and a "welcome" to them would mislead.
    """
    if anonymous or author is None or author.profile.role:
        return False
    return not Post.objects.filter(author=author, is_anonymous=False).exists()


@transaction.atomic
def post_reply(
    *,
    thread: Thread,
    author,
    body: str,
    content_warning: str = "",
    anonymous: bool = False,
    held_because: str = "",
) -> Post:
    """Add a reply. With `held_because` (why these words can't be posted: a pause on
    the author's posting, a locked thread), the reply is kept for the moderators and
    its author only, even in a locked thread: the view does this for words with crisis
    language, so that a person at risk keeps their words and a moderator reads them."""
    board = thread.board
    # Everything that needs no lock comes first (screening, cooking, the author's own
    # rows): every reply to this thread waits for whoever holds its row, so the lock
    # is taken last and held for four short statements.
    checked = screening_.screen(author=author, board=board, title=None, body=body, thread=thread)
    _keep_held(checked, held_because)
    visible = not checked.hold
    body_html, mentioned = cook(checked.body)
    follow_thread(member=author, thread=thread)
    _drop_draft(author, thread=thread)
    # Locking the thread row serializes replies to one thread, so numbers are handed
    # out one by one and a lock that lands first is respected. NO KEY: rows that merely
    # point at the thread (a follow, a read mark) may still be written meanwhile.
    current = (
        Thread.objects.select_for_update(no_key=True)
        .only("last_number", "is_locked", "is_visible", "board_id", "author_id", "is_anonymous")
        .get(pk=thread.pk)
    )
    if current.is_locked and not held_because:
        raise ThreadLocked
    now = timezone.now()
    post = Post(
        thread=thread,
        number=current.last_number + 1,
        author=author,
        body=checked.body,
        body_html=body_html,
        created_at=now,
        content_warning=content_warning,
        is_anonymous=anonymous and board.allow_anonymous,
        status=PostStatus.VISIBLE if visible else PostStatus.PENDING,
    )
    # Indexed as it is written (a held post too: its author alone finds it).
    post.search_vector = search.new_post_vector(post)
    post.save(force_insert=True)
    del post.search_vector  # the expression: deferred again, as every post loads it
    changes: dict[str, Any] = {"last_number": F("last_number") + 1}
    if visible:
        changes.update(
            post_count=F("post_count") + 1,
            reply_count=F("reply_count") + 1,
            last_post=post,
            last_post_at=now,
        )
        if current.is_answered_by(post):
            changes["answered_at"] = Coalesce(F("answered_at"), Value(now))
    Thread.objects.filter(pk=thread.pk).update(**changes)
    _remember_mentions(post, mentioned, new=True)
    _after_save(post, checked)
    if visible and current.is_visible:
        # Last: every reply on the board waits for this row until the commit.
        Board.objects.filter(pk=current.board_id).update(
            post_count=F("post_count") + 1,
            last_post=post,
            last_post_at=now,
        )
    if visible:
        _announce_after_commit(post)
    return post


def _drop_draft(author, *, thread: Thread | None = None, board: Board | None = None) -> None:
    if author is None:
        return
    drafts = Draft.objects.filter(member=author)
    if thread is not None:
        drafts.for_reply(thread).delete()
    else:
        assert board is not None
        drafts.for_new_thread(board).delete()


def preview(
    *, author, board: Board, title: str | None, body: str, thread=None, post=None
) -> tuple[str | None, str]:
    """The title and HTML a post with these words would be saved with: screeners'
    replaced words replaced, cooked exactly as saving cooks it (mentions linked). Nothing
    is written, refused, held or flagged: a preview is the author's alone."""
    kept = screening_.as_saved(
        author=author, board=board, title=title, body=body, thread=thread, post=post
    )
    return kept.title, cook(kept.body)[0]


def _keep_held(checked: Screening, held_because: str) -> None:
    if held_because:
        checked.hold = True
        checked.reasons.append(held_because)


def _after_save(post: Post, checked: Screening) -> Post:
    screening_.after_save(post, checked)
    post.screening = checked  # the view tells the author what happened
    return post


@transaction.atomic
def edit_post(
    *,
    post: Post,
    body: str,
    title: str | None = None,
    content_warning: str | None = None,
    topics=None,
) -> Post:
    thread = post.thread
    new_title = title if post.is_opening and title is not None else None
    keep_version(post, by=post.author)
    checked = screening_.screen(
        author=post.author,
        board=thread.board,
        title=new_title,
        body=body,
        thread=thread,
        post=post,
    )
    post.body = checked.body
    post.body_html, mentioned = cook(checked.body)
    post.edited_at = timezone.now()
    fields = ["body", "body_html", "edited_at"]
    if content_warning is not None and not post.is_opening:
        post.content_warning = content_warning
        fields.append("content_warning")
    post.save(update_fields=fields)
    thread_fields = []
    if checked.title is not None and checked.title != thread.title:
        thread.title = checked.title
        thread.slug = Thread.make_slug(checked.title)
        thread_fields += ["title", "slug"]
    if content_warning is not None and post.is_opening:
        thread.content_warning = content_warning
        thread_fields.append("content_warning")
    if thread_fields:
        thread.save(update_fields=thread_fields)
    if topics is not None and post.is_opening:
        set_topics(thread, topics)
    if checked.hold and post.is_visible:
        _set_status(post, PostStatus.PENDING)
    else:
        search.reindex(post)  # the body, and for an opening post the title
    if _remember_mentions(post, mentioned) and post.is_visible:
        _tell_mentioned_after_commit(post)
    return _after_save(post, checked)


def set_topics(thread: Thread, topics) -> None:
    """Put exactly these topics on the thread: from the staff's list, never new ones."""
    topics = list(topics)
    if not all(isinstance(topic, Topic) for topic in topics):
        # taggit would make a new topic out of a string.
        raise TypeError("Topics are chosen from the list: pass Topic objects.")
    if len(topics) > MAX_TOPICS:
        raise ValueError(f"A thread has at most {MAX_TOPICS} topics.")
    thread.topics.set(topics)


@transaction.atomic
def rewrite_post(*, post: Post, body: str, by=None, keep: bool = True) -> Post:
    """A moderator's edit: the post is cooked as any other, and marked "edited by a
    moderator" (never as the author's own edit). Moderation tells the author why.
    The words before it are kept for moderators (`keep`), except when erasure empties
    the post, which takes its versions too."""
    if keep:
        keep_version(post, by=by, by_moderator=True)
    post.body = body
    post.body_html, mentioned = cook(body)
    post.moderator_edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "moderator_edited_at"])
    _remember_mentions(post, mentioned)
    search.reindex(post)  # search finds the post by its new words, not the old ones
    return post


def keep_version(post: Post, *, by, by_moderator: bool = False) -> PostVersion:
    """Keep the post's words as they are now, before an edit replaces them: moderators
    see every earlier version on the review item (never members: no page of theirs
    reads PostVersion)."""
    thread = post.thread
    written = max(
        (t for t in (post.created_at, post.edited_at, post.moderator_edited_at) if t),
        default=post.created_at,
    )
    return PostVersion.objects.create(
        post=post,
        title=thread.title if post.is_opening else "",
        body=post.body,
        body_html=post.body_html,
        content_warning=(thread.content_warning if post.is_opening else post.content_warning),
        written_at=written,
        replaced_by=by,
        by_moderator=by_moderator,
    )


def cook(body: str, *, leaving=()) -> tuple[str, list[int]]:
    """A post's Markdown → its stored HTML, with @mentions of members linked to
    their profiles (except the members `leaving`). Returns the HTML and the ids
    of the members mentioned."""
    return render_markdown_with_mentions(body, lambda names: _mentionable(names, leaving))


def _mentionable(names: set[str], leaving=()) -> dict[str, Mentionable]:
    # One query per post, whatever the number of @-signs.
    found = (
        Profile.objects.named_any(names)
        .filter(user__is_active=True)
        .exclude(user_id__in=leaving)
        .values_list("display_name", "user_id")
    )
    people = {name.lower(): Mentionable(name, profile_url(name), pk) for name, pk in found}
    return {key: person for key, person in people.items() if person.url}


def _remember_mentions(post: Post, member_ids: list[int], *, new: bool = False) -> bool:
    """Keep who the post mentions now; True if someone is waiting to be told.

    Rows of people already told stay, so an edit never tells them twice.
    """
    if not new:
        Mention.objects.filter(post=post, notified_at__isnull=True).exclude(
            member_id__in=member_ids
        ).delete()
    if member_ids:
        Mention.objects.bulk_create(
            [Mention(post=post, member_id=pk) for pk in member_ids], ignore_conflicts=True
        )
    return bool(member_ids)


@transaction.atomic
def unlink_mentions_of(member) -> int:
    """A member is leaving: posts that @mention them stop linking to them.

    Found by reference (the Mention rows), and cooked again from the words their
    authors wrote, which stay exactly as written: "@Sam" reads as plain text.
    Nobody's text is searched for the name. Returns how many posts changed.
    """
    changed = 0
    posts = Post.objects.filter(mentions__member=member).exclude(author=member).only("body")
    for post in posts:
        body_html, _ = cook(post.body, leaving={member.pk})
        changed += Post.objects.filter(pk=post.pk).update(body_html=body_html)
    return changed


@transaction.atomic
def remove_post(*, post: Post) -> Post:
    """The author takes their post back; it keeps its place in the thread."""
    _set_status(post, PostStatus.REMOVED)
    post.removed_at = timezone.now()
    post.save(update_fields=["removed_at"])
    return post


@transaction.atomic
def publish_post(*, post: Post) -> Post:
    """A moderator approves a held or hidden post (or dismisses the flags that hid
    it): it counts again."""
    first_time = post.is_pending  # a hidden post was announced when it first appeared
    _set_status(post, PostStatus.VISIBLE)
    if first_time:
        _announce_after_commit(post)
    return post


def _announce_after_commit(post: Post) -> None:
    # Followers can be many: telling them is a task, after the post is safely
    # committed, so a busy thread never slows or endangers the posting itself.
    enqueue_on_commit(tasks.announce_post, post.pk)


def _tell_mentioned_after_commit(post: Post) -> None:
    enqueue_on_commit(tasks.tell_mentioned, post.pk)


def follow_thread(*, member, thread: Thread) -> None:
    if member is not None:
        thread.follows.get_or_create(member=member)


def toggle_mute(*, member, target: Board | Topic | Thread) -> bool:
    """Mute a board, a topic or a thread, or stop muting it; returns whether it is muted now."""
    kind = {Board: MuteKind.BOARD, Topic: MuteKind.TOPIC, Thread: MuteKind.THREAD}[type(target)]
    where: dict[str, Any] = {kind.value: target}
    deleted, _ = Mute.objects.of(member).filter(kind=kind, **where).delete()
    if not deleted:
        Mute.objects.get_or_create(member=member, kind=kind, **where)
    return not deleted


def mute_phrase(*, member, phrase: str) -> Mute:
    mute, _ = Mute.objects.get_or_create(member=member, kind=MuteKind.WORD, phrase=phrase)
    return mute


def mute_warning(*, member, label: str, mode: str) -> None:
    """Keep posts with this warning closed, leave them out of lists, or (no mode) neither."""
    mine = Mute.objects.of(member).filter(kind=MuteKind.WARNING, phrase=label)
    if not mode:
        mine.delete()
        return
    Mute.objects.update_or_create(
        member=member, kind=MuteKind.WARNING, phrase=label, defaults={"warning_mode": mode}
    )


def toggle_follow(*, member, target: Thread | Board) -> bool:
    """Follow a thread or a board, or stop following it; returns whether they follow now."""
    deleted, _ = target.follows.filter(member=member).delete()
    if not deleted:
        target.follows.get_or_create(member=member)
    return not deleted


@transaction.atomic
def hide_post(*, post: Post, by_members: bool = False) -> Post:
    """Hide a post: it keeps its place, shown as hidden, counted nowhere.

    `by_members`: enough members flagged it and no moderator has decided yet; the
    post then says so, rather than "hidden by the moderators". A moderator's own
    decision to hide it later makes it theirs.
    """
    _set_status(post, PostStatus.HIDDEN, hidden_by_members=by_members)
    return post


def _set_status(post: Post, status: str, *, hidden_by_members: bool = False) -> None:
    """Change a post's status and keep every count and pointer true."""
    Thread.objects.select_for_update().filter(pk=post.thread_id).first()
    was_visible, was = post.is_visible, post.status
    post.status = status
    post.hidden_by_members = status == PostStatus.HIDDEN and hidden_by_members
    post.save(update_fields=["status", "hidden_by_members"])
    if was != status:  # a held post is found by its author alone, a hidden one by nobody
        search.reindex(post)
    if was_visible == post.is_visible:
        return
    thread = Thread.objects.get(pk=post.thread_id)
    sign = 1 if post.is_visible else -1
    if post.is_opening:
        _set_thread_visible(thread, post.is_visible)
    else:
        Thread.objects.filter(pk=thread.pk).update(
            post_count=F("post_count") + sign, reply_count=F("reply_count") + sign
        )
        if thread.is_visible:
            Board.objects.filter(pk=thread.board_id).update(post_count=F("post_count") + sign)
        refresh_answered_at(thread)
    refresh_last_post(thread)


def _set_thread_visible(thread: Thread, visible: bool) -> None:
    # The opening post decides whether the thread is listed at all; when it goes,
    # the thread's visible replies leave the board's count with it.
    sign = 1 if visible else -1
    Thread.objects.filter(pk=thread.pk).update(
        is_visible=visible, post_count=F("post_count") + sign
    )
    replies = thread.reply_count
    Board.objects.filter(pk=thread.board_id).update(
        thread_count=F("thread_count") + sign, post_count=F("post_count") + sign * (1 + replies)
    )


def refresh_answered_at(thread: Thread) -> None:
    """When the thread was first answered (Thread.is_answered_by) — or None: it needs
    a reply."""
    Thread.objects.filter(pk=thread.pk).update(answered_at=thread_counters()["answered_at"])


def refresh_last_post(thread: Thread) -> None:
    """Point the thread and its board at their latest visible post."""
    rules = thread_counters()
    Thread.objects.filter(pk=thread.pk).update(
        last_post=rules["last_post"], last_post_at=rules["last_post_at"]
    )
    refresh_board_last_post(thread.board_id)


def refresh_board_last_post(board_id: int) -> None:
    rules = board_counters()
    Board.objects.filter(pk=board_id).update(
        last_post=rules["last_post"], last_post_at=rules["last_post_at"]
    )


# --- What the counters must say, worked out from the posts ----------------------------------
#
# The writes above keep every counter and pointer true one post at a time, with F(). The
# rules they follow are written once more here, as expressions over a query of threads (or
# boards), for what has to work them out from all the posts at once: recount(), the refresh
# helpers above, and the bench's check of its seeded community. The model classes are
# parameters so that a migration can pass its historical ones.


def _count(rows, of: str, total: str = "pk"):
    """How many `rows` (or the sum of their `total`), per outer row: 0 for none."""
    agg = Count(total) if total == "pk" else Sum(total)
    return Coalesce(Subquery(rows.values(of).annotate(n=agg).values("n")[:1]), 0)


def thread_counters(thread_model=Thread) -> dict[str, Expression]:
    """{field: what it must say} for a thread, from its posts. Only visible posts count."""
    post_model = thread_model._meta.get_field("posts").related_model
    posts = post_model.objects.filter(thread=OuterRef("pk")).order_by()
    visible = posts.filter(status=PostStatus.VISIBLE)
    latest = visible.order_by("-number")
    # Answered (Thread.is_answered_by): by any reply except one visibly the starter's own,
    # thread and reply both under the same name — an anonymous reply, or any reply in an
    # anonymous thread, answers whoever wrote it, or the lists would say who did. An
    # erased writer (no author) is one person: NULL is told apart from every member.
    answers = (
        visible.filter(number__gt=1)
        .alias(writer=Coalesce("author", 0), starter=Coalesce("thread__author", 0))
        .exclude(writer=F("starter"), is_anonymous=False, thread__is_anonymous=False)
    )
    return {
        "last_number": Coalesce(
            Subquery(posts.values("thread").annotate(n=Max("number")).values("n")[:1]), 0
        ),
        "post_count": _count(visible, "thread"),
        "reply_count": _count(visible.filter(number__gt=1), "thread"),
        "last_post": Subquery(latest.values("pk")[:1]),
        "last_post_at": Coalesce(Subquery(latest.values("created_at")[:1]), F("created_at")),
        "answered_at": Subquery(answers.order_by("number").values("created_at")[:1]),
    }


def board_counters(board_model=Board) -> dict[str, Expression]:
    """{field: what it must say} for a board, from its listed threads' own counters."""
    thread_model = board_model._meta.get_field("threads").related_model
    listed = thread_model.objects.filter(board=OuterRef("pk"), is_visible=True).order_by()
    latest = listed.filter(last_post__isnull=False).order_by("-last_post_at")
    return {
        "thread_count": _count(listed, "board"),
        "post_count": _count(listed, "board", total="post_count"),
        "last_post": Subquery(latest.values("last_post")[:1]),
        "last_post_at": Subquery(latest.values("last_post_at")[:1]),
    }


@transaction.atomic
def recount(threads=None, *, fields: Collection[str] | None = None) -> None:
    """Set the counters and last-post pointers of `threads` (a query; all by default), then
    of the boards they are in, from the posts themselves: for writes that went around this
    module (the bench's bulk seeding, a backfill, times rewritten by the demo).

    `fields` limits it to those fields of the threads, and leaves the boards alone: a
    migration names the ones that exist at its point in history.
    """
    threads = Thread.objects.all() if threads is None else threads
    board_model = threads.model._meta.get_field("board").related_model
    boards = board_model.objects.all()
    if fields is None and threads.query.has_filters():
        # Read before the update, which may change what the threads' filter selects.
        boards = boards.filter(pk__in=set(threads.values_list("board_id", flat=True)))
    rules = thread_counters(threads.model)
    threads.update(**{f: rule for f, rule in rules.items() if fields is None or f in fields})
    if fields is None:
        boards.update(**board_counters(board_model))


@transaction.atomic
def toggle_reaction(*, post: Post, member, kind: str) -> tuple[bool, int]:
    """Add this member's reaction, or take it back. Returns (now reacted, new count)."""
    field = ReactionKind(kind).count_field
    deleted, _ = Reaction.objects.filter(post=post, member=member, kind=kind).delete()
    if deleted:
        Post.objects.filter(pk=post.pk).update(**{field: F(field) - 1})
    else:
        try:
            with transaction.atomic():
                Reaction.objects.create(post=post, member=member, kind=kind)
        except IntegrityError:
            pass  # a double click: the first one counted
        else:
            Post.objects.filter(pk=post.pk).update(**{field: F(field) + 1})
            _tell_author_of_reaction(post, member, kind)
    count = Post.objects.values_list(field, flat=True).get(pk=post.pk)
    return not deleted, count


def _tell_author_of_reaction(post: Post, member, kind: str) -> None:
    """One notification gathers the reactions to a post while its author hasn't read it.

    Never to an author who blocked the member — even on an anonymous post: the
    author isn't told, and the member who reacted can't tell whether they were.
    """
    if post.author_id is None or post.author_id == member.pk:
        return
    if blockers_of(member.pk).filter(blocker_id=post.author_id).exists():
        return
    notify_grouped(
        post.author_id,
        kind=NotificationKind.REACTION,
        key=f"reactions:post:{post.pk}",
        actor=member,
        # Kept untranslated (members' Words), shown in the author's language.
        did=Words.marked(ReactionKind(kind).label),
        about=Words(gettext_noop("your post in “%(title)s”"), title=post.thread.title),
        url=post.get_absolute_url(),
    )


# The moderators' switches on a thread: which field each action turns, and which way.
SWITCHES: dict[str, tuple[Literal["is_pinned", "is_locked"], bool]] = {
    "pin": ("is_pinned", True),
    "unpin": ("is_pinned", False),
    "lock": ("is_locked", True),
    "unlock": ("is_locked", False),
}


@transaction.atomic
def switch_thread(
    *, thread: Thread, action: Literal["pin", "unpin", "lock", "unlock"], by, reason: str = ""
) -> Thread:
    """A moderator pins, unpins, locks or unlocks a thread. The upper layers hear of it
    in the same transaction (forums/thread_changes.py); a switch already that way is
    no change, and nothing is recorded."""
    field, on = SWITCHES[action]
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if getattr(thread, field) == on:
        return thread
    thread.switch(field, on)
    thread_changes.changed(ThreadChange(thread=thread, by=by, action=action, reason=reason))
    return thread


def _listed(names: list[str]) -> str:
    return ", ".join(names) or gettext("no topics")


@transaction.atomic
def change_thread_topics(*, thread: Thread, topics, by, reason: str = "") -> Thread:
    """A moderator puts these topics on a thread (from the admin's thread page). The
    upper layers hear of it in the same transaction, with the topics before and after;
    the same topics again is no change, and nothing is recorded."""
    topics = list(topics)
    before = sorted(thread.topics.values_list("name", flat=True))
    set_topics(thread, topics)
    after = sorted(topic.name for topic in topics)
    if before != after:
        thread_changes.changed(
            ThreadChange(
                thread=thread,
                by=by,
                action="topics",
                reason=reason,
                detail=gettext("From %(before)s to %(after)s")
                % {"before": _listed(before), "after": _listed(after)},
            )
        )
    return thread


@transaction.atomic
def move_thread(*, thread: Thread, to_board: Board, by, reason: str = "") -> Thread:
    """A moderator moves a thread, with its posts and the boards' counts. The upper
    layers hear of it in the same transaction (forums/thread_changes.py)."""
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    from_board_id = thread.board_id
    if from_board_id == to_board.pk:
        return thread
    from_board = Board.objects.get(pk=from_board_id)
    thread.board = to_board
    thread.save(update_fields=["board"])
    if thread.is_visible:
        Board.objects.filter(pk=from_board_id).update(
            thread_count=F("thread_count") - 1, post_count=F("post_count") - thread.post_count
        )
        Board.objects.filter(pk=to_board.pk).update(
            thread_count=F("thread_count") + 1, post_count=F("post_count") + thread.post_count
        )
    refresh_board_last_post(from_board_id)
    refresh_board_last_post(to_board.pk)
    thread_changes.changed(
        ThreadChange(
            thread=thread,
            by=by,
            action="move",
            reason=reason,
            from_board=from_board,
            to_board=to_board,
        )
    )
    return thread
