"""Factories: plain functions that make the people and things a test needs.

The personas built from them (alice, bob, a moderator, staff, a board, a thread, a reply)
are fixtures in tests/conftest.py; tests call these directly for anyone or anything else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import struct
import time
from collections.abc import Iterable
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from checkins import actions as checkin_actions
from checkins.models import CheckIn, CheckInItem
from forums import actions
from forums.models import Board, BoardGroup, Thread, Visibility
from members import actions as member_actions
from members.models import Experience, Profile, User
from moderation.models import ModerationSettings

PASSWORD = "a-long-test-password"
# The test moderator's and staff member's authenticator key (two-step sign-in).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
_seq = itertools.count(1)


# --- People ------------------------------------------------------------------------------


def make_member(name: str | None = None, **extra) -> User:
    n = next(_seq)
    name = name or f"member{n}"
    user = User.objects.create_user(
        email=f"{name.replace(' ', '').lower()}{n}@example.org",
        password=PASSWORD,
        display_name=name,
        **extra,
    )
    user.profile.accept_guidelines()
    # A member who signed up and confirmed their address, as every real one has.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def make_staff_member(name: str, group: str, *, two_step: bool = True) -> User:
    """Someone who runs the community from the admin: a moderator or staff (`group`),
    with an authenticator app set up unless `two_step` is False."""
    user = make_member(name, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return give_two_step_sign_in(user) if two_step else user


def give_two_step_sign_in(user: User, secret: str = TOTP_SECRET) -> User:
    """An authenticator app for `user`, as if they had set it up: the admin needs one."""
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)
    return user


def totp_code(secret: str = TOTP_SECRET, *, at: float | None = None) -> str:
    """The six digits an authenticator app shows (RFC 6238), worked out independently
    of allauth so the tests check its sums rather than repeat them."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


# --- Boards and threads ----------------------------------------------------------------


def make_board(slug: str | None = None, *, public: bool = False, **extra) -> Board:
    n = next(_seq)
    group = extra.pop("group", None) or BoardGroup.objects.filter(slug="support").first()
    group = group or BoardGroup.objects.create(name="Support", slug="support")
    return Board.objects.create(
        group=group,
        slug=slug or f"board-{n}",
        name=extra.pop("name", f"Board {n}"),
        visibility=Visibility.PUBLIC if public else Visibility.MEMBERS,
        **extra,
    )


def make_thread(
    board: Board,
    author: User,
    *,
    title: str = "Finding my feet",
    replies: int = 0,
    body: str = "Hello, everyone.",
    **extra,
) -> Thread:
    post = actions.start_thread(board=board, author=author, title=title, body=body, **extra)
    thread = post.thread
    for i in range(replies):
        actions.post_reply(thread=thread, author=author, body=f"Reply {i + 1}")
    thread.refresh_from_db()
    return thread


# --- Lived experiences and profiles ------------------------------------------------------


def experience(name: str, **extra) -> Experience:
    """An experience from the vocabulary (the starter list, or a new one)."""
    return Experience.objects.get_or_create(name=name, defaults={"slug": slugify(name), **extra})[0]


def share(user, *names: str, shown: bool | Iterable[str] = True, bio: str = "") -> Profile:
    """`user` chooses these experiences on their profile: all shown to other members
    (True), all kept to themselves (False), or only the ones named in `shown`."""
    profile = Profile.objects.get(user=user)
    showing = names if shown is True else () if shown is False else tuple(shown)
    return member_actions.update_profile(
        profile,
        experiences=[experience(n) for n in names],
        shown=[experience(n) for n in showing],
        bio=bio,
    )


def make_peer_supporter(user) -> None:
    Profile.objects.filter(user=user).update(is_peer_supporter=True)


# --- Check-ins -------------------------------------------------------------------------


def checked_in(member, *, days_ago: float = 0, score: int = 6) -> CheckIn:
    """A saved check-in answering every question asked with `score`, `days_ago` days back."""
    items = CheckInItem.objects.asked()
    checkin = checkin_actions.record_check_in(member, {item: score for item in items})
    CheckIn.objects.filter(pk=checkin.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return checkin


# --- Moderation ----------------------------------------------------------------------


def set_moderation(**values) -> ModerationSettings:
    """Staff change the moderation settings (the one row)."""
    ModerationSettings.objects.update_or_create(pk=1, defaults=values)
    return ModerationSettings.load()
