"""Personas and small factories shared by every test."""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import struct
import time
from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.markup import is_safe_url
from forums import actions
from forums.models import Board, BoardGroup, Visibility
from members.models import User, forget_community_settings
from moderation.roles import MODERATORS, STAFF

PASSWORD = "a-long-test-password"
# The test moderator's and staff member's authenticator key (two-step sign-in).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
_seq = itertools.count(1)


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
):
    post = actions.start_thread(board=board, author=author, title=title, body=body, **extra)
    thread = post.thread
    for i in range(replies):
        actions.post_reply(thread=thread, author=author, body=f"Reply {i + 1}")
    thread.refresh_from_db()
    return thread


def restore_default_data() -> None:
    """Put back what the data migrations made: transactional tests flush it away."""
    import importlib

    from django.apps import apps

    for module in (
        "forums.migrations.0004_default_content_warnings",
        "forums.migrations.0011_default_topics",
        "moderation.migrations.0002_defaults",
        "members.migrations.0006_default_experiences",
    ):
        importlib.import_module(module).add_defaults(apps, None)
    checkin_questions = importlib.import_module("members.migrations.0009_default_checkin_questions")
    checkin_questions.add_defaults(apps, None, app_label="checkins")


@pytest.fixture(autouse=True)
def _first_posts_not_held(request):
    """Most tests are about something else than holding new members' first posts:
    they run with the hold off. Tests of the hold turn it on (`hold_first_posts`)."""
    marker = request.node.get_closest_marker("django_db")
    uses_db = marker is not None or {"db", "transactional_db", "live_server"} & set(
        request.fixturenames
    )
    if uses_db:
        transactional = (marker is not None and marker.kwargs.get("transaction")) or (
            {"transactional_db", "live_server"} & set(request.fixturenames)
        )
        request.getfixturevalue("transactional_db" if transactional else "db")
        if transactional:
            restore_default_data()
        from moderation.models import ModerationSettings

        ModerationSettings.objects.update_or_create(pk=1, defaults={"new_member_hold_count": 0})
    yield


@pytest.fixture(autouse=True)
def _fresh_community_settings():
    """Each test reads the community settings from its own database, not from the
    copy an earlier test left in this process (see CommunitySettings.current)."""
    forget_community_settings()
    yield
    forget_community_settings()


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


@pytest.fixture
def hold_first_posts(db):
    from moderation.models import ModerationSettings

    ModerationSettings.objects.update_or_create(pk=1, defaults={"new_member_hold_count": 1})


@pytest.fixture
def alice(db) -> User:
    return make_member("Alice")


@pytest.fixture
def bob(db) -> User:
    return make_member("Bob")


@pytest.fixture
def moderator(db) -> User:
    user = make_member("Mara", is_staff=True)
    user.groups.add(Group.objects.get(name=MODERATORS))
    return give_two_step_sign_in(user)


@pytest.fixture
def silenced(db, moderator) -> User:
    from moderation.actions import silence

    user = make_member("Quiet")
    silence(user, by=moderator, reason="Please take a breather.", period="24h")
    user.refresh_from_db()
    return user


@pytest.fixture
def staff(db) -> User:
    user = make_member("Sol", is_staff=True)
    user.groups.add(Group.objects.get(name=STAFF))
    return give_two_step_sign_in(user)


@pytest.fixture
def board(db) -> Board:
    return make_board("anxiety", name="Anxiety")


@pytest.fixture
def public_board(db) -> Board:
    return make_board("introductions", public=True, name="Introductions")


@pytest.fixture
def thread(board, alice):
    return make_thread(board, alice, title="Sleep when anxious", body="Does anyone else lie awake?")


def count_queries(client, url: str) -> int:
    """SQL queries for one successful GET of `url`, in the steady state.

    A warm-up request first: the first page after signing in renews the
    session (one write every few minutes, not per page).
    """
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx)


class _MarkupAudit(HTMLParser):
    BAD_TAGS = {
        "script",
        "svg",
        "math",
        "iframe",
        "style",
        "object",
        "embed",
        "img",
        "meta",
        "base",
        "link",
        "frame",
        "frameset",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BAD_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name == "srcdoc":
                self.problems.append(f"{tag}[srcdoc]")
            if (
                name in {"href", "src", "action", "formaction", "xlink:href", "data"}
                and value
                and not is_safe_url(value)
            ):
                self.problems.append(f"{tag}[{name}={value!r}]")


def dangerous_markup(html: str) -> list[str]:
    """Real elements and attributes (not escaped text) that could run script."""
    audit = _MarkupAudit()
    audit.feed(html)
    return audit.problems
