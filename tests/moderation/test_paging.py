"""An urgent item nobody acknowledges pages the people on call again: on time, not
before, up to the limit staff set, never once a moderator has opened or claimed it —
and outside moderation hours, the escalation contacts who can be reached.

Run through the persistent task backend (django_tasks_db) and its worker, with the
clock frozen where each step happens (django.utils.timezone.now, as the worker reads it).
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from forums import actions as forum_actions
from moderation.models import EscalationContact, ItemEventKind, ReviewItem
from tests.conftest import page
from tests.factories import make_board, make_member, make_staff_member, make_thread, set_moderation

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
CRISIS_TEXT = "I can't go on anymore. The nights are endless and nobody notices."
PRIVATE_WORDS = ("go on anymore", "nights are endless", "nobody notices", "Late nights")
ONCALL = "oncall@example.org"
# A Monday, 02:00 in the community's time zone (UTC in tests): outside "Mon-Fri 09:00-17:00".
NIGHT = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
DAYTIME = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


@contextmanager
def clock(moment: datetime):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def run_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def minutes(n: float, after: datetime = NIGHT) -> datetime:
    return after + timedelta(minutes=n)


def crisis_post() -> ReviewItem:
    """Ben writes words of crisis: screening opens an urgent item and pages at once."""
    ada, ben = make_member("Ada"), make_member("Ben")
    thread = make_thread(make_board("night-owls"), ada, title="Late nights")
    forum_actions.post_reply(thread=thread, author=ben, body=CRISIS_TEXT)
    return ReviewItem.objects.get()


def pages(mailoutbox) -> list:
    return [m for m in mailoutbox if "urgent" in m.subject]


def assert_never_the_words(mail) -> None:
    everything = f"{mail.subject} {mail.body}".lower()
    for words in PRIVATE_WORDS:
        assert words.lower() not in everything, words


@pytest.fixture
def worker_tasks(settings, transactional_db):
    settings.TASKS = DATABASE_TASKS
    set_moderation(oncall_emails=ONCALL, repage_after_minutes=15, repage_limit=2)


@pytest.mark.usefixtures("worker_tasks")
def test_pages_again_on_time_not_before_and_stops_at_the_limit(mailoutbox):
    with clock(NIGHT):
        item = crisis_post()
        assert pages(mailoutbox) == [], "the request never sends e-mail itself"
        run_worker()
    assert len(pages(mailoutbox)) == 1

    for at, expected in [
        (minutes(14, NIGHT), 1),  # not before the 15 minutes staff set
        (minutes(15, NIGHT), 2),
        (minutes(29), 2),
        (minutes(30), 3),
        (minutes(45), 3),  # the first page and 2 more: the limit
        (minutes(120), 3),
    ]:
        with clock(at):
            run_worker()
        assert len(pages(mailoutbox)) == expected, at

    first, second, third = pages(mailoutbox)
    assert first.to == second.to == third.to == [ONCALL]
    assert "still unopened" in second.subject and "Reminder 1 of at most 2" in second.body
    assert "Reminder 2 of at most 2" in third.body
    for mail in (first, second, third):
        assert f"/admin/moderation/reviewitem/{item.pk}/change/" in mail.body
        assert_never_the_words(mail)
    paged = list(item.events.filter(kind=ItemEventKind.PAGED).values_list("number", "created_at"))
    assert paged == [(1, NIGHT), (2, minutes(15)), (3, minutes(30))]
    assert not DBTaskResult.objects.filter(status="READY").exists(), "no page left waiting"


@pytest.mark.usefixtures("worker_tasks")
def test_opening_the_item_stops_the_pages_and_its_page_says_so(mailoutbox):
    mara = make_staff_member("Mara", "Moderators")
    with clock(NIGHT):
        item = crisis_post()
        run_worker()
    moderator = Client()
    moderator.force_login(mara)
    with clock(minutes(5)):
        html = page(moderator.get(f"/admin/moderation/reviewitem/{item.pk}/change/"))
    assert "Acknowledged by <strong>Mara</strong> at 02:05, by opening it." in html
    assert "nobody is e-mailed about it again" in html

    for at in (minutes(15), minutes(30), minutes(60)):
        with clock(at):
            run_worker()
    assert len(pages(mailoutbox)) == 1
    # Read on the frozen clock too: on the real one, the session opened at 02:05 may
    # have run out (twelve hours) and the admin asks to sign in again.
    with clock(minutes(61)):
        history = page(moderator.get(f"/admin/moderation/reviewitem/{item.pk}/change/"))
    assert "First e-mail about it, to the on-call list (1 address)" in history
    assert "Acknowledged by <strong>Mara</strong>, by opening it." in history


@pytest.mark.usefixtures("worker_tasks")
def test_claiming_from_the_queue_acknowledges_between_two_pages(mailoutbox):
    mara = make_staff_member("Mara", "Moderators")
    with clock(NIGHT):
        item = crisis_post()
        run_worker()
    with clock(minutes(15)):
        run_worker()
    moderator = Client()
    moderator.force_login(mara)
    with clock(minutes(20)):
        moderator.post(f"/admin/moderation/reviewitem/{item.pk}/claim/", {"from": "queue"})
    with clock(minutes(30)):
        run_worker()
    assert len(pages(mailoutbox)) == 2
    item.refresh_from_db()
    assert item.acknowledged_by == mara and item.acknowledged_at == minutes(20)


@pytest.mark.usefixtures("worker_tasks")
def test_out_of_hours_the_escalation_contacts_who_can_be_reached_are_paged(mailoutbox):
    set_moderation(moderation_hours="Mon-Fri 09:00-17:00")
    EscalationContact.objects.create(
        name="Dr Ana Ruiz", role="Clinical lead", email="lead@example.org", hours=""
    )
    EscalationContact.objects.create(
        name="Sam Okafor",
        role="Safeguarding lead",
        email="sam@example.org",
        hours="Sat 10:00-12:00",
    )
    with clock(NIGHT):
        item = crisis_post()
        run_worker()
    with clock(minutes(15)):
        run_worker()
    first, again = pages(mailoutbox)
    assert first.to == again.to == ["lead@example.org"], "never the on-call list at night"
    assert first.body.startswith("Hello Dr Ana Ruiz,")
    assert "outside the community's moderation hours" in first.body
    for mail in (first, again):
        assert_never_the_words(mail)
    detail = item.events.filter(kind=ItemEventKind.PAGED).first().detail
    assert detail == (
        "outside moderation hours, to the escalation contacts who can be reached: "
        "Dr Ana Ruiz (Clinical lead)"
    )


@pytest.mark.usefixtures("worker_tasks")
def test_in_moderation_hours_the_on_call_list_is_paged(mailoutbox):
    set_moderation(moderation_hours="Mon-Fri 09:00-17:00")
    EscalationContact.objects.create(name="Dr Ana Ruiz", role="Clinical lead", email="lead@x.org")
    with clock(DAYTIME):
        crisis_post()
        run_worker()
    [mail] = pages(mailoutbox)
    assert mail.to == [ONCALL]


@pytest.mark.usefixtures("worker_tasks")
def test_out_of_hours_with_nobody_reachable_every_contact_is_paged(mailoutbox):
    set_moderation(moderation_hours="Mon-Fri 09:00-17:00")
    for name, address in [("Sam Okafor", "sam@example.org"), ("Lee Chen", "lee@example.org")]:
        EscalationContact.objects.create(
            name=name, role="Safeguarding lead", email=address, hours="Sat 10:00-12:00"
        )
    with clock(NIGHT):
        crisis_post()
        run_worker()
    assert sorted(m.to[0] for m in pages(mailoutbox)) == ["lee@example.org", "sam@example.org"]
    assert "every contact got this e-mail" in pages(mailoutbox)[0].body


@pytest.mark.django_db(transaction=True)
def test_in_process_tasks_page_again_through_the_periodic_command(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    """The in-process backend can't wait (it refuses run_after): the command, run every
    minute, finds what is due — and running it twice sends nothing twice."""
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    set_moderation(oncall_emails=ONCALL, repage_after_minutes=10, repage_limit=1)
    with clock(NIGHT):
        crisis_post()
    assert len(pages(mailoutbox)) == 1
    with clock(minutes(9)):
        call_command("page_unacknowledged")
    assert len(pages(mailoutbox)) == 1
    with clock(minutes(10)):
        call_command("page_unacknowledged")
        call_command("page_unacknowledged")
    assert len(pages(mailoutbox)) == 2
    with clock(minutes(20)):
        call_command("page_unacknowledged")
    assert len(pages(mailoutbox)) == 2, "the limit holds"


@pytest.mark.usefixtures("worker_tasks")
def test_the_worker_and_the_periodic_command_together_never_page_twice(mailoutbox):
    with clock(NIGHT):
        crisis_post()
        run_worker()
    with clock(minutes(15)):
        call_command("page_unacknowledged")  # queues one more run of the same page
        assert DBTaskResult.objects.filter(status="READY").count() == 2
        run_worker()
    assert len(pages(mailoutbox)) == 2
    waiting = DBTaskResult.objects.filter(status="READY")
    assert [t.run_after for t in waiting] == [minutes(30)], "one reminder waits, not two"
