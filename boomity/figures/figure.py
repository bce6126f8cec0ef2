"""What every figure is: a table with a label column, its charts, and the same table as CSV.

The page and the CSV are drawn from one `Figure`, so the two can't disagree. A row about
a group of fewer than SMALL_CELL members has no values: it is shown as hidden, never its
numbers, not even its size.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.http import HttpResponse
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_noop

# The periods staff choose from, in days.
PERIODS = (30, 90, 365)
DEFAULT_DAYS = 90
# Any group of members smaller than this is never shown, not even its size.
SMALL_CELL = 10
_SUPPRESSED = gettext_noop("fewer than %(count)s members — hidden to protect privacy")
SUPPRESSED = _SUPPRESSED % {"count": SMALL_CELL}  # in English; suppressed() in the reader's


def suppressed() -> str:
    """What a hidden group shows instead of its figures, in the reader's language."""
    return gettext(_SUPPRESSED) % {"count": SMALL_CELL}


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SIGNED_NUMBER = re.compile(r"[+-]\d+(\.\d+)?%?")  # "+1.3", "-20%": figures, not formulas

Value = str | float | int | None


def hidden[G: Hashable](sizes: Mapping[G, int], *, parts_of_a_total: bool = False) -> set[G]:
    """The groups never shown: every one of fewer than SMALL_CELL members.

    `parts_of_a_total`: the groups split a total the page also shows, so the hidden ones
    taken together could be worked out by subtraction; then they must add up to none or
    to SMALL_CELL or more, and the next smallest group is hidden until they do.
    """
    hide = {group for group, n in sizes.items() if n < SMALL_CELL}
    if parts_of_a_total:
        while 0 < sum(sizes[g] for g in hide) < SMALL_CELL and len(hide) < len(sizes):
            hide.add(min((g for g in sizes if g not in hide), key=lambda g: sizes[g]))
    return hide


@dataclass(frozen=True)
class Row:
    label: str
    values: Sequence[Value] | None  # None: a group of fewer than SMALL_CELL members
    when: date | None = None  # a row about a time (a week): the page marks it up as one
    label_cells: tuple[Value, ...] = ()  # in the CSV, in place of the label

    @property
    def csv_label(self) -> tuple[Value, ...]:
        return self.label_cells or (self.label,)


@dataclass
class Figure:
    slug: str  # its CSV is <slug>.csv
    title: str
    about: str  # what it counts, for the page
    label_column: str  # the heading of the rows' labels, e.g. "Board"
    columns: list[str]
    rows: list[Row]
    charts: list[SafeString] = field(default_factory=list)
    csv_label_columns: tuple[str, ...] = ()  # in the CSV, in place of label_column

    def csv_rows(self) -> list[list[Value]]:
        """The table as the page shows it, header first; a hidden group says so in each cell."""
        head: list[Value] = [*(self.csv_label_columns or (self.label_column,)), *self.columns]
        return [head] + [
            [*row.csv_label, *(row.values if row.values is not None else self._suppressed)]
            for row in self.rows
        ]

    @property
    def _suppressed(self) -> list[str]:
        return [suppressed()] * len(self.columns)


def safe_cell(value: Value) -> Value:
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


def csv_download(filename: str, figure: Figure) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    csv.writer(response).writerows([safe_cell(v) for v in row] for row in figure.csv_rows())
    return response
