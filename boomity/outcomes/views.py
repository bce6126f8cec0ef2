import csv
from functools import wraps

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import figures

FIGURES_PERMISSION = "members.view_checkin_figures"


def figures_staff_only(view):
    """Non-staff go to the admin's sign-in, like every admin page; moderators, who
    reach the admin but not these figures, get 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(FIGURES_PERMISSION):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return staff_member_required(wrapped)


def _days(request: HttpRequest) -> int:
    try:
        days = int(request.GET.get("days", figures.DEFAULT_PERIOD))
    except ValueError:
        return figures.DEFAULT_PERIOD
    return days if days in figures.PERIODS else figures.DEFAULT_PERIOD


@require_GET
@figures_staff_only
def checkins(request: HttpRequest) -> HttpResponse:
    days = _days(request)
    return render(request, "staff/checkins.html", {
        **admin.site.each_context(request),
        "title": "Check-in figures",
        "days": days, "periods": figures.PERIODS, "figures": figures.figures(days),
        "min_group": figures.MIN_GROUP, "hidden": figures.HIDDEN,
    })


@require_GET
@figures_staff_only
def checkins_csv(request: HttpRequest, slug: str) -> HttpResponse:
    days = _days(request)
    figure = figures.figure(days, slug)
    if figure is None:
        raise Http404("No such figure.")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="check-ins-{slug}-{days}-days.csv"'
    csv.writer(response).writerows(figure.csv_rows())
    return response
