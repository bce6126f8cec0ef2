"""The README says what the app does, in order: a stranger followed it on a shift."""

from __future__ import annotations

import re
from pathlib import Path

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def section(title: str) -> str:
    return README.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_production_steps_are_numbered_once_each_in_order():
    steps = re.findall(r"^(\d+)\. ", section("Running it in production"), flags=re.M)
    assert steps == [str(n) for n in range(1, len(steps) + 1)]
    assert section("Running it in production").count("Sign in to `/admin/`") == 1


def test_the_admin_front_page_is_described_in_the_order_it_shows():
    moderators = section("For moderators")
    assert "front page also starts with **What the next shift should know**" not in moderators
    assert "Under those counts, the admin's front page shows" in moderators
