"""Moments in words, in the reader's language, cheaply enough for every post on a page.

`moment_label(moment)` says what `{{ moment|date:"DATETIME_FORMAT" }}` says — the
active language's format (boomity/formats/) in the current time zone — at about a
third of the cost: Django parses the format and builds a formatter for every value,
which measured as a quarter of a thread page's cost when run once per post. Here each
(language, format) is read once into pieces; a format using letters not handled here
goes through Django's own formatter, so the words are always Django's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import lru_cache

from django.utils import dateformat, formats, timezone, translation
from django.utils.dates import MONTHS, MONTHS_3, MONTHS_AP

Piece = Callable[[datetime], str]

# The letters of Django's date formats that pages use, each as Django writes it.
_NUMBERS: dict[str, Piece] = {
    "j": lambda d: str(d.day),
    "d": lambda d: f"{d.day:02d}",
    "n": lambda d: str(d.month),
    "m": lambda d: f"{d.month:02d}",
    "Y": lambda d: f"{d.year:04d}",
    "y": lambda d: f"{d.year % 100:02d}",
    "G": lambda d: str(d.hour),
    "H": lambda d: f"{d.hour:02d}",
    "i": lambda d: f"{d.minute:02d}",
    "s": lambda d: f"{d.second:02d}",
}


def _month_names(letter: str) -> list[str] | None:
    """The twelve names a month letter stands for, in the active language (index 1-12)."""
    if letter == "M":
        return ["", *(str(MONTHS_3[m]).title() for m in range(1, 13))]
    if letter == "b":
        return ["", *(str(MONTHS_3[m]) for m in range(1, 13))]
    if letter == "F":
        return ["", *(str(MONTHS[m]) for m in range(1, 13))]
    if letter == "N":
        return ["", *(str(MONTHS_AP[m]) for m in range(1, 13))]
    return None


def _month_piece(names: list[str]) -> Piece:
    return lambda d: names[d.month]


def _literal_piece(text: str) -> Piece:
    return lambda d: text


@lru_cache(maxsize=64)
def _pieces(language: str | None, format_name: str) -> tuple[Piece, ...] | None:
    """`format_name` of the active language (`language` is the cache's key), as pieces;
    None if it uses a letter handled only by Django's formatter."""
    pieces: list[Piece] = []
    format_string = str(formats.get_format(format_name))
    for i, part in enumerate(dateformat.re_formatchars.split(format_string)):
        if i % 2:
            if part in _NUMBERS:
                pieces.append(_NUMBERS[part])
            elif (names := _month_names(part)) is not None:
                pieces.append(_month_piece(names))
            else:
                return None
        elif part:
            pieces.append(_literal_piece(dateformat.re_escaped.sub(r"\1", part)))
    return tuple(pieces)


def moment_label(moment: datetime, format_name: str = "DATETIME_FORMAT") -> str:
    """`moment` in the current time zone, as the active language writes `format_name`."""
    local = timezone.localtime(moment)
    pieces = _pieces(translation.get_language(), format_name)
    if pieces is None:
        return formats.date_format(local, format_name)
    return "".join(piece(local) for piece in pieces)


def moment_properties(attribute: str) -> tuple[property, property]:
    """The `<name>_iso` and `<name>_label` properties of a class whose `attribute` is a
    moment or None: what a `<time datetime="…">…</time>` needs, "" for no moment. One
    definition for every class a template shows moments of (a post, a kept post's view)."""

    def iso(self: object) -> str:
        moment = getattr(self, attribute)
        return moment.isoformat() if moment else ""

    def label(self: object) -> str:
        moment = getattr(self, attribute)
        return moment_label(moment) if moment else ""

    return property(iso), property(label)
