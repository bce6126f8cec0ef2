"""Notification e-mails sent straight away: through the task worker, kind and discreet."""

from __future__ import annotations

import email.policy
import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from forums import actions
from members import mail
from members.actions import mark_notifications_read, notify
from members.models import EmailFrequency, Notification, NotificationKind, Profile
from tests.factories import make_board, make_member, make_thread

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PRIVATE_WORDS = "I haven't slept properly since the funeral"


def choose(member, frequency: str) -> None:
    Profile.objects.filter(user=member).update(email_frequency=frequency)


def frequency_of(member) -> str:
    return Profile.objects.get(user=member).email_frequency


def run_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def unsubscribe_path(message) -> str:
    header = message.extra_headers["List-Unsubscribe"]
    match = re.fullmatch(r"<(.+)>", header)
    assert match, header
    url = match.group(1)
    assert url.startswith(settings.BOOMITY_SITE_URL + "/unsubscribe/")
    assert url in message.body, "the same link is in the e-mail for people to click"
    return url.removeprefix(settings.BOOMITY_SITE_URL)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.django_db(transaction=True)
def test_a_reaction_is_e_mailed_by_the_worker_not_in_the_request(settings, mailoutbox):
    settings.TASKS = DATABASE_TASKS
    alice, bob = make_member("Alice"), make_member("Bob")
    choose(alice, EmailFrequency.IMMEDIATE)
    post = make_thread(
        make_board(), alice, title="Sleep when anxious", body=PRIVATE_WORDS
    ).posts.get(number=1)
    client = Client()
    client.force_login(bob)

    assert client.post(f"/p/{post.pk}/react/", {"kind": "support"}).status_code == 302

    assert mailoutbox == [], "nothing is sent inside the request"
    queued = DBTaskResult.objects.get(task_path="members.tasks.email_notification")
    assert queued.status == "READY"
    run_worker()
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL", queued.traceback
    [message] = mailoutbox
    assert message.to == [alice.email]
    assert message.subject == "Boomity: reactions to your post"
    assert "Sleep when anxious" not in message.subject  # a title can say too much
    assert "Bob reacted to your post in “Sleep when anxious”: Sending support." in message.body
    assert f"{settings.BOOMITY_SITE_URL}/p/{post.pk}/" in message.body
    assert f"{settings.BOOMITY_SITE_URL}/notifications/" in message.body
    assert f"{settings.BOOMITY_SITE_URL}/account/email-preferences/" in message.body
    assert "You get this because you chose to hear straight away about replies" in message.body
    assert PRIVATE_WORDS not in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    sent = message.message(policy=email.policy.SMTP).as_bytes().decode()
    # As the mail server gets them: one readable line each, not RFC 2047 encoded words.
    assert f"\r\nList-Unsubscribe: {message.extra_headers['List-Unsubscribe']}\r\n" in sent
    assert "\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in sent
    assert Notification.objects.get(recipient=alice).emailed_at is not None

    # The mail app's one-click: a POST with no session and no CSRF token.
    path = unsubscribe_path(message)
    mail_app = Client(enforce_csrf_checks=True)
    response = mail_app.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 302
    assert frequency_of(alice) == EmailFrequency.NEVER

    run_worker()
    assert len(mailoutbox) == 1, "running the worker again sends nothing again"


@pytest.mark.django_db(transaction=True)
def test_a_reply_goes_through_two_tasks_and_names_no_anonymous_author(settings, mailoutbox):
    settings.TASKS = DATABASE_TASKS
    alice, bob = make_member("Alice"), make_member("Bob")
    choose(alice, EmailFrequency.IMMEDIATE)
    board = make_board(allow_anonymous=True)
    thread = make_thread(board, alice, title="Sleep when anxious")

    actions.post_reply(thread=thread, author=bob, body=PRIVATE_WORDS, anonymous=True)
    assert mailoutbox == []
    run_worker()  # tells the followers, which queues the e-mail, which it then sends

    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    [message] = mailoutbox
    assert message.subject == "Boomity: a new reply in a thread you follow"
    assert "Someone replied in “Sleep when anxious”." in message.body
    assert "Bob" not in message.body
    assert PRIVATE_WORDS not in message.body


@pytest.mark.django_db
def test_daily_is_the_default_and_sends_nothing_straight_away(
    thread, alice, bob, mailoutbox, committed
):
    assert frequency_of(alice) == EmailFrequency.DAILY
    with committed():
        actions.post_reply(thread=thread, author=bob, body="Audiobooks help me")
    assert Notification.objects.filter(recipient=alice).exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_never_means_never(thread, alice, bob, mailoutbox, committed):
    choose(alice, EmailFrequency.NEVER)
    with committed():
        actions.post_reply(thread=thread, author=bob, body="Audiobooks help me")
        actions.toggle_reaction(post=thread.posts.get(number=1), member=bob, kind="support")
    assert Notification.objects.filter(recipient=alice).count() == 2
    assert mailoutbox == []


@pytest.mark.django_db
def test_suspended_members_get_no_email(thread, alice, bob, moderator, mailoutbox, committed):
    from moderation.actions import suspend

    choose(alice, EmailFrequency.IMMEDIATE)
    suspend(alice, by=moderator, reason="A pause while we talk.")
    with committed():
        actions.post_reply(thread=thread, author=bob, body="Hello")
    assert Notification.objects.filter(recipient=alice).exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_an_address_nobody_confirmed_gets_no_email(thread, alice, bob, mailoutbox, committed):
    choose(alice, EmailFrequency.IMMEDIATE)
    EmailAddress.objects.filter(user=alice).update(verified=False)
    with committed():
        actions.post_reply(thread=thread, author=bob, body="Hello")
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_moderators_note_stays_on_the_site(alice, mailoutbox, committed):
    choose(alice, EmailFrequency.IMMEDIATE)
    with committed():
        notify(
            alice,
            kind=NotificationKind.MODERATION,
            text="A moderator hid your post. It described self-harm in detail.",
            url="/p/1/",
        )
    [message] = mailoutbox
    assert message.subject == "Boomity: a note from the moderators"
    assert "The moderators left you a note. You can read it on the site." in message.body
    assert "self-harm" not in message.body
    assert "/p/1/" not in message.body


@pytest.mark.django_db
def test_news_read_on_the_site_before_the_worker_runs_isnt_emailed(alice, bob, mailoutbox):
    choose(alice, EmailFrequency.IMMEDIATE)
    note = notify(alice, kind=NotificationKind.REPLY, text="Bob replied in “A thread”.")
    mark_notifications_read(alice)
    assert mail.send_notification(note.pk) == 0
    assert mailoutbox == []


@pytest.mark.django_db
def test_more_reactions_to_an_emailed_notification_send_no_second_email(
    thread, alice, bob, mailoutbox, committed
):
    choose(alice, EmailFrequency.IMMEDIATE)
    post = thread.posts.get(number=1)
    with committed():
        actions.toggle_reaction(post=post, member=bob, kind="support")
    with committed():
        actions.toggle_reaction(post=post, member=make_member("Sam"), kind="thanks")
    assert len(mailoutbox) == 1
    assert "Bob reacted" in mailoutbox[0].body
    # The notification has news since its e-mail: a summary would tell it again.
    assert Notification.objects.get(recipient=alice).emailed_at is None


@pytest.mark.django_db
def test_sending_failure_leaves_the_news_for_next_time(alice, monkeypatch):
    choose(alice, EmailFrequency.IMMEDIATE)
    note = notify(alice, kind=NotificationKind.REPLY, text="Bob replied in “A thread”.")

    def refuse(*args, **kwargs):
        raise OSError("the mail server isn't answering")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(OSError):
        mail.send_notification(note.pk)
    note.refresh_from_db()
    assert note.emailed_at is None
