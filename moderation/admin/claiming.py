"""Claiming a review item from the admin: the two buttons, the queue's "claimed by"
column, and what the item's page says about who has it and what happened to it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from .. import claims
from ..models import ItemEventKind, ModerationSettings, Priority, ReviewItem, ReviewState
from .history import item_history, last_decision, resolved


def urls(model_admin) -> list:
    def view(function):
        @require_POST
        def wrapped(request: HttpRequest, object_id: str) -> HttpResponse:
            if not model_admin.has_work_permission(request):
                raise PermissionDenied
            item = get_object_or_404(ReviewItem, pk=object_id)
            try:
                function(request, item)
            except claims.ClaimRefused as refused:
                messages.error(request, str(refused))
            return HttpResponseRedirect(_back(request, item))

        return model_admin.admin_site.admin_view(wrapped)

    return [
        path("<path:object_id>/claim/", view(_claim), name="moderation_reviewitem_claim"),
        path(
            "<path:object_id>/take-over/",
            view(_take_over),
            name="moderation_reviewitem_take_over",
        ),
    ]


def _claim(request: HttpRequest, item: ReviewItem) -> None:
    if claims.claim(item, by=request.user):
        messages.success(request, _claimed_message(item))
    else:
        messages.info(request, gettext("It's already yours."))


def _take_over(request: HttpRequest, item: ReviewItem) -> None:
    take_over(request, item, request.POST.get("reason", ""))


def take_over(request: HttpRequest, item: ReviewItem, reason: str) -> None:
    """Take the item over from whoever has it, and tell the moderator so. Raises
    claims.ClaimRefused, changing nothing, when it can't be done."""
    if item.claimed_by_id == request.user.pk:
        messages.info(request, gettext("It's already yours."))
        return
    previous = item.claimed_by
    claims.take_over(item, by=request.user, reason=reason)
    messages.success(request, _claimed_message(item, previous))


def _claimed_message(item: ReviewItem, previous=None) -> str:
    since = claims.since(item.claimed_at)
    if previous is not None:
        return gettext(
            "You've taken it over from %(name)s: other moderators see it's yours, since %(since)s."
        ) % {"name": claims.name_of(previous), "since": since}
    return gettext("You've claimed it: other moderators see it's yours, since %(since)s.") % {
        "since": since
    }


def _back(request: HttpRequest, item: ReviewItem) -> str:
    # The queue's button says where it came from; anywhere else, the item's page.
    if request.POST.get("from") == "queue":
        return reverse("admin:moderation_reviewitem_changelist")
    return reverse("admin:moderation_reviewitem_change", args=[item.pk])


def claimed_cell(item: ReviewItem) -> str:
    """Who has it and since when; or, for an open item nobody has, a Claim button. And,
    for an urgent item, always, on a line of its own and named as such, who first
    opened it and when, or that nobody has yet — whether it is claimed or not: claiming
    from this list stops the on-call e-mails, but only opening the item is reading it.
    Short words: the column is narrow at a laptop's width.

    The queue's rows sit inside Django's changelist form (its actions), and forms
    don't nest: the button posts that form to the claim address instead (formaction),
    with its CSRF token.
    """
    who: str
    if item.claimed_by_id is not None:
        who = format_html(
            "{} <span class='claimed-since'>{}</span>",
            claims.name_of(item.claimed_by),
            gettext("since %(time)s") % {"time": claims.since(item.claimed_at)},
        )
    elif item.state == ReviewState.RESOLVED:
        who = ""
    else:
        who = format_html(
            '<button type="submit" class="button claim-button" formaction="{}" name="from" '
            'value="queue" aria-label="{}">{}</button>',
            reverse("admin:moderation_reviewitem_claim", args=[item.pk]),
            gettext("Claim item %(number)s") % {"number": item.pk},
            gettext("Claim"),
        )
    if item.priority != Priority.URGENT:
        return who or "-"
    if item.opened_at is not None:
        # Translators: who first opened an urgent item, in the queue's narrow column:
        # "Opened by: Ana at 05:10".
        opened = gettext("%(name)s at %(time)s") % {
            "name": claims.name_of(item.opened_by),
            "time": claims.since(item.opened_at),
        }
        state = "opened"
    else:
        opened = gettext("nobody yet") if item.state != ReviewState.RESOLVED else gettext("nobody")
        state = "opened opened--not-yet"
    return format_html(
        '{}<div class="{}"><strong>{}</strong> {}</div>',
        who,
        state,
        # Translators: an urgent item, in a narrow column: "Opened by: nobody yet".
        gettext("Opened by:"),
        opened,
    )


def item_context(item: ReviewItem, why: list[str], escalations: list) -> dict:
    """Who has the item, who first opened it, whether it's acknowledged, and its one
    history (history.py), for its page."""
    events = list(item.events.select_related("by__profile", "previous__profile"))
    acknowledged_how = next((e.detail for e in events if e.kind == ItemEventKind.ACKNOWLEDGED), "")
    return {
        "claim": {
            "by": claims.name_of(item.claimed_by) if item.claimed_by_id else "",
            "since": claims.since(item.claimed_at),
            "open": item.state != ReviewState.RESOLVED,
            "urgent": item.priority == Priority.URGENT,
            "acknowledged_by": claims.name_of(item.acknowledged_by) if item.acknowledged_at else "",
            "acknowledged_at": claims.since(item.acknowledged_at),
            "acknowledged_how": acknowledged_how,
            # Who first opened it, said apart when acknowledging it didn't say so.
            "opened_by": claims.name_of(item.opened_by) if item.opened_at else "",
            "opened_at": claims.since(item.opened_at),
            "opened_apart": acknowledged_how != claims.OPENED,
            "repage_after": ModerationSettings.load().repage_after_minutes,
        },
        "history": item_history(item, why, escalations, events),
        "last_decision": last_decision(item),
        "resolved": resolved(item),
    }
