"""What `make run` does on a fresh machine, read from make's own dry run."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


MAKE = shutil.which("make")


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_the_demo_is_set_up_and_served_with_links_to_the_chosen_port():
    """The demo's set-up prints e-mails (an urgent item pages the on-call list): their
    links must point where the site answers, not at the default port."""
    dry_run = subprocess.run(  # noqa: S603 - our own make, fixed arguments
        [str(MAKE), "-n", "-B", "run", "PORT=8044"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    steps = [line for line in dry_run.splitlines() if "manage.py" in line]
    for command in ("seed_demo", "runserver"):
        line = next(line for line in steps if command in line)
        assert "BOOMITY_SITE_URL=${BOOMITY_SITE_URL:-http://127.0.0.1:8044}" in line, line
