"""A member's muted words, for what members shows them: notifications and their e-mails.

Mutes belong to forums, above members. BOOMITY_MUTED_WORDS names (dotted path) the
function that reads the words and phrases a member muted, `(user) -> list[str]`, in one
query; forums' is forums.models.muted_words. Without it nothing is folded here.
"""

from __future__ import annotations

import re
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from core.words import words_pattern

# A thread's title, as notifications quote it.
QUOTED = re.compile(r"“([^”]*)”")
MUTED_THREAD = _("a thread with a word you muted")
MUTED_NEWS = _("There's something new for you that mentions a word you muted.")


@cache
def _load(path: str):
    return import_string(path)


def muted_words_pattern(user) -> re.Pattern[str] | None:
    path = getattr(settings, "BOOMITY_MUTED_WORDS", "")
    if not path or not getattr(user, "is_authenticated", False):
        return None
    return words_pattern(_load(path)(user))


def mentions(pattern: re.Pattern[str] | None, text: str) -> bool:
    return pattern is not None and pattern.search(text) is not None


def without_muted(pattern: re.Pattern[str] | None, text: str) -> str:
    """`text` with each quoted title that has a muted word said as "a thread with a word
    you muted"; if a muted word is still there, a sentence that leaves all of it out."""
    if not mentions(pattern, text):
        return text
    text = QUOTED.sub(
        lambda m: str(MUTED_THREAD) if mentions(pattern, m.group(1)) else m.group(0), text
    )
    return str(MUTED_NEWS) if mentions(pattern, text) else text
