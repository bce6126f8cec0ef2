"""Keyset paging: a long list, newest first, in pages that cost the same at the end as at
the start, behind links that keep showing the same rows.

OFFSET reads and throws away every row before the page it shows (page 150 of a busy
list read 3,700 rows to show 25). Here a page is named by the row it starts after: the
newest page has no name; "older" is `?before=<cursor>`, every row older than the
cursor's; "newer" is `?after=<cursor>`, the rows just newer than it. A cursor is the
row's moment and id, in words a person can read:

    2026-11-30T14:05:00.123456Z_4312

(the moment in UTC, always with six digits of microseconds, then the id). The id breaks
ties between rows with the same moment, so no row is ever skipped or shown twice; an
index on (moment, id), or on the moment alone, finds the page wherever it is.

A link stays put: `?before=` shows the rows older than that moment tomorrow too, unless
they moved (a thread with a new reply moves to the top). A cursor that names a row since
gone still works: it is a place in the order, not a row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from django.db.models import F, QuerySet
from django.db.models.fields.tuple_lookups import (
    Tuple,
    TupleGreaterThan,
    TupleLessThan,
)

from core.queries import BIGGEST_ID

_CURSOR = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)"
    r"T(?P<hour>\d\d):(?P<minute>\d\d):(?P<second>\d\d)\.(?P<micro>\d{6})Z"
    r"_(?P<pk>[1-9]\d{0,18})",
    re.ASCII,
)


class BadCursor(ValueError):
    """A ?before= or ?after= that isn't one this module wrote."""


@dataclass(frozen=True)
class Cursor:
    moment: datetime
    pk: int

    def __str__(self) -> str:
        m = self.moment.astimezone(UTC)
        day = f"{m.year:04d}-{m.month:02d}-{m.day:02d}"
        return f"{day}T{m.hour:02d}:{m.minute:02d}:{m.second:02d}.{m.microsecond:06d}Z_{self.pk}"

    @classmethod
    def parse(cls, text: str) -> Cursor:
        """Only the exact form __str__ writes: anything else is a BadCursor."""
        found = _CURSOR.fullmatch(text)
        if found is None:
            raise BadCursor(text)
        parts = {k: int(v) for k, v in found.groupdict().items()}
        pk = parts.pop("pk")
        micro = parts.pop("micro")
        if pk > BIGGEST_ID:
            raise BadCursor(text)
        try:
            moment = datetime(**parts, microsecond=micro, tzinfo=UTC)
        except ValueError:  # the 31st of February, the 25th hour
            raise BadCursor(text) from None
        return cls(moment, pk)


@dataclass(frozen=True)
class Place:
    """Where in the list a request asks to be: the newest page, `before` or `after` a
    cursor, or `page`, an old-style page number (links made before keyset paging)."""

    before: Cursor | None = None
    after: Cursor | None = None
    page: int | None = None

    @classmethod
    def of(cls, query: Mapping[str, str]) -> Place:
        """From a request's query (request.GET); BadCursor if it names no place: a
        malformed cursor, both directions at once, or a page that isn't a number."""
        before, after, page = (query.get(name) for name in ("before", "after", "page"))
        if before is not None and after is not None:
            raise BadCursor("both before and after")
        if page is not None:
            if before is not None or after is not None or not page.isdigit() or len(page) > 9:
                raise BadCursor(page)
            return cls(page=max(int(page), 1))
        return cls(
            before=Cursor.parse(before) if before is not None else None,
            after=Cursor.parse(after) if after is not None else None,
        )


@dataclass
class Page:
    """One page of a keyset-paged list. `rows`, newest first; `older` names the page
    after this one (None at the end), `newer` the page before it (None on the newest).
    `is_newest`: nothing is newer, so what goes only on the first page (pinned threads)
    goes here."""

    rows: list[Any]
    newer: Cursor | None
    older: Cursor | None
    is_newest: bool

    def links(self, base_url: str, keep: Mapping[str, str] | None = None) -> PageLinks:
        """The addresses of the pages around this one, keeping the list's filters."""
        return PageLinks(
            newest=None if self.is_newest else address(base_url, keep),
            newer=address(base_url, keep, after=self.newer) if self.newer else None,
            older=address(base_url, keep, before=self.older) if self.older else None,
        )


def address(base_url: str, keep: Mapping[str, str] | None = None, **place: Cursor) -> str:
    """`base_url` with the list's filters (`keep`, in order) and a place in it (before= or
    after=), the cursor left readable: its colons aren't escaped."""
    params = {**(keep or {}), **{name: str(cursor) for name, cursor in place.items()}}
    query = urlencode(params, safe=":")
    return f"{base_url}?{query}" if query else base_url


@dataclass(frozen=True)
class PageLinks:
    newest: str | None
    newer: str | None
    older: str | None


class NewestFirst:
    """A list ordered by `field` (a moment) then id, newest first, `per_page` rows a
    page: one query a page, wherever it is.

    `first` names a boolean field whose rows go before all others on the newest page,
    and on no other (a board's pinned threads): the pages after it are the other rows,
    so no row is on two pages.

    With `read`, a page's rows are picked by id alone and `read(ids)` makes them (in any
    order; one gone since it was picked is left out): a list whose rows take joins to
    show is then filtered and sorted without them."""

    # How many `first` rows the newest page's one query makes room for; more cost a
    # second query.
    FIRST_ROOM = 4

    def __init__(
        self,
        field: str,
        per_page: int,
        *,
        first: str | None = None,
        read: Callable[[list[Any]], Iterable[Any]] | None = None,
    ) -> None:
        self.field = field
        self.per_page = per_page
        self.first = first
        self.read = read

    def cursor_of(self, row: Any) -> Cursor:
        return Cursor(getattr(row, self.field), row.pk)

    def page(self, rows: QuerySet[Any], place: Place) -> Page:
        """The page at `place` (its `page` must already be turned into a cursor, see
        cursor_for_page). After a cursor with nothing newer: the newest page."""
        n = self.per_page
        if place.after is not None:
            after = self._rest(rows).filter(TupleGreaterThan(self._key(), _values(place.after)))
            found = self._found(after.order_by(self.field, "pk"), n + 1)
            if found:
                shown = found[:n][::-1]
                if len(found) > n:
                    return Page(shown, self.cursor_of(shown[0]), self.cursor_of(shown[-1]), False)
                return Page(self._all_first(rows) + shown, None, self.cursor_of(shown[-1]), True)
            place = Place()  # nothing newer (the rows it followed have moved or gone)
        if place.before is None:
            return self._newest(rows)
        before = self._rest(rows).filter(TupleLessThan(self._key(), _values(place.before)))
        found = self._found(before.order_by(f"-{self.field}", "-pk"), n + 1)
        shown = found[:n]
        # A page before a cursor always offers newer rows: at least the cursor's own row
        # was newer. If it has gone since, "newer" leads to the newest page.
        newer = self.cursor_of(shown[0]) if shown else None
        return Page(shown, newer, self.cursor_of(shown[-1]) if len(found) > n else None, False)

    def _newest(self, rows: QuerySet[Any]) -> Page:
        n = self.per_page
        if self.first is None:
            found = self._found(rows.order_by(f"-{self.field}", "-pk"), n + 1)
            return Page(
                found[:n], None, self.cursor_of(found[n - 1]) if len(found) > n else None, True
            )
        # The first rows and the others in one query, in the order of an index on
        # (first, field) — unless there are more first rows than it made room for.
        limit = n + 1 + self.FIRST_ROOM
        found = self._found(rows.order_by(f"-{self.first}", f"-{self.field}", "-pk"), limit)
        head = [row for row in found if getattr(row, self.first)]
        rest = found[len(head) :]
        if len(found) == limit and len(rest) <= n:
            head = self._all_first(rows)
            rest = self._found(self._rest(rows).order_by(f"-{self.field}", "-pk"), n + 1)
        older = self.cursor_of(rest[n - 1]) if len(rest) > n else None
        return Page(head + rest[:n], None, older, True)

    def _all_first(self, rows: QuerySet[Any]) -> list[Any]:
        if self.first is None:
            return []
        return self._found(rows.filter(**{self.first: True}).order_by(f"-{self.field}", "-pk"))

    def _found(self, ordered: QuerySet[Any], limit: int | None = None) -> list[Any]:
        """The first `limit` rows of `ordered` (all of them: None)."""
        if self.read is None:
            return list(ordered[:limit])
        ids = list(ordered.values_list("pk", flat=True)[:limit])
        by_pk = {row.pk: row for row in self.read(ids)} if ids else {}
        return [by_pk[pk] for pk in ids if pk in by_pk]

    def _rest(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        return rows if self.first is None else rows.filter(**{self.first: False})

    def _key(self) -> Tuple:
        return Tuple(F(self.field), F("pk"))

    def cursor_for_page(self, rows: QuerySet[Any], number: int) -> Cursor | None:
        """Where an old `?page=number` link's rows start today: the cursor of the last
        row of page number - 1, or None for the first page or past the end. (OFFSET,
        but on the key alone and only for old links.)"""
        if number <= 1:
            return None
        index = (number - 1) * self.per_page - 1
        ordered = self._rest(rows).order_by(f"-{self.field}", "-pk")
        keys = ordered.values_list(self.field, "pk")[index : index + 1]
        return next((Cursor(moment, pk) for moment, pk in keys), None)


def _values(cursor: Cursor) -> tuple[datetime, int]:
    return (cursor.moment, cursor.pk)
