"""A tiny bench community, seeded as `make bench` seeds its large one."""

from __future__ import annotations

import pytest

from bench.seed import Landmarks, Size, find_landmarks, seed_community

TINY = Size(threads=40, posts=500, long_thread_replies=60, members=8)


@pytest.fixture
def community(db) -> Landmarks:
    seed_community(TINY)
    return find_landmarks()
