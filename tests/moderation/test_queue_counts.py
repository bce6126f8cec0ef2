"""How many items wait, where moderators look: the admin's home, the header of every
admin page, and (urgent only) the member-facing header — for moderators only, from one
aggregate query per request. The members' answers waiting for the team, too."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from moderation import actions
from moderation.models import Priority
from tests.conftest import page
from tests.factories import make_member

QUEUE = "/admin/moderation/reviewitem/"
NAV = re.compile(r'<nav class="queue-counts".*?</nav>', re.S)


@pytest.fixture
def waiting(thread, bob, alice):
    """Two urgent items, one flagged, three held (and one resolved, which doesn't wait)."""
    from forums import actions as forum_actions

    def item(priority, **extra):
        post = forum_actions.post_reply(thread=thread, author=bob, body="words")
        return actions.open_review(post, priority=priority, reasons=["Why"], **extra)

    items = [item(Priority.URGENT), item(Priority.URGENT), item(Priority.FLAGGED)]
    items += [item(Priority.HELD, held=True) for _ in range(3)]
    actions.approve(item(Priority.URGENT), by=alice)
    return items


def _counts_in(html: str) -> dict[str, tuple[int, str]]:
    """{kind: (count, link)} from the admin header's counts."""
    nav = NAV.search(html)
    assert nav, "no counts in the header"
    found = re.findall(r'href="([^"]+)">(\d+) ([a-z ]+)</a>', nav.group(0))
    return {label: (int(count), href.replace("&amp;", "&")) for href, count, label in found}


@pytest.mark.django_db
def test_the_admin_home_shows_what_waits_by_kind_each_linked_to_its_queue(
    client, moderator, waiting
):
    client.force_login(moderator)
    html = page(client.get("/admin/"))
    assert "Waiting for the team" in html
    for count, label in [(2, "urgent"), (1, "flagged"), (3, "held for review")]:
        assert re.search(rf"<strong>{count}</strong> {label}</a>", html), label
    counts = _counts_in(html)
    assert {k: c for k, (c, _) in counts.items()} == {
        "urgent": 2,
        "flagged": 1,
        "held for review": 3,
        "answers from members": 0,
    }
    # Each link opens the queue with only that kind in it.
    for label, priority in [("urgent", 0), ("flagged", 1), ("held for review", 2)]:
        queue = page(client.get(counts[label][1]))
        shown = re.findall(r'<strong class="queue-(\d)">', queue)
        assert shown and set(shown) == {str(priority)}, label


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        QUEUE,
        "/admin/moderation/sanction/",
        "/admin/moderation/auditentry/",
        "/admin/forums/thread/",
        "/admin/moderation/crisisphrase/",
    ],
)
def test_every_admin_page_has_the_counts_in_its_header(client, moderator, waiting, url):
    client.force_login(moderator)
    counts = _counts_in(page(client.get(url)))
    assert counts["urgent"][0] == 2 and counts["held for review"][0] == 3


@pytest.mark.django_db
def test_the_counts_are_one_query_asked_once_per_page(client, moderator, waiting):
    """The home shows them twice (header and body): one aggregate query for both."""
    client.force_login(moderator)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/admin/")
    counting = [q["sql"] for q in ctx if "moderation_reviewitem" in q["sql"]]
    assert len(counting) == 1, counting
    assert "COUNT(" in counting[0].upper()


@pytest.mark.django_db
def test_moderators_see_the_urgent_count_in_the_members_header(client, moderator, waiting):
    client.force_login(moderator)
    html = page(client.get("/"))
    link = re.search(
        r'<a class="queue-link[^"]*" href="([^"]+)">(\d+) urgent in the queue</a>', html
    )
    assert link and link.group(2) == "2"
    assert link.group(1) == f"{QUEUE}?priority__exact=0"
    # Only the urgent count is shown there: the members' answers aren't counted.
    with CaptureQueriesContext(connection) as ctx:
        client.get("/")
    assert not [q for q in ctx if "members_conversation" in q["sql"]]


@pytest.mark.django_db
def test_members_and_visitors_never_see_the_count_nor_pay_for_it(client, waiting):
    member = make_member("Pat")
    for who in (None, member):
        if who is not None:
            client.force_login(who)
        client.get("/")
        with CaptureQueriesContext(connection) as ctx:
            html = page(client.get("/"))
        assert "urgent in the queue" not in html and "queue-link" not in html
        assert not [q for q in ctx if "moderation_reviewitem" in q["sql"]]
        assert not [q for q in ctx if "members_conversation" in q["sql"]]
        assert not [q for q in ctx if "auth_permission" in q["sql"]]


@pytest.mark.django_db
def test_a_staff_account_without_the_queue_sees_no_count(client, waiting):
    """is_staff alone isn't working the queue: the count goes with the permission."""
    someone = make_member("Ari", is_staff=True)
    client.force_login(someone)
    assert "urgent in the queue" not in page(client.get("/"))


@pytest.mark.django_db
def test_with_nothing_waiting_the_home_says_so(client, moderator):
    client.force_login(moderator)
    html = page(client.get("/admin/"))
    assert "Nothing waits right now." in html
    assert _counts_in(html)["urgent"][0] == 0


@pytest.fixture
def answers(moderator, alice):
    """Three conversations with the team: Alice answered in two, the team wrote last in
    one."""
    from members import conversations

    started = [
        actions.write_to_member(alice, by=moderator, subject=f"Checking in {n}", body="Hello.")
        for n in range(3)
    ]
    for message in started[:2]:
        conversations.write_as_member(message.conversation, member=alice, body="Thank you.")
    return started


@pytest.mark.django_db
def test_members_answers_waiting_for_the_team_are_counted_where_moderators_look(
    client, moderator, answers
):
    """A member's answer showed only in Conversations: the header and the home now count
    it, linked to the conversations where the member wrote last."""
    client.force_login(moderator)
    for url in ("/admin/", QUEUE, "/admin/moderation/auditentry/"):
        count, link = _counts_in(page(client.get(url)))["answers from members"]
        assert count == 2, url
    assert link == "/admin/members/conversation/?waiting=team"
    home = page(client.get("/admin/"))
    assert re.search(r"<strong>2</strong> answers from members</a>", home)
    listed = page(client.get(link))
    assert "Checking in 0" in listed and "Checking in 1" in listed
    assert "Checking in 2" not in listed, "the team wrote last there"
    # Once the team answers, it no longer waits.
    actions.write_as_team(answers[0].conversation, by=moderator, body="Glad to hear it.")
    assert _counts_in(page(client.get("/admin/")))["answer from a member"][0] == 1


@pytest.mark.django_db
def test_with_only_an_answer_waiting_the_home_lists_it(client, moderator, answers):
    client.force_login(moderator)
    html = page(client.get("/admin/"))
    assert "Nothing waits right now." not in html
    assert re.search(r"<strong>0</strong> urgent</a>", html)
