"""Writes about a member's check-ins; each one transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import NOT_NOW, CheckIn, CheckInAnswer, CheckInItem, CheckInOptIn


def opt_in_to_check_ins(member) -> CheckInOptIn:
    opt_in, _ = CheckInOptIn.objects.get_or_create(member=member)
    return opt_in


@transaction.atomic
def opt_out_of_check_ins(member, *, delete_answers: bool = False) -> int:
    """Stop invitations (and counting in staff figures); returns check-ins deleted."""
    CheckInOptIn.objects.filter(member=member).delete()
    return delete_check_ins(member) if delete_answers else 0


def not_now(member) -> None:
    CheckInOptIn.objects.filter(member=member).update(not_now_until=timezone.now() + NOT_NOW)


@transaction.atomic
def record_check_in(member, scores: dict[CheckInItem, int]) -> CheckIn:
    """All answers or none: a check-in is never saved half-answered."""
    checkin = CheckIn.objects.create(member=member)
    CheckInAnswer.objects.bulk_create(
        CheckInAnswer(
            checkin=checkin, item=item, question=item.text, position=item.position, score=score
        )
        for item, score in scores.items()
    )
    CheckInOptIn.objects.filter(member=member).update(not_now_until=None, reminded_at=None)
    return checkin


def delete_check_ins(member, pk: int | None = None) -> int:
    """Really delete one (pk) or all of a member's check-ins, answers included."""
    checkins = CheckIn.objects.of(member)
    if pk is not None:
        checkins = checkins.filter(pk=pk)
    return checkins.delete()[1].get(CheckIn._meta.label, 0)
