"""Small factories for check-in tests (members' pages and staff figures)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from checkins import actions
from checkins.models import CheckIn, CheckInItem


def checked_in(member, *, days_ago: float = 0, score: int = 6) -> CheckIn:
    """A saved check-in answering every question asked with `score`, `days_ago` days back."""
    items = CheckInItem.objects.asked()
    checkin = actions.record_check_in(member, {item: score for item in items})
    CheckIn.objects.filter(pk=checkin.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return checkin
