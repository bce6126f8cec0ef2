"""The e-mail that says a check-in is ready: who gets one, once per due check-in.

It goes through members' e-mail machinery (members/mail.py): the same rules about who
we may write to (a confirmed address, not suspended), the same footer and one-click
unsubscribe. It says only that a check-in is ready: never an answer, an average or a
question, since e-mail may be read over someone's shoulder.

A member hears about it when they opted in to check-ins, one is due (the staff's
interval since their last one, and no "not now" running), they don't take e-mails
"never", they aren't taking a break and their account is active. `reminded_at` is
stamped before sending (and cleared if sending fails), and cleared by their next
check-in, so two runs or two workers never send the same reminder twice.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.mail import absolute, send_member_email, writable_profiles
from members.models import EmailFrequency, Profile

from .models import CheckInOptIn

# Lazy: read when the e-mail is written, in the recipient's language.
SUBJECT = _("your check-in is ready")


def _may_remind():
    """The opt-ins of members we may write to about a check-in, not yet reminded."""
    writable = (
        writable_profiles()
        .filter(user__is_active=True)
        .exclude(email_frequency=EmailFrequency.NEVER)
        .exclude(break_until__gt=timezone.now())  # a break means no nudges at all
        .values("user_id")
    )
    return CheckInOptIn.objects.with_timing().filter(
        reminded_at__isnull=True, member_id__in=writable
    )


def members_due_a_reminder() -> list[int]:
    now = timezone.now()
    return [o.member_id for o in _may_remind().order_by("pk") if o.is_due(now)]


def send_reminder(user_id: int) -> int:
    """E-mail one member that a check-in is ready. Returns 1 if sent."""
    now = timezone.now()
    opt_in = _may_remind().filter(member_id=user_id).first()
    if opt_in is None or not opt_in.is_due(now):
        return 0  # checked in, turned them off, or no longer ours to write to
    claimed = CheckInOptIn.objects.filter(pk=opt_in.pk, reminded_at__isnull=True)
    if not claimed.update(reminded_at=now):
        return 0  # another worker has it
    profile = Profile.objects.select_related("user").get(user_id=user_id)
    try:
        send_member_email(
            profile,
            SUBJECT,  # lazy: members.mail writes it in the recipient's language
            "checkins/email/reminder.txt",
            {
                "checkin_url": absolute(reverse("checkins:checkin-new")),
                "checkin_settings_url": absolute(reverse("checkins:checkin")),
            },
        )
    except Exception:
        CheckInOptIn.objects.filter(pk=opt_in.pk).update(reminded_at=None)  # due again
        raise
    return 1
