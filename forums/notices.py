"""Telling members about a visible post: those it mentions, those who welcome
newcomers, then the followers.

Run by the task worker (forums/tasks.py), never inside a posting transaction.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from members.actions import notify_grouped_many, notify_many
from members.models import (
    Notification,
    NotificationKind,
    Profile,
    User,
    Words,
    blockers_of,
)

from .models import (
    BoardFollow,
    Mention,
    Mute,
    MuteKind,
    Post,
    Thread,
    ThreadFollow,
    ThreadTopic,
)


def muted_by(thread: Thread):
    """A subquery of the members who muted this thread, its board or one of its topics:
    they hear nothing about it (a subquery, so telling costs no extra query)."""
    topics = ThreadTopic.objects.filter(content_object_id=thread.pk).values("tag_id")
    muted = (
        Q(kind=MuteKind.BOARD, board_id=thread.board_id)
        | Q(kind=MuteKind.TOPIC, topic_id__in=topics)
        | Q(kind=MuteKind.THREAD, thread_id=thread.pk)
    )
    return Mute.objects.filter(muted).values("member_id")


def _told(post: Post, *, by_name: str, anonymously: str, by_former: str, **params: str) -> dict:
    """notify_many's words, kept untranslated (members' Words): a sentence that names
    the author, or one that names nobody. The author is kept by reference, so their
    name (the %(name)s of `by_name`) is looked up when the notification is shown, and
    reads "A former member" once they have gone; an anonymous post names nobody, now
    or later."""
    if post.is_anonymous:
        return {"text": Words(anonymously, **params)}
    if post.author_id is None:
        return {"text": Words(by_former, **params)}
    return {"text": Words(by_name, **params), "actor": post.author}


def tell_mentioned(post: Post) -> set[int]:
    """Tell the members this visible post mentions and who haven't been told yet.

    Only those who may read the thread; never the author; never a member who
    blocked the author — not even for an anonymous post, whose notice names nobody:
    a blocked member must have no way round the block. (A member the author
    blocked is told as anyone else is: a block is silent on the blocked side.)
    Returns the ids of everyone it mentions (told or not), so nobody also gets
    a follower's notice about the same post.
    """
    waiting = Mention.objects.filter(post=post, notified_at__isnull=True)
    mentioned = set(waiting.values_list("member_id", flat=True))
    if not mentioned:
        return set()
    thread = post.thread
    readers = User.objects.filter(pk__in=mentioned, is_active=True).exclude(pk__in=muted_by(thread))
    if not thread.is_visible:  # only its author can open it, for now
        readers = readers.filter(pk__in=[thread.author_id] if thread.author_id else [])
    if post.author_id is not None:
        readers = readers.exclude(pk=post.author_id)
        readers = readers.exclude(pk__in=blockers_of(post.author_id))
    notify_many(
        list(readers.values_list("pk", flat=True)),
        kind=NotificationKind.MENTION,
        url=post.get_absolute_url(),
        **_told(
            post,
            # Translators: a member's name, then what they did: "Sam mentioned you in “Sleep”."
            by_name=gettext_noop("%(name)s mentioned you in “%(title)s”."),
            anonymously=gettext_noop("An anonymous member mentioned you in “%(title)s”."),
            by_former=gettext_noop("A former member mentioned you in “%(title)s”."),
            title=thread.title,
        ),
    )
    waiting.update(notified_at=timezone.now())
    return mentioned


def welcome_newcomer(post: Post, *, told: set[int]) -> set[int]:
    """Someone's first post — a thread under their own name — is visible: tell the
    peer supporters and the members who asked to hear of it, so someone can welcome them.

    Never for an anonymous thread (saying it is someone's first would help tell who
    wrote it), never the author, never a member who blocked the author, never those
    in `told` (already told about this post), and only once for a thread. The notice
    names nobody. Returns the ids of those told.
    """
    thread = post.thread
    if not (post.is_opening and thread.is_first_post and post.author_id is not None):
        return set()
    url = thread.get_absolute_url()
    if Notification.objects.filter(kind=NotificationKind.FIRST_POST, url=url).exists():
        return set()
    recipients = set(
        Profile.objects.filter(
            Q(is_peer_supporter=True) | Q(hears_of_newcomers=True), user__is_active=True
        )
        .exclude(user_id=post.author_id)
        .exclude(user_id__in=blockers_of(post.author_id))
        .exclude(user_id__in=told)
        .exclude(user_id__in=muted_by(thread))
        .values_list("user_id", flat=True)
    )
    notify_many(
        sorted(recipients),
        kind=NotificationKind.FIRST_POST,
        url=url,
        text=Words(
            gettext_noop("Someone new posted for the first time: “%(title)s”."), title=thread.title
        ),
    )
    return recipients


def announce(post: Post) -> int:
    """Tell the members it mentions, then (for a newcomer's first thread) those who
    welcome newcomers, then the followers of the thread (or, for a new thread, of the
    board) — a member who is more than one of these hears once.

    Never the author, and never a member who blocked the author — anonymous
    posts included: the blocker hears nothing from the person they blocked, in any
    guise. Leaving out a notice gives nobody away: notices about a thread come and
    go for many reasons (breaks, being mentioned in the same post), and the post
    itself shows on the thread page as it would anyway.
    """
    mentioned = tell_mentioned(post)
    # A follower who welcomes newcomers hears the warmer news, and hears once.
    mentioned |= welcome_newcomer(post, told=mentioned)
    thread = post.thread
    followers: QuerySet[BoardFollow] | QuerySet[ThreadFollow]
    if post.is_opening:
        followers = BoardFollow.objects.filter(board_id=thread.board_id)
    else:
        followers = ThreadFollow.objects.filter(thread=thread)
    recipients = (
        followers.exclude(member_id=post.author_id)
        .exclude(member_id__in=mentioned)
        .exclude(member_id__in=muted_by(thread))
    )
    if post.author_id is not None:
        recipients = recipients.exclude(member_id__in=blockers_of(post.author_id))
    recipient_ids = list(recipients.values_list("member_id", flat=True))
    if post.is_opening:
        return notify_many(
            recipient_ids,
            kind=NotificationKind.NEW_THREAD,
            url=post.get_absolute_url(),
            **_told(
                post,
                # Translators: a member's name, then what they did: "Sam started “Sleep” in
                # Daily life." (a thread's title, then its board's name).
                by_name=gettext_noop("%(name)s started “%(title)s” in %(board)s."),
                anonymously=gettext_noop("Anonymous member started “%(title)s” in %(board)s."),
                by_former=gettext_noop("A former member started “%(title)s” in %(board)s."),
                title=thread.title,
                board=thread.board.name,
            ),
        )
    # Replies gather: one unread notification a thread, however many replies,
    # linking to the first reply they haven't read yet.
    return len(
        notify_grouped_many(
            recipient_ids,
            kind=NotificationKind.REPLY,
            key=f"replies:thread:{thread.pk}",
            actor=None if post.is_anonymous else post.author,
            anonymous=post.is_anonymous,
            did="replied",
            # Translators: a thread's title as notifications quote it: "Sam replied in “Sleep”."
            about=Words(gettext_noop("“%(title)s”"), title=thread.title),
            url=post.get_absolute_url(),
        )
    )
