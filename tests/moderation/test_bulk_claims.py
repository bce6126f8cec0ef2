"""Bulk decisions in the review queue (approve, hide, dismiss) behave as the item's page
does: deciding claims an item nobody has, and an item another moderator has claimed is
left alone, with a message that says how many were decided, which were left and who has
them."""

from __future__ import annotations

import pytest

from forums import actions as forum_actions
from forums.models import PostStatus
from moderation import actions, claims
from moderation.models import AuditEntry, ItemEventKind, Priority, ReviewItem, ReviewState
from moderation.roles import MODERATORS
from tests.conftest import page
from tests.factories import make_staff_member

QUEUE = "/admin/moderation/reviewitem/"


@pytest.fixture
def robin(db):
    return make_staff_member("Robin", MODERATORS)


@pytest.fixture
def items(thread, bob):
    return [
        actions.open_review(
            forum_actions.post_reply(thread=thread, author=bob, body=f"Reply {i}"),
            priority=Priority.FLAGGED,
            reasons=["Flagged: Unkind"],
        )
        for i in range(3)
    ]


def _bulk(client, action: str, items, **extra):
    return client.post(
        QUEUE,
        {"action": action, "_selected_action": [i.pk for i in items], "confirm": "1", **extra},
        follow=True,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "extra", "status"),
    [
        ("bulk_approve", {}, PostStatus.VISIBLE),
        ("bulk_hide", {"reason": "Our guidelines ask us to disagree kindly."}, PostStatus.HIDDEN),
        ("bulk_dismiss", {}, PostStatus.VISIBLE),
    ],
)
def test_a_bulk_decision_claims_what_nobody_has_and_leaves_what_another_holds(
    client, moderator, robin, items, action, extra, status
):
    theirs, mine_already, free = items
    claims.claim(theirs, by=robin)
    claims.claim(mine_already, by=moderator)
    client.force_login(moderator)

    html = page(_bulk(client, action, items, **extra))

    for item in (mine_already, free):
        item.refresh_from_db()
        assert item.state == ReviewState.RESOLVED
        assert item.claimed_by == moderator
        assert item.post.__class__.objects.get(pk=item.post_id).status == status
    # Deciding claimed the free one, recorded as a claim, as on the item's page.
    assert free.events.filter(kind=ItemEventKind.CLAIMED, by=moderator).exists()
    assert AuditEntry.objects.filter(action="claim", review_item=free, actor=moderator).exists()
    # Robin's is untouched: still open, still Robin's, nothing decided on it.
    theirs.refresh_from_db()
    assert theirs.state == ReviewState.OPEN and theirs.claimed_by == robin
    assert not AuditEntry.objects.filter(review_item=theirs).exclude(action="claim").exists()
    # The message says how many were decided, and which was left, held by whom.
    assert " 2 items." in html
    assert (
        f"1 item was left alone, because another moderator has claimed it: "
        f"post {theirs.post_id} (claimed by Robin)."
    ) in html


@pytest.mark.django_db
def test_the_confirmation_page_says_which_items_will_be_left_alone(client, moderator, robin, items):
    claims.claim(items[0], by=robin)
    client.force_login(moderator)
    html = page(
        client.post(QUEUE, {"action": "bulk_approve", "_selected_action": [i.pk for i in items]})
    )
    assert html.count("claimed by Robin: left alone") == 1


@pytest.mark.django_db
def test_items_all_held_by_others_are_all_left_alone(client, moderator, robin, items):
    for item in items:
        claims.claim(item, by=robin)
    client.force_login(moderator)
    html = page(_bulk(client, "bulk_approve", items))
    assert "3 items were left alone, because other moderators have claimed them" in html
    assert ReviewItem.objects.filter(state=ReviewState.OPEN, claimed_by=robin).count() == 3
