"""An item's one history, "What happened to it": every decision on it, each escalation
and whom it e-mailed, the messages written to the member from it (the audit rows that
name the item), and its claims, take-overs, acknowledgement and pages (its
ReviewItemEvents), in time order. A few queries, however long the history.

Claims, take-overs and acknowledgement are in both: the events say more (whom it was
taken from, how it was acknowledged), so their audit rows are left out here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext_lazy

from forums.admin import folded
from members.models import Message

from .. import claims, folding
from ..models import AuditAction, AuditEntry, ItemEventKind, ReviewItem, Sanction
from ..screening import crisis_words

# The audit rows a ReviewItemEvent already tells.
TOLD_BY_EVENTS = (AuditAction.CLAIM, AuditAction.TAKE_OVER, AuditAction.ACKNOWLEDGE)

# What a moderator decided, as the history and the "already done" note say it.
DECIDED = {
    AuditAction.APPROVE: pgettext_lazy("a review item's decision", "Approved"),
    AuditAction.HIDE: pgettext_lazy("a review item's decision", "Hidden"),
    AuditAction.AUTO_HIDE: pgettext_lazy("a review item's decision", "Hidden by members' flags"),
    AuditAction.EDIT: pgettext_lazy("a review item's decision", "Edited"),
    AuditAction.DISMISS_FLAGS: pgettext_lazy("a review item's decision", "Flags dismissed"),
    AuditAction.ESCALATE: pgettext_lazy("a review item's decision", "Escalated to staff"),
    AuditAction.WARN: pgettext_lazy("a review item's decision", "Warned"),
    AuditAction.SILENCE: pgettext_lazy("a review item's decision", "Silenced"),
    AuditAction.SUSPEND: pgettext_lazy("a review item's decision", "Suspended"),
    AuditAction.RESOLVE: pgettext_lazy("a review item's decision", "Closed"),
    AuditAction.CLOSE_MESSAGE_ITEM: pgettext_lazy("a review item's decision", "Closed"),
}
# The same, inside "Resolved 7 Dec, 02:14 by Jordan: hidden, warned".
RESOLVED_WITH = {
    AuditAction.APPROVE: pgettext_lazy("Resolved …: approved", "approved"),
    AuditAction.HIDE: pgettext_lazy("Resolved …: hidden", "hidden"),
    AuditAction.EDIT: pgettext_lazy("Resolved …: edited", "edited"),
    AuditAction.DISMISS_FLAGS: pgettext_lazy("Resolved …: flags dismissed", "flags dismissed"),
    AuditAction.ESCALATE: pgettext_lazy("Resolved …: escalated", "escalated to staff"),
    AuditAction.WARN: pgettext_lazy("Resolved …: warned", "warned"),
    AuditAction.SILENCE: pgettext_lazy("Resolved …: silenced", "silenced"),
    AuditAction.SUSPEND: pgettext_lazy("Resolved …: suspended", "suspended"),
    AuditAction.RESOLVE: pgettext_lazy("Resolved …: closed", "closed"),
    AuditAction.CLOSE_MESSAGE_ITEM: pgettext_lazy("Resolved …: closed", "closed"),
}


_UNTIL = (AuditAction.SILENCE, AuditAction.SUSPEND)


@dataclass
class Line:
    at: datetime
    text: SafeString
    reason: SafeString | str = ""


def _who(user) -> str:
    return claims.name_of(user)


def item_history(item: ReviewItem, why: list[str], escalations: list, events: list) -> list[Line]:
    """Everything that happened to the item, oldest first. `why`: why its post folds;
    `escalations` and `events`: its Escalation rows and ReviewItemEvents, oldest first,
    with their people (the page has them already)."""
    words = crisis_words()
    sources = folding.quotable([item.post_id]).get(item.post_id, []) if item.post_id else []
    sources += [item.snapshot_title, item.snapshot_body]

    def reason(text: str) -> SafeString | str:
        if not text.strip():
            return ""  # no reason given: the line says nothing of one (never "Why: -")
        return folded("reason", folding.reason_why(text, words, why, sources), text)

    lines = [_event_line(event, reason) for event in events]
    entries = list(
        item.audit_entries.exclude(action__in=TOLD_BY_EVENTS)
        .select_related("actor__profile")
        .order_by("created_at", "pk")
    )
    sanctions = Sanction.objects.in_bulk([int(e.target_id) for e in entries if e.action in _UNTIL])
    messages = Message.objects.in_bulk(
        [int(e.target_id) for e in entries if e.action == AuditAction.MESSAGE_START]
    )
    unpaired = list(escalations)
    for entry in entries:
        escalation = None
        if entry.action == AuditAction.ESCALATE:
            # Made in the same transaction, by the same moderator.
            escalation = next(
                (
                    e
                    for e in unpaired
                    if e.by_id == entry.actor_id
                    and abs((e.created_at - entry.created_at).total_seconds()) < 60
                ),
                None,
            )
            if escalation is not None:
                unpaired.remove(escalation)
        lines.append(
            Line(
                entry.created_at,
                _decision_text(entry, sanctions, messages, escalation),
                reason(entry.reason) if entry.action != AuditAction.AUTO_HIDE else entry.reason,
            )
        )
    # Escalations from before items' audit rows named them: on their own.
    lines += [Line(e.created_at, _escalation_text(e, _who(e.by))) for e in unpaired]
    return sorted(lines, key=lambda line: line.at)


def _event_line(event, reason) -> Line:
    by = _who(event.by)
    if event.kind == ItemEventKind.CLAIMED:
        text = _html(gettext("Claimed by <strong>%(name)s</strong>."), name=by)
    elif event.kind == ItemEventKind.TAKEN_OVER:
        text = _html(
            gettext("Taken over by <strong>%(name)s</strong> from %(previous)s."),
            name=by,
            previous=_who(event.previous),
        )
        return Line(event.created_at, text, reason(event.reason))
    elif event.kind == ItemEventKind.ACKNOWLEDGED:
        # Translators: "how" is e.g. "by opening it".
        text = _html(
            gettext("Acknowledged by <strong>%(name)s</strong>, %(how)s."),
            name=by,
            how=event.detail,
        )
    elif event.number == 1:
        # Translators: "to" is e.g. "to the on-call list (1 address)".
        text = _html(
            gettext("First e-mail about it, %(to)s: a link, never the post."), to=event.detail
        )
    else:
        text = _html(
            gettext("E-mailed again (reminder %(number)s), %(to)s: a link, never the post."),
            number=event.number - 1,
            to=event.detail,
        )
    return Line(event.created_at, text)


def _decision_text(entry: AuditEntry, sanctions, messages, escalation) -> SafeString:
    by = _who(entry.actor)
    if entry.action == AuditAction.AUTO_HIDE:
        return mark_safe(  # noqa: S308 - our own words
            gettext("<strong>Hidden by members' flags</strong>, until a moderator decides.")
        )
    if entry.action == AuditAction.MESSAGE_START:
        message = messages.get(int(entry.target_id))
        if message is None:
            return _html(
                gettext("<strong>%(name)s</strong> wrote to the member as the team."), name=by
            )
        return _html(
            gettext(
                "<strong>%(name)s</strong> wrote to the member as the moderation team: <a "
                'href="%(url)s">read the conversation</a>.'
            ),
            name=by,
            url=reverse("admin:members_conversation_change", args=[message.conversation_id]),
        )
    if entry.action == AuditAction.ESCALATE and escalation is not None:
        return _escalation_text(escalation, by)
    said = str(DECIDED.get(AuditAction(entry.action), entry.get_action_display()))
    sanction = sanctions.get(int(entry.target_id)) if entry.target_id.isdigit() else None
    if sanction is not None and entry.action in _UNTIL:
        if sanction.ends_at:
            # Translators: "Silenced (until 7 Dec 2026, 02:14)".
            said = gettext("%(decision)s (until %(time)s)") % {
                "decision": said,
                "time": formats.date_format(
                    timezone.localtime(sanction.ends_at), "DATETIME_FORMAT"
                ),
            }
        else:
            said = gettext("%(decision)s (until lifted)") % {"decision": said}
    return _html(gettext("<strong>%(decision)s</strong> by %(name)s."), decision=said, name=by)


def _escalation_text(escalation, by: str) -> SafeString:
    if not escalation.recipients:
        return _html(
            gettext(
                "<strong>Escalated to staff</strong> by %(name)s: nobody was e-mailed, because "
                "no escalation contacts were set."
            ),
            name=by,
        )
    people = ", ".join(
        gettext("%(name)s (%(role)s)") % {"name": r["name"], "role": r["role"]}
        for r in escalation.people
    )
    if escalation.emailed_at:
        text = gettext("<strong>Escalated to staff</strong> by %(name)s: e-mailed %(people)s.")
    else:
        text = gettext(
            "<strong>Escalated to staff</strong> by %(name)s: being e-mailed to %(people)s."
        )
    said = _html(text, name=by, people=people)
    if escalation.outside_hours:
        hour = gettext("Nobody could usually be reached at that hour, so every contact was.")
        said = format_html("{} {}", said, hour)
    return said


def _html(message: str, **parts: object) -> SafeString:
    """A translated sentence holding a little markup of our own (`message`), with each
    of `parts` escaped into it."""
    return mark_safe(message % {k: conditional_escape(str(v)) for k, v in parts.items()})  # noqa: S308


# --- "Already done, still open" ---------------------------------------------------------


def last_decision(item: ReviewItem) -> str:
    """For an item still open that a moderator already decided something on: "Warned
    02:14 by Jordan — still open". Empty otherwise. Reads the annotations that
    `with_last_decision` adds, so a list of items asks nothing more."""
    if item.state == "resolved" or not getattr(item, "last_action", None):
        return ""
    said = DECIDED.get(AuditAction(item.last_action), "") if item.last_action else ""
    if not said:
        return ""
    by = item.last_action_by or claims.name_of(None)
    at = claims.since(item.last_action_at)
    if item.last_action == AuditAction.AUTO_HIDE:
        # Translators: "Hidden by members' flags 02:14 — still open".
        return gettext("%(decision)s %(time)s — still open") % {"decision": said, "time": at}
    # Translators: "Warned 02:14 by Jordan — still open".
    return gettext("%(decision)s %(time)s by %(name)s — still open") % {
        "decision": said,
        "time": at,
        "name": by,
    }


def with_last_decision(queryset: QuerySet) -> QuerySet:
    """Items with their latest decision (action, when, by whom) annotated, for
    `last_decision`: three subqueries in the one query, flat however many rows."""
    latest = AuditEntry.objects.filter(
        review_item=OuterRef("pk"), action__in=list(DECIDED)
    ).order_by("-created_at", "-pk")
    return queryset.annotate(
        last_action=Subquery(latest.values("action")[:1]),
        last_action_at=Subquery(latest.values("created_at")[:1]),
        last_action_by=Subquery(latest.values("actor__profile__display_name")[:1]),
    )


# --- "Resolved" ---------------------------------------------------------------------------


def resolved(item: ReviewItem) -> str:
    """For a resolved item's page: "Resolved 7 Dec, 02:14 by Jordan: hidden, warned" —
    what the moderator who closed it decided then (the audit rows of that submit, written
    in the one transaction, so within the minute). Never the reason: it may distress,
    and the history below has it, folded where it needs to be."""
    if item.state != "resolved":
        return ""
    if item.resolved_at is None:
        return gettext("Resolved")
    window = timedelta(minutes=1)
    actions = (
        item.audit_entries.filter(
            action__in=[a for a in DECIDED if a != AuditAction.AUTO_HIDE],
            actor_id=item.resolved_by_id,
            created_at__range=(item.resolved_at - window, item.resolved_at + window),
        )
        .order_by("created_at", "pk")
        .values_list("action", flat=True)
    )
    said: list[str] = []
    for action in actions:
        word = str(RESOLVED_WITH[AuditAction(action)])
        if word not in said:
            said.append(word)
    closed = str(RESOLVED_WITH[AuditAction.RESOLVE])
    if len(said) > 1 and closed in said:
        said.remove(closed)  # "hidden, warned" says it is closed: it is resolved
    parts = {"time": claims.since(item.resolved_at), "what": ", ".join(said)}
    if item.resolved_by_id:
        parts["name"] = _who(item.resolved_by)
        if said:
            return gettext("Resolved %(time)s by %(name)s: %(what)s") % parts
        return gettext("Resolved %(time)s by %(name)s") % parts
    if said:
        return gettext("Resolved %(time)s: %(what)s") % parts
    return gettext("Resolved %(time)s") % parts
