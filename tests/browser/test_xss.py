"""The XSS corpus in a real browser: nothing may run, nothing dangerous may exist.

tests/forums/test_xss_corpus.py parses the HTML the server sends; this test
lets Chromium build the page, so whatever the browser's parser makes of the
markup (mutation XSS lives in that gap) is what gets checked. Every payload is
put where members see it: in posts (opening posts, replies, an edited post, with
and without content warnings), thread titles, content warnings, display names
and the board's name, description and guidelines. Then each page a member
reads is opened, every content warning is opened too, and the page must show
no dialog, no `window.__xss`, and no live element or attribute that could run
script (see DOM_SCAN).

Content is created through forums.actions (as the views do, so it is rendered
and sanitized on write) rather than typed in: the test is about what pages do
with stored content, and typing 257 payloads would take minutes.
"""

from __future__ import annotations

import itertools
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.urls import reverse

from forums import actions
from forums.models import Board, Post, Thread
from members.models import Profile
from tests.factories import make_board, make_member
from tests.xss_payloads import ALL, FAMILIES, HEYES_POLYGLOT

pytestmark = pytest.mark.django_db(transaction=True)

# Runs in the page after it loaded and its content warnings were opened.
# Returns one line per problem, with the start of the offending element's markup.
DOM_SCAN = r"""
() => {
  const problems = [];
  const report = (element, what) => {
    const post = element.closest("article");
    const where = post ? ` in post ${post.id}` : "";
    problems.push(`${what}${where}: ${element.outerHTML.slice(0, 160)}`);
  };
  // URL parsers skip leading spaces and control characters and drop tabs and
  // newlines anywhere, so "\x01java\tscript:" is a javascript: URL. Format
  // characters (U+200B...) are removed too: browsers don't, but our policy
  // refuses them, so one surviving would be a finding either way.
  const squeeze = (value) => value.trim().toLowerCase().replace(/[\s\p{Cc}\p{Cf}]/gu, "");
  const scriptUrl = /^(javascript|vbscript|data):/;
  const urlAttributes = new Set(["href", "src", "action", "formaction", "xlink:href"]);
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) report(element, `event handler ${name}`);
      if (urlAttributes.has(name) && scriptUrl.test(squeeze(attribute.value))) {
        report(element, `script URL in ${name}`);
      }
    }
  }
  const main = document.querySelector("main");
  if (!main) {
    problems.push("the page has no <main>");
  } else {
    const live = "script, iframe, object, embed, svg, math, style, base, meta[http-equiv]";
    for (const element of main.querySelectorAll(live)) {
      report(element, `<${element.localName}> inside <main>`);
    }
  }
  return problems;
}
"""

# Opens every content warning, then gives the events that opening queues
# (toggle, and error/load of anything inside) time to fire before the scan.
OPEN_CONTENT_WARNINGS = """
async () => {
  const warnings = document.querySelectorAll("details:not([open])");
  warnings.forEach((details) => { details.open = true; });
  if (warnings.length) await new Promise((resolve) => setTimeout(resolve, 100));
  return warnings.length;
}
"""


def _fit(value: str, model, field_name: str) -> str:
    """`value` cut to its column's length, as the database would have to store it."""
    return value[: model._meta.get_field(field_name).max_length]


def _short_names(count: int) -> list[str]:
    """Payloads that fit a display name (30 characters), distinct ignoring case."""
    names: dict[str, str] = {}
    for payload in ALL:
        if len(payload) <= 30 and "<" in payload:
            names.setdefault(payload.casefold(), payload)
    return list(names.values())[:count]


def _set_display_name(member, name: str) -> None:
    # Straight to the database: sign-up would refuse such a name; an admin
    # edit or an old row might not, and the pages must escape it anyway.
    Profile.objects.filter(user=member).update(display_name=name)


def _signed_in_context(open_context, live_server, member):
    """A browser context carrying a session for `member`, without the sign-in pages."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(member.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = member.get_session_auth_hash()
    session.save()
    context = open_context()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            },
        ]
    )
    return context


@pytest.fixture(autouse=True)
def _no_screening(settings):
    # Screening (watched words, holding a new member's first posts, crisis
    # alerts) decides whether a post shows, not how it is rendered. With it on,
    # posts would wait for review and the pages would have nothing to check.
    settings.BOOMITY_POST_SCREENERS = []


@pytest.fixture(autouse=True)
def _every_thread_on_one_board_page(settings):
    settings.BOOMITY_THREADS_PER_PAGE = 10 * len(ALL)


@pytest.fixture(autouse=True)
def _without_the_csp(settings):
    # The Content-Security-Policy would block an injected script, and then no
    # dialog could ever open: with it on, "no dialog" would prove nothing about
    # escaping and sanitizing. This test checks that first wall on its own; the
    # CSP is the second wall, not a reason to let the first one crack.
    settings.SECURE_CSP = {}


def _put_the_corpus_in_a_board():
    """Every payload in posts, titles, warnings, names and board text; returns what to open."""
    # Eight writers, each named with a payload; the first is the one reading.
    authors = [make_member(f"Writer{i}") for i in range(8)]
    for member, name in zip(authors, _short_names(len(authors)), strict=True):
        _set_display_name(member, name)
    reader = authors[0]
    reader.profile.refresh_from_db()

    board = make_board(
        name=_fit(FAMILIES["event handlers"][0], Board, "name"),
        description=_fit(HEYES_POLYGLOT, Board, "description"),
        # The whole corpus as one Markdown document: payloads also meet each other.
        guidelines="\n\n".join(ALL),
    )
    author_cycle = itertools.cycle(authors)

    # Posts: one thread per page-full of payloads, so each thread is one page.
    per_page = settings.BOOMITY_POSTS_PER_PAGE
    body_threads = []
    for k, start in enumerate(range(0, len(ALL), per_page)):
        chunk = ALL[start : start + per_page]
        opening = actions.start_thread(
            board=board,
            author=reader,
            body=chunk[0],
            title=_fit(chunk[-1], Thread, "title"),
            # Every other thread has a warning, so posts show both ways: open and folded.
            content_warning=_fit(chunk[1], Thread, "content_warning") if k % 2 else "",
        )
        thread = opening.thread
        post = opening
        for i, payload in enumerate(chunk[1:], start=1):
            if i == 1:
                # This one is edited into the payload, as a member fixing a post would.
                post = actions.post_reply(thread=thread, author=reader, body="Give me a second.")
                actions.edit_post(post=post, body=payload)
            else:
                # Some replies carry their own warning (any text: it must be escaped).
                warning = _fit(payload, Post, "content_warning") if i % 4 == 0 else ""
                post = actions.post_reply(
                    thread=thread,
                    author=next(author_cycle),
                    body=payload,
                    content_warning=warning,
                )
        thread.refresh_from_db()
        body_threads.append((thread, opening, post, len(chunk)))

    # Titles and thread warnings: one short thread per payload, all listed on the
    # board page (see _every_thread_on_one_board_page).
    for payload in ALL:
        actions.start_thread(
            board=board,
            author=next(author_cycle),
            body="Checking in.",
            title=_fit(payload, Thread, "title"),
            content_warning=_fit(payload, Thread, "content_warning"),
        )
    return reader, board, body_threads


# Before any page script: alert() still opens its dialog (the proof we watch
# for), but only the first few per page. A payload that got into the page and
# ran would otherwise loop forever, e.g. <input autofocus onfocus=alert(1)> takes the
# focus back each time its dialog closes, and the page would never finish
# loading: a time-out instead of a clear finding.
CAP_DIALOGS = """
(() => {
  const alert = window.alert.bind(window);
  let calls = 0;
  window.alert = (...args) => {
    calls += 1;
    window.__alerts = calls;
    if (calls <= 3) alert(...args);
  };
})();
"""


class Audit:
    """Opens pages in one signed-in tab and collects everything that looks like XSS."""

    def __init__(self, page):
        page.context.add_init_script(CAP_DIALOGS)
        self.page = page
        self.findings: list[str] = []
        self.dialogs: list[str] = []
        # Content that should be on a page but isn't: its clean scan would prove nothing.
        self.missing: list[str] = []
        page.on("dialog", self._on_dialog)

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{self.page.url}: {dialog.type}({dialog.message!r})")
        dialog.dismiss()

    def visit(self, name: str, url: str) -> None:
        self.page.goto(url)
        self.page.evaluate(OPEN_CONTENT_WARNINGS)
        if self.page.evaluate("() => typeof window.__xss") != "undefined":
            self.findings.append(f"{name} ({url}): window.__xss was set")
        if alerts := self.page.evaluate("() => window.__alerts"):
            self.findings.append(f"{name} ({url}): alert() was called {alerts} times")
        self.findings += [f"{name} ({url}): {p}" for p in self.page.evaluate(DOM_SCAN)]

    def text(self, selector: str) -> str:
        return " ".join((self.page.locator(selector).first.text_content() or "").split())

    def expect_count(self, selector: str, expected: int) -> None:
        if (found := self.page.locator(selector).count()) != expected:
            self.missing.append(f"{self.page.url}: {found} × {selector}, expected {expected}")

    def expect_text(self, selector: str, text: str) -> None:
        text = " ".join(text.split())
        if text not in self.text(selector):
            self.missing.append(f"{self.page.url}: {text!r} is not in {selector}")


def test_the_corpus_runs_nowhere_in_the_pages_members_read(open_context, live_server):
    reader, board, body_threads = _put_the_corpus_in_a_board()
    audit = Audit(_signed_in_context(open_context, live_server, reader).new_page())

    audit.visit("home page", reverse("forums:home"))
    # The pages really hold the corpus: otherwise a clean scan proves nothing.
    audit.expect_text("nav[aria-label=Main]", reader.profile.display_name)  # signed in

    audit.visit("board page", board.get_absolute_url())
    audit.expect_count(".thread-row", len(ALL) + len(body_threads))
    new_thread_url = reverse("forums:thread-new", args=[board.slug])
    audit.visit("new-thread form (board guidelines)", new_thread_url)

    for thread, opening, last_post, post_count in body_threads:
        audit.visit(f"thread {thread.pk}", thread.get_absolute_url())
        audit.expect_count("article.post", post_count)
        audit.expect_text("main h1", thread.title)
        audit.visit(
            f"reply form quoting the last post of thread {thread.pk}",
            reverse("forums:thread-reply", args=[thread.pk]) + f"?quote={last_post.pk}",
        )
        audit.visit(
            f"edit form of the opening post of thread {thread.pk}",
            reverse("forums:post-edit", args=[opening.pk]),
        )
    _, opening, _, _ = body_threads[0]
    audit.visit("remove-post page", reverse("forums:post-delete", args=[opening.pk]))

    found = []
    if audit.dialogs:
        found += ["Script ran: dialogs opened:", *audit.dialogs]
    if audit.findings:
        found += [f"{len(audit.findings)} dangerous things in the pages:", *audit.findings]
    assert not found, "\n".join(found)
    assert not audit.missing, "the corpus is not all on the pages:\n" + "\n".join(audit.missing)
