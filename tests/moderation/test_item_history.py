"""An item's one history, "What happened to it" (moderation/admin/history.py): every
decision on it with who and when, each escalation and whom it e-mailed, messages
written to the member from it, claims, take-overs, acknowledgement, pages — and a
"last decision" note while it stays open."""

from __future__ import annotations

import pytest

from forums import actions as forum_actions
from moderation import actions, claims
from moderation.admin import history
from moderation.models import (
    AuditEntry,
    EscalationContact,
    ItemEventKind,
    ReviewItem,
    ReviewItemEvent,
    Sanction,
)
from moderation.roles import MODERATORS
from tests.conftest import count_queries, page
from tests.factories import make_member, make_staff_member

QUEUE = "/admin/moderation/reviewitem/"
REPLY_BODY = "You are overreacting and honestly nobody here cares about it."
REASON = "Guideline 1: repeated posts after a warning."


def change(item) -> str:
    return f"{QUEUE}{item.pk}/change/"


def history_of(html: str) -> str:
    start = html.index('id="history-heading"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def item(reply):
    actions.flag_post(post=reply, member=make_member("Kit"), reason="unkind")
    return reply.review_items.get()


@pytest.mark.django_db
def test_warn_and_silence_leave_a_trace_on_the_item(client, moderator, item):
    client.force_login(moderator)
    client.post(change(item), {"sanctions": ["warn", "silence"], "reason": REASON})
    lines = history_of(page(client.get(change(item))))
    warned = AuditEntry.objects.get(action="warn")
    silence = Sanction.objects.get(kind="silence")
    assert "<strong>Warned</strong> by Mara." in lines
    assert f"<strong>Silenced (until {silence.ends_at:%-d %b %Y, %H:%M})</strong> by Mara." in lines
    assert f"{warned.created_at:%-d %b %Y, %H:%M}" in lines
    # A plain reason reads at a glance.
    assert f"Why: {REASON}" in lines


@pytest.mark.django_db
def test_every_decision_escalation_message_and_claim_in_time_order(client, moderator, item, bob):
    robin = make_staff_member("Robin", MODERATORS)
    EscalationContact.objects.create(name="Dr Ana Ruiz", role="Clinical lead", email="a@x.org")
    claims.claim(item, by=moderator)
    actions.write_to_member(bob, by=moderator, subject="Checking in", body="Hi Bob.", item=item)
    actions.escalate(item, by=moderator, reason="Please call them.")
    claims.take_over(item, by=robin, reason="Mara's shift ended.")
    actions.decide_case(item, actions.CaseDecision(post="hide", reason=REASON), by=robin)
    client.force_login(robin)
    lines = history_of(page(client.get(change(item))))
    said = [
        "Claimed by <strong>Mara</strong>.",
        "<strong>Mara</strong> wrote to the member as the moderation team",
        "<strong>Escalated to staff</strong> by Mara:",
        "Dr Ana Ruiz (Clinical lead)",
        "Why: Please call them.",
        "Taken over by <strong>Robin</strong> from Mara.",
        "<strong>Hidden</strong> by Robin.",
    ]
    where = [lines.index(text) for text in said]
    assert where == sorted(where)
    assert "read the conversation" in lines
    # Told once each: the claim's own audit row isn't a second line.
    assert lines.count("Claimed by") == 1
    # A line with no reason says nothing of one (found on a walk: "Why: -").
    assert "Why: -" not in lines


@pytest.mark.django_db
def test_a_reason_that_may_distress_is_folded_in_the_history(client, moderator, thread, bob):
    words = "I want to end my life tonight and I am so tired"
    reply = forum_actions.post_reply(thread=thread, author=bob, body=words)
    item = ReviewItem.objects.filter(post=reply).latest("created_at")
    actions.decide_case(
        item,
        actions.CaseDecision(sanctions=("warn",), reason=f"They wrote “{words}”."),
        by=moderator,
    )
    actions.decide_case(item, actions.CaseDecision(post="approve", reason=REASON), by=moderator)
    client.force_login(moderator)
    lines = history_of(page(client.get(change(item))))
    assert "<strong>Warned</strong> by Mara." in lines
    assert "end my life" not in lines.split("<details")[0]
    assert f"Why: {REASON}" in lines  # plain, though the post is distressing


@pytest.mark.django_db
def test_the_item_page_says_what_was_already_done_while_it_stays_open(client, moderator, item):
    client.force_login(moderator)
    assert "still open" not in page(client.get(change(item)))
    client.post(change(item), {"sanctions": ["warn"], "reason": REASON, "then": "stay"})
    html = page(client.get(change(item)))
    at = claims.since(AuditEntry.objects.get(action="warn").created_at)
    assert f'<p class="last-decision"><strong>Warned {at} by Mara — still open</strong>' in html
    client.post(change(item), {"decision": "approve", "reason": ""})
    assert "still open" not in page(client.get(change(item)))


@pytest.mark.django_db
def test_the_last_decision_for_a_list_of_items_is_one_query(django_assert_num_queries, moderator):
    board_thread = None
    for n in range(3):
        author = make_member(f"Author {n}")
        if board_thread is None:
            from tests.factories import make_board, make_thread

            board_thread = make_thread(make_board("b"), author, title="A thread", body="Hello")
        post = forum_actions.post_reply(thread=board_thread, author=author, body=f"Reply {n}")
        actions.flag_post(post=post, member=make_member(f"Flagger {n}"), reason="unkind")
        item = post.review_items.get()
        if n:
            actions.decide_case(
                item, actions.CaseDecision(sanctions=("warn",), reason=REASON), by=moderator
            )
    with django_assert_num_queries(1):
        notes = [
            history.last_decision(i)
            for i in history.with_last_decision(ReviewItem.objects.order_by("pk"))
        ]
    assert notes[0] == ""
    assert notes[1].startswith("Warned ") and notes[1].endswith(" by Mara — still open")


@pytest.mark.django_db
def test_the_item_page_asks_as_much_with_2_or_12_lines_of_history(client, moderator, item, bob):
    client.force_login(moderator)
    # One line of each kind that loads what it tells (a silence's end, a message's
    # conversation), then ten more.
    actions.silence(bob, by=moderator, reason=REASON, period="24h", post=item.post, item=item)
    actions.write_to_member(bob, by=moderator, subject="Hello", body="Hi.", item=item)
    few = count_queries(client, change(item))
    robin = make_staff_member("Robin", MODERATORS)
    for n in range(3):
        actions.warn(bob, by=moderator, reason=f"{REASON} {n}", post=item.post, item=item)
        actions.silence(bob, by=moderator, reason=REASON, period="24h", item=item)
        ReviewItemEvent.objects.create(
            item=item, kind=ItemEventKind.PAGED, number=n + 1, detail="to the on-call list"
        )
    actions.write_to_member(bob, by=moderator, subject="Checking in", body="Hi.", item=item)
    claims.take_over(item, by=robin, reason="Shift change.")
    assert page(client.get(change(item))).count("<li>\n      <time") >= 12
    assert count_queries(client, change(item)) == few


@pytest.mark.django_db
def test_the_queue_says_what_was_already_done_to_an_open_item(client, moderator, item, bob):
    """The priority cell says it, from the list's own query (no query per row: the queue's
    query-count test in test_queue_counts.py holds that flat)."""
    client.force_login(moderator)
    assert "still open" not in page(client.get(QUEUE))
    actions.decide_case(
        item, actions.CaseDecision(sanctions=("warn",), reason=REASON), by=moderator
    )
    at = claims.since(AuditEntry.objects.get(action="warn").created_at)
    queue = page(client.get(QUEUE))
    assert f'<span class="queue-state queue-done">Warned {at} by Mara — still open</span>' in queue


@pytest.mark.django_db
def test_an_item_about_a_message_has_the_same_history(client, moderator, alice):
    from tests.moderation.test_team_messages import CRISIS_REPLY, start, write_as_member

    message, _ = write_as_member(start(alice, moderator), member=alice, body=CRISIS_REPLY)
    item = ReviewItem.objects.get(message=message)
    client.force_login(moderator)
    client.post(change(item), {"decision": "escalate", "reason": "Please call her."})
    client.post(change(item), {"decision": "close", "reason": "Wrote back; she's safe."})
    html = page(client.get(change(item)))
    lines = history_of(html)
    said = [
        "<strong>Escalated to staff</strong> by Mara: nobody was e-mailed",
        "Why: Please call her.",
        "<strong>Closed</strong> by Mara.",
        "Why: Wrote back; she&#x27;s safe.",
    ]
    where = [lines.index(text) for text in said]
    assert where == sorted(where)
