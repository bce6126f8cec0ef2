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
    # Opening it is told apart from the claim that acknowledged it.
    assert "Opened first by <strong>Robin</strong> at 02:14 — that's you." in html
    # One box for why Robin takes it over: the decision form's.
    assert html.count("<textarea") == html.count('name="take_over"') + 2  # + reason, body
    assert "Why you&#x27;re taking it over from Mara" in html
    assert "Take it over without deciding" in html and 'href="#take-over"' in html
    assert take_over_url(urgent) not in html
    assert (
        "Mara <span class='claimed-since'>since 02:14</span>"
        '<div class="opened"><strong>Opened by:</strong> Robin at 02:14</div>'
    ) in queue

    # Robin claiming too is refused, kindly: it stays Mara's. (On the same frozen
    # clock: on another day the message names the day rather than the time.)
    with mock.patch("django.utils.timezone.now", return_value=AT_0214):
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
    assert urgent.opened_at is None, "nor opening it"

    client.get(change_url(urgent))
    signed_in(client, robin).get(change_url(urgent))
    urgent.refresh_from_db()
    assert urgent.acknowledged_by == moderator, "the first who opened it"
    assert urgent.events.filter(kind=ItemEventKind.ACKNOWLEDGED).count() == 1
    assert urgent.opened_by == moderator, "the first who opened it, kept"


NOT_OPENED = '<div class="opened opened--not-yet"><strong>Opened by:</strong> nobody yet</div>'


@pytest.mark.django_db
def test_the_queue_names_acknowledgement_apart_from_the_claim(client, moderator, robin, flagged):
    """ "Not opened yet" beside the Claim button read as a claim; acknowledgement is about
    the people on call being e-mailed, so the cell names it, on a line of its own — for a
    claimed item that became urgent too."""
    claims.claim(flagged, by=robin)
    signed_in(client, moderator)
    assert "Opened by:" not in page(client.get(QUEUE)), "not urgent: nothing to acknowledge"
    ReviewItem.objects.filter(pk=flagged.pk).update(priority=Priority.URGENT)
    queue = page(client.get(QUEUE))
    assert "Not opened yet" not in queue
    since = claims.since(flagged.claimed_at)
    assert f"Robin <span class='claimed-since'>since {since}</span>{NOT_OPENED}" in queue


@pytest.mark.django_db
def test_an_unclaimed_urgent_item_shows_the_claim_button_and_its_acknowledgement_apart(
    client, moderator, urgent
):
    queue = page(signed_in(client, moderator).get(QUEUE))
    assert f'aria-label="Claim item {urgent.pk}">Claim</button>{NOT_OPENED}' in queue


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


# --- Who opened it, apart from who claimed it ------------------------------------------------


def _queue_cell(html: str, item) -> str:
    """The text of an item's "claimed by" cell in the queue."""
    import re

    row = re.search(
        rf"<tr[^>]*>(?:(?!</tr>).)*?/admin/moderation/reviewitem/{item.pk}/change/.*?</tr>",
        html,
        re.S,
    )
    assert row, f"no row for item {item.pk}"
    cell = re.search(r'<td[^>]* class="field-claimed"[^>]*>(.*?)</td>', row.group(0), re.S)
    assert cell
    return " ".join(re.sub(r"<[^>]+>", " ", cell.group(1)).split())


@pytest.mark.django_db
def test_claiming_from_the_queue_stops_the_paging_but_nobody_has_opened_it_yet(
    client, moderator, robin, urgent
):
    """A stranger's shift: Priya claimed from the list and "Opened by: nobody yet" went,
    so it read like an item someone had read. Claiming takes responsibility (the on-call
    e-mails stop); the queue still says nobody has opened it, until someone does."""
    with mock.patch("django.utils.timezone.now", return_value=AT_0214):
        signed_in(client, moderator).post(claim_url(urgent), {"from": "queue"})
        queue = page(client.get(QUEUE))
    urgent.refresh_from_db()
    assert urgent.acknowledged_by == moderator, "claiming still acknowledges: no more pages"
    assert urgent.opened_at is None
    assert _queue_cell(queue, urgent) == "Mara since 02:14 Opened by: nobody yet"

    later = AT_0214.replace(minute=20)
    with mock.patch("django.utils.timezone.now", return_value=later):
        html = page(signed_in(client, robin).get(change_url(urgent)))
        queue = page(client.get(QUEUE))
    assert _queue_cell(queue, urgent) == "Mara since 02:14 Opened by: Robin at 02:20"
    assert "Opened first by <strong>Robin</strong> at 02:20 — that's you." in html
    urgent.refresh_from_db()
    assert (urgent.opened_by, urgent.opened_at) == (robin, later)
    # Acknowledged once, by the claim: opening it later doesn't write it again.
    assert urgent.events.filter(kind=ItemEventKind.ACKNOWLEDGED).count() == 1
    with mock.patch("django.utils.timezone.now", return_value=later):
        mine = page(signed_in(client, moderator).get(change_url(urgent)))
    assert "Opened first by <strong>Robin</strong> at 02:20." in mine


@pytest.mark.django_db
def test_an_urgent_item_opened_but_not_claimed_says_who_opened_it(client, moderator, robin, urgent):
    """Opened without claiming used to show only "Claim", like a non-urgent item."""
    with mock.patch("django.utils.timezone.now", return_value=AT_0214):
        signed_in(client, robin).get(change_url(urgent))
        signed_in(client, moderator).get(change_url(urgent))  # second: not the first
        queue = page(client.get(QUEUE))
    assert _queue_cell(queue, urgent) == "Claim Opened by: Robin at 02:14"
    urgent.refresh_from_db()
    assert urgent.opened_by == robin and urgent.acknowledged_by == robin


@pytest.mark.django_db
def test_opened_is_recorded_only_for_an_open_urgent_item_by_who_works_the_queue(
    client, moderator, urgent, flagged
):
    signed_in(client, moderator).get(change_url(flagged))
    flagged.refresh_from_db()
    assert flagged.opened_at is None, "not urgent"
    helper = give_two_step_sign_in(make_member("Helper", is_staff=True))
    assert signed_in(client, helper).get(change_url(urgent)).status_code == 403
    urgent.refresh_from_db()
    assert urgent.opened_at is None, "no queue permission"
    signed_in(client, moderator).post(change_url(urgent), {"decision": "approve"})
    urgent.refresh_from_db()
    assert urgent.opened_at is None, "a decision posted isn't the page opened"
    assert "Opened by: nobody" in _queue_cell(page(client.get(QUEUE + "?state=resolved")), urgent)


@pytest.mark.django_db
def test_who_first_opened_comes_from_the_history_for_items_acknowledged_before(
    moderator, robin, urgent, flagged
):
    """The migration: an item acknowledged by opening it was opened then, by them."""
    import importlib

    from django.apps import apps

    fill = importlib.import_module("moderation.migrations.0016_review_item_opened").fill
    claims.acknowledge(urgent, by=robin, how=claims.OPENED)
    other = ReviewItem.objects.get(pk=flagged.pk)
    ReviewItem.objects.filter(pk=other.pk).update(priority=Priority.URGENT)
    other.refresh_from_db()
    claims.claim(other, by=moderator)  # acknowledged by claiming: nobody opened it
    ReviewItem.objects.update(opened_by=None, opened_at=None)

    fill(apps, None)

    urgent.refresh_from_db()
    other.refresh_from_db()
    assert (urgent.opened_by, urgent.opened_at) == (robin, urgent.acknowledged_at)
    assert other.opened_at is None


# --- One box for why you take it over ---------------------------------------------------------


@pytest.fixture
def held(client, moderator, robin, flagged):
    """Mara's item, and Robin about to take it over."""
    claims.claim(flagged, by=moderator)
    signed_in(client, robin)
    return flagged


@pytest.mark.django_db
def test_an_item_someone_else_holds_has_one_box_for_why(client, held):
    html = page(client.get(change_url(held)))
    assert html.count("taking it over") == 1  # the box's label
    assert html.count('name="take_over"') == 1 and 'name="reason" rows="2"' not in html
    assert 'id="take-over"' in html and 'href="#take-over"' in html
    assert take_over_url(held) not in html


@pytest.mark.django_db
def test_the_reason_typed_for_the_take_over_goes_with_the_decision(client, robin, held):
    """The stranger typed the reason in the top box, then decided: it was lost. Now the
    one box is the decision's, and a decision that can't be made yet keeps it."""
    typed = {
        "take_over": "Mara's shift ended.",
        "sanctions": ["warn"],
        "reason": "",  # missing: nothing is decided
        "then": "stay",
    }
    html = page(client.post(change_url(held), typed))
    assert "Nothing was decided yet" in html
    assert ">\nMara&#x27;s shift ended.</textarea>" in html
    held.refresh_from_db()
    assert held.claimed_by.profile.display_name == "Mara"

    typed["reason"] = "Guideline 2: disagree kindly."
    assert client.post(change_url(held), typed).status_code == 302
    held.refresh_from_db()
    assert held.claimed_by == robin
    assert held.events.get(kind=ItemEventKind.TAKEN_OVER).reason == "Mara's shift ended."


@pytest.mark.django_db
def test_take_it_over_without_deciding_keeps_what_was_typed(client, robin, held):
    typed = {
        "take_over": "Mara's shift ended.",
        "decision": "hide",
        "reason": "Guideline 2: disagree kindly.",
        "then": "take_over",
    }
    response = client.post(change_url(held), typed)
    assert response.status_code == 200
    html = page(response)
    held.refresh_from_db()
    assert held.claimed_by == robin and held.state == "open", "taken over, nothing decided"
    assert held.events.get(kind=ItemEventKind.TAKEN_OVER).reason == "Mara's shift ended."
    assert "You&#x27;ve taken it over from Mara" in html
    assert "Nothing is decided yet: what you chose and wrote below is still here" in html
    assert ">\nGuideline 2: disagree kindly.</textarea>" in html
    assert 'value="hide" checked' in html or 'value="hide" id="id_decision_2" checked' in html
    assert 'name="take_over"' not in html, "it's Robin's now: nothing to take over"


@pytest.mark.django_db
def test_take_it_over_without_deciding_needs_the_reason_and_keeps_the_rest(client, held):
    typed = {"take_over": " ", "reason": "Guideline 2.", "then": "take_over"}
    html = page(client.post(change_url(held), typed))
    assert "Please say why you&#x27;re taking it over: Mara will see your reason" in html
    assert ">\nGuideline 2.</textarea>" in html
    assert "Please choose at least one decision" not in html, "only the take-over was asked"
    held.refresh_from_db()
    assert held.claimed_by.profile.display_name == "Mara"
    assert not held.events.filter(kind=ItemEventKind.TAKEN_OVER).exists()


@pytest.mark.django_db
def test_take_it_over_with_nothing_else_typed_comes_back_to_the_item(client, robin, held):
    response = client.post(change_url(held), {"take_over": "Shift change.", "then": "take_over"})
    assert response.status_code == 302 and response["Location"] == change_url(held)
    held.refresh_from_db()
    assert held.claimed_by == robin


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
