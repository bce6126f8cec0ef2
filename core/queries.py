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

import inspect
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

# Numbers no id, count or setting has by chance (as core.addresses' placeholders).
STAND_INS = (7316500001, 7316500002, 7316500003, 7316500004)
# A list's stand-ins: the n-th id of the value in place `which` is LISTED + which * SPAN + n.
LISTED, SPAN = 7316600000, 100_000

# The largest id a row can have (PostgreSQL's bigint): a larger one finds nothing, and
# can't be sent to SQLite at all.
BIGGEST_ID = 2**63 - 1
# A word's stand-in (a slug, say): the n-th value's is WORD % n.
WORD = "\x00compiled stand-in %d\x00"

# What a value is: one id, one word, or a list of ids (never empty: an empty IN has no SQL).
Value = int | str | Collection[int]
# How a value goes into the SQL: which value, and which of its ids (None: the value itself).
Slot = tuple[int, int, int | None]
# What a value is, for the SQL: an id (None), a word (WORDS) or a list of so many ids.
WORDS = -1
Shape = tuple[int | None, ...]


class Compiled:
    def __init__(self, build: Callable[..., QuerySet[Any]]) -> None:
        """`build(*values)` returns the query for those values — ids, lists of ids or words
        (a slug): as many as it takes, four at most (or none: a query asked as it is)."""
        self.build = build
        self.arguments = build.__code__.co_argcount
        if not 0 <= self.arguments <= len(STAND_INS):
            raise ValueError(f"between 0 and {len(STAND_INS)} values, not {self.arguments}")
        self._made: dict[tuple[str, str, Shape], tuple[str, list[Any], list[Slot]]] = {}

    def rows(self, *values: Value, using: str = "default") -> list[tuple[Any, ...]]:
        if len(values) != self.arguments:
            raise TypeError(f"{self.arguments} values, not {len(values)}")
        ids = [
            value if isinstance(value, int | str) else list(dict.fromkeys(value))
            for value in values
        ]
        shape = tuple(
            None if isinstance(value, int) else WORDS if isinstance(value, str) else len(value)
            for value in ids
        )
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

    def _compile(self, using: str, shape: Shape) -> tuple[str, list[Any], list[Slot]]:
        stand_ins: list[Value] = [
            STAND_INS[which]
            if length is None
            else WORD % which
            if length == WORDS
            else stand_in_list(which, length)
            for which, length in enumerate(shape)
        ]
        where: dict[int | str, tuple[int, int | None]] = {}
        for which, value in enumerate(stand_ins):
            if isinstance(value, int | str):
                where[value] = (which, None)
            else:
                where.update((number, (which, n)) for n, number in enumerate(value))
        sql, params = self.build(*stand_ins).query.get_compiler(using).as_sql()
        slots = [
            (i, *where[param])
            for i, param in enumerate(params)
            if isinstance(param, int | str) and not isinstance(param, bool) and param in where
        ]
        if {(which, n) for _slot, which, n in slots} != set(where.values()):
            raise ValueError("the query doesn't use every value it was built with")
        return sql, list(params), slots


def stand_in_list(which: int, length: int) -> list[int]:
    return [LISTED + which * SPAN + n for n in range(length)]


class Columns[M: Model]:
    """A model's columns, and those of the rows it leads to, for a `Compiled` query to
    read whole instances: `Columns(Thread, "board", "board__group")` is what
    `select_related("board__group")` reads. `.names` for the query's `values_list()`
    (`.names_under("tag")` after a path), and `.instance(row)` for the instance the ORM
    would have made of the row: converted as the ORM converts (JSON decoded, SQLite's 0
    and 1 as booleans, dates), each related instance in place as select_related puts it
    (None where the join found nothing). `leave_out` the model's own columns never shown,
    or name in `only` the few columns a related row shows (`{"author__profile":
    ["display_name"]}`; its id is always read): the others are read if asked for, as
    `defer()` and `only()` do."""

    def __init__(
        self,
        model: type[M],
        *related: str,
        leave_out: Collection[str] = (),
        only: Mapping[str, Collection[str]] | None = None,
    ) -> None:
        self.model = model
        only = only or {}
        if unknown := set(only) - set(related):
            raise ValueError(f"`only` names paths that aren't read: {sorted(unknown)}")
        self.parts: list[tuple[str, type[Model], list[Any]]] = [
            ("", model, [f for f in model._meta.concrete_fields if f.attname not in leave_out])
        ]
        for path in related:
            target: Any = model
            for step in path.split("__"):
                target = target._meta.get_field(step).related_model
            fields = list(target._meta.concrete_fields)
            if path in only:
                wanted = {target._meta.get_field(name).attname for name in only[path]}
                fields = [f for f in fields if f.primary_key or f.attname in wanted]
            self.parts.append((path, target, fields))
        self.names = [
            f"{path}__{field.attname}" if path else field.attname
            for path, _model, fields in self.parts
            for field in fields
        ]
        self._plans: dict[str, list[_Part]] = {}

    def names_under(self, path: str) -> list[str]:
        return [f"{path}__{name}" for name in self.names]

    def instance(self, values: list[Any] | tuple[Any, ...], using: str = "default") -> M:
        connection = connections[using]
        plan = self._plans.get(connection.vendor)
        if plan is None:
            plan = self._plans[connection.vendor] = [
                _Part.of(path, model, fields, connection) for path, model, fields in self.parts
            ]
        if len(values) != len(self.names):
            raise ValueError(f"{len(self.names)} columns, not {len(values)}")
        made: dict[str, Model | None] = {}
        start = 0
        for part in plan:
            end = start + len(part.attnames)
            made[part.path] = part.made(values[start:end], connection, using)
            start = end
            if part.path:
                _link(made, part.path)
        return made[""]  # type: ignore[return-value]


@dataclass(frozen=True)
class _Part:
    """How one model's columns of a row become its instance, worked out once."""

    path: str
    model: type[Model]
    attnames: list[str]
    pk_at: int
    # The columns the ORM converts (SQLite's booleans, dates, JSON), and how.
    converted: list[tuple[int, list[Callable[..., Any]]]]
    # Made as Model.__init__ makes it: the model keeps Django's own __init__ and from_db,
    # nothing listens for its making (pre_init, post_init; asked once, on first use) and
    # every column's attribute keeps its value as given — so the values are stored
    # without __init__'s work for each field, a third of a list page's time making its rows.
    stored: bool

    @classmethod
    def of(cls, path: str, model: type[Model], fields: list[Any], connection: Any) -> _Part:
        converted = []
        for i, field in enumerate(fields):
            converters = connection.ops.get_db_converters(
                field.get_col(model._meta.db_table)
            ) + field.get_db_converters(connection)
            if converters:
                converted.append((i, converters))
        stored = (
            model.__init__ is Model.__init__
            and model.from_db.__func__ is Model.from_db.__func__  # type: ignore[attr-defined]
            and not (pre_init.has_listeners(model) or post_init.has_listeners(model))
            and all(
                type(inspect.getattr_static(model, field.attname, None)) in _STORING
                for field in model._meta.concrete_fields
            )
        )
        return cls(
            path,
            model,
            [field.attname for field in fields],
            fields.index(model._meta.pk),
            converted,
            stored,
        )

    def made(self, row: list[Any] | tuple[Any, ...], connection: Any, using: str) -> Model | None:
        if self.path and row[self.pk_at] is None:
            return None  # the join found nothing (an erased author, a member with no profile)
        values = list(row)
        for i, converters in self.converted:
            value = values[i]
            for convert in converters:
                value = convert(value, None, connection)
            values[i] = value
        if not self.stored:
            return self.model.from_db(using, self.attnames, values)
        instance = self.model.__new__(self.model)
        instance._state = ModelState()
        instance._state.adding = False
        instance._state.db = using
        # A column not read is left out: deferred, read if asked for, as from_db leaves it.
        instance.__dict__.update(zip(self.attnames, values, strict=True))
        return instance


# The attributes that keep a column's value as it is given (Model.__init__ sets them).
_STORING = (DeferredAttribute, ForeignKeyDeferredAttribute)


def _link(made: dict[str, Model | None], path: str) -> None:
    """Put the instance at `path` where select_related would: on the one before it, and
    back again for a one-to-one."""
    before, _, step = path.rpartition("__")
    parent, child = made[before], made[path]
    if parent is None:
        return
    field: Any = parent._meta.get_field(step)
    field.set_cached_value(parent, child)
    if child is not None and field.one_to_one:
        field.remote_field.set_cached_value(child, parent)
