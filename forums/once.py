"""One post per form: a form sent twice (a double tap, or Back then Post again) posts once.

Each posting form carries a one-time token in a hidden field. The first POST with it
claims it for its member in the shared cache (database or Redis, so every process
sees it); once the post is made, the token remembers that post for a day. The same
token again, from the same member, finds the post instead of making another.
"""

from __future__ import annotations

import re
import secrets
import time

from django.core.cache import cache

FIELD = "post_token"
REMEMBERED_SECONDS = 24 * 3600
# A claim whose request died before it could say how it went frees itself.
CLAIM_SECONDS = 60
# How long a second tap waits for the first to finish before saying it's on its way.
WAIT_SECONDS = 5.0
_POLL_SECONDS = 0.2
# The same words from the same member in the same place within this long are the same
# post sent again (Back, then Post: the browser may have fetched a fresh token).
SAME_WORDS_SECONDS = 10 * 60
_PENDING = "pending"
_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


class StillPosting:
    """The same form is being posted by another request right now."""


STILL_POSTING = StillPosting()


def new_token() -> str:
    return secrets.token_urlsafe(24)


def sent_token(request) -> str | None:
    """The token a POST carried, if it is one of ours."""
    token = request.POST.get(FIELD, "") if request.method == "POST" else ""
    return token if _SHAPE.fullmatch(token) else None


def _key(member, token: str) -> str:
    return f"boomity.once:{member.pk}:{token}"


def claim(member, token: str) -> int | StillPosting | None:
    """None: the token is this request's to post with. Otherwise the pk of the post
    already made with it, or STILL_POSTING if another request is making it now and
    didn't finish within WAIT_SECONDS."""
    key = _key(member, token)
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        if cache.add(key, _PENDING, timeout=CLAIM_SECONDS):
            return None
        value = cache.get(key)
        if isinstance(value, int):
            return value
        if value is None:
            # Released a moment ago, or the cache isn't answering: never stand in the
            # way of a post.
            return None
        if time.monotonic() >= deadline:
            return STILL_POSTING
        time.sleep(_POLL_SECONDS)


def reclaim(member, token: str) -> None:
    """Take the token back for this request (the post it made is gone)."""
    cache.set(_key(member, token), _PENDING, timeout=CLAIM_SECONDS)


def record(member, token: str, post_pk: int) -> None:
    cache.set(_key(member, token), post_pk, timeout=REMEMBERED_SECONDS)


def release(member, token: str) -> None:
    """Nothing was posted (an error to fix, a limit): the token may be used again."""
    cache.delete(_key(member, token))
