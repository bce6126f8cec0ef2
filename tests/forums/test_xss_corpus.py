"""Every payload of the XSS corpus, through every field that reaches a page today.

No browser here (tests/browser/test_xss.py does the same in Chromium): the
rendered HTML is parsed, and `dangerous_markup` must find nothing real in it.
Escaped text is fine: a member who writes "<script>" should see "<script>".

Fields: board group name and description, board name, description and
guidelines (staff-written, still sanitized), thread title, thread content
warning, a post's own content warning, a warning in the staff's list (offered
in the reply and edit forms), the display name (set straight on the profile:
sign-up refuses such names, the admin or an old row might not), the opening
post, a reply, and a post after it was edited. Short fields get the
payload cut to their column's length, as the database would have to store it.

Speed: pages cost ~8 ms each, so each payload gets one scene holding it in every
field at once (inside a savepoint, rolled back after), and the four pages that
show those fields are each fetched once. Only when a page fails are the fields
staged one by one again, so the message can say which field let it through.
The home page lists every board, so it is checked in chunks of payloads instead.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils.html import escape

from core.markup import is_safe_url, quote_markdown, render_markdown
from forums import actions
from forums.models import Board, BoardGroup, ContentWarning, Post, Thread, Visibility
from members.models import Profile
from tests.conftest import dangerous_markup, make_member
from tests.xss_payloads import ALL, FAMILIES, PAYLOADS

pytestmark = pytest.mark.django_db

FAMILY_OF = {payload: family for family, payload in PAYLOADS}
_slugs = itertools.count(1)

# --- Fields and the pages that show them --------------------------------------

GROUP_NAME = "board group name"
GROUP_DESCRIPTION = "board group description"
BOARD_NAME = "board name"
BOARD_DESCRIPTION = "board description"
BOARD_GUIDELINES = "board guidelines"
TITLE = "thread title"
THREAD_CW = "thread content warning"
POST_CW = "post content warning"
CW_CHOICE = "content warning in the staff list"
DISPLAY_NAME = "display name"
OPENING_BODY = "opening post body"
REPLY_BODY = "reply body"
EDITED_BODY = "edited post body"

HOME = "home page"
BOARD_PAGE = "board page"
THREAD_PAGE = "thread page"
QUOTE_PAGE = "reply form quoting the reply"
EDIT_PAGE = "edit form of the opening post"

# Where each field shows, checked so that a field silently dropped from a page
# (which would make its scan prove nothing) fails loudly instead. The display
# name also shows in the header of every page: the viewer is its owner.
THREAD_SCENE_FIELDS = {
    BOARD_NAME: [BOARD_PAGE, THREAD_PAGE, QUOTE_PAGE, EDIT_PAGE],
    BOARD_DESCRIPTION: [BOARD_PAGE],
    BOARD_GUIDELINES: [BOARD_PAGE],
    TITLE: [BOARD_PAGE, THREAD_PAGE, QUOTE_PAGE, EDIT_PAGE],
    THREAD_CW: [BOARD_PAGE, THREAD_PAGE],
    POST_CW: [THREAD_PAGE],
    CW_CHOICE: [QUOTE_PAGE, EDIT_PAGE],  # the forms' choice of warnings
    DISPLAY_NAME: [BOARD_PAGE, THREAD_PAGE, QUOTE_PAGE, EDIT_PAGE],
    OPENING_BODY: [THREAD_PAGE, EDIT_PAGE],
    REPLY_BODY: [THREAD_PAGE, QUOTE_PAGE],
    EDITED_BODY: [THREAD_PAGE],
}
HOME_SCENE_FIELDS = {
    GROUP_NAME: [HOME],
    GROUP_DESCRIPTION: [HOME],
    BOARD_NAME: [HOME],
    BOARD_DESCRIPTION: [HOME],
    TITLE: [HOME],
}

# What a field holds when it is not the one under test.
BENIGN = {
    GROUP_NAME: "Support",
    GROUP_DESCRIPTION: "",
    BOARD_NAME: "Quiet corner",
    BOARD_DESCRIPTION: "",
    BOARD_GUIDELINES: "",
    TITLE: "Checking in",
    THREAD_CW: "",
    POST_CW: "",
    CW_CHOICE: "",  # none added to the list
    DISPLAY_NAME: "Reader",
    OPENING_BODY: "How is everyone doing today?",
    REPLY_BODY: "A bit better than yesterday, thanks.",
    EDITED_BODY: "I'll write more later.",
}

# Column lengths: the database (PostgreSQL at least) refuses anything longer.
LIMITS = {
    GROUP_NAME: BoardGroup._meta.get_field("name").max_length,
    GROUP_DESCRIPTION: BoardGroup._meta.get_field("description").max_length,
    BOARD_NAME: Board._meta.get_field("name").max_length,
    BOARD_DESCRIPTION: Board._meta.get_field("description").max_length,
    TITLE: Thread._meta.get_field("title").max_length,
    THREAD_CW: Thread._meta.get_field("content_warning").max_length,
    POST_CW: Post._meta.get_field("content_warning").max_length,
    CW_CHOICE: ContentWarning._meta.get_field("label").max_length,
    DISPLAY_NAME: Profile._meta.get_field("display_name").max_length,
}


def value_for(field_name: str, payload: str, staged: frozenset[str]) -> str:
    if field_name not in staged:
        return BENIGN[field_name]
    limit = LIMITS.get(field_name)
    return payload[:limit] if limit else payload


# --- Reading a page -----------------------------------------------------------

_MAIN = re.compile(r"(<main\b[^>]*>)(.*)(</main>)", re.DOTALL)


class _ExtraAudit(HTMLParser):
    """What `dangerous_markup` doesn't look for but the corpus tries.

    Elements that navigate, re-base or embed the page (<meta http-equiv=refresh>,
    <base href>, <link rel=import>, <frame>), srcdoc, and URL attributes other
    than href/src/action/formaction.
    """

    TAGS = {"base", "meta", "link", "frame", "frameset", "applet", "portal"}
    URL_ATTRIBUTES = {"xlink:href", "data", "poster", "background", "codebase"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name == "srcdoc":
                self.problems.append(f"{tag}[srcdoc]")
            if name in self.URL_ATTRIBUTES and value and not is_safe_url(value):
                self.problems.append(f"{tag}[{name}={value!r}]")


# Parsing is the slow part of a check: markup without any of the names above
# can't hold what _ExtraAudit looks for, so it isn't parsed at all.
_EXTRA_NAMES = re.compile(
    r"<(?:base|meta|link|frame|applet|portal)|srcdoc|xlink:href"
    r"|\b(?:data|poster|background|codebase)\s*=",
    re.IGNORECASE,
)


def extra_markup(html: str) -> list[str]:
    if not _EXTRA_NAMES.search(html):
        return []
    audit = _ExtraAudit()
    audit.feed(html)
    return audit.problems


def hrefs(html: str) -> list[str]:
    """Every href in `html`, decoded the way a browser reads the attribute."""
    found: list[str] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend(value or "" for name, value in attrs if name == "href")

    Collector(convert_charrefs=True).feed(html)
    return found


def split_main(html: str) -> tuple[str, str]:
    """(inside <main>, everything else) of a page."""
    match = _MAIN.search(html)
    assert match, "the page has no <main> element"
    return match.group(2), html[: match.start(2)] + html[match.end(2) :]


def outside_main_problems(html: str) -> Counter:
    outside = split_main(html)[1]
    return Counter(dangerous_markup(outside) + extra_markup(outside))


def audit_page(html: str, baseline_outside: Counter) -> list[str]:
    """Dangerous markup in a rendered page; [] when it is safe.

    <main> holds what members write and must be clean outright. The rest of
    the page (head, header, footer) also shows the title, the board name and
    the viewer's display name; there only what a harmless page lacks counts, so
    a <meta> or <link> the layout itself uses is not taken for an injection.
    """
    main = split_main(html)[0]
    problems = [*dangerous_markup(main), *extra_markup(main)]
    extra_outside = outside_main_problems(html) - baseline_outside
    return problems + [f"{p} (outside <main>)" for p in extra_outside.elements()]


# --- Scenes: objects holding the payload, and the pages that show them --------


@dataclass
class Scene:
    pages: dict[str, str] = field(default_factory=dict)  # page name -> URL
    # page name -> (payload, field, text that must be in the page if the field shows)
    expected: dict[str, list[tuple[str, str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def expect(self, payload: str, field_name: str, text: str, pages: list[str]) -> None:
        if text:
            for page in pages:
                self.expected[page].append((payload, field_name, text))


Stager = Callable[[list[str], frozenset[str]], Scene]


def stage_thread_scene(viewer, group, payloads: list[str], staged: frozenset[str]) -> Scene:
    """A board with one thread of three posts, all by the viewer.

    Post 1 opens the thread, post 2 is a reply with its own content warning,
    post 3 is a reply edited afterwards; a warning is added to the staff's list.
    Written through forums.actions, as the views do, so bodies are rendered and
    sanitized on write.
    """
    (payload,) = payloads

    def v(field_name):
        return value_for(field_name, payload, staged)

    Profile.objects.filter(user=viewer).update(display_name=v(DISPLAY_NAME))
    if v(CW_CHOICE):
        ContentWarning.objects.create(label=v(CW_CHOICE))
    board = Board.objects.create(
        group=group,
        slug=f"xss-{next(_slugs)}",
        visibility=Visibility.MEMBERS,
        name=v(BOARD_NAME),
        description=v(BOARD_DESCRIPTION),
        guidelines=v(BOARD_GUIDELINES),
    )
    opening = actions.start_thread(
        board=board,
        author=viewer,
        title=v(TITLE),
        body=v(OPENING_BODY),
        content_warning=v(THREAD_CW),
    )
    thread = opening.thread
    # The reply form offers only the staff's warnings, but whatever text is
    # stored must still be escaped.
    reply = actions.post_reply(
        thread=thread, author=viewer, body=v(REPLY_BODY), content_warning=v(POST_CW)
    )
    edited = actions.post_reply(thread=thread, author=viewer, body=BENIGN[EDITED_BODY])
    actions.edit_post(post=edited, body=v(EDITED_BODY))

    scene = Scene(
        pages={
            BOARD_PAGE: board.get_absolute_url(),
            THREAD_PAGE: thread.get_absolute_url(),
            QUOTE_PAGE: reverse("forums:thread-reply", args=[thread.pk]) + f"?quote={reply.pk}",
            EDIT_PAGE: reverse("forums:post-edit", args=[opening.pk]),
        }
    )
    # The instances carry what was stored (Board.save and forums.actions set
    # the rendered HTML on them), so no second read is needed.
    pages = THREAD_SCENE_FIELDS
    for name in (BOARD_NAME, BOARD_DESCRIPTION, TITLE, THREAD_CW, POST_CW, CW_CHOICE, DISPLAY_NAME):
        if name in staged:
            scene.expect(payload, name, escape(v(name)), pages[name])
    if BOARD_GUIDELINES in staged:
        scene.expect(payload, BOARD_GUIDELINES, board.guidelines_html, pages[BOARD_GUIDELINES])
    if OPENING_BODY in staged:
        scene.expect(payload, OPENING_BODY, opening.body_html, [THREAD_PAGE])
        scene.expect(payload, OPENING_BODY, escape(opening.body), [EDIT_PAGE])
    if REPLY_BODY in staged:
        scene.expect(payload, REPLY_BODY, reply.body_html, [THREAD_PAGE])
        quote = quote_markdown(reply.body, v(DISPLAY_NAME), reply.get_absolute_url())
        scene.expect(payload, REPLY_BODY, escape(quote), [QUOTE_PAGE])
    if EDITED_BODY in staged:
        scene.expect(payload, EDITED_BODY, edited.body_html, [THREAD_PAGE])
    return scene


def stage_home_scene(viewer, payloads: list[str], staged: frozenset[str]) -> Scene:
    """Per payload, a board group holding a board whose latest thread is titled with it."""
    scene = Scene(pages={HOME: reverse("forums:home")})
    for payload in payloads:

        def v(field_name, payload=payload):
            return value_for(field_name, payload, staged)

        n = next(_slugs)
        group = BoardGroup.objects.create(
            slug=f"xss-group-{n}", name=v(GROUP_NAME), description=v(GROUP_DESCRIPTION)
        )
        board = Board.objects.create(
            group=group,
            slug=f"xss-{n}",
            visibility=Visibility.MEMBERS,
            name=v(BOARD_NAME),
            description=v(BOARD_DESCRIPTION),
        )
        actions.start_thread(board=board, author=viewer, title=v(TITLE), body="Hello.")
        for name, pages in HOME_SCENE_FIELDS.items():
            if name in staged:
                scene.expect(payload, name, escape(v(name)), pages)
    return scene


# --- Running scenes -----------------------------------------------------------


@contextmanager
def rolled_back() -> Iterator[None]:
    """A savepoint undone afterwards, so each scene starts from the same database."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@dataclass
class PageResult:
    problems: list[str]
    missing: list[tuple[str, str]]  # (payload, field) that should show but doesn't


def fetch(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def missing_fields(html: str, expected: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    # Several fields can show the very same text (three posts with one body):
    # each needs its own occurrence.
    by_text = defaultdict(list)
    for payload, field_name, text in expected:
        by_text[text].append((payload, field_name))
    return [who for text, whos in by_text.items() if html.count(text) < len(whos) for who in whos]


def run_scene(
    client, stage: Stager, payloads, staged, baselines, only_page: str | None = None
) -> dict[str, PageResult]:
    with rolled_back():
        scene = stage(payloads, frozenset(staged))
        results = {}
        for page, url in scene.pages.items():
            if only_page in (None, page):
                html = fetch(client, url)
                results[page] = PageResult(
                    audit_page(html, baselines[page]), missing_fields(html, scene.expected[page])
                )
        return results


def baselines_for(client, stage: Stager) -> dict[str, Counter]:
    """What each page has outside <main> when no field holds a payload."""
    with rolled_back():
        scene = stage(["(benign)"], frozenset())
        pages = scene.pages.items()
        return {page: outside_main_problems(fetch(client, url)) for page, url in pages}


# Naming culprits re-stages a scene per field; past this many unsafe pages the
# cause is broad (autoescaping off, the sanitizer gone) and raw findings say enough.
MAX_PAGES_TO_EXPLAIN = 10


def culprits(client, stage, payloads, fields, page, baselines) -> list[str]:
    """Stage each (payload, field) that shows on `page` alone again, to name the culprit."""
    # The display name is in the header of every page.
    suspects = [name for name, pages in fields.items() if page in pages or name == DISPLAY_NAME]
    found = []
    for payload in payloads:
        for name in suspects:
            result = run_scene(client, stage, [payload], {name}, baselines, only_page=page)
            if result[page].problems:
                found.append(describe(payload, name, page, result[page].problems))
    return found


def describe(payload: str, field_name: str, page: str, what) -> str:
    return f"{field_name} <- {payload!r} [{FAMILY_OF.get(payload, '?')}] on the {page}: {what}"


def check_corpus(client, stage: Stager, fields: dict[str, list[str]], chunk_size: int):
    baselines = baselines_for(client, stage)
    failures: list[str] = []
    unsafe_pages = 0
    for start in range(0, len(ALL), chunk_size):
        chunk = ALL[start : start + chunk_size]
        for page, result in run_scene(client, stage, chunk, fields, baselines).items():
            failures += [
                describe(payload, name, page, "does not show at all, so its scan proves nothing")
                for payload, name in result.missing
            ]
            if not result.problems:
                continue
            unexplained = f"{page} with {chunk!r} in every field at once: {result.problems}"
            unsafe_pages += 1
            if unsafe_pages > MAX_PAGES_TO_EXPLAIN:
                failures.append(unexplained)
                continue
            # Nothing alone? Then only the combination of fields breaks the page.
            failures += culprits(client, stage, chunk, fields, page, baselines) or [unexplained]
    return failures


@pytest.fixture(autouse=True)
def _no_screening(settings):
    # Screening (watched words, holding a new member's first posts, crisis
    # alerts) decides whether a post shows, not how it is rendered. With it on,
    # posts would wait for review and the pages would have nothing to check.
    settings.BOOMITY_POST_SCREENERS = []


@pytest.fixture
def viewer(client):
    member = make_member("Reader")
    client.force_login(member)
    # One request outside the savepoints, so the session's renewal is saved once
    # rather than redone (and rolled back) in every scene.
    fetch(client, reverse("forums:home"))
    return member


def report(failures: list[str]) -> str:
    return f"{len(failures)} problems (field <- payload [family] on the page: what):\n" + (
        "\n".join(failures)
    )


# --- Tests --------------------------------------------------------------------


def test_corpus_is_large_varied_and_detectable():
    assert len(ALL) >= 120 and len(set(ALL)) == len(ALL)
    assert len(FAMILIES) >= 15
    # A payload that runs must say so in a way the browser test can see.
    # Decoded first, as a browser would: some payloads spell alert in entities
    # or percent-escapes, and base64 data: URLs carry theirs encoded.
    undetectable = [p for p in ALL if not re.search(r"alert|__xss|base64,", unquote(unescape(p)))]
    assert not undetectable, undetectable
    assert not [p for p in ALL if "\x00" in p], "PostgreSQL can't store NUL"


@pytest.mark.parametrize("family", list(FAMILIES))
def test_rendered_markdown_is_safe(family):
    failures = []
    for payload in FAMILIES[family]:
        html = render_markdown(payload)
        problems = dangerous_markup(html) + extra_markup(html)
        problems += [f"href={h!r}" for h in hrefs(html) if not is_safe_url(h)]
        if problems:
            failures.append(f"{payload!r} -> {html!r}: {problems}")
    assert not failures, report(failures)


@pytest.mark.slow  # ~18 s: the whole corpus through every field of a thread
def test_every_payload_in_every_field_of_a_thread_is_inert(client, viewer):
    group = BoardGroup.objects.create(slug="support", name="Support")

    def stage(payloads, staged):
        return stage_thread_scene(viewer, group, payloads, staged)

    failures = check_corpus(client, stage, THREAD_SCENE_FIELDS, chunk_size=1)
    assert not failures, report(failures)


def test_every_payload_in_board_fields_and_titles_on_the_home_page_is_inert(client, viewer):
    def stage(payloads, staged):
        return stage_home_scene(viewer, payloads, staged)

    failures = check_corpus(client, stage, HOME_SCENE_FIELDS, chunk_size=40)
    assert not failures, report(failures)
