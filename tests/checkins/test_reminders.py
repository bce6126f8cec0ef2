"""E-mails that say a check-in is ready: `manage.py send_check_in_reminders`, from cron."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from checkins import actions
from checkins.models import CheckInOptIn, CheckInSettings
from members.actions import take_a_break
from members.models import CommunitySettings, EmailFrequency, Profile
from moderation.actions import suspend
from tests.factories import checked_in, make_member

pytestmark = pytest.mark.django_db


def remind() -> str:
    out = StringIO()
    call_command("send_check_in_reminders", stdout=out)  # tasks run in-process in tests
    return out.getvalue()


def choose(member, frequency: str) -> None:
    Profile.objects.filter(user=member).update(email_frequency=frequency)


@pytest.fixture
def due(alice):
    """Alice opted in, and her last check-in was five weeks ago (the interval is four)."""
    actions.opt_in_to_check_ins(alice)
    checked_in(alice, days_ago=35, score=3)
    return alice


def reminders(mailoutbox) -> list:
    return [m for m in mailoutbox if m.subject.endswith("your check-in is ready")]


def test_a_due_check_in_brings_one_e_mail_that_says_only_that_it_is_ready(due, mailoutbox):
    community = CommunitySettings.load()
    community.name = "Harbour"
    community.save()  # staff's name, not the one in the environment
    assert remind() == "Queued 1 check-in reminder.\n"
    [message] = mailoutbox
    assert message.to == [due.email]
    assert message.subject == "Harbour: your check-in is ready"
    body = message.body
    assert "Your next check-in on Harbour is ready, whenever suits you." in body
    assert f"{settings.BOOMITY_SITE_URL}/check-in/new/" in body
    assert "/unsubscribe/" in body and "/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # No answers, no averages, no questions.
    assert "How confident" not in body and "3.0" not in body and "average" not in body


def test_no_second_e_mail_for_the_same_check_in(due, mailoutbox):
    remind()
    assert remind() == "Queued 0 check-in reminders.\n"
    assert len(reminders(mailoutbox)) == 1


def test_the_next_due_check_in_brings_the_next_e_mail(due, mailoutbox):
    remind()
    checked_in(due, days_ago=30)  # answered, and (five days short of five weeks) due again
    assert remind() == "Queued 1 check-in reminder.\n"
    assert len(reminders(mailoutbox)) == 2


def test_nothing_before_a_check_in_is_due_and_staff_set_the_interval(alice, mailoutbox):
    actions.opt_in_to_check_ins(alice)
    checked_in(alice, days_ago=10)
    remind()
    assert reminders(mailoutbox) == [], "four weeks haven't passed"
    CheckInSettings.objects.update_or_create(pk=1, defaults={"interval_weeks": 1})
    remind()
    assert len(reminders(mailoutbox)) == 1


def test_members_who_did_not_opt_in_or_said_not_now_get_none(alice, bob, mailoutbox):
    checked_in(alice, days_ago=60)  # answered once, then turned check-ins off
    actions.opt_in_to_check_ins(bob)
    checked_in(bob, days_ago=60)
    actions.not_now(bob)
    remind()
    assert reminders(mailoutbox) == []


@pytest.mark.parametrize("frequency", [EmailFrequency.DAILY, EmailFrequency.IMMEDIATE])
def test_daily_and_straight_away_members_are_reminded(due, mailoutbox, frequency):
    choose(due, frequency)
    remind()
    assert len(reminders(mailoutbox)) == 1


def test_members_who_chose_never_get_none(due, mailoutbox):
    choose(due, EmailFrequency.NEVER)
    assert remind() == "Queued 0 check-in reminders.\n"
    assert reminders(mailoutbox) == []


def test_members_taking_a_break_get_none_until_it_ends(due, mailoutbox):
    take_a_break(due, timezone.now() + timedelta(days=3))
    remind()
    assert reminders(mailoutbox) == []
    take_a_break(due, None)
    remind()
    assert len(reminders(mailoutbox)) == 1


def test_suspended_members_get_none(due, moderator, mailoutbox):
    suspend(due, by=moderator, reason="A pause while we talk.")
    remind()
    assert reminders(mailoutbox) == []


def test_an_unconfirmed_address_gets_none(due, mailoutbox):
    EmailAddress.objects.filter(user=due).update(verified=False)
    remind()
    assert reminders(mailoutbox) == []


def test_erased_and_deactivated_members_get_none(due, mailoutbox):
    from checkins.tasks import email_check_in_reminder
    from core.privacy import erase_member

    other = make_member("Sam")
    actions.opt_in_to_check_ins(other)
    type(other).objects.filter(pk=other.pk).update(is_active=False)
    user_id = due.pk
    erase_member(due, remove_posts=True)
    assert remind() == "Queued 0 check-in reminders.\n"
    email_check_in_reminder.enqueue(user_id)  # queued before the erasure
    email_check_in_reminder.enqueue(other.pk)
    assert reminders(mailoutbox) == []


def test_a_reminder_queued_twice_is_sent_once(due, mailoutbox):
    from checkins.tasks import email_check_in_reminder

    email_check_in_reminder.enqueue(due.pk)
    email_check_in_reminder.enqueue(due.pk)
    assert len(reminders(mailoutbox)) == 1


def test_a_failed_send_leaves_the_reminder_due(due, mailoutbox, monkeypatch):
    from checkins import mail

    def refuse(*args, **kwargs):
        raise OSError("mail server away")

    monkeypatch.setattr(mail, "send_member_email", refuse)
    with pytest.raises(OSError):
        mail.send_reminder(due.pk)
    assert CheckInOptIn.objects.get(member=due).reminded_at is None
    monkeypatch.undo()
    assert mail.send_reminder(due.pk) == 1
