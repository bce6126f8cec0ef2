"""Notification e-mails: who gets one, what it says, and the one-click unsubscribe link.

E-mail leaves our hands and may be read over someone's shoulder or on a shared
screen, so it says who did what and a thread's title, never a post's words, and
never a moderator's note (only that there is one). Subjects don't even carry the
title. Every e-mail says why it came and carries a signed link that turns
e-mails off, which mail apps can also use on their own (RFC 8058).

Each e-mail is claimed (stamped `emailed_at`) before it is sent and unclaimed
if sending fails, so two workers never send the same news twice and no row
stays locked while the mail server answers.
"""

from __future__ import annotations

import email.policy
import re
from datetime import timedelta
from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .languages import writing_to
from .models import (
    CommunitySettings,
    EmailFrequency,
    Notification,
    NotificationKind,
    Profile,
    User,
)
from .muted import muted_words_pattern, without_muted

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

UNSUBSCRIBE_SALT = "boomity.members.unsubscribe"
DIGEST_SHOWS = 20  # a summary lists this many; the rest wait on the site
# A summary is due when the last one is at least this old: cron runs a little
# early or late, and a second run the same day sends nothing new.
DIGEST_GAP: dict[str, timedelta] = {
    EmailFrequency.DAILY: timedelta(hours=20),
    EmailFrequency.WEEKLY: timedelta(days=6, hours=20),
}
# The footer's first sentence: why this e-mail came.
WHY: dict[str, StrOrPromise] = {
    EmailFrequency.IMMEDIATE: _(
        "You get this because you chose to hear straight away about replies, mentions, "
        "reactions and notes from the moderators."
    ),
    EmailFrequency.DAILY: _(
        "You get this because you chose daily e-mails about replies, mentions, reactions "
        "and notes from the moderators."
    ),
    EmailFrequency.WEEKLY: _(
        "You get this because you chose weekly e-mails about replies, mentions, reactions "
        "and notes from the moderators."
    ),
}
# Translators: e-mail subjects, after the community's name and a colon.
SUBJECTS: dict[str, StrOrPromise] = {
    NotificationKind.REPLY: _("a new reply in a thread you follow"),
    NotificationKind.NEW_THREAD: _("a new thread on a board you follow"),
    NotificationKind.REACTION: _("reactions to your post"),
    NotificationKind.MENTION: _("someone mentioned you"),
    NotificationKind.MODERATION: _("a note from the moderators"),
    NotificationKind.FIRST_POST: _("someone new posted for the first time"),
    # Never the subject nor the words: only that there is a message (the text says who).
    NotificationKind.TEAM_MESSAGE: _("a new message for you"),
}
DIGEST_SUBJECTS: dict[str, StrOrPromise] = {
    EmailFrequency.DAILY: _("your summary for the day"),
    EmailFrequency.WEEKLY: _("your summary for the week"),
}
MODERATORS_NOTE = _("The moderators left you a note. You can read it on the site.")


# --- The unsubscribe link ----------------------------------------------------------


def unsubscribe_token(user) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def member_from_token(token: str) -> User | None:
    """The member an unsubscribe link was made for, or None if it isn't one of ours."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return User.objects.select_related("profile").filter(pk=pk).first()


def absolute(path: str) -> str:
    return settings.BOOMITY_SITE_URL + path


# --- Who gets e-mail ------------------------------------------------------------------


def writable_profiles():
    """Profiles we may write to: not suspended, and with an address they confirmed.

    An unconfirmed address may be someone else's, and they must never learn
    from us that a stranger uses a mental-health community.
    """
    confirmed = EmailAddress.objects.filter(
        user_id=OuterRef("user_id"), verified=True, email__iexact=OuterRef("user__email")
    )
    return Profile.objects.not_suspended().filter(Exists(confirmed))


def has_confirmed_address(user) -> bool:
    """Whether we may e-mail this member at all (the rule of writable_profiles)."""
    return EmailAddress.objects.filter(
        user_id=user.pk, verified=True, email__iexact=user.email
    ).exists()


def members_due_a_digest(frequency: str) -> list[int]:
    """Members on `frequency` whose last summary is old enough and who have news."""
    news = Notification.objects.unread().not_emailed().filter(recipient_id=OuterRef("user_id"))
    last_before = timezone.now() - DIGEST_GAP[frequency]
    return list(
        writable_profiles()
        .filter(Exists(news), email_frequency=frequency)
        .filter(Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lte=last_before))
        .exclude(break_until__gt=timezone.now())  # a summary waits for the break to end
        .order_by("pk")
        .values_list("user_id", flat=True)
    )


# --- Sending ---------------------------------------------------------------------------


class NotificationEmail(EmailMessage):
    """An EmailMessage whose List-Unsubscribe header mail apps can read.

    A URL can't be folded, and under the usual 78-character limit Python's email
    package rewrites a longer header as an RFC 2047 encoded word, which mail apps
    don't decode in List-Unsubscribe. Header lines may be 998 characters (RFC 5322).
    """

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def send_notification(notification_id: int) -> int:
    """One notification, to a member who wants them straight away. Returns 1 if sent."""
    notification = (
        Notification.objects.unread().not_emailed().with_people().filter(pk=notification_id).first()
    )
    if notification is None:
        return 0  # read on the site already, or sent
    profile = _profile_to_write_to(notification.recipient_id, EmailFrequency.IMMEDIATE)
    if profile is None or not _claim([notification.pk]):
        return 0
    with writing_to(profile.user):
        _send(
            profile,
            SUBJECTS.get(notification.kind, _("something new for you")),
            "members/email/notification.txt",
            {"item": _item(notification, muted_words_pattern(profile.user))},
            [notification.pk],
        )
    return 1


@transaction.atomic
def _claim_digest(user_id: int, frequency: str) -> tuple[Profile | None, list[Notification]]:
    # The profile's lock makes a second run for the same member wait, then find
    # nothing left: the claim is stamped before the lock is let go.
    profile = _profile_to_write_to(user_id, frequency, lock=True)
    if profile is None:
        return None, []
    news = list(
        Notification.objects.unread()
        .not_emailed()
        .with_people()
        .filter(recipient_id=user_id)
        .order_by("-created_at")
    )
    if news:
        _claim([n.pk for n in news])
        profile.digest_sent_at = timezone.now()
        profile.save(update_fields=["digest_sent_at"])
    return profile, news


def send_digest(user_id: int, frequency: str) -> int:
    """A summary of what's new since the last e-mail. Returns how many it told about."""
    profile, news = _claim_digest(user_id, frequency)
    if profile is None or not news:
        return 0
    shown = news[:DIGEST_SHOWS]
    muted = muted_words_pattern(profile.user)
    with writing_to(profile.user):
        _send(
            profile,
            DIGEST_SUBJECTS.get(frequency, DIGEST_SUBJECTS[EmailFrequency.WEEKLY]),
            "members/email/digest.txt",
            {
                "items": [_item(n, muted) for n in shown],
                "more": len(news) - len(shown),
            },
            [n.pk for n in news],
        )
    return len(news)


def send_member_email(
    profile: Profile, subject: StrOrPromise, template: str, context: dict
) -> None:
    """Another app's e-mail to one member (a check-in reminder): the same sender, name,
    footer links and one-click unsubscribe as ours. The caller decides who may get it
    (writable_profiles) and stamps it sent; a failure raises, for the caller to undo.
    Written in the member's language: pass the subject and any words in `context` as
    lazy translations (gettext_lazy), so that they are translated here."""
    with writing_to(profile.user):
        _send(profile, subject, template, context, [])


def _profile_to_write_to(user_id: int, frequency: str, *, lock: bool = False):
    profiles = (
        writable_profiles()
        .select_related("user")
        .filter(user_id=user_id, email_frequency=frequency)
    )
    if lock:
        profiles = profiles.select_for_update(of=("self",))
    return profiles.first()


def _claim(ids: list[int]) -> int:
    return Notification.objects.not_emailed().filter(pk__in=ids).update(emailed_at=timezone.now())


def _item(notification: Notification, muted: re.Pattern[str] | None) -> tuple[str, str]:
    """(what happened, where to see it) for one notification in an e-mail. A word the
    member muted never reaches their inbox: a title with one is left out (`muted`)."""
    if notification.kind == NotificationKind.MODERATION:
        # A moderator's note may say why a post was hidden: it stays on the site.
        return str(MODERATORS_NOTE), absolute(reverse("members:notifications"))
    text = without_muted(muted, notification.message)
    return text, absolute(notification.url) if notification.url else ""


def _send(
    profile: Profile, subject: StrOrPromise, template: str, context: dict, claimed: list[int]
) -> None:
    community = CommunitySettings.current()  # the name staff set, not the first one
    token = unsubscribe_token(profile.user)
    unsubscribe = absolute(reverse("members:unsubscribe", args=[token]))
    body = (
        render_to_string(
            template,
            {
                **context,
                "community_name": community.name,
                "why": WHY[profile.email_frequency],
                "notifications_url": absolute(reverse("members:notifications")),
                "preferences_url": absolute(reverse("members:email-preferences")),
                "unsubscribe_url": unsubscribe,
            },
        ).strip()
        + "\n"
    )
    message = NotificationEmail(
        # Translators: an e-mail's subject: the community's name, then what it is about.
        subject=_("%(community)s: %(subject)s") % {"community": community.name, "subject": subject},
        body=body,
        from_email=community.sender,
        to=[profile.user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    try:
        message.send()
    except Exception:
        # Not sent: the news is due again, for the next try or summary.
        Notification.objects.filter(pk__in=claimed).update(emailed_at=None)
        raise
