"""The staff pages of figures and their CSV downloads: who may see them, and for which period."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.views.decorators.http import require_safe

from . import checkins as checkin_figures
from . import health as health_figures
from .figure import DEFAULT_DAYS, PERIODS, SMALL_CELL, Figure, csv_download, suppressed

# Staff, not moderators: moderators also have "staff status" to reach the admin, so
# staff are told apart by a permission only the Staff group has (moderation/roles.py).
PERMISSION = "checkins.view_community_figures"
CHOOSE = gettext_lazy("Please choose 30, 90 or 365 days.")


def figures_page(view):
    """The admin's own gate (signed in, with staff status), then the Staff group's
    permission, then GET only: a moderator learns nothing more than on other staff pages."""
    view = require_safe(view)

    def check(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return admin.site.admin_view(check)


def _period_choices() -> list[tuple[int, str]]:
    # Called each time the form is drawn: in the reader's language.
    return [
        (d, ngettext("The last %(days)s day", "The last %(days)s days", d) % {"days": d})
        for d in PERIODS
    ]


def _choose_again_now() -> str:
    return gettext(
        "Please choose 30, 90 or 365 days. For now, this page shows the last %(days)s days."
    ) % {"days": DEFAULT_DAYS}


# Read when the error is shown, in the reader's language.
_choose_again = lazy(_choose_again_now, str)


class PeriodForm(forms.Form):
    days = forms.TypedChoiceField(
        label=gettext_lazy("Period"),
        coerce=int,
        initial=DEFAULT_DAYS,
        choices=_period_choices,
        error_messages=dict.fromkeys(["invalid_choice", "required"], _choose_again()),
    )


def chosen_period(request: HttpRequest) -> tuple[PeriodForm, int, str]:
    """(the form to show, the days to use, a kind message if the choice couldn't be used)."""
    if "days" not in request.GET:
        return PeriodForm(), DEFAULT_DAYS, ""
    form = PeriodForm(request.GET)
    if form.is_valid():
        return form, form.cleaned_data["days"], ""
    return PeriodForm(), DEFAULT_DAYS, str(form.errors["days"][0])


def _download(
    request: HttpRequest, name: str, slug: str, figure_for: Callable[[int], Figure | None]
) -> HttpResponse:
    """One figure as CSV. A page shows another period with a kind note; a file can't,
    so a period we don't offer is refused rather than quietly replaced."""
    _, days, problem = chosen_period(request)
    if problem:
        return HttpResponseBadRequest(str(CHOOSE), content_type="text/plain; charset=utf-8")
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
            "title": gettext("Community health"),
            "form": form,
            "problem": problem,
            "period": period,
            "figures": weekly,
            "breakdowns": health_figures.breakdowns(period),
            "active_definition": gettext(health_figures.ACTIVE_DEFINITION),
            "suppressed": suppressed(),
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
            "title": gettext("Check-in figures"),
            "days": days,
            "periods": PERIODS,
            "problem": problem,
            "figures": checkin_figures.figures(days),
            "min_group": SMALL_CELL,
            "hidden": suppressed(),
        },
    )


@figures_page
def checkins_csv(request: HttpRequest, slug: str) -> HttpResponse:
    return _download(request, "check-ins", slug, lambda days: checkin_figures.figure(slug, days))
