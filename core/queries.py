"""A query asked on every request whose SQL never changes but for a value or two (ids):
built and compiled by the ORM once per process, then sent as it is.

Building a query with subqueries is the dearest part of asking it: the thread page's
"would your reply wait for a moderator?" measured 9.6 million instructions a request to
build and compile, against a millisecond for PostgreSQL to answer it. `Compiled` asks
the ORM once, with a stand-in number where each value goes, keeps the SQL and its
parameters, and puts the values in on each call.

Only for queries whose SQL depends on nothing but those values: not on the time, the
language or a setting read when it is built — every other parameter is kept as it was
the first time. The rows come back as the database gives them (no field converters), so
ask only for numbers and words, not dates — or whole rows of a model, made into its
instances with `Columns`.

A value may be a list of ids too (`post_id__in=ids`): its SQL has one placeholder per id,
so it is built once for each length asked for (a page's 20 posts, its last page's 7).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet

# Numbers no id, count or setting has by chance (as core.addresses' placeholders).
STAND_INS = (7316500001, 7316500002, 7316500003, 7316500004)
# A list's stand-ins: the n-th id of the value in place `which` is LISTED + which * SPAN + n.
LISTED, SPAN = 7316600000, 100_000

# What a value is: one id, or a list of ids (never empty: an empty IN has no SQL).
Value = int | Collection[int]
# How a value goes into the SQL: which value, and which of its ids (None: the id itself).
Slot = tuple[int, int, int | None]


class Compiled:
    def __init__(self, build: Callable[..., QuerySet[Any]]) -> None:
        """`build(*values)` returns the query for those values (ids): as many as it takes."""
        self.build = build
        self.arguments = build.__code__.co_argcount
        if not 0 < self.arguments <= len(STAND_INS):
            raise ValueError(f"between 1 and {len(STAND_INS)} values, not {self.arguments}")
        self._made: dict[
            tuple[str, str, tuple[int | None, ...]], tuple[str, list[Any], list[Slot]]
        ] = {}

    def rows(self, *values: Value, using: str = "default") -> list[tuple[Any, ...]]:
        if len(values) != self.arguments:
            raise TypeError(f"{self.arguments} values, not {len(values)}")
        ids = [value if isinstance(value, int) else list(dict.fromkeys(value)) for value in values]
        shape = tuple(None if isinstance(value, int) else len(value) for value in ids)
        if 0 in shape:
            raise ValueError("an empty list of ids has no SQL: ask nothing instead")
        connection = connections[using]
        key = (using, connection.vendor, shape)
        if key not in self._made:
            self._made[key] = self._compile(using, shape)
        sql, params, slots = self._made[key]
        params = list(params)
        for slot, which, n in slots:
            value = ids[which]
            params[slot] = value if n is None else value[n]  # type: ignore[index]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def exists(self, *values: Value, using: str = "default") -> bool:
        return bool(self.rows(*values, using=using))

    def _compile(
        self, using: str, shape: tuple[int | None, ...]
    ) -> tuple[str, list[Any], list[Slot]]:
        stand_ins: list[Value] = [
            STAND_INS[which] if length is None else stand_in_list(which, length)
            for which, length in enumerate(shape)
        ]
        where: dict[int, tuple[int, int | None]] = {}
        for which, value in enumerate(stand_ins):
            if isinstance(value, int):
                where[value] = (which, None)
            else:
                where.update((number, (which, n)) for n, number in enumerate(value))
        sql, params = self.build(*stand_ins).query.get_compiler(using).as_sql()
        slots = [
            (i, *where[param])
            for i, param in enumerate(params)
            if isinstance(param, int) and param in where
        ]
        if {(which, n) for _slot, which, n in slots} != set(where.values()):
            raise ValueError("the query doesn't use every value it was built with")
        return sql, list(params), slots


def stand_in_list(which: int, length: int) -> list[int]:
    return [LISTED + which * SPAN + n for n in range(length)]


class Columns:
    """A model's columns, for a `Compiled` query to read whole rows of it: `.names` for
    its `values_list()` (after a path: `.names_under("tag")`), and `.instance(values)` for
    the model instance the ORM would have made of them, converted as the ORM converts
    (JSON decoded, SQLite's 0 and 1 as booleans)."""

    def __init__(self, model: type[Model]) -> None:
        self.model = model
        self.fields = model._meta.concrete_fields
        self.names = [field.attname for field in self.fields]
        self._converters: dict[str, list[list[Callable[..., Any]]]] = {}

    def names_under(self, path: str) -> list[str]:
        return [f"{path}__{name}" for name in self.names]

    def instance(self, values: list[Any] | tuple[Any, ...], using: str = "default") -> Model:
        connection = connections[using]
        if connection.vendor not in self._converters:
            table = self.model._meta.db_table
            self._converters[connection.vendor] = [
                connection.ops.get_db_converters(field.get_col(table))
                + field.get_db_converters(connection)
                for field in self.fields
            ]
        converted = []
        for value, converters in zip(values, self._converters[connection.vendor], strict=True):
            for convert in converters:
                value = convert(value, None, connection)
            converted.append(value)
        return self.model.from_db(using, self.names, converted)
