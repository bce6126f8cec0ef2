"""The staff page of community-health figures, and each figure as CSV."""

from __future__ import annotations

from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render

from boomity.staff import (
    CHOOSE,
    SMALL_CELL,
    SUPPRESSED,
    chosen_period,
    csv_download,
    figures_page,
)

from . import figures


@figures_page
def health(request: HttpRequest) -> HttpResponse:
    form, days, problem = chosen_period(request)
    period = figures.Period.ending(days=days)
    weekly = [make(period) for make in figures.WEEKLY.values()]
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
            "breakdowns": figures.breakdowns(period),
            "active_definition": figures.ACTIVE_DEFINITION,
            "small_cell": SMALL_CELL,
            "suppressed": SUPPRESSED,
        },
    )


@figures_page
def health_csv(request: HttpRequest, figure: str) -> HttpResponse:
    _, days, problem = chosen_period(request)
    if problem:
        return HttpResponseBadRequest(CHOOSE, content_type="text/plain; charset=utf-8")
    result = figures.figure_for(figure, figures.Period.ending(days=days))
    if result is None:
        raise Http404
    return csv_download(
        f"community-health-{figure}-{days}-days.csv", [result.csv_header(), *result.csv_rows()]
    )
