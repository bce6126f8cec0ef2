"""Writes about members that other apps ask for; each one transaction."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Case, Count, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.tasks import enqueue_on_commit

from . import tasks
from .models import (
    Block,
    EmailFrequency,
    Experience,
    ExperienceSynonym,
    MemberExperience,
    Notification,
    NotificationActor,
    NotificationKind,
    Profile,
    Words,
)


def email_after_commit(notifications: list[Notification]) -> None:
    """Members who chose "straight away" get each new notification, once it is saved."""
    recipients = {n.recipient_id for n in notifications}
    if not recipients:
        return
    wanting = set(
        Profile.objects.filter(
            user_id__in=recipients, email_frequency=EmailFrequency.IMMEDIATE
        ).values_list("user_id", flat=True)
    )
    for notification in notifications:
        if notification.recipient_id in wanting:
            enqueue_on_commit(tasks.email_notification, notification.pk)


def _kept(words: Words | str) -> dict:
    """A notification's text and parameters: `Words` kept untranslated, to be shown in
    the reader's language; a plain string is shown as it is."""
    if isinstance(words, Words):
        return {"text": words.msgid, "params": words.as_stored()["params"]}
    return {"text": words}


def _did(did: Words | str) -> str:
    """What someone did, as NotificationActor.did keeps it: untranslated, no parameters."""
    if isinstance(did, Words):
        if did.params:
            raise ValueError("What someone did is kept as one phrase, without parameters.")
        return did.msgid
    return did


@transaction.atomic
def notify(
    recipient, *, kind: str, text: Words | str, url: str = "", actor=None
) -> Notification | None:
    """Tell one member something. With `actor`, their name is the %(name)s of `text`,
    looked up whenever the notification is shown (Notification.message)."""
    if recipient is None or _resting([recipient.pk], kind):
        return None
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        url=url,
        actor=actor,
        names_actor=actor is not None,
        **_kept(text),
    )
    Profile.objects.filter(user=recipient).update(
        unread_notifications=F("unread_notifications") + 1
    )
    email_after_commit([notification])
    return notification


@transaction.atomic
def notify_grouped(
    recipient_id: int,
    *,
    kind: str,
    key: str,
    actor,
    did: Words | str,
    about: Words | str,
    url: str = "",
) -> Notification | None:
    """Tell a member that `actor` did `did` (e.g. "Sending support", kept untranslated:
    see NotificationActor.did) about one thing.

    While the member hasn't read the notification for `key`, news joins it
    instead of adding another (the header's count stays as it was); once read,
    the next news starts a new one. What they were told once — a reaction taken
    back and given again — isn't told again. Returns the notification if it changed.
    """
    did = _did(did)
    if NotificationActor.objects.filter(
        notification__recipient_id=recipient_id,
        notification__group_key=key,
        member=actor,
        did=did,
    ).exists():
        return None
    changed = notify_grouped_many(
        [recipient_id], kind=kind, key=key, actor=actor, did=did, about=about, url=url
    )
    return changed[0] if changed else None


@transaction.atomic
def notify_grouped_many(
    recipient_ids: list[int],
    *,
    kind: str,
    key: str,
    actor,
    did: Words | str,
    about: Words | str,
    url: str = "",
    anonymous: bool = False,
) -> list[Notification]:
    """Tell several members that `actor` did `did` about one thing, in a few
    queries however many members.

    Each member's unread notification for `key` gathers the news; a member with
    none (or who read theirs) gets a new one, with `url` (where the news starts).
    `anonymous` news keeps nobody behind it: it reads "someone", once for each time.
    Returns the notifications that changed.
    """
    # Locked first: two replies at the same moment must not both start a
    # notification, nor miss the one the other made.
    recipient_ids = _lock_listening(recipient_ids, kind)
    if not recipient_ids:
        return []
    now = timezone.now()
    did = _did(did)
    kept = _kept(about)
    # Only their ids: a busy thread's followers are hundreds, and the words are made
    # whenever a notification is shown.
    gathering = {
        n.recipient_id: n
        for n in Notification.objects.unread()
        .filter(recipient_id__in=recipient_ids, group_key=key)
        .only("recipient_id")
    }
    new = Notification.objects.bulk_create(
        Notification(
            recipient_id=pk,
            kind=kind,
            group_key=key,
            about=kept["text"],
            params=kept.get("params"),
            url=url,
            created_at=now,
        )
        for pk in recipient_ids
        if pk not in gathering
    )
    notifications = [*gathering.values(), *new]
    named = None if anonymous else actor
    already = set()
    if named is not None and gathering:
        # Someone who adds to what they did (a second reply) moves to the front, once.
        told = NotificationActor.objects.filter(
            notification_id__in=[n.pk for n in gathering.values()], member=named, did=did
        )
        already = set(told.values_list("notification_id", flat=True))
        told.update(created_at=now)
    NotificationActor.objects.bulk_create(
        NotificationActor(
            notification=n, member=named, anonymous=anonymous, did=did, created_at=now
        )
        for n in notifications
        if n.pk not in already
    )
    # Its words are made from its actors whenever it is shown (Notification.describe):
    # no name is ever stored in its text. News since any e-mail about it is due again.
    if gathering:
        Notification.objects.filter(pk__in=[n.pk for n in gathering.values()]).update(
            created_at=now, emailed_at=None
        )
    if new:
        Profile.objects.filter(user_id__in=[n.recipient_id for n in new]).update(
            unread_notifications=F("unread_notifications") + 1
        )
        email_after_commit(new)
    return notifications


# A team writing to them (the moderators checking in) is the moderators speaking.
_HEARD_ON_A_BREAK = (NotificationKind.MODERATION, NotificationKind.TEAM_MESSAGE)


def _resting(user_ids, kind: str) -> set[int]:
    """Those of `user_ids` taking a break: they hear only what the moderators must say."""
    if kind in _HEARD_ON_A_BREAK:
        return set()
    return set(
        Profile.objects.on_break().filter(user_id__in=user_ids).values_list("user_id", flat=True)
    )


def _lock_listening(user_ids, kind: str) -> list[int]:
    """Lock the profiles of those of `user_ids` who hear `kind` now (not on a break, see
    _resting) and return their ids, sorted: one query, where a busy thread's hundreds of
    followers would otherwise be listed to the database twice."""
    profiles = Profile.objects.filter(user_id__in=user_ids)
    if kind not in _HEARD_ON_A_BREAK:
        profiles = profiles.not_on_break()
    # In one order, as _lock_profiles takes them.
    locked = profiles.order_by("pk").select_for_update().values_list("user_id", flat=True)
    return sorted(locked)


def _lock_profiles(user_ids) -> list[int]:
    # Always in one order, so two writers to the same people queue behind each
    # other instead of deadlocking.
    return list(
        Profile.objects.filter(user_id__in=user_ids)
        .order_by("pk")
        .select_for_update()
        .values_list("pk", flat=True)
    )


@transaction.atomic
def mark_notifications_read(user) -> int:
    _lock_profiles([user.pk])  # a grouped notification can't gain news while we mark
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    Profile.objects.filter(user=user).update(unread_notifications=0)
    return count


@transaction.atomic
def notify_many(
    recipient_ids: list[int], *, kind: str, text: Words | str, url: str = "", actor=None
) -> int:
    """The same notification for several members: a few queries, however many.
    With `actor`, their name is the %(name)s of `text` (see `notify`)."""
    recipient_ids = _lock_listening(recipient_ids, kind)
    if not recipient_ids:
        return 0
    kept = _kept(text)
    notifications = Notification.objects.bulk_create(
        Notification(
            recipient_id=pk,
            kind=kind,
            url=url,
            actor=actor,
            names_actor=actor is not None,
            **kept,
        )
        for pk in recipient_ids
    )
    Profile.objects.filter(user_id__in=recipient_ids).update(
        unread_notifications=F("unread_notifications") + 1
    )
    email_after_commit(notifications)
    return len(recipient_ids)


def stop_emails(member) -> None:
    Profile.objects.filter(user=member).update(email_frequency=EmailFrequency.NEVER)


@transaction.atomic
def block(blocker, blocked) -> Block:
    item, created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    if created:
        _unname(blocker.pk, blocked.pk)
    return item


def _unname(blocker: int, blocked: int) -> None:
    """The blocked member is no longer named in the blocker's grouped notifications.

    One way only: the blocked member's own notifications stay exactly as they were,
    so nothing tells them about the block. A notification left with nobody to name
    goes, and the blocker's unread count is counted again, so the header stays true.
    """
    _lock_profiles([blocker])
    # Single notifications that name them go too. Only those that name them: one about
    # an anonymous post keeps its actor by reference without naming anyone, and
    # dropping it on a block would tell the blocker who wrote it.
    singles = Notification.objects.filter(recipient_id=blocker, actor_id=blocked, names_actor=True)
    if singles.delete()[0]:
        _recount_unread({blocker})
    _drop_actors(
        NotificationActor.objects.filter(notification__recipient_id=blocker, member_id=blocked)
    )


@transaction.atomic
def forget_actor(member) -> None:
    """A member is leaving: they go from the grouped notifications that name them
    (their reactions go with their account), and one left naming nobody goes too.

    Single notifications about them keep them by reference (Notification.actor),
    which their account's deletion sets to nobody: shown as "A former member".
    Nothing in anyone's text is searched or rewritten.
    """
    # Their replies stay on the site (or went with "A former member"), so notifications
    # about them keep counting them: the account's deletion leaves those rows nameless.
    named = NotificationActor.objects.filter(member=member).exclude(
        notification__kind=NotificationKind.REPLY
    )
    _lock_profiles(set(named.values_list("notification__recipient_id", flat=True)))
    _drop_actors(named)


def _drop_actors(named) -> None:
    touched = set(named.values_list("notification_id", flat=True))
    if not touched:
        return
    recipients = set(
        Notification.objects.filter(pk__in=touched).values_list("recipient_id", flat=True)
    )
    named.delete()
    empty = (
        Notification.objects.filter(pk__in=touched)
        .annotate(left=Count("actors"))
        .filter(left=0)
        .values_list("pk", flat=True)
    )
    Notification.objects.filter(pk__in=list(empty)).delete()
    _recount_unread(recipients)


def _recount_unread(recipients: set[int]) -> None:
    """The unread count in these members' headers, counted again from their notifications."""
    unread = (
        Notification.objects.unread()
        .filter(recipient_id=OuterRef("user_id"))
        .values("recipient_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Profile.objects.filter(user_id__in=recipients).update(
        unread_notifications=Coalesce(Subquery(unread), 0)
    )


def unblock(blocker, blocked) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()


@transaction.atomic
def update_profile(profile: Profile, *, experiences, shown, bio: str) -> Profile:
    """What a member shares about themselves: their experiences, which of them other
    members see (`shown`, a part of `experiences`; the rest they keep to themselves),
    and a bio."""
    chosen = {e.pk for e in experiences}
    showing = {e.pk for e in shown} & chosen
    items = MemberExperience.objects.filter(content_object=profile)
    items.exclude(tag_id__in=chosen).delete()
    have = set(items.values_list("tag_id", flat=True))
    MemberExperience.objects.bulk_create(
        MemberExperience(content_object=profile, tag_id=pk, is_shown=pk in showing)
        for pk in sorted(chosen - have)
    )
    if have & chosen:
        items.filter(tag_id__in=have & chosen).update(
            is_shown=Case(When(tag_id__in=showing, then=Value(True)), default=Value(False))
        )
    profile.bio = bio
    profile.save(update_fields=["bio"])
    return profile


@transaction.atomic
def merge_experiences(*, keep: Experience, merged) -> int:
    """Fold each of `merged` into `keep`: members who chose one now have `keep`
    (once), and its name stays as a synonym, so old links still land on `keep`."""
    count = 0
    for other in merged:
        if other.pk == keep.pk:
            continue
        has_keep = MemberExperience.objects.filter(tag=keep).values("content_object_id")
        MemberExperience.objects.filter(tag=other).exclude(content_object_id__in=has_keep).update(
            tag=keep
        )
        ExperienceSynonym.objects.filter(experience=other).update(experience=keep)
        name, slug = other.name, other.slug
        other.delete()  # and the taggings that would have been doubles
        ExperienceSynonym.objects.update_or_create(
            slug=slug, defaults={"name": name, "experience": keep}
        )
        count += 1
    return count


def take_a_break(user, until) -> None:
    """Pause notifications and presence until `until`; None ends the break now."""
    Profile.objects.filter(user=user).update(break_until=until)
    user.profile.break_until = until
