"""The staff page of community-health figures, and each figure as CSV."""

from __future__ import annotations

import csv

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import figures

# Staff, not moderators: moderators also have "staff status" to reach the admin, so
# staff are told apart by a permission only the Staff group has (moderation/roles.py),
# as on every other staff-only admin page.
PERMISSION = "moderation.change_moderationsettings"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHOOSE = "Please choose 30, 90 or 365 days."


class PeriodForm(forms.Form):
    days = forms.TypedChoiceField(
        label="Period", coerce=int, initial=figures.DEFAULT_DAYS,
        choices=[(d, f"The last {d} days") for d in figures.PERIODS],
        error_messages=dict.fromkeys(
            ["invalid_choice", "required"],
            f"{CHOOSE} For now, this page shows the last {figures.DEFAULT_DAYS} days."),
    )


def _period_from(request: HttpRequest) -> tuple[PeriodForm, figures.Period | None, str]:
    """The chosen period; None and a kind message if the choice can't be used."""
    if "days" not in request.GET:
        return PeriodForm(), figures.Period.ending(days=figures.DEFAULT_DAYS), ""
    form = PeriodForm(request.GET)
    if form.is_valid():
        return form, figures.Period.ending(days=form.cleaned_data["days"]), ""
    return PeriodForm(), None, form.errors["days"][0]


def staff_only(view):
    """The admin's own gate (signed in, with staff status), then the Staff group's
    permission, then GET only: a moderator learns nothing more than on other staff pages."""
    view = require_GET(view)

    def check(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return admin.site.admin_view(check)


@staff_only
def health(request: HttpRequest) -> HttpResponse:
    form, period, problem = _period_from(request)
    period = period or figures.Period.ending(days=figures.DEFAULT_DAYS)
    weekly = [make(period) for make in figures.WEEKLY.values()]
    return render(request, "staff/health.html", {
        **admin.site.each_context(request),
        "title": "Community health",
        "form": form,
        "problem": problem,
        "period": period,
        "figures": weekly,
        "breakdowns": figures.breakdowns(period),
        "active_definition": figures.ACTIVE_DEFINITION,
        "small_cell": figures.SMALL_CELL,
        "suppressed": figures.SUPPRESSED,
    })


def safe_cell(value):
    """A CSV cell a spreadsheet won't run: text that starts like a formula gets a quote."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@staff_only
def health_csv(request: HttpRequest, figure: str) -> HttpResponse:
    _, period, _ = _period_from(request)
    if period is None:
        return HttpResponseBadRequest(CHOOSE,
                                      content_type="text/plain; charset=utf-8")
    result = figures.figure_for(figure, period)
    if result is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="community-health-{figure}-{period.days}-days.csv"')
    writer = csv.writer(response)
    writer.writerow([safe_cell(v) for v in result.csv_header()])
    writer.writerows([safe_cell(v) for v in row] for row in result.csv_rows())
    return response
