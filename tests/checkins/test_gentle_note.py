"""After a check-in with low answers, the thank-you page adds a gentle pointer to help
and to the community; nothing about it ever reaches anyone else."""

from __future__ import annotations

import pytest

from checkins import actions
from checkins.models import LOW_AVERAGE, CheckInItem, is_low
from members.models import Notification
from moderation.models import AuditEntry, ReviewItem
from tests.conftest import count_queries, main_of

pytestmark = pytest.mark.django_db

NOTE = "Thank you for checking in"
# Words that would make a kind note feel like an alarm or a diagnosis.
NOT_SAID = ["crisis", "risk", "worr", "depress", "symptom", "score", "low", "urgent", "alert"]


@pytest.fixture
def items():
    return list(CheckInItem.objects.asked())


@pytest.fixture
def opted_in(alice):
    actions.opt_in_to_check_ins(alice)
    return alice


def answer(client, items, scores: list[int]):
    data = {f"item_{item.pk}": str(score) for item, score in zip(items, scores, strict=True)}
    return client.post("/check-in/new/", data, follow=True)


def test_low_means_an_average_in_the_bottom_third_of_the_scale():
    assert LOW_AVERAGE == 4
    assert is_low([4, 4, 4]) and is_low([1, 2, 9])
    assert not is_low([4, 4, 5]) and not is_low([])


def test_low_answers_bring_a_gentle_note_pointing_to_help_and_the_community(
    client, opted_in, items
):
    client.force_login(opted_in)
    response = answer(client, items, [3, 4, 2, 5, 4, 3])  # average 3.5
    html = main_of(response)
    assert response.redirect_chain[-1][0] == "/check-in/history/"
    assert "Your check-in is saved" in response.content.decode()
    assert NOTE in html
    assert 'href="/help/"' in html and "Ways to talk to someone now" in html
    assert 'href="/needs-reply/"' in html and 'href="/"' in html
    note = html[html.index(NOTE) : html.index("</aside>")].lower()
    assert not [word for word in NOT_SAID if word in note]


def test_answers_that_are_not_low_bring_no_note(client, opted_in, items):
    client.force_login(opted_in)
    response = answer(client, items, [4, 4, 4, 4, 4, 5])  # average 4.2, just above
    assert "Your check-in is saved" in response.content.decode()
    assert NOTE not in main_of(response)


def test_the_note_shows_once_and_visiting_history_later_has_none(client, opted_in, items):
    client.force_login(opted_in)
    assert NOTE in main_of(answer(client, items, [1] * 6))
    assert NOTE not in main_of(client.get("/check-in/history/"))


def test_a_low_check_in_reaches_nobody_else(client, opted_in, items, bob, moderator, staff):
    before = (Notification.objects.count(), ReviewItem.objects.count(), AuditEntry.objects.count())
    client.force_login(opted_in)
    answer(client, items, [1] * 6)
    # No notification, no item in the moderators' queue, no audit row.
    after = (Notification.objects.count(), ReviewItem.objects.count(), AuditEntry.objects.count())
    assert after == before
    # Another member, a moderator and staff see no note, on any page of theirs.
    for person in [bob, moderator, staff]:
        client.force_login(person)
        for url in ["/check-in/history/", "/"]:
            html = client.get(url).content.decode()
            assert NOTE not in html and "Ways to talk to someone now" not in html


def test_no_e_mail_is_sent_about_a_low_check_in(client, opted_in, items, mailoutbox):
    client.force_login(opted_in)
    answer(client, items, [1] * 6)
    assert mailoutbox == []


def test_the_note_adds_no_query_to_the_history_page(client, opted_in, items):
    client.force_login(opted_in)
    answer(client, items, [7] * 6)
    before = count_queries(client, "/check-in/history/")
    answer(client, items, [1] * 6)
    client.get("/check-in/history/")
    assert count_queries(client, "/check-in/history/") == before
