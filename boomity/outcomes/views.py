from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from boomity.staff import PERIODS, SMALL_CELL, SUPPRESSED, chosen_period, csv_download, figures_page

from . import figures


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
            "figures": figures.figures(days),
            "min_group": SMALL_CELL,
            "hidden": SUPPRESSED,
        },
    )


@figures_page
def checkins_csv(request: HttpRequest, slug: str) -> HttpResponse:
    _, days, _ = chosen_period(request)
    figure = figures.figure(days, slug)
    if figure is None:
        raise Http404("No such figure.")
    return csv_download(f"check-ins-{slug}-{days}-days.csv", figure.csv_rows())
