"""Check-in pages: every page is about the signed-in member's own answers only."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from core.charts import Series, line_chart
from core.forms import form_page

from . import actions
from .forms import CheckInForm
from .models import (
    SCALE_MAX,
    SCALE_MIN,
    CheckIn,
    CheckInItem,
    CheckInOptIn,
    CheckInSettings,
    is_low,
)

# Set in the member's own session when a check-in just saved was low; the thank-you
# page (their history) reads it once. Never stored anywhere else, never sent on.
GENTLE_NOTE = "checkins_gentle_note"


def _opted_in(user) -> bool:
    return CheckInOptIn.objects.filter(member=user).exists()


@login_required
@require_safe
def checkin(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "checkins/checkin.html",
        {
            "opted_in": _opted_in(request.user),
            "saved": CheckIn.objects.of(request.user).count(),
            "question_count": CheckInItem.objects.asked().count(),
            "interval_weeks": CheckInSettings.load().interval_weeks,
        },
    )


@login_required
@require_POST
def checkin_opt_in(request: HttpRequest) -> HttpResponse:
    actions.opt_in_to_check_ins(request.user)
    messages.success(
        request,
        _(
            "Check-ins are on. Here are the questions, if now is a good time. "
            "If it isn't, we'll remind you gently on the home page."
        ),
    )
    return redirect("checkins:checkin-new")


@login_required
@require_POST
def checkin_opt_out(request: HttpRequest) -> HttpResponse:
    deleted = actions.opt_out_of_check_ins(
        request.user, delete_answers=request.POST.get("delete_answers") == "yes"
    )
    if deleted:
        done = ngettext(
            "Check-ins are off: we won't invite you again, and your answers no longer count "
            "in any figures. Your %(count)s check-in was deleted.",
            "Check-ins are off: we won't invite you again, and your answers no longer count "
            "in any figures. Your %(count)s check-ins were deleted.",
            deleted,
        ) % {"count": deleted}
    else:
        done = _(
            "Check-ins are off: we won't invite you again, and your answers no longer count "
            "in any figures."
        )
    messages.success(request, done)
    return redirect("checkins:checkin")


@login_required
@require_POST
def checkin_not_now(request: HttpRequest) -> HttpResponse:
    actions.not_now(request.user)
    messages.info(
        request,
        _("Okay. We'll ask again in a week. You can check in any time from your account page."),
    )
    return redirect(settings.BOOMITY_HOME_URL)


@login_required
@form_page
def checkin_new(request: HttpRequest) -> HttpResponse:
    if not _opted_in(request.user):
        messages.info(
            request,
            _("Check-ins are off for you. You can turn them on here first, if you'd like to."),
        )
        return redirect("checkins:checkin")
    items = CheckInItem.objects.asked()
    # An empty POST is still an answer with nothing chosen: bound, so it's told why.
    form = CheckInForm(request.POST if request.method == "POST" else None, items=items)
    if request.method == "POST" and form.is_valid() and form.items:
        scores = form.scores()
        actions.record_check_in(request.user, scores)
        if is_low(scores.values()):
            request.session[GENTLE_NOTE] = True
        messages.success(request, _("Thank you. Your check-in is saved — only you can see it."))
        return redirect("checkins:checkin-history")
    status = 400 if form.errors else 200
    return render(request, "checkins/checkin_new.html", {"form": form}, status=status)


def _day_labels(moments: list) -> list[str]:
    """ "3 Nov 2026" (in the reader's language) for each moment; with the time where one
    day has two check-ins (a chart's x labels must differ)."""
    local = [timezone.localtime(m) for m in moments]
    day, day_and_time = "SHORT_DATE_FORMAT", "DATETIME_FORMAT"
    days = [date_format(m, day) for m in local]
    twice = {d for d in days if days.count(d) > 1}
    return [
        date_format(m, day_and_time) if d in twice else d for d, m in zip(days, local, strict=True)
    ]


def _trend(checkins: list[CheckIn]) -> list[tuple[str, float | None]]:
    oldest_first = checkins[::-1]
    labels = _day_labels([c.created_at for c in oldest_first])
    return [(label, c.average) for label, c in zip(labels, oldest_first, strict=True)]


@login_required
@require_safe
def checkin_history(request: HttpRequest) -> HttpResponse:
    checkins = list(CheckIn.objects.of(request.user).with_answers())
    points = _trend(checkins)
    chart = line_chart(
        [Series(_("Your average"), points)],
        title=_("Your check-ins over time"),
        y_label=_("Confidence, 1 to 10"),
        y_min=SCALE_MIN,
        y_max=SCALE_MAX,
    )
    return render(
        request,
        "checkins/checkin_history.html",
        {
            "checkins": checkins,
            "points": points,
            "chart": chart,
            "opted_in": _opted_in(request.user),
            "gentle_note": request.session.pop(GENTLE_NOTE, False),
        },
    )


@login_required
@form_page
def checkin_delete(request: HttpRequest, pk: int) -> HttpResponse:
    # Someone else's check-in is "not found", never "forbidden".
    item = get_object_or_404(CheckIn.objects.of(request.user), pk=pk)
    if request.method == "POST":
        actions.delete_check_ins(request.user, pk=item.pk)
        messages.success(request, _("That check-in is deleted, for good."))
        return redirect("checkins:checkin-history")
    return render(request, "checkins/checkin_delete.html", {"checkin": item})


@login_required
@form_page
def checkin_delete_all(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if actions.delete_check_ins(request.user):
            messages.success(request, _("All your check-ins are deleted, for good."))
        return redirect("checkins:checkin")
    return render(
        request, "checkins/checkin_delete.html", {"count": CheckIn.objects.of(request.user).count()}
    )
