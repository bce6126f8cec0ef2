"""The bench's results: a table for people, JSON for later comparison."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .load import LoadResult
from .pages import BARE_CEILING, CEILING, InProcess, Page


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
    # This page's requests/s over each ceiling's: the share of that page's
    # throughput the page keeps. The ceiling is a signed-in page through every
    # middleware; the bare ceiling, Django with no middleware at all.
    ratio: float
    bare_ratio: float


def page_figures(
    pages: list[Page], loads: list[LoadResult], in_process: list[InProcess]
) -> list[PageFigures]:
    """Each page's figures, read against both ceilings (which must be among the pages)."""
    rps = {page.name: load.rps for page, load in zip(pages, loads, strict=True)}
    ceiling, bare = rps[CEILING] or 1.0, rps[BARE_CEILING] or 1.0
    return [
        PageFigures(page, load, measured, load.rps / ceiling, load.rps / bare)
        for page, load, measured in zip(pages, loads, in_process, strict=True)
    ]


COLUMNS = [
    ("page", "<", 22),
    ("req/s", ">", 8),
    ("p50 ms", ">", 8),
    ("p99 ms", ">", 8),
    ("non-2xx/3xx", ">", 12),
    ("other errors", ">", 13),
    ("queries", ">", 8),
    ("cpu ms", ">", 7),
    ("vs ceiling", ">", 11),
    ("vs bare", ">", 8),
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
                    f"{f.bare_ratio:.2%}",
                ]
            )
        )
    width = COLUMNS[0][2]
    lines.extend(f"{name:<{width}}  ({why})" for name, why in not_measured.items())
    return "\n".join(lines)


def figures_json(figures: PageFigures) -> dict[str, Any]:
    load = figures.load
    return {
        "page": figures.page.name,
        "method": figures.page.method,
        "path": figures.page.path,
        "visitor": figures.page.visitor,
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
        "ratio_to_bare_ceiling": round(figures.bare_ratio, 5),
    }


def ceilings_json(figures: list[PageFigures]) -> dict[str, float]:
    """Each ceiling's requests per second: what the ratios divide by."""
    return {
        f.page.name: round(f.load.rps, 1) for f in figures if f.page.name in (CEILING, BARE_CEILING)
    }


def checks_json(checks: list[Check]) -> list[dict[str, Any]]:
    return [asdict(check) for check in checks]


def write_report(report: dict[str, Any], text: str, directory: Path, started: datetime) -> Path:
    """bench-<time>.json for the record and latest.json for whoever looks next, each
    with the printed text beside it (.txt)."""
    directory.mkdir(parents=True, exist_ok=True)
    data = json.dumps(report, indent=2, default=str) + "\n"
    path = directory / f"bench-{started:%Y%m%d-%H%M%S}.json"
    for name in (path.stem, "latest"):
        (directory / f"{name}.json").write_text(data)
        (directory / f"{name}.txt").write_text(text.rstrip("\n") + "\n")
    return path
