"""Writes about members that other apps ask for; each one transaction."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .checkins import NOT_NOW, CheckIn, CheckInAnswer, CheckInItem, CheckInOptIn
from .models import Block, Notification, NotificationKind, Profile


@transaction.atomic
def notify(recipient, *, kind: str, text: str, url: str = "") -> Notification | None:
    if recipient is None:
        return None
    if kind != NotificationKind.MODERATION and Profile.objects.on_break().filter(
        user=recipient
    ).exists():
        return None  # a member taking a break hears only what the moderators must say
    notification = Notification.objects.create(recipient=recipient, kind=kind, text=text, url=url)
    Profile.objects.filter(user=recipient).update(
        unread_notifications=F("unread_notifications") + 1
    )
    return notification


@transaction.atomic
def mark_notifications_read(user) -> int:
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    Profile.objects.filter(user=user).update(unread_notifications=0)
    return count


@transaction.atomic
def notify_many(recipient_ids: list[int], *, kind: str, text: str, url: str = "") -> int:
    """The same notification for several members: two queries, however many."""
    if not recipient_ids:
        return 0
    # Lock the profiles in one order, so two fan-outs to the same people queue
    # behind each other instead of deadlocking. Members on a break are left out.
    profiles = Profile.objects.filter(user_id__in=recipient_ids)
    if kind != NotificationKind.MODERATION:
        profiles = profiles.exclude(pk__in=Profile.objects.on_break().values("pk"))
    locked = list(profiles.order_by("pk").select_for_update().values_list("pk", "user_id"))
    Notification.objects.bulk_create(
        Notification(recipient_id=user_id, kind=kind, text=text, url=url)
        for _, user_id in locked
    )
    Profile.objects.filter(pk__in=[pk for pk, _ in locked]).update(
        unread_notifications=F("unread_notifications") + 1
    )
    return len(locked)


def block(blocker, blocked) -> Block:
    item, _ = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    return item


def unblock(blocker, blocked) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()


# --- Check-ins ---------------------------------------------------------------


def opt_in_to_check_ins(member) -> CheckInOptIn:
    opt_in, _ = CheckInOptIn.objects.get_or_create(member=member)
    return opt_in


@transaction.atomic
def opt_out_of_check_ins(member, *, delete_answers: bool = False) -> int:
    """Stop invitations (and counting in staff figures); returns check-ins deleted."""
    CheckInOptIn.objects.filter(member=member).delete()
    return delete_check_ins(member) if delete_answers else 0


def not_now(member) -> None:
    CheckInOptIn.objects.filter(member=member).update(
        not_now_until=timezone.now() + NOT_NOW
    )


@transaction.atomic
def record_check_in(member, scores: dict[CheckInItem, int]) -> CheckIn:
    """All answers or none: a check-in is never saved half-answered."""
    checkin = CheckIn.objects.create(member=member)
    CheckInAnswer.objects.bulk_create(
        CheckInAnswer(checkin=checkin, item=item, question=item.text, position=item.position,
                      score=score)
        for item, score in scores.items()
    )
    CheckInOptIn.objects.filter(member=member).update(not_now_until=None)
    return checkin


def delete_check_ins(member, pk: int | None = None) -> int:
    """Really delete one (pk) or all of a member's check-ins, answers included."""
    checkins = CheckIn.objects.of(member)
    if pk is not None:
        checkins = checkins.filter(pk=pk)
    return checkins.delete()[1].get(CheckIn._meta.label, 0)


def take_a_break(user, until) -> None:
    """Pause notifications and presence until `until`; None ends the break now."""
    Profile.objects.filter(user=user).update(break_until=until)
    user.profile.break_until = until
