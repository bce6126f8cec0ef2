"""A query asked on every request whose SQL never changes but for one value: built and
compiled by the ORM once per process, then sent as it is.

Building a query with subqueries is the dearest part of asking it: the thread page's
"would your reply wait for a moderator?" measured 9.6 million instructions a request to
build and compile, against a millisecond for PostgreSQL to answer it. `Compiled` asks
the ORM once, with a stand-in number where the value goes, keeps the SQL and its
parameters, and puts the value in on each call.

Only for queries whose SQL depends on nothing but that one value: not on the time, the
language or a setting read when it is built — every other parameter is kept as it was
the first time. The rows come back as the database gives them (no field converters), so
ask only for numbers and words, not dates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connections
from django.db.models import QuerySet

# A number no id, count or setting has by chance (as core.addresses' placeholders).
STAND_IN = 7316500001


class Compiled:
    def __init__(self, build: Callable[[int], QuerySet[Any]]) -> None:
        """`build(value)` returns the query for that value (an id)."""
        self.build = build
        self._made: dict[tuple[str, str], tuple[str, list[Any], list[int]]] = {}

    def rows(self, value: int, *, using: str = "default") -> list[tuple[Any, ...]]:
        connection = connections[using]
        key = (using, connection.vendor)
        if key not in self._made:
            self._made[key] = self._compile(using)
        sql, params, slots = self._made[key]
        params = list(params)
        for slot in slots:
            params[slot] = value
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def _compile(self, using: str) -> tuple[str, list[Any], list[int]]:
        sql, params = self.build(STAND_IN).query.get_compiler(using).as_sql()
        slots = [i for i, param in enumerate(params) if param == STAND_IN]
        if not slots:
            raise ValueError("the query doesn't use the value it was built with")
        return sql, list(params), slots
