"""Small helpers shared by the moderation tests (personas and factories: tests/conftest.py)."""

from __future__ import annotations

from moderation.models import ModerationSettings


def page(response) -> str:
    """The HTML a person sees."""
    return response.content.decode()


def set_moderation(**values) -> ModerationSettings:
    """Staff change the moderation settings (the one row)."""
    ModerationSettings.objects.update_or_create(pk=1, defaults=values)
    return ModerationSettings.load()


def signs_in(response) -> bool:
    """The visitor was sent to the sign-in page."""
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")
