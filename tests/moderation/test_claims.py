"""Claiming a review item: who has it and since when, taking it over with a reason, the
queue's "claimed by" column, and what counts as acknowledging an urgent item."""

from __future__ import annotations

from datetime import UTC, datetime
from unittest import mock

import pytest
from django.contrib.auth.models import Group

from forums import actions as forum_actions
from moderation import actions, claims
from moderation.models import (
    AuditAction,
    AuditEntry,
    ItemEventKind,
    Priority,
    ReviewItem,
)
from moderation.roles import MODERATORS
from tests.conftest import count_queries, page
from tests.factories import give_two_step_sign_in, make_member, make_staff_member

QUEUE = "/admin/moderation/reviewitem/"
WORDS = "Nobody would notice if I disappeared tonight"
AT_0214 = datetime(2026, 12, 7, 2, 14, tzinfo=UTC)


def change_url(item) -> str:
    return f"{QUEUE}{item.pk}/change/"


def claim_url(item) -> str:
    return f"{QUEUE}{item.pk}/claim/"


def take_over_url(item) -> str:
    return f"{QUEUE}{item.pk}/take-over/"


@pytest.fixture
def urgent(thread, bob, alice):
    reply = forum_actions.post_reply(thread=thread, author=bob, body=WORDS)
    actions.flag_post(post=reply, member=alice, reason="safety", note="I'm worried about Bob.")
    return ReviewItem.objects.get(post=reply)


@pytest.fixture
def flagged(thread, bob, alice):
    reply = forum_actions.post_reply(thread=thread, author=bob, body="You're overreacting.")
    actions.flag_post(post=reply, member=alice, reason="unkind")
    return ReviewItem.objects.get(post=reply)


@pytest.fixture
def robin(db):
    return make_staff_member("Robin", MODERATORS)


def signed_in(client, user):
    client.force_login(user)
    return client


# --- Who may claim ------------------------------------------------------------------------


@pytest.mark.django_db
def test_visitors_and_members_are_sent_to_sign_in_and_nothing_is_claimed(client, alice, urgent):
    for url in (claim_url(urgent), take_over_url(urgent)):
        response = client.post(url, {"reason": "mine now"})
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    signed_in(client, alice)
    for url in (claim_url(urgent), take_over_url(urgent)):
        response = client.post(url, {"reason": "mine now"})
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    urgent.refresh_from_db()
    assert urgent.claimed_by is None and urgent.acknowledged_at is None
    assert not urgent.events.exists()


@pytest.mark.django_db
def test_staff_without_the_queue_permission_cannot_claim(client, urgent):
    helper = give_two_step_sign_in(make_member("Helper", is_staff=True))
    signed_in(client, helper)
    assert client.post(claim_url(urgent)).status_code == 403
    assert client.post(take_over_url(urgent), {"reason": "x"}).status_code == 403
    urgent.refresh_from_db()
    assert urgent.claimed_by is None and urgent.acknowledged_at is None


@pytest.mark.django_db
def test_claiming_is_a_post_never_a_link(client, moderator, flagged):
    signed_in(client, moderator)
    assert client.get(claim_url(flagged)).status_code == 405
    assert client.get(take_over_url(flagged)).status_code == 405
    flagged.refresh_from_db()
    assert flagged.claimed_by is None


# --- Claiming and taking over -------------------------------------------------------------


@pytest.mark.django_db
def test_a_moderator_claims_and_others_see_who_and_since_when(client, moderator, robin, urgent):
    with mock.patch("django.utils.timezone.now", return_value=AT_0214):
        response = signed_in(client, moderator).post(claim_url(urgent))
    assert response["Location"] == change_url(urgent)
    urgent.refresh_from_db()
    assert urgent.claimed_by == moderator and urgent.claimed_at == AT_0214
    # Claiming an urgent item acknowledges it, too.
    assert urgent.acknowledged_by == moderator and urgent.acknowledged_at == AT_0214
    assert list(urgent.events.values_list("kind", flat=True)) == [
        ItemEventKind.CLAIMED,
        ItemEventKind.ACKNOWLEDGED,
    ]
    assert set(AuditEntry.objects.values_list("action", flat=True)) >= {
        AuditAction.CLAIM,
        AuditAction.ACKNOWLEDGE,
    }

    with mock.patch("django.utils.timezone.now", return_value=AT_0214):
        html = page(signed_in(client, robin).get(change_url(urgent)))
        queue = page(client.get(QUEUE))
    assert "Claimed by <strong>Mara</strong> since 02:14." in html
    assert "Acknowledged by <strong>Mara</strong> at 02:14, by claiming it." in html
    assert "Why you're taking it over" in html and "Take it over" in html
    assert "Mara <span class='claimed-since'>since 02:14</span>" in queue

    # Robin claiming too is refused, kindly: it stays Mara's.
    response = client.post(claim_url(urgent), follow=True)
    assert "Mara has claimed this item since 02:14" in page(response)
    urgent.refresh_from_db()
    assert urgent.claimed_by == moderator


@pytest.mark.django_db
def test_taking_over_needs_a_reason_which_goes_in_the_history(client, moderator, robin, flagged):
    actions_claim = signed_in(client, moderator).post(claim_url(flagged))
    assert actions_claim.status_code == 302
    signed_in(client, robin)

    response = client.post(take_over_url(flagged), {"reason": "  "}, follow=True)
    assert "Please say why you&#x27;re taking it over: Mara will see" in page(response)
    flagged.refresh_from_db()
    assert flagged.claimed_by == moderator

    response = client.post(take_over_url(flagged), {"reason": "Mara's shift has ended."})
    assert response["Location"] == change_url(flagged)
    flagged.refresh_from_db()
    assert flagged.claimed_by == robin
    html = page(signed_in(client, moderator).get(change_url(flagged)))
    assert "Claimed by <strong>Robin</strong> since" in html
    assert (
        "Taken over by <strong>Robin</strong> from Mara. Why: Mara&#x27;s shift has ended." in html
    )
    entry = AuditEntry.objects.get(action=AuditAction.TAKE_OVER)
    assert (entry.actor, entry.reason, entry.detail) == (
        robin,
        "Mara's shift has ended.",
        "From Mara",
    )


@pytest.mark.django_db
def test_a_take_over_reason_with_crisis_language_stays_folded(client, moderator, robin, flagged):
    signed_in(client, moderator).post(claim_url(flagged))
    signed_in(client, robin).post(take_over_url(flagged), {"reason": "They said: " + WORDS})
    html = page(client.get(change_url(flagged)))
    history = html[html.index('id="history-heading"') :]
    assert "This reason may be distressing (crisis language)" in history


@pytest.mark.django_db
def test_a_resolved_item_cannot_be_claimed(client, moderator, flagged):
    actions.approve(flagged, by=moderator)
    response = signed_in(client, moderator).post(claim_url(flagged), follow=True)
    assert "already resolved" in page(response)
    flagged.refresh_from_db()
    assert flagged.claimed_by is None


@pytest.mark.django_db
def test_claiming_from_the_queue_comes_back_to_the_queue(client, moderator, flagged):
    signed_in(client, moderator)
    queue = page(client.get(QUEUE))
    assert f'formaction="{claim_url(flagged)}"' in queue and 'value="queue"' in queue
    response = client.post(claim_url(flagged), {"from": "queue"})
    assert response["Location"] == QUEUE
    flagged.refresh_from_db()
    assert flagged.claimed_by == moderator
    # Not urgent: nothing to acknowledge.
    assert flagged.acknowledged_at is None


# --- Acknowledgement ------------------------------------------------------------------------


@pytest.mark.django_db
def test_opening_an_urgent_item_acknowledges_it_once(client, moderator, robin, urgent):
    queue = page(signed_in(client, moderator).get(QUEUE))
    assert "<strong>Opened by:</strong> nobody yet" in queue
    urgent.refresh_from_db()
    assert urgent.acknowledged_at is None, "looking at the queue is not acknowledging"

    client.get(change_url(urgent))
    signed_in(client, robin).get(change_url(urgent))
    urgent.refresh_from_db()
    assert urgent.acknowledged_by == moderator, "the first who opened it"
    assert urgent.events.filter(kind=ItemEventKind.ACKNOWLEDGED).count() == 1


ACK_PART = '<div class="unacknowledged"><strong>Opened by:</strong> nobody yet</div>'


@pytest.mark.django_db
def test_the_queue_names_acknowledgement_apart_from_the_claim(client, moderator, robin, flagged):
    """ "Not opened yet" beside the Claim button read as a claim; acknowledgement is about
    the people on call being e-mailed, so the cell names it, on a line of its own — for a
    claimed item that became urgent too."""
    claims.claim(flagged, by=robin)
    signed_in(client, moderator)
    assert ACK_PART not in page(client.get(QUEUE)), "not urgent: nothing to acknowledge"
    ReviewItem.objects.filter(pk=flagged.pk).update(priority=Priority.URGENT)
    queue = page(client.get(QUEUE))
    assert "Not opened yet" not in queue
    since = claims.since(flagged.claimed_at)
    assert f"Robin <span class='claimed-since'>since {since}</span>{ACK_PART}" in queue


@pytest.mark.django_db
def test_an_unclaimed_urgent_item_shows_the_claim_button_and_its_acknowledgement_apart(
    client, moderator, urgent
):
    queue = page(signed_in(client, moderator).get(QUEUE))
    assert f'aria-label="Claim item {urgent.pk}">Claim</button>{ACK_PART}' in queue


@pytest.mark.django_db
def test_opening_a_flagged_item_acknowledges_nothing(client, moderator, flagged):
    html = page(signed_in(client, moderator).get(change_url(flagged)))
    flagged.refresh_from_db()
    assert flagged.acknowledged_at is None
    assert "Acknowledged" not in html and "Nobody has claimed it yet." in html


@pytest.mark.django_db
def test_from_the_on_call_email_to_a_claimed_acknowledged_item_in_two_clicks(
    client, moderator, thread, bob, mailoutbox, django_capture_on_commit_callbacks
):
    """Counted, as the closing note reports: a signed-in moderator (1) clicks the
    e-mail's link — opening acknowledges — then (2) "Claim this item". Signed out, the
    admin's sign-in (and its second step) come between, then lead straight back."""
    from django.conf import settings

    from tests.factories import set_moderation

    set_moderation(oncall_emails="oncall@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        forum_actions.post_reply(thread=thread, author=bob, body="I can't go on anymore.")
    [mail] = mailoutbox
    link = next(line for line in mail.body.splitlines() if line.startswith("http"))
    path = link.removeprefix(settings.BOOMITY_SITE_URL)

    signed_out = client.get(path)
    assert signed_out["Location"].startswith("/admin/login/?next=" + path)

    signed_in(client, moderator)
    opened = page(client.get(path))  # click 1: the e-mail's link
    assert "Acknowledged by <strong>Mara</strong>" in opened
    assert 'action="/admin/moderation/reviewitem/' in opened and "Claim this item" in opened
    claimed = page(client.post(path.replace("/change/", "/claim/"), follow=True))  # click 2
    assert "Claimed by <strong>Mara</strong> since" in claimed and "that's you" in claimed


# --- The queue's column costs nothing per row -----------------------------------------------


@pytest.mark.django_db
def test_claimed_by_column_query_count_is_flat_from_3_to_30_items(client, moderator, thread, bob):
    """Guards the N+1 of each row's claimer and their display name (profile)."""
    group = Group.objects.get(name=MODERATORS)
    claimers = [make_staff_member(f"Mod {n}", MODERATORS, two_step=False) for n in range(3)]
    assert all(group in c.groups.all() for c in claimers)

    def add_items(count: int) -> None:
        for n in range(count):
            post = forum_actions.post_reply(thread=thread, author=bob, body=f"reply {n}")
            item = actions.open_review(post, priority=Priority.FLAGGED, reasons=["Flagged: Unkind"])
            if n % 2 == 0:
                claims.claim(item, by=claimers[n % 3])

    add_items(3)
    signed_in(client, moderator)
    few = count_queries(client, QUEUE)
    add_items(27)
    many = count_queries(client, QUEUE)
    assert page(client.get(QUEUE)).count("claimed-since") >= 15
    assert many == few, (few, many)


@pytest.mark.django_db
def test_a_take_over_reason_is_shown_as_text_never_markup(client, moderator, robin, flagged):
    signed_in(client, moderator).post(claim_url(flagged))
    signed_in(client, robin).post(take_over_url(flagged), {"reason": "<script>alert(1)</script>"})
    html = page(client.get(change_url(flagged)))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
