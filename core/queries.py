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
ask only for numbers and words, not dates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connections
from django.db.models import QuerySet

# Numbers no id, count or setting has by chance (as core.addresses' placeholders).
STAND_INS = (7316500001, 7316500002, 7316500003)


class Compiled:
    def __init__(self, build: Callable[..., QuerySet[Any]]) -> None:
        """`build(*values)` returns the query for those values (ids): as many as it takes."""
        self.build = build
        self.arguments = build.__code__.co_argcount
        if not 0 < self.arguments <= len(STAND_INS):
            raise ValueError(f"between 1 and {len(STAND_INS)} values, not {self.arguments}")
        self._made: dict[tuple[str, str], tuple[str, list[Any], list[tuple[int, int]]]] = {}

    def rows(self, *values: int, using: str = "default") -> list[tuple[Any, ...]]:
        if len(values) != self.arguments:
            raise TypeError(f"{self.arguments} values, not {len(values)}")
        connection = connections[using]
        key = (using, connection.vendor)
        if key not in self._made:
            self._made[key] = self._compile(using)
        sql, params, slots = self._made[key]
        params = list(params)
        for slot, which in slots:
            params[slot] = values[which]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def exists(self, *values: int, using: str = "default") -> bool:
        return bool(self.rows(*values, using=using))

    def _compile(self, using: str) -> tuple[str, list[Any], list[tuple[int, int]]]:
        stand_ins = STAND_INS[: self.arguments]
        sql, params = self.build(*stand_ins).query.get_compiler(using).as_sql()
        slots = [
            (i, stand_ins.index(param))
            for i, param in enumerate(params)
            if isinstance(param, int) and param in stand_ins
        ]
        if {which for _slot, which in slots} != set(range(self.arguments)):
            raise ValueError("the query doesn't use every value it was built with")
        return sql, list(params), slots
