"""A member's data in their own hands: the registry behind download and erasure.

Every app knows best what it keeps about a member, so each registers its part
here (in its AppConfig.ready()): how to export it and how to erase it. This
module knows no app; the apps plug in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

EXPORT_FORMAT = "boomity-member-export/1"


@dataclass(frozen=True)
class Part:
    name: str
    layer: (
        int  # members 10, checkins 15, forums 20, moderation 30: export goes up, erasure comes down
    )
    export: Callable[[Any], dict[str, Any]]  # top-level sections of the export file
    erase: Callable[[Any, bool], None] | None = None


_parts: dict[str, Part] = {}


def register(
    name: str,
    *,
    layer: int,
    export: Callable[[Any], dict[str, Any]],
    erase: Callable[[Any, bool], None] | None = None,
) -> None:
    _parts[name] = Part(name, layer, export, erase)


def _ordered(descending: bool = False) -> list[Part]:
    return sorted(_parts.values(), key=lambda p: (p.layer, p.name), reverse=descending)


def export_member(user) -> dict[str, Any]:
    """Everything the community keeps about `user`, as plain JSON-ready data.

    Only their own data: what they wrote (anonymous posts included: they are
    theirs), chose and were told. Never another member's e-mail or an
    anonymous author's identity.
    """
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now().isoformat(),
    }
    for part in _ordered():
        data.update(part.export(user))
    return data


@transaction.atomic
def erase_member(user, *, remove_posts: bool) -> None:
    """Delete the account. Posts are removed, or kept under "A former member".

    Upper apps go first (they may need the account to find what is theirs);
    the account itself goes last, and with it every row that points at it.
    """
    for part in _ordered(descending=True):
        if part.erase is not None:
            part.erase(user, remove_posts)
    user.delete()


def when(moment) -> str | None:
    """A moment as the export writes it (ISO 8601), or None."""
    return moment.isoformat() if moment else None
