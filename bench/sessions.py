"""Signed-in members without a browser, for wrk and the in-process query counts.

A session is written server-side exactly as django.contrib.auth.login() leaves
it (user id, backend, password hash digest), so the servers treat each cookie as
a real sign-in. Signing in through the form instead would cost a deliberately
slow password hash per member.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils.crypto import get_random_string

from members.models import User

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def sign_in(user: User) -> str:
    """A new server-side session for `user`; returns its key (the cookie's value)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = MODEL_BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def csrf_secret() -> str:
    """A CSRF cookie value. Django accepts the unmasked secret as the form's token too,
    so one string serves as both cookie and csrfmiddlewaretoken."""
    return get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)


def cookie_header(session_key: str, csrf: str) -> str:
    return f"{settings.SESSION_COOKIE_NAME}={session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"


def write_cookie_file(path: Path, users: Iterable[User], csrf: str) -> list[str]:
    """Sign each user in and write one Cookie header a line, for wrk_report.lua."""
    keys = [sign_in(user) for user in users]
    path.write_text("".join(cookie_header(key, csrf) + "\n" for key in keys))
    return keys
