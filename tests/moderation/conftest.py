"""Fixtures shared by the moderation tests (personas and factories are in tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.factories import set_moderation


@pytest.fixture
def oncall(db):
    """Two on-call moderators' addresses in the settings, as staff type them."""
    set_moderation(oncall_emails="oncall-one@example.org\n\n  oncall-two@example.org  \n")
    return ["oncall-one@example.org", "oncall-two@example.org"]
