"""The bench's results: a table for people, JSON for later comparison."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .load import LoadResult
from .pages import InProcess, Page


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str = ""

    def line(self) -> str:
        outcome = "PASS" if self.passed else "FAIL"
        return f"{outcome}  {self.name}" + (f" ({self.detail})" if self.detail else "")


@dataclass(frozen=True)
class PageFigures:
    page: Page
    load: LoadResult
    in_process: InProcess
    # This page's requests/s over the ceiling's: the share of the bare stack's
    # throughput the page keeps.
    ratio: float


COLUMNS = [
    ("page", "<", 20),
    ("req/s", ">", 8),
    ("p50 ms", ">", 8),
    ("p99 ms", ">", 8),
    ("non-2xx/3xx", ">", 12),
    ("other errors", ">", 13),
    ("queries", ">", 8),
    ("cpu ms", ">", 7),
    ("vs ceiling", ">", 11),
]


def _row(cells: list[str]) -> str:
    return "  ".join(
        f"{cell:{align}{width}}" for cell, (_, align, width) in zip(cells, COLUMNS, strict=True)
    ).rstrip()


def format_table(figures: list[PageFigures], not_measured: dict[str, str]) -> str:
    lines = [_row([name for name, _, _ in COLUMNS])]
    for f in figures:
        lines.append(
            _row(
                [
                    f.page.name,
                    f"{f.load.rps:.1f}",
                    f"{f.load.p50_ms:.1f}",
                    f"{f.load.p99_ms:.1f}",
                    str(f.load.non_2xx_3xx),
                    str(f.load.socket_errors + f.load.unexpected),
                    str(f.in_process.queries),
                    f"{f.in_process.cpu_ms:.1f}",
                    f"{f.ratio:.1%}",
                ]
            )
        )
    lines.extend(f"{name:<20}  ({why})" for name, why in not_measured.items())
    return "\n".join(lines)


def figures_json(figures: PageFigures) -> dict[str, Any]:
    load = figures.load
    return {
        "page": figures.page.name,
        "method": figures.page.method,
        "path": figures.page.path,
        "requests": load.requests,
        "seconds": round(load.seconds, 2),
        "requests_per_second": round(load.rps, 1),
        "latency_ms": {
            "p50": load.p50_ms,
            "p90": load.p90_ms,
            "p99": load.p99_ms,
            "max": load.max_ms,
        },
        "non_2xx_3xx": load.non_2xx_3xx,
        "socket_errors": load.socket_errors,
        "unexpected_status": load.unexpected,
        "statuses": {str(status): n for status, n in load.statuses.items()},
        "queries_per_request": figures.in_process.queries,
        "django_cpu_ms_per_request": round(figures.in_process.cpu_ms, 2),
        "ratio_to_ceiling": round(figures.ratio, 4),
    }


def checks_json(checks: list[Check]) -> list[dict[str, Any]]:
    return [asdict(check) for check in checks]


def write_report(report: dict[str, Any], directory: Path, started: datetime) -> Path:
    """bench-<time>.json for the record, latest.json for whoever looks next."""
    directory.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report, indent=2, default=str) + "\n"
    path = directory / f"bench-{started:%Y%m%d-%H%M%S}.json"
    path.write_text(text)
    (directory / "latest.json").write_text(text)
    return path
