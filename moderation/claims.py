"""Owning a review item until it's done: claims, take-overs, acknowledgement, and paging
people again about an urgent item that nobody has acknowledged.

**What counts as acknowledging an urgent item**, exactly: a moderator who may work the
queue (the `moderation.work_queue` permission) either

- opens the item's page in the admin (a GET that shows it to them), or
- claims it or takes it over, from its page or from the queue list,

while the item is urgent and not resolved. The first of these counts, once, with who and
when; from then on nobody is paged about the item again. Nothing else acknowledges: not
the queue list, not someone without the queue permission, not a mail scanner fetching
the e-mail's link (it has no admin session, so it only ever sees the sign-in page).

**Who opened it** is kept apart (`opened_by`, `opened_at`): the first such moderator to
have the urgent item's page in front of them. Claiming from the queue takes
responsibility, so it stops the paging, but nobody has read the item yet; the queue
says both, so a shift can tell "Priya has it, nobody has opened it" from "Ana opened it".

**Who is paged**: within moderation hours (or when staff set none) the on-call list.
Outside them, the escalation contacts who can be reached then — or every contact, if
nobody can, as an escalation does; with no contacts at all, the on-call list still is.

**When**: the first page goes when the item becomes urgent (`open_review`). Then, while
nobody acknowledges it, again every `repage_after_minutes` after the last page, at most
`repage_limit` more times. With the database task backend each page schedules the next
check on the worker (`run_after`); the in-process backend can't wait, so there the
`page_unacknowledged` management command, run every minute, does the same check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from core.tasks import enqueue_on_commit

from .actions import record
from .models import (
    AuditAction,
    EscalationContact,
    ItemEventKind,
    ModerationSettings,
    Priority,
    ReviewItem,
    ReviewItemEvent,
    ReviewState,
)

# How an urgent item was acknowledged: kept in English in its history (ReviewItemEvent
# .detail), shown with gettext() in the reader's language.
OPENED = gettext_noop("by opening it")
CLAIMED = gettext_noop("by claiming it")


class ClaimRefused(Exception):
    """Why a claim or take-over didn't happen, written for the moderator who tried."""


def name_of(user) -> str:
    return user.profile.display_name if user is not None else _("a former moderator")


def since(moment: datetime | None, now: datetime | None = None) -> str:
    """ "02:14" today, "6 Dec, 02:14" another day — in the community's time zone."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    today = timezone.localtime(now or timezone.now()).date()
    if local.date() == today:
        return formats.date_format(local, "TIME_FORMAT")
    return formats.date_format(local, "SHORT_DATETIME_FORMAT")


def needs_acknowledgement(item: ReviewItem) -> bool:
    return (
        item.priority == Priority.URGENT
        and item.state != ReviewState.RESOLVED
        and item.acknowledged_at is None
    )


def opened(item: ReviewItem, *, by) -> None:
    """`by`, who works the queue, has the item's page in front of them: an urgent item
    still open keeps the first who did, and is acknowledged if it still needs it."""
    if item.priority == Priority.URGENT and item.state != ReviewState.RESOLVED:
        if item.opened_at is None:
            now = timezone.now()
            # The first wins, whoever opens it at the same moment.
            first = ReviewItem.objects.filter(pk=item.pk, opened_at__isnull=True).update(
                opened_by=by, opened_at=now
            )
            if first:
                item.opened_by, item.opened_at = by, now
            else:
                item.refresh_from_db(fields=["opened_by", "opened_at"])
        if needs_acknowledgement(item):
            acknowledge(item, by=by, how=OPENED)


def _locked(item: ReviewItem) -> ReviewItem:
    # Only the item's row: PostgreSQL can't lock the nullable side of the claimer's join.
    return (
        ReviewItem.objects.select_for_update(of=("self",))
        .select_related("claimed_by__profile")
        .get(pk=item.pk)
    )


def _refresh(item: ReviewItem, locked: ReviewItem) -> None:
    """The caller's copy catches up with the row as it now is."""
    for name in ("claimed_by", "claimed_at", "acknowledged_by", "acknowledged_at"):
        setattr(item, name, getattr(locked, name))


@transaction.atomic
def acknowledge(item: ReviewItem, *, by, how: str = OPENED) -> bool:
    """Acknowledge an urgent item, if it still needs it. True if this did."""
    locked = _locked(item)
    done = needs_acknowledgement(locked)
    if done:
        locked.acknowledged_by, locked.acknowledged_at = by, timezone.now()
        locked.save(update_fields=["acknowledged_by", "acknowledged_at"])
        ReviewItemEvent.objects.create(
            item=locked,
            kind=ItemEventKind.ACKNOWLEDGED,
            by=by,
            detail=how,
            created_at=locked.acknowledged_at,
        )
        # Translators: %(how)s is "by opening it" or "by claiming it".
        detail = _("Acknowledged %(how)s") % {"how": _(how)}
        record(by, AuditAction.ACKNOWLEDGE, locked, detail=detail, item=locked)
    _refresh(item, locked)
    return done


@transaction.atomic
def claim(item: ReviewItem, *, by) -> bool:
    """`by` owns the item from now on. False if it was already theirs."""
    locked = _locked(item)
    if locked.state == ReviewState.RESOLVED:
        raise ClaimRefused(_("This item is already resolved, so there's nothing left to claim."))
    if locked.claimed_by_id == by.pk:
        _refresh(item, locked)
        return False
    if locked.claimed_by_id is not None:
        raise ClaimRefused(
            _(
                "%(name)s has claimed this item since %(since)s. If you need to take it over, "
                "you can on its page, with a reason they'll see."
            )
            % {"name": name_of(locked.claimed_by), "since": since(locked.claimed_at)}
        )
    _own(locked, by, ItemEventKind.CLAIMED, AuditAction.CLAIM)
    _refresh(item, locked)
    acknowledge(item, by=by, how=CLAIMED)
    return True


@transaction.atomic
def take_over(item: ReviewItem, *, by, reason: str) -> None:
    """`by` takes the item from whoever has claimed it, saying why."""
    reason = reason.strip()
    locked = _locked(item)
    if locked.state == ReviewState.RESOLVED:
        raise ClaimRefused(
            _("This item is already resolved, so there's nothing left to take over.")
        )
    if locked.claimed_by_id is None or locked.claimed_by_id == by.pk:
        _refresh(item, locked)
        claim(item, by=by)  # nobody else has it: a plain claim, no reason needed
        return
    if not reason:
        raise ClaimRefused(
            _(
                "Please say why you're taking it over: %(name)s will see your reason in the "
                "item's history."
            )
            % {"name": name_of(locked.claimed_by)}
        )
    previous = locked.claimed_by
    _own(locked, by, ItemEventKind.TAKEN_OVER, AuditAction.TAKE_OVER, reason, previous)
    _refresh(item, locked)
    acknowledge(item, by=by, how=CLAIMED)


def _own(item, by, kind, action, reason: str = "", previous=None) -> None:
    now = timezone.now()
    item.claimed_by, item.claimed_at = by, now
    item.save(update_fields=["claimed_by", "claimed_at"])
    ReviewItemEvent.objects.create(
        item=item, kind=kind, by=by, previous=previous, reason=reason, created_at=now
    )
    detail = _("From %(name)s") % {"name": name_of(previous)} if previous is not None else ""
    record(by, action, item, reason, detail, item=item)


# --- Paging ------------------------------------------------------------------------------


@dataclass
class Page:
    """Who one page goes to, and how the item's history says it."""

    addresses: list[str]
    detail: str
    # Out of hours: the escalation contacts (name, role, e-mail, phone), one e-mail each.
    contacts: list[dict[str, str]] = field(default_factory=list)
    everyone: bool = False  # none could usually be reached, so every contact


def who_to_page(config: ModerationSettings, at: datetime) -> Page | None:
    """The people to page at `at`, or None if there is nobody to page."""
    oncall = config.oncall_addresses
    around = config.moderator_hours(at)
    if around.is_set and not around.around_now:
        contacts = list(EscalationContact.objects.all())
        reachable = [contact for contact in contacts if contact.reachable_at(at)]
        chosen = reachable or contacts
        if chosen:
            names = ", ".join(f"{c.name} ({c.role})" for c in chosen)
            detail = (
                _(
                    "outside moderation hours, to the escalation contacts who can be reached: "
                    "%(names)s"
                )
                if reachable
                else _(
                    "outside moderation hours, and no escalation contact could usually be "
                    "reached, so to every one: %(names)s"
                )
            ) % {"names": names}
            return Page(
                addresses=[c.email for c in chosen],
                detail=detail[:300],
                contacts=[c.as_recipient() for c in chosen],
                everyone=not reachable,
            )
        if oncall:
            return Page(
                oncall,
                _(
                    "outside moderation hours, but no escalation contacts are set, so to the "
                    "on-call list (%(addresses)s)"
                )
                % {"addresses": _addresses(oncall)},
            )
        return None
    if not oncall:
        return None
    return Page(
        oncall, _("to the on-call list (%(addresses)s)") % {"addresses": _addresses(oncall)}
    )


def _addresses(addresses: list[str]) -> str:
    return ngettext("%(count)s address", "%(count)s addresses", len(addresses)) % {
        "count": len(addresses)
    }


def next_page_at(item: ReviewItem, config: ModerationSettings) -> datetime | None:
    """When the next page is due, if one may still go."""
    if not needs_acknowledgement(item) or item.last_paged_at is None:
        return None
    if item.pages_sent > config.repage_limit:
        return None  # the first page and every page again allowed have gone
    return item.last_paged_at + timedelta(minutes=config.repage_after_minutes)


def page_due(item: ReviewItem, config: ModerationSettings, now: datetime, *, first: bool) -> bool:
    if first:
        return needs_acknowledgement(item) and item.pages_sent == 0
    due = next_page_at(item, config)
    return due is not None and now >= due


def record_page(item: ReviewItem, page: Page, now: datetime) -> ReviewItemEvent:
    item.pages_sent += 1
    item.last_paged_at = now
    item.save(update_fields=["pages_sent", "last_paged_at"])
    return ReviewItemEvent.objects.create(
        item=item,
        kind=ItemEventKind.PAGED,
        number=item.pages_sent,
        detail=page.detail,
        created_at=now,
    )


def schedule_next(item: ReviewItem, config: ModerationSettings) -> datetime | None:
    """Ask the worker to look again when the next page is due — if the task backend
    can wait (django_tasks_db can; the in-process backend can't, and refuses run_after:
    there the `page_unacknowledged` command does this check every minute)."""
    from . import tasks

    due = next_page_at(item, config)
    if due is None or not tasks.page_unacknowledged.get_backend().supports_defer:
        return None
    enqueue_on_commit(tasks.page_unacknowledged.using(run_after=due), item.pk, item.pages_sent + 1)
    return due


def items_due(now: datetime) -> list[tuple[int, int]]:
    """(item, page number) of each urgent item, paged before and not acknowledged, whose
    next page is due at `now`."""
    config = ModerationSettings.load()
    candidates = ReviewItem.objects.open().filter(
        priority=Priority.URGENT,
        acknowledged_at__isnull=True,
        pages_sent__gte=1,
        pages_sent__lte=config.repage_limit,
        last_paged_at__lte=now - timedelta(minutes=config.repage_after_minutes),
    )
    due = candidates.order_by("last_paged_at").values_list("pk", "pages_sent")
    return [(pk, pages_sent + 1) for pk, pages_sent in due]
