"""The bench's own PostgreSQL database: reachable, made fresh, marked once seeded.

A finished seed is recorded as a comment on the database, so a re-run at the
same size reuses it instead of seeding for a minute again, while a seed that was
interrupted (the transaction rolled back, no comment) is started over in a fresh
database. These helpers talk to PostgreSQL with psycopg directly: they work on
the database as a whole, before and outside Django's connection to it.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

MARKER_PREFIX = "boomity-bench seed "


class DatabaseUnreachable(Exception):
    pass


def database_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    if not name:
        raise ValueError(f"No database name in {describe(url)}.")
    return name


def describe(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    return f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path}"


def _connect(url: str, *, dbname: str = "postgres") -> psycopg.Connection:
    # The server-level commands (CREATE/DROP/COMMENT ON DATABASE) run from the
    # maintenance database, never from inside the bench database itself.
    try:
        return psycopg.connect(url, dbname=dbname, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        raise DatabaseUnreachable(
            f"PostgreSQL is not reachable at {describe(url)}: {str(exc).strip()}\n"
            "Start it (e.g. `pg_ctlcluster 15 main start`) or pass --database-url."
        ) from None


def check_reachable(url: str) -> None:
    with _connect(url):
        pass


def read_marker(url: str) -> dict[str, Any] | None:
    """What the database was seeded with, or None if it doesn't exist or isn't finished."""
    with _connect(url) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [database_name(url)],
        ).fetchone()
    if row is None or not row[0] or not row[0].startswith(MARKER_PREFIX):
        return None
    try:
        return json.loads(row[0].removeprefix(MARKER_PREFIX))
    except json.JSONDecodeError:
        return None


def write_marker(url: str, marker: dict[str, Any]) -> None:
    comment = MARKER_PREFIX + json.dumps(marker, sort_keys=True)
    with _connect(url) as conn:
        conn.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(database_name(url)), sql.Literal(comment)
            )
        )


def recreate(url: str) -> None:
    """Drop the database if it exists and create it empty."""
    name = sql.Identifier(database_name(url))
    with _connect(url) as conn:
        # FORCE ends the connections a killed earlier run may have left behind.
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def vacuum_analyze(url: str) -> None:
    """Fresh planner statistics and visibility map, as a database in service would have."""
    with _connect(url, dbname=database_name(url)) as conn:
        conn.execute("VACUUM ANALYZE")
