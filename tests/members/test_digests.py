"""Daily and weekly summaries: `manage.py send_digests daily|weekly`, run from cron."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from members.actions import mark_notifications_read, notify
from members.models import EmailFrequency, Notification, NotificationKind, Profile
from tests.factories import make_member


def choose(member, frequency: str) -> None:
    Profile.objects.filter(user=member).update(email_frequency=frequency)


def tell(member, text: str, url: str = "/p/1/", kind=NotificationKind.REPLY):
    return notify(member, kind=kind, text=text, url=url)


def send_digests(frequency: str) -> str:
    out = StringIO()
    call_command("send_digests", frequency, stdout=out)  # tasks run in-process in tests
    return out.getvalue()


def a_day_passes(*members, days: float = 1) -> None:
    """Move the members' last summary back, as if time had passed."""
    Profile.objects.filter(user__in=members).update(
        digest_sent_at=timezone.now() - timedelta(days=days)
    )


@pytest.mark.django_db
def test_a_daily_summary_lists_the_news_once(alice, mailoutbox):
    tell(alice, "Bob replied in “Sleep when anxious”.")
    tell(
        alice,
        "Sam reacted to your post in “Sleep when anxious”: Thank you.",
        kind=NotificationKind.REACTION,
    )
    assert send_digests("daily") == "Queued 1 daily summary.\n"
    [message] = mailoutbox
    assert message.to == [alice.email]
    assert message.subject == "Boomity: your summary for the day"
    assert "- Bob replied in “Sleep when anxious”." in message.body
    assert "- Sam reacted to your post in “Sleep when anxious”: Thank you." in message.body
    assert "You get this because you chose daily e-mails about replies" in message.body
    assert "/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    assert send_digests("daily") == "Queued 0 daily summaries.\n"
    a_day_passes(alice)
    assert send_digests("daily") == "Queued 0 daily summaries.\n", "nothing new: nothing sent"
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_the_next_summary_has_only_what_came_since(alice, mailoutbox):
    tell(alice, "Bob replied in “First”.")
    send_digests("daily")
    tell(alice, "Bob replied in “Second”.")
    send_digests("daily")
    assert len(mailoutbox) == 1, "a second run the same day waits for tomorrow"
    a_day_passes(alice)
    send_digests("daily")
    assert len(mailoutbox) == 2
    assert "Second" in mailoutbox[1].body and "First" not in mailoutbox[1].body


@pytest.mark.django_db
def test_two_runs_queued_before_the_worker_send_one_email(alice, mailoutbox):
    from members.tasks import email_digest

    tell(alice, "Bob replied in “Sleep when anxious”.")
    email_digest.enqueue(alice.pk, EmailFrequency.DAILY)
    email_digest.enqueue(alice.pk, EmailFrequency.DAILY)
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_weekly_members_wait_for_the_weekly_run(alice, bob, mailoutbox):
    choose(bob, EmailFrequency.WEEKLY)
    tell(alice, "For Alice.")
    tell(bob, "For Bob.")
    send_digests("daily")
    assert [m.to for m in mailoutbox] == [[alice.email]]
    send_digests("weekly")
    assert [m.to for m in mailoutbox] == [[alice.email], [bob.email]]
    assert mailoutbox[1].subject == "Boomity: your summary for the week"
    assert "You get this because you chose weekly e-mails" in mailoutbox[1].body

    tell(bob, "More for Bob.")
    a_day_passes(bob, days=3)
    send_digests("weekly")
    assert len(mailoutbox) == 2, "three days is not a week"
    a_day_passes(bob, days=7)
    send_digests("weekly")
    assert len(mailoutbox) == 3 and "More for Bob." in mailoutbox[2].body


@pytest.mark.django_db
def test_never_straight_away_and_suspended_members_get_no_summary(
    alice, bob, moderator, mailoutbox
):
    from moderation.actions import suspend

    carol = make_member("Carol")
    choose(alice, EmailFrequency.NEVER)
    choose(bob, EmailFrequency.IMMEDIATE)
    suspend(carol, by=moderator, reason="A pause while we talk.")
    for member in (alice, bob, carol):
        tell(member, "Something new.")
    send_digests("daily")
    send_digests("weekly")
    assert not [m for m in mailoutbox if "summary" in m.subject]


@pytest.mark.django_db
def test_what_was_read_on_the_site_isnt_summarised(alice, mailoutbox):
    tell(alice, "Already seen.")
    mark_notifications_read(alice)
    send_digests("daily")
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_summary_never_carries_a_moderators_note(alice, mailoutbox):
    tell(
        alice,
        "A moderator hid your post. It described an overdose.",
        kind=NotificationKind.MODERATION,
    )
    send_digests("daily")
    [message] = mailoutbox
    assert "overdose" not in message.body
    assert "The moderators left you a note. You can read it on the site." in message.body


@pytest.mark.django_db
def test_a_long_summary_points_to_the_site_for_the_rest(alice, mailoutbox):
    for i in range(23):
        tell(alice, f"News {i}.")
    send_digests("daily")
    [message] = mailoutbox
    assert message.body.count("\n- News") == 20
    assert "…and 3 more on the site." in message.body
    assert not Notification.objects.filter(recipient=alice, emailed_at__isnull=True).exists()
