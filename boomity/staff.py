"""What the staff pages of figures share: who may see them, the periods they
cover, the small-cell rule, and CSV downloads a spreadsheet can't be tricked by."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

PERIODS = (30, 90, 365)
DEFAULT_DAYS = 90
# Any group of members smaller than this is never shown, not even its size.
SMALL_CELL = 10
SUPPRESSED = f"fewer than {SMALL_CELL} members — hidden to protect privacy"
# Staff, not moderators: moderators also have "staff status" to reach the admin, so
# staff are told apart by a permission only the Staff group has (moderation/roles.py).
PERMISSION = "checkins.view_community_figures"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SIGNED_NUMBER = re.compile(r"[+-]\d+(\.\d+)?%?")  # "+1.3", "-20%": figures, not formulas
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


def safe_cell(value):
    """A CSV cell a spreadsheet won't run: text that starts like a formula gets a quote."""
    if value is None:
        return ""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not SIGNED_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def csv_download(filename: str, rows: Iterable[Iterable]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    csv.writer(response).writerows([safe_cell(v) for v in row] for row in rows)
    return response
