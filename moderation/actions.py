"""Every moderation decision: one transaction, with its audit row and the author's notice.

Notices name the guideline, not the person, and end with what they can do next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from core.tasks import enqueue_on_commit
from forums import actions as forum_actions
from forums.models import Post, PostStatus, Thread
from forums.thread_changes import ThreadChange
from members import conversations
from members.actions import notify
from members.models import Conversation, Message, NotificationKind, Profile, User, Words

from . import tasks
from .models import (
    AuditAction,
    AuditEntry,
    Escalation,
    EscalationContact,
    Flag,
    FlagReason,
    HandoverNote,
    MemberNote,
    ModerationSettings,
    Priority,
    ReviewItem,
    ReviewState,
    Sanction,
    SanctionKind,
    SecondLook,
    SecondLookOutcome,
)
from .models.queue import REASON_ESCALATED, flagged_reason

SILENCE_PERIODS = {
    "24h": timedelta(hours=24),
    "72h": timedelta(hours=72),
    "7d": timedelta(days=7),
    "30d": timedelta(days=30),
}


SYSTEM = None  # the audit actor when the community's own rules act (e.g. flag threshold)


def record(
    actor,
    action: AuditAction,
    target,
    reason: str = "",
    detail: str = "",
    *,
    item: ReviewItem | None = None,
) -> AuditEntry:
    member, post = _concerns(target)
    if item is None and isinstance(target, ReviewItem):
        item = target  # a claim, a take-over, an acknowledgement
    if item is None and post is not None:
        # The post's item: the open one, else the one last decided.
        item = (
            ReviewItem.objects.filter(post=post)
            .order_by(
                models.Case(models.When(state=ReviewState.RESOLVED, then=1), default=0),
                "-created_at",
            )
            .first()
        )
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        reason=reason,
        detail=detail[:300],
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=_describe(target)[:200],
        member=member,
        post=post,
        review_item=item,
    )


def _concerns(target) -> tuple[User | None, Post | None]:
    """The member and the post an action on `target` concerns: a post's author (anonymous
    or not: the log is for moderators), a sanction's member and the post it was decided
    on, a thread's author and opening post, a review item's post and its author."""
    if isinstance(target, Post):
        return target.author, target
    if isinstance(target, Sanction):
        return target.member, target.post
    if isinstance(target, Thread):
        return target.author, Post.objects.filter(thread=target, number=1).first()
    if isinstance(target, Message):
        # A conversation with the team: the member in it, whoever wrote this message.
        if not target.from_team:
            return target.author, None
        participant = target.conversation.participants.select_related("member").first()
        return (participant.member if participant is not None else None), None
    if isinstance(target, User):  # a note on a member
        return target, None
    if isinstance(target, ReviewItem):
        if target.post_id is None:  # an item about a member's message to the team
            message = getattr(target, "message", None)
            return (message.author if message is not None else None), None
        return target.the_post.author, target.the_post
    return None, None


class ThreadChangeAudit:
    """forums tells it of every moderator's change to a thread — a lock, an unlock, a
    pin, an unpin, a move — in the transaction that made it (BOOMITY_THREAD_CHANGE_RECORDERS,
    forums/thread_changes.py): one audit row each."""

    def thread_changed(self, change: ThreadChange) -> None:
        detail = change.detail
        if change.from_board is not None and change.to_board is not None:
            detail = _("From “%(from)s” to “%(to)s”") % {
                "from": change.from_board.name,
                "to": change.to_board.name,
            }
        record(change.by, AuditAction(change.action), change.thread, change.reason, detail)


def _describe(target) -> str:
    # No personal details in the log: posts by number and thread, members by pk.
    if isinstance(target, Post):
        return _("post %(post)s (#%(number)s in thread %(thread)s)") % {
            "post": target.pk,
            "number": target.number,
            "thread": target.thread_id,
        }
    if isinstance(target, Message):
        return _("message %(message)s in conversation %(conversation)s") % {
            "message": target.pk,
            "conversation": target.conversation_id,
        }
    if target is None:
        return ""
    # Translators: a kind of thing and its number, e.g. "sanction 12".
    return _("%(kind)s %(number)s") % {"kind": target._meta.verbose_name, "number": target.pk}


# Notices are kept untranslated (members' Words) and shown in the author's language.


def _now_visible(post: Post) -> Words:
    """The thread or the reply by its title: notes about two posts can be told apart."""
    if post.is_opening:
        return Words(
            gettext_noop(
                "Your thread “%(title)s” is now visible to the community. Thank you for your "
                "patience while a moderator looked at it."
            ),
            title=post.thread.title,
        )
    return Words(
        gettext_noop(
            "Your reply in “%(title)s” is now visible to the community. Thank you for your "
            "patience while a moderator looked at it."
        ),
        title=post.thread.title,
    )


VISIBLE_AGAIN = Words(
    gettext_noop("Your post is visible again: a moderator looked at it and it fits our guidelines.")
)


def _notify_author(post: Post, words: Words) -> None:
    notify(post.author, kind=NotificationKind.MODERATION, text=words, url=post.get_absolute_url())


# --- The queue -------------------------------------------------------------------------


@transaction.atomic
def open_review(
    post: Post,
    *,
    priority: int,
    reasons: list[str],
    crisis: bool = False,
    held: bool = False,
    words: tuple[str, str] | None = None,
) -> ReviewItem:
    """The post's open review item, made or raised: one per post, most urgent wins.

    An item that becomes urgent (crisis language, a member worried about someone's
    safety) alerts the on-call moderators, once: an item already urgent doesn't page
    them again, however many flags or edits follow.

    `words` (title, body): what the author tried to write but couldn't save, kept in
    a new item's snapshot instead of the post's text.
    """
    item = ReviewItem.objects.select_for_update().open().filter(post=post).first()
    was_urgent = item is not None and item.priority == Priority.URGENT
    if item is None:
        title, body = words or (post.thread.title if post.is_opening else "", post.body)
        item = ReviewItem(
            post=post,
            priority=priority,
            snapshot_title=title or "",
            snapshot_body=body,
            snapshot_html=forum_actions.cook(body)[0] if words else post.body_html,
            snapshot_content_warning=post.content_warning or post.thread.content_warning,
        )
    item.priority = min(item.priority, priority)
    item.crisis = item.crisis or crisis
    item.held = item.held or held
    for reason in reasons:
        item.add_reason(reason)
    item.save()
    if item.priority == Priority.URGENT and not was_urgent:
        # Enqueued, never awaited: posting or flagging must not wait on, or fail
        # because of, e-mail.
        enqueue_on_commit(tasks.send_crisis_alert, item.pk)
    return item


class AlreadyFlagged(Exception):
    pass


@transaction.atomic
def flag_post(*, post: Post, member, reason: str, note: str = "") -> Flag:
    """A member flags a post. Enough members' flags hide it until a moderator decides,
    except where a person may be at risk (see `may_be_at_risk`).

    "Worried about this person's safety" flags never count toward hiding: they make
    the item urgent, which alerts the on-call moderators once per item.
    """
    try:
        with transaction.atomic():
            flag = Flag.objects.create(post=post, member=member, reason=reason, note=note)
    except IntegrityError:
        raise AlreadyFlagged from None
    urgent = reason == FlagReason.SAFETY
    item = open_review(
        post,
        priority=Priority.URGENT if urgent else Priority.FLAGGED,
        reasons=[flagged_reason(reason)],
    )
    config = ModerationSettings.load()
    flaggers = (
        post.flags.open().exclude(reason=FlagReason.SAFETY).values("member").distinct().count()
    )
    if post.is_visible and flaggers >= config.flag_hide_threshold and not may_be_at_risk(post):
        forum_actions.hide_post(post=post, by_members=True)
        flagged = ngettext(
            "%(count)s member flagged it", "%(count)s members flagged it", flaggers
        ) % {"count": flaggers}
        record(SYSTEM, AuditAction.AUTO_HIDE, post, flagged, item=item)
        _notify_author(
            post,
            Words(
                gettext_noop(
                    "Your post is hidden for now, because several members asked the moderators "
                    "to look at it. A moderator will look soon and let you know what they "
                    "decide. Nothing else has changed for your account."
                )
            ),
        )
    return flag


def may_be_at_risk(post: Post) -> bool:
    """A person at risk is never hidden by a flag threshold: not when their words have
    crisis language, nor while a member is worried about their safety. A moderator
    still decides, and may hide the post."""
    from .screening import find_crisis_language  # screening builds on these actions

    title = post.thread.title if post.is_opening else ""
    if find_crisis_language(title, post.body):
        return True
    return post.flags.open().filter(reason=FlagReason.SAFETY).exists()


def _resolve(item: ReviewItem, by, resolution: str) -> None:
    item.state = ReviewState.RESOLVED
    item.resolved_at = timezone.now()
    item.resolved_by = by
    item.resolution = resolution
    item.save(update_fields=["state", "resolved_at", "resolved_by", "resolution"])


@transaction.atomic
def approve(item: ReviewItem, *, by, reason: str = "", tell: bool = True) -> None:
    post = item.the_post
    was_waiting = post.status in (PostStatus.PENDING, PostStatus.HIDDEN)
    if was_waiting:
        forum_actions.publish_post(post=post)
    post.flags.dismiss()
    _resolve(item, by, (_("Approved. %(reason)s") % {"reason": reason}).strip())
    record(by, AuditAction.APPROVE, post, reason, item=item)
    if was_waiting and tell:
        _notify_author(post, _now_visible(post))


@transaction.atomic
def hide(item: ReviewItem, *, by, reason: str, tell: bool = True) -> None:
    post = item.the_post
    forum_actions.hide_post(post=post)  # now the moderators' decision, whoever hid it first
    _resolve(item, by, _("Hidden. %(reason)s") % {"reason": reason})
    record(by, AuditAction.HIDE, post, reason, item=item)
    if tell:
        _notify_author(
            post,
            Words(
                gettext_noop(
                    "A moderator hid your post. %(reason)s If you'd like to, you can write "
                    "it again in a way that fits the guidelines."
                ),
                reason=reason,
            ),
        )


@transaction.atomic
def edit(item: ReviewItem, *, by, body: str, reason: str, tell: bool = True) -> None:
    post = forum_actions.rewrite_post(post=item.the_post, body=body, by=by)
    record(by, AuditAction.EDIT, post, reason, item=item)
    if tell:
        _notify_author(
            post, Words(gettext_noop("A moderator edited your post. %(reason)s"), reason=reason)
        )


@transaction.atomic
def dismiss_flags(item: ReviewItem, *, by, reason: str = "", tell: bool = True) -> bool:
    post = item.the_post
    post.flags.dismiss()
    restored = post.status == PostStatus.HIDDEN and not item.held
    if restored:
        forum_actions.publish_post(post=post)  # hidden only because of the flags
    _resolve(item, by, (_("Flags dismissed. %(reason)s") % {"reason": reason}).strip())
    record(by, AuditAction.DISMISS_FLAGS, post, reason, item=item)
    if restored and tell:
        _notify_author(post, VISIBLE_AGAIN)
    return restored


@transaction.atomic
def escalate(item: ReviewItem, *, by, reason: str) -> Escalation:
    """Hand the item to the escalation contacts staff named: those who can be reached
    now, or all of them if nobody can. They get a link, by the task worker; with no
    contacts, nobody does, and the escalation says so."""
    item.state = ReviewState.ESCALATED
    item.add_reason(REASON_ESCALATED % {"reason": reason})
    item.save(update_fields=["state", "reasons"])
    now = timezone.now()
    contacts = list(EscalationContact.objects.all())
    reachable = [contact for contact in contacts if contact.reachable_at(now)]
    escalation = Escalation.objects.create(
        item=item,
        by=by,
        created_at=now,
        recipients=[contact.as_recipient() for contact in reachable or contacts],
        outside_hours=bool(contacts) and not reachable,
    )
    record(by, AuditAction.ESCALATE, item.post, reason, item=item)
    if contacts:
        # Enqueued, never awaited: the decision must not wait on, or fail because of, e-mail.
        enqueue_on_commit(tasks.send_escalation, escalation.pk)
    return escalation


# --- Sanctions --------------------------------------------------------------------------


@transaction.atomic
def warn(member, *, by, reason: str, post=None, item=None, tell: bool = True) -> Sanction:
    sanction = Sanction.objects.create(
        member=member, kind=SanctionKind.WARNING, reason=reason, created_by=by, post=post
    )
    record(by, AuditAction.WARN, sanction, reason, item=item)
    if tell:
        notify(
            member,
            kind=NotificationKind.MODERATION,
            text=Words(
                gettext_noop(
                    "A note from the moderators: %(reason)s Nothing has changed for your "
                    "account; please have a look at the community guidelines."
                ),
                reason=reason,
            ),
            url=reverse("members:guidelines"),
        )
    return sanction


def _refresh_standing(member) -> None:
    """Set the profile's standing from the sanctions still in force.

    Overlapping sanctions are possible (a new silence during an old one); lifting
    or ending one must leave the longest remaining one in place.
    """
    now = timezone.now()
    active = Sanction.objects.filter(member=member, lifted_at__isnull=True)
    silence_ = (
        active.filter(kind=SanctionKind.SILENCE, ends_at__gt=now).order_by("-ends_at").first()
    )
    suspensions = active.filter(kind=SanctionKind.SUSPENSION).filter(
        Q(ends_at__isnull=True) | Q(ends_at__gt=now)
    )
    # Indefinite first (NULL end), then the latest end.
    suspension = (
        suspensions.filter(ends_at__isnull=True).order_by("-starts_at").first()
        or suspensions.order_by("-ends_at").first()
    )
    Profile.objects.filter(user=member).update(
        silenced_until=silence_.ends_at if silence_ else None,
        silence_reason=silence_.reason if silence_ else "",
        suspended_at=suspension.starts_at if suspension else None,
        suspended_until=suspension.ends_at if suspension else None,
        suspension_reason=suspension.reason if suspension else "",
    )


@transaction.atomic
def silence(
    member, *, by, reason: str, period: str, post=None, item=None, tell: bool = True
) -> Sanction:
    ends = timezone.now() + SILENCE_PERIODS[period]
    sanction = Sanction.objects.create(
        member=member,
        kind=SanctionKind.SILENCE,
        reason=reason,
        ends_at=ends,
        created_by=by,
        post=post,
    )
    _refresh_standing(member)
    record(by, AuditAction.SILENCE, sanction, reason, item=item)
    if tell:
        notify(
            member,
            kind=NotificationKind.MODERATION,
            text=Words(
                gettext_noop(
                    "The moderators have paused your posting until %(until)s (UTC). %(reason)s "
                    "You can still read everything. If you think this isn't right, you can ask "
                    "for a second look."
                ),
                until=ends,
                reason=reason,
            ),
            url=reverse("moderation:second-look", args=[sanction.pk]),
        )
    return sanction


@transaction.atomic
def suspend(member, *, by, reason: str, until=None, post=None, item=None) -> Sanction:
    sanction = Sanction.objects.create(
        member=member,
        kind=SanctionKind.SUSPENSION,
        reason=reason,
        ends_at=until,
        created_by=by,
        post=post,
    )
    _refresh_standing(member)
    record(by, AuditAction.SUSPEND, sanction, reason, item=item)
    return sanction


@transaction.atomic
def lift(sanction: Sanction, *, by, reason: str, action: AuditAction = AuditAction.LIFT) -> None:
    """End a sanction now, and tell the member (with the moderator's reason)."""
    sanction.lifted_at = timezone.now()
    sanction.save(update_fields=["lifted_at"])
    _refresh_standing(sanction.member)
    record(by, action, sanction, reason)
    notify(
        sanction.member,
        kind=NotificationKind.MODERATION,
        text=lifted_notice(sanction, reason),
        url=reverse("members:guidelines"),
    )


LIFTED = {
    SanctionKind.WARNING: gettext_noop("The moderators have taken back the note they sent you."),
    SanctionKind.SILENCE: gettext_noop(
        "Good news: the moderators have lifted the pause on your posting, "
        "so you can post and reply again."
    ),
    SanctionKind.SUSPENSION: gettext_noop(
        "Good news: the moderators have lifted the suspension of your "
        "account, so you can sign in again."
    ),
}


def lifted_notice(sanction: Sanction, reason: str) -> Words:
    news = Words(LIFTED[SanctionKind(sanction.kind)])
    if reason.strip():
        return Words(
            # Translators: %(news)s is one of the sentences above ("Good news: …").
            gettext_noop("%(news)s They said: %(reason)s We're glad you're here."),
            news=news,
            reason=reason.strip(),
        )
    return Words(gettext_noop("%(news)s We're glad you're here."), news=news)


# --- Decisions that fit the case --------------------------------------------------------

# What a decision on the post does to its review item: these close it; "edit" leaves it
# open unless the moderator closes it; "escalate" hands it on, open.
CLOSES_ITEM = {"approve", "hide", "dismiss"}
SANCTIONS = ("warn", "silence", "suspend")


@dataclass
class CaseDecision:
    """One submit on a review item: at most one decision on the post, any of the
    sanctions on its author, one reason for all of it (the author reads it)."""

    post: str = ""  # "", approve, hide, edit, dismiss, escalate
    sanctions: tuple[str, ...] = ()  # warn, silence, suspend
    reason: str = ""
    body: str = ""  # the edited post, for "edit"
    silence_for: str = "24h"
    suspend_until: datetime | None = None
    close: bool = False  # close the item even though nothing above closes it


@dataclass
class CaseOutcome:
    closed: bool
    told: bool = False  # the author was sent the one notice
    escalation: Escalation | None = None
    sanctions: list[Sanction] = field(default_factory=list)


@transaction.atomic
def decide_case(item: ReviewItem, decision: CaseDecision, *, by) -> CaseOutcome:
    """Everything a moderator decided on one item, in one transaction: one audit row
    for each decision, and one notice to the author that says all of it."""
    # Only the item locked: its post may be none (an item about a message), and
    # PostgreSQL will not lock the nullable side of an outer join.
    item = (
        ReviewItem.objects.select_for_update(of=("self",))
        .select_related("post__thread")
        .get(pk=item.pk)
    )
    post, reason = item.the_post, decision.reason.strip()
    author = post.author
    if decision.sanctions and author is None:
        raise ValueError("There is no author to sanction: they have left.")
    was_waiting = post.status in (PostStatus.PENDING, PostStatus.HIDDEN)
    restored = False
    escalation = None
    if decision.post == "approve":
        approve(item, by=by, reason=reason, tell=False)
    elif decision.post == "hide":
        hide(item, by=by, reason=reason, tell=False)
    elif decision.post == "edit":
        edit(item, by=by, body=decision.body, reason=reason, tell=False)
    elif decision.post == "dismiss":
        restored = dismiss_flags(item, by=by, reason=reason, tell=False)
    elif decision.post == "escalate":
        escalation = escalate(item, by=by, reason=reason)
    given: list[Sanction] = []
    if "warn" in decision.sanctions:
        given.append(warn(author, by=by, reason=reason, post=post, item=item, tell=False))
    if "silence" in decision.sanctions:
        given.append(
            silence(
                author,
                by=by,
                reason=reason,
                period=decision.silence_for,
                post=post,
                item=item,
                tell=False,
            )
        )
    if "suspend" in decision.sanctions:
        given.append(
            suspend(
                author, by=by, reason=reason, until=decision.suspend_until, post=post, item=item
            )
        )
    item.refresh_from_db(fields=["state", "resolution"])
    done = [str(SANCTION_DONE[SanctionKind(s.kind)]) for s in given]
    if item.state != ReviewState.RESOLVED and decision.close and decision.post != "escalate":
        what = [_("Edited.")] if decision.post == "edit" else []
        _resolve(item, by, " ".join([*what, *done, reason]).strip())
        record(by, AuditAction.RESOLVE, post, reason, item=item)
    elif item.state == ReviewState.RESOLVED and done:
        item.resolution = " ".join([item.resolution, *done]).strip()
        item.save(update_fields=["resolution"])
    words = case_notice(
        decision,
        post=post,
        reason=reason,
        approved_shown=decision.post == "approve" and was_waiting,
        restored=restored,
        sanctions=given,
    )
    if words is not None:
        second_look = next((s for s in given if s.kind != SanctionKind.WARNING), None)
        if second_look is not None:
            url = reverse("moderation:second-look", args=[second_look.pk])
        elif decision.post in ("approve", "hide", "edit", "dismiss"):
            url = post.get_absolute_url()
        else:
            url = reverse("members:guidelines")
        told = notify(author, kind=NotificationKind.MODERATION, text=words, url=url) is not None
    else:
        told = False
    return CaseOutcome(
        closed=item.state == ReviewState.RESOLVED,
        told=told,
        escalation=escalation,
        sanctions=given,
    )


SANCTION_DONE = {
    SanctionKind.WARNING: gettext_lazy("Warned."),
    SanctionKind.SILENCE: gettext_lazy("Silenced."),
    SanctionKind.SUSPENSION: gettext_lazy("Suspended."),
}


def case_notice(
    decision: CaseDecision,
    *,
    post: Post,
    reason: str,
    approved_shown: bool,
    restored: bool,
    sanctions: list[Sanction],
) -> Words | None:
    """The one notice that tells the author everything decided, kindly: what happened
    to their post, then to their account, the moderators' reason once, and what they
    can do next. None when there's nothing to tell them."""
    happened: list[Words] = []
    if decision.post == "approve" and approved_shown:
        happened.append(_now_visible(post))
    elif decision.post == "hide":
        happened.append(Words(gettext_noop("A moderator hid your post.")))
    elif decision.post == "edit":
        happened.append(Words(gettext_noop("A moderator edited your post.")))
    elif decision.post == "dismiss" and restored:
        happened.append(VISIBLE_AGAIN)
    kinds = {s.kind: s for s in sanctions}
    silenced = kinds.get(SanctionKind.SILENCE)
    suspended = kinds.get(SanctionKind.SUSPENSION)
    if silenced is not None:
        happened.append(
            Words(
                gettext_noop(
                    "Your posting is paused until %(until)s (UTC); you can still read everything."
                ),
                until=silenced.ends_at or "",
            )
        )
    if suspended is not None:
        happened.append(
            Words(
                gettext_noop("Your account is suspended until %(until)s (UTC)."),
                until=suspended.ends_at,
            )
            if suspended.ends_at
            else Words(gettext_noop("Your account is suspended until a moderator lifts it."))
        )
    if SanctionKind.WARNING in kinds and not (silenced or suspended):
        happened.append(
            Words(
                gettext_noop(
                    "The moderators would like to share a note with you. Nothing has changed "
                    "for your account."
                )
            )
            if not happened
            else Words(
                gettext_noop(
                    "The moderators also sent you a note; nothing else has changed for your "
                    "account."
                )
            )
        )
    if not happened:
        return None
    said = (
        [Words(gettext_noop("The moderators said: %(reason)s"), reason=reason)]
        if reason and (sanctions or decision.post in ("hide", "edit"))
        else []
    )
    after: list[Words] = []
    if decision.post == "hide" and (silenced or suspended):
        after.append(
            Words(
                gettext_noop(
                    "When you can post again, you're welcome to write it again in a way that "
                    "fits the guidelines."
                )
            )
        )
    elif decision.post == "hide":
        after.append(
            Words(
                gettext_noop(
                    "If you'd like to, you can write it again in a way that fits the guidelines."
                )
            )
        )
    if sanctions:
        after.append(Words(gettext_noop("Please have a look at the community guidelines.")))
    if silenced or suspended:
        after.append(
            Words(
                gettext_noop(
                    "If you think this isn't right, you can ask for a second look, once: a "
                    "different moderator will decide."
                )
            )
        )
    return Words.sentences(*happened, *said, *after)


# --- A second look at a sanction ---------------------------------------------------------


class SecondLookRefused(Exception):
    """Why a second look can't be asked for, or decided, in words for a person."""


def may_ask_second_look(sanction: Sanction) -> bool:
    """Only a silence or a suspension still in force, and only once."""
    if sanction.kind == SanctionKind.WARNING or sanction.lifted_at is not None:
        return False
    if sanction.ends_at is not None and sanction.ends_at <= timezone.now():
        return False
    return not SecondLook.objects.filter(sanction=sanction).exists()


@transaction.atomic
def ask_second_look(sanction: Sanction, *, text: str) -> SecondLook:
    sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
    if not may_ask_second_look(sanction):
        raise SecondLookRefused(_("You've already asked for a second look at this."))
    second_look = SecondLook.objects.create(sanction=sanction, text=text.strip())
    record(sanction.member, AuditAction.SECOND_LOOK_ASKED, sanction)
    return second_look


@transaction.atomic
def decide_second_look(second_look: SecondLook, *, by, lift_it: bool, reason: str) -> None:
    """A different moderator than the one who gave the sanction upholds or lifts it;
    the member is told either way, with the reason."""
    second_look = (
        SecondLook.objects.select_for_update().select_related("sanction").get(pk=second_look.pk)
    )
    sanction = second_look.sanction
    if second_look.is_decided:
        raise SecondLookRefused(_("Another moderator has already decided this."))
    if sanction.created_by_id is not None and sanction.created_by_id == by.pk:
        raise SecondLookRefused(
            _("You gave this sanction, so a different moderator needs to take the second look.")
        )
    second_look.decided_at = timezone.now()
    second_look.decided_by = by
    second_look.outcome = SecondLookOutcome.LIFTED if lift_it else SecondLookOutcome.UPHELD
    second_look.reason = reason.strip()
    second_look.save(update_fields=["decided_at", "decided_by", "outcome", "reason"])
    if lift_it:
        if sanction.lifted_at is None:
            lift(sanction, by=by, reason=reason, action=AuditAction.SECOND_LOOK_LIFTED)
        return
    record(by, AuditAction.SECOND_LOOK_UPHELD, sanction, reason)
    if sanction.kind == SanctionKind.SILENCE:
        upheld = gettext_noop(
            "Thank you for asking for a second look. A different moderator looked again, "
            "and the pause on your posting stays as it was. They said: %(reason)s "
            "Please have a look at the community guidelines."
        )
    else:
        upheld = gettext_noop(
            "Thank you for asking for a second look. A different moderator looked again, "
            "and the suspension stays as it was. They said: %(reason)s "
            "Please have a look at the community guidelines."
        )
    notify(
        sanction.member,
        kind=NotificationKind.MODERATION,
        text=Words(upheld, reason=reason.strip()),
        url=reverse("members:guidelines"),
    )


# --- Notes: on a member, and for the next shift ---------------------------------------
# The audit row says who wrote or dismissed which note, never the words: a member's note
# goes with the member when they erase their account, and the log stays.


@transaction.atomic
def write_member_note(member, *, by, text: str) -> MemberNote:
    note = MemberNote.objects.create(member=member, written_by=by, text=text)
    record(by, AuditAction.MEMBER_NOTE, member)
    return note


@transaction.atomic
def write_handover_note(*, by, text: str) -> HandoverNote:
    note = HandoverNote.objects.create(written_by=by, text=text)
    record(by, AuditAction.HANDOVER_NOTE, note)
    return note


@transaction.atomic
def dismiss_handover_note(note: HandoverNote, *, by) -> bool:
    """Dismiss it for everyone; False if another moderator already had (nothing changes)."""
    dismissed = (
        HandoverNote.objects.open()
        .filter(pk=note.pk)
        .update(dismissed_by=by, dismissed_at=timezone.now())
    )
    if dismissed:
        record(by, AuditAction.DISMISS_HANDOVER_NOTE, note)
    return bool(dismissed)


# --- Messages between the moderation team and a member ------------------------------------

TEAM = "moderators"  # the team's key in BOOMITY_CONVERSATION_TEAMS
# All the notification (and so the e-mail) says: never the subject, never the words.
TEAM_WROTE = Words(
    gettext_noop(
        "The moderation team sent you a message. You can read it, and answer, on the site."
    )
)


@transaction.atomic
def write_to_member(member, *, by, subject: str, body: str, item: ReviewItem | None = None):
    """A moderator starts a conversation with a member, as the team. The member is told
    that the team wrote (never what); the audit row names the item it came from."""
    message = conversations.start_with_team(
        team_key=TEAM, member=member, subject=subject, body=body, by=by
    )
    detail = (
        _("To member %(member)s, from review item %(item)s")
        % {"member": member.pk, "item": item.pk}
        if item
        else _("To member %(member)s") % {"member": member.pk}
    )
    record(by, AuditAction.MESSAGE_START, message, detail=detail, item=item)
    _tell_member(member, message.conversation)
    return message


@transaction.atomic
def write_as_team(conversation: Conversation, *, by, body: str) -> Message:
    """A moderator answers in a conversation with the team."""
    message = conversations.write_for_team(conversation, by=by, body=body)
    members = list(conversation.participants.values_list("member_id", flat=True))
    record(by, AuditAction.MESSAGE_TEAM, message, detail=_to_members(members))
    for member in Profile.objects.filter(user_id__in=members).select_related("user"):
        _tell_member(member.user, conversation)
    return message


def _to_members(member_ids: list[int]) -> str:
    if not member_ids:
        return ""
    return ngettext("To member %(members)s", "To members %(members)s", len(member_ids)) % {
        "members": ", ".join(str(pk) for pk in member_ids)
    }


def _tell_member(member, conversation: Conversation) -> None:
    notify(
        member,
        kind=NotificationKind.TEAM_MESSAGE,
        text=TEAM_WROTE,
        url=conversation.get_absolute_url(),
    )


def open_review_for_message(message: Message, *, reasons: list[str]) -> ReviewItem:
    """Crisis language in a member's message to the team: an urgent item, one per
    message, that alerts the on-call moderators as a post's would (open_review)."""
    item = ReviewItem.objects.select_for_update().open().filter(message=message).first()
    if item is None:
        item = ReviewItem(
            message=message,
            priority=Priority.URGENT,
            crisis=True,
            snapshot_title=message.conversation.subject[:120],
            snapshot_body=message.body,
            snapshot_html=message.body_html,
        )
        for reason in reasons:
            item.add_reason(reason)
        item.save()
        enqueue_on_commit(tasks.send_crisis_alert, item.pk)
    return item


@transaction.atomic
def close_message_item(item: ReviewItem, *, by, reason: str = "") -> None:
    """A moderator has looked after a review item about a message (read it, written
    back, escalated if needed): it leaves the queue. The message stays as written."""
    _resolve(item, by, (_("Looked after. %(reason)s") % {"reason": reason}).strip())
    record(by, AuditAction.CLOSE_MESSAGE_ITEM, item.message, reason, item=item)
