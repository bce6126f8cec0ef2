"""What `make bench` leaves behind: the table as text, and the same run as JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from bench.load import LoadResult, WrkSettings
from bench.management.commands.bench import Measured, _results_text, bench_report
from bench.pages import BARE_CEILING, CEILING, InProcess, Page
from bench.report import Check, page_figures, write_report
from bench.seed import Size
from bench.worker import FollowersTold

PAGES = [
    Page(CEILING, "/_bench/ceiling/"),
    Page(BARE_CEILING, "/_bench/bare/", visitor=True, bare=True),
    Page("home", "/"),
    Page("visitor public thread", "/t/36/x/", visitor=True),
    Page("reply", "/t/14/reply/", method="POST", expected_status=302),
]
PAGE_KEYS = {
    "page",
    "method",
    "path",
    "visitor",
    "requests",
    "seconds",
    "requests_per_second",
    "latency_ms",
    "non_2xx_3xx",
    "socket_errors",
    "unexpected_status",
    "statuses",
    "queries_per_request",
    "django_cpu_ms_per_request",
    "ratio_to_ceiling",
    "ratio_to_bare_ceiling",
}


def measured() -> Measured:
    def load(rps: int) -> LoadResult:
        return LoadResult(rps * 12, 12.0, 5.0, 8.0, 40.0, 60.0, 0, 0, 0, {200: rps * 12})

    loads = [load(600), load(3_000), load(120), load(150), load(60)]
    in_process = [InProcess(3, 2.5), InProcess(0, 0.4), InProcess(9, 12.0)] + [
        InProcess(7, 9.0)
    ] * 2
    checks = [Check("every request under load answered as expected", True)]
    return Measured(
        page_figures(PAGES, loads, in_process), checks, 4.2, FollowersTold(200, 200, 812.4, 95.3)
    )


def report() -> dict:
    return bench_report(
        measured(),
        started=datetime(2026, 12, 7, 8, 0, tzinfo=UTC),
        timings={"seeding": None, "preparing": 20.0, "total": 200.0},
        load_average=1.234,
        size=Size(),
        database_url="postgres://postgres@127.0.0.1:5432/boomity_bench",
        wrk=WrkSettings(),
        not_measured={},
    )


def test_the_json_has_every_row_against_both_ceilings():
    data = report()
    assert data["load_average_at_start"] == 1.23
    assert data["ceilings_requests_per_second"] == {CEILING: 600.0, BARE_CEILING: 3000.0}
    rows = {row["page"]: row for row in data["pages"]}
    assert list(rows) == [page.name for page in PAGES]
    assert all(set(row) == PAGE_KEYS for row in rows.values())
    home = rows["home"]
    assert (home["ratio_to_ceiling"], home["ratio_to_bare_ceiling"]) == (0.2, 0.04)
    assert (home["queries_per_request"], home["django_cpu_ms_per_request"]) == (9, 12.0)
    assert (home["latency_ms"]["p50"], home["latency_ms"]["p99"]) == (5.0, 40.0)
    assert home["requests_per_second"] == 120.0
    assert rows["visitor public thread"]["visitor"] and not home["visitor"]
    assert data["task_worker"] == {
        "command": "manage.py db_worker",
        "caught_up_after_reply_load_seconds": 4.2,
        "followers": 200,
        "followers_told": 200,
        "followers_told_ms": 812,
        "announce_task_ms": 95.3,
        "line": "follower notifications: 200 told in 812 ms (the task itself ran 95 ms)",
    }
    assert data["passed"] is True
    json.dumps(data)  # nothing that JSON can't hold


def test_the_text_and_the_json_are_kept_side_by_side(tmp_path: Path):
    text = _results_text(measured(), {}, 1.234)
    assert text.startswith("Load average at the start: 1.23 on ")
    assert "follower notifications: 200 told in 812 ms" in text
    assert "PASS  every request under load answered as expected" in text
    path = write_report(report(), text, tmp_path, datetime(2026, 12, 7, 8, 0, tzinfo=UTC))
    assert path == tmp_path / "bench-20261207-080000.json"
    for name in (path.stem, "latest"):
        assert json.loads((tmp_path / f"{name}.json").read_text()) == json.loads(
            json.dumps(report())
        )
        assert (tmp_path / f"{name}.txt").read_text() == text + "\n"
