"""Fixtures shared by every test (the personas: alice, bob, a moderator, staff, a board, a
thread, a reply) and small helpers that read what a page says. The factories these are
built from are in tests/factories.py."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.markup import is_safe_url
from forums import actions
from forums.models import Board, forget_content_warnings
from members.models import User, forget_community_settings
from moderation.roles import MODERATORS, STAFF

# As a module, not its names: `from tests.conftest import make_member` fails at once,
# so every test takes its factories from tests/factories.py, the one place they live.
from tests import factories


def restore_default_data() -> None:
    """Put back what the data migrations made: transactional tests flush it away."""
    import importlib

    from django.apps import apps

    for module in (
        "forums.migrations.0004_default_content_warnings",
        "forums.migrations.0011_default_topics",
        "moderation.migrations.0002_defaults",
        "moderation.migrations.0010_default_message_templates",
        "members.migrations.0006_default_experiences",
    ):
        importlib.import_module(module).add_defaults(apps, None)
    # The shipped crisis services' languages, and the Spanish-speaking services.
    importlib.import_module("moderation.migrations.0012_crisis_resource_languages").add_languages(
        apps, None
    )
    checkin_questions = importlib.import_module("members.migrations.0009_default_checkin_questions")
    checkin_questions.add_defaults(apps, None, app_label="checkins")
    # The shipped words' Spanish (vocabulary entries keep a name per language).
    for module in (
        "forums.migrations.0021_spanish_defaults",
        "members.migrations.0027_spanish_defaults",
        "checkins.migrations.0004_spanish_questions",
    ):
        importlib.import_module(module).add_spanish(apps, None)


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
    forget_content_warnings()
    yield
    forget_community_settings()
    forget_content_warnings()


@pytest.fixture(autouse=True)
def _no_language_left_by_a_request():
    """A page activates its reader's language for the thread (LocaleMiddleware), and
    nothing switches it back: the next test would start in it."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_cache_left_by_a_transactional_test(request):
    """A test on a live server (or a transactional database) commits, and the flush after
    it empties the models' tables but not the cache's: rate limits and cool-downs (one
    confirmation e-mail per address every few minutes) would carry into the next test.
    Other tests roll the cache table back with everything else."""
    yield
    if {"live_server", "transactional_db"} & set(request.fixturenames):
        from django.core.cache import cache

        cache.clear()


@pytest.fixture
def hold_first_posts(db):
    from moderation.models import ModerationSettings

    ModerationSettings.objects.update_or_create(pk=1, defaults={"new_member_hold_count": 1})


@pytest.fixture
def alice(db) -> User:
    return factories.make_member("Alice")


@pytest.fixture
def bob(db) -> User:
    return factories.make_member("Bob")


@pytest.fixture
def moderator(db) -> User:
    return factories.make_staff_member("Mara", MODERATORS)


@pytest.fixture
def silenced(db, moderator) -> User:
    from moderation.actions import silence

    user = factories.make_member("Quiet")
    silence(user, by=moderator, reason="Please take a breather.", period="24h")
    user.refresh_from_db()
    return user


@pytest.fixture
def staff(db) -> User:
    return factories.make_staff_member("Sol", STAFF)


@pytest.fixture
def board(db) -> Board:
    return factories.make_board("anxiety", name="Anxiety")


@pytest.fixture
def public_board(db) -> Board:
    return factories.make_board("introductions", public=True, name="Introductions")


@pytest.fixture
def thread(board, alice):
    return factories.make_thread(
        board, alice, title="Sleep when anxious", body="Does anyone else lie awake?"
    )


@pytest.fixture
def reply(request, thread, bob):
    """Bob's reply in Alice's thread. A test module that needs particular words (to flag,
    to screen, to edit) says them in a module constant REPLY_BODY."""
    body = getattr(request.module, "REPLY_BODY", "Thank you for sharing this.")
    return actions.post_reply(thread=thread, author=bob, body=body)


def page(response) -> str:
    """The HTML a person sees."""
    return response.content.decode()


# Fields whose value changes on every load of a form: Django's CSRF token and the
# one-time token that keeps a post from being sent twice (forums/once.py), and the
# signed, timestamped token of whose form it is (forums.forms.writer_token).
_FORM_TOKENS = re.compile(r'name="(csrfmiddlewaretoken|post_token|writer)" value="[^"]*"')


def without_form_tokens(html: str) -> str:
    """A page without what changes on every load of its forms: for comparing two pages."""
    return _FORM_TOKENS.sub(r'name="\1"', html)


def main_of(response) -> str:
    """The page's main content: what the view put there, without the header and footer."""
    html = page(response)
    return html[html.index("<main") : html.index("</main>")]


def signs_in(response) -> bool:
    """The visitor was sent to the sign-in page."""
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def told_signed_out(response) -> bool:
    """A signed-out POST to a posting form: nothing posted, the words shown back with a
    way to sign in (forums.views.signed_in_to_post) — never a bare redirect."""
    return response.status_code == 403 and "nothing was posted yet" in page(response)


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
