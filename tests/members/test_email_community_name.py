"""Every e-mail names the community as staff named it in the admin, never the name
the environment gave it at first (BOOMITY_COMMUNITY_NAME)."""

from __future__ import annotations

import pytest

from forums import actions
from members import mail
from members.actions import notify
from members.models import CommunitySettings, EmailFrequency, NotificationKind, Profile
from moderation.models import ModerationSettings, Priority, ReviewItem
from moderation.tasks import send_crisis_alert
from tests.factories import make_board, make_member, make_thread

ENV_NAME = "Envname Placeholder"
STAFF_NAME = "Harbour Peers, Leeds"  # a comma: the sender's name must be quoted


@pytest.fixture
def named_by_staff(settings, db):
    settings.BOOMITY_COMMUNITY_NAME = ENV_NAME
    settings.DEFAULT_FROM_EMAIL = f"{ENV_NAME} <community@example.org>"
    community = CommunitySettings.load()
    community.name = STAFF_NAME
    community.save()


def assert_named_by_staff(message) -> None:
    text = f"{message.subject}\n{message.from_email}\n{message.body}"
    assert ENV_NAME not in text
    assert message.subject.startswith(f"{STAFF_NAME}: ")
    assert STAFF_NAME in message.body
    sent = message.message()
    assert sent["From"].addresses[0].display_name == STAFF_NAME
    assert sent["From"].addresses[0].addr_spec == "community@example.org"


def test_a_notification_e_mail(named_by_staff, mailoutbox):
    alice = make_member("Alice")
    Profile.objects.filter(user=alice).update(email_frequency=EmailFrequency.IMMEDIATE)
    note = notify(alice, kind=NotificationKind.REPLY, text="Someone replied.", url="/")
    assert mail.send_notification(note.pk) == 1
    assert_named_by_staff(mailoutbox[-1])


def test_a_daily_summary(named_by_staff, mailoutbox):
    alice = make_member("Alice")
    notify(alice, kind=NotificationKind.REPLY, text="Someone replied.", url="/")
    assert mail.send_digest(alice.pk, EmailFrequency.DAILY) == 1
    assert_named_by_staff(mailoutbox[-1])


def test_the_on_call_crisis_alert(named_by_staff, mailoutbox):
    ModerationSettings.objects.update_or_create(
        pk=1, defaults={"oncall_emails": "oncall@example.org"}
    )
    thread = make_thread(make_board(), make_member(), title="Tonight")
    item = ReviewItem.objects.create(
        post=thread.posts.get(number=1),
        priority=Priority.URGENT,
        crisis=True,
        snapshot_body="-",
        snapshot_html="-",
    )
    assert send_crisis_alert.call(item.pk) == 1
    message = mailoutbox[-1]
    assert ENV_NAME not in f"{message.subject}\n{message.from_email}\n{message.body}"
    assert message.subject.startswith(f"{STAFF_NAME}: ")
    assert message.message()["From"].addresses[0].display_name == STAFF_NAME


def test_an_escalation_to_staff(named_by_staff, mailoutbox, django_capture_on_commit_callbacks):
    from moderation import actions as moderation
    from moderation.models import EscalationContact

    EscalationContact.objects.create(name="Dr Ana Ruiz", role="Clinical lead", email="a@x.org")
    thread = make_thread(make_board(), make_member(), title="Tonight")
    post = thread.posts.get(number=1)
    moderation.flag_post(post=post, member=make_member(), reason="safety")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.escalate(ReviewItem.objects.get(post=post), by=make_member(), reason="Call.")
    message = mailoutbox[-1]
    assert message.to == ["a@x.org"]
    assert ENV_NAME not in f"{message.subject}\n{message.from_email}\n{message.body}"
    assert message.subject.startswith(f"{STAFF_NAME}: ")
    assert message.message()["From"].addresses[0].display_name == STAFF_NAME


def test_account_e_mails_from_allauth(named_by_staff, client, mailoutbox):
    alice = make_member("Alice")
    client.post("/accounts/password/reset/", {"email": alice.email})
    assert_named_by_staff(mailoutbox[-1])


def test_a_reply_notification_from_a_real_reply(named_by_staff, mailoutbox, committed):
    alice, bob = make_member("Alice"), make_member("Bob")
    Profile.objects.filter(user=alice).update(email_frequency=EmailFrequency.IMMEDIATE)
    thread = make_thread(make_board(), alice, title="Evenings")
    with committed():
        actions.post_reply(thread=thread, author=bob, body="Me too.")
    assert_named_by_staff(mailoutbox[-1])
    assert "Bob replied in" in mailoutbox[-1].body


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)
