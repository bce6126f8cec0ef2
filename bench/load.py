"""Load one page with wrk and read back its figures."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from .pages import Page

LUA_SCRIPT = Path(__file__).with_name("wrk_report.lua")
RESULT_PREFIX = "BENCH_RESULT "


class LoadError(Exception):
    pass


@dataclass(frozen=True)
class WrkSettings:
    seconds: int = 12
    connections: int = 8
    threads: int = 2


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    non_2xx_3xx: int
    socket_errors: int
    # Responses that were 2xx/3xx but not what the page should answer.
    unexpected: int
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def errors(self) -> int:
        return self.non_2xx_3xx + self.socket_errors + self.unexpected


def run_wrk(
    base_url: str, page: Page, cookie_file: Path, csrf: str, wrk: WrkSettings
) -> LoadResult:
    command = [
        "wrk",
        f"--threads={wrk.threads}",
        f"--connections={wrk.connections}",
        f"--duration={wrk.seconds}s",
        "--timeout=10s",
        f"--script={LUA_SCRIPT}",
        base_url + page.path,
        "--",
        str(cookie_file),
        page.method,
    ]
    if page.form is not None:
        command.append(urlencode({"csrfmiddlewaretoken": csrf, **page.form}))
    done = subprocess.run(  # noqa: S603 - our own arguments, no shell
        command, capture_output=True, text=True, check=False, timeout=wrk.seconds + 60
    )
    if done.returncode != 0:
        raise LoadError(f"wrk failed on {page.path} ({done.returncode}): {done.stderr.strip()}")
    return parse_wrk_output(done.stdout, expected_status=page.expected_status)


def parse_wrk_output(stdout: str, *, expected_status: int) -> LoadResult:
    """Read the line wrk_report.lua prints; wrk's own summary around it is ignored."""
    line = next((ln for ln in stdout.splitlines() if ln.startswith(RESULT_PREFIX)), None)
    if line is None:
        raise LoadError(f"wrk printed no {RESULT_PREFIX.strip()} line:\n{stdout}")
    data = json.loads(line.removeprefix(RESULT_PREFIX))
    statuses: Counter[int] = Counter()
    for per_thread in data["statuses"]:
        statuses.update({int(status): count for status, count in per_thread.items()})
    return LoadResult(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1e3,
        p90_ms=data["p90_us"] / 1e3,
        p99_ms=data["p99_us"] / 1e3,
        max_ms=data["max_us"] / 1e3,
        non_2xx_3xx=data["non_2xx_3xx"],
        socket_errors=data["socket_errors"],
        # wrk itself counts 4xx and 5xx as non_2xx_3xx.
        unexpected=sum(
            n for status, n in statuses.items() if status != expected_status and status < 400
        ),
        statuses=dict(sorted(statuses.items())),
    )
