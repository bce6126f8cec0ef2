"""The staff pages of figures and their CSV downloads: who may see them, and for which period."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import checkins as checkin_figures
from . import health as health_figures
from .figure import DEFAULT_DAYS, PERIODS, SMALL_CELL, SUPPRESSED, Figure, csv_download

# Staff, not moderators: moderators also have "staff status" to reach the admin, so
# staff are told apart by a permission only the Staff group has (moderation/roles.py).
PERMISSION = "checkins.view_community_figures"
CHOOSE = "Please choose 30, 90 or 365 days."


def figures_page(view):
    """The admin's own gate (signed in, with staff status), then the Staff group's
    permission, then GET only: a moderator learns nothing more than on other staff pages."""
    view = require_GET(view)

    def check(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return admin.site.admin_view(check)


class PeriodForm(forms.Form):
    days = forms.TypedChoiceField(
        label="Period",
        coerce=int,
        initial=DEFAULT_DAYS,
        choices=[(d, f"The last {d} days") for d in PERIODS],
        error_messages=dict.fromkeys(
            ["invalid_choice", "required"],
            f"{CHOOSE} For now, this page shows the last {DEFAULT_DAYS} days.",
        ),
    )


def chosen_period(request: HttpRequest) -> tuple[PeriodForm, int, str]:
    """(the form to show, the days to use, a kind message if the choice couldn't be used)."""
    if "days" not in request.GET:
        return PeriodForm(), DEFAULT_DAYS, ""
    form = PeriodForm(request.GET)
    if form.is_valid():
        return form, form.cleaned_data["days"], ""
    return PeriodForm(), DEFAULT_DAYS, form.errors["days"][0]


def _download(
    request: HttpRequest, name: str, slug: str, figure_for: Callable[[int], Figure | None]
) -> HttpResponse:
    """One figure as CSV. A page shows another period with a kind note; a file can't,
    so a period we don't offer is refused rather than quietly replaced."""
    _, days, problem = chosen_period(request)
    if problem:
        return HttpResponseBadRequest(CHOOSE, content_type="text/plain; charset=utf-8")
    figure = figure_for(days)
    if figure is None:
        raise Http404
    return csv_download(f"{name}-{slug}-{days}-days.csv", figure)


@figures_page
def health(request: HttpRequest) -> HttpResponse:
    form, days, problem = chosen_period(request)
    period = health_figures.Period.ending(days=days)
    weekly = [make(period) for make in health_figures.WEEKLY.values()]
    return render(
        request,
        "staff/health.html",
        {
            **admin.site.each_context(request),
            "title": "Community health",
            "form": form,
            "problem": problem,
            "period": period,
            "figures": weekly,
            "breakdowns": health_figures.breakdowns(period),
            "active_definition": health_figures.ACTIVE_DEFINITION,
            "suppressed": SUPPRESSED,
        },
    )


@figures_page
def health_csv(request: HttpRequest, slug: str) -> HttpResponse:
    return _download(
        request,
        "community-health",
        slug,
        lambda days: health_figures.figure_for(slug, health_figures.Period.ending(days=days)),
    )


@figures_page
def checkins(request: HttpRequest) -> HttpResponse:
    _, days, problem = chosen_period(request)
    return render(
        request,
        "staff/checkins.html",
        {
            **admin.site.each_context(request),
            "title": "Check-in figures",
            "days": days,
            "periods": PERIODS,
            "problem": problem,
            "figures": checkin_figures.figures(days),
            "min_group": SMALL_CELL,
            "hidden": SUPPRESSED,
        },
    )


@figures_page
def checkins_csv(request: HttpRequest, slug: str) -> HttpResponse:
    return _download(request, "check-ins", slug, lambda days: checkin_figures.figure(slug, days))
