"""Finding a member's muted words and phrases in a text: whole words, any case, any
spacing between a phrase's words. On the ground floor so that forums (posts, titles)
and members (notifications, their e-mails) fold the same words the same way."""

from __future__ import annotations

import re


def words_pattern(words: list[str]) -> re.Pattern[str] | None:
    """Whole words and phrases, any case, any spacing between a phrase's words."""
    parts = [r"\s+".join(re.escape(w) for w in phrase.split()) for phrase in words]
    parts = [p for p in parts if p]
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)
