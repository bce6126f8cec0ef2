"""The check-ins' part of a member's export (see core.privacy).

Erasure needs nothing here: check-ins go with the account (on_delete=CASCADE).
"""

from __future__ import annotations

from typing import Any

from core.privacy import register, when

from .models import CheckIn


def _export_check_ins(user) -> dict[str, Any]:
    return {
        "check_ins": [
            {
                "answered_at": when(c.created_at),
                "answers": [
                    {"question": a.question, "score": a.score}
                    for a in sorted(c.answers.all(), key=lambda a: a.position)
                ],
            }
            for c in CheckIn.objects.of(user).prefetch_related("answers")
        ],
    }


register("check-ins", layer=15, export=_export_check_ins)
