"""No string left behind: every page a person can reach, in a pseudo-language.

The test-only pseudo-locale (tests/pseudo_locale.py) turns every message Boomity, Django
and allauth translate into look-alike letters outside ASCII. A visitor, a member, a
moderator and a staff user each walk every page they can reach — the pages are found by
following links from where each starts, not listed by hand — and the walk fails on any
ASCII word in a page's text, title, labels or placeholders: a word shown as it was
written, untranslated. People's own words (posts, names, boards) are written in Greek
here, so they cannot hide a missed message; the few data rows that ship in English
(crisis services, content warnings, topics) are taken out of the text by their value.
"""

from __future__ import annotations

import json
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import override_settings
from django.urls import reverse

from forums import actions
from members.conversations import write_as_member
from moderation import actions as moderation_actions
from moderation.roles import MODERATORS, STAFF
from tests import pseudo_locale
from tests.browser.pages import sign_in_context
from tests.factories import (
    PASSWORD,
    make_board,
    make_member,
    make_staff_member,
    totp_code,
)

pytestmark = pytest.mark.django_db(transaction=True)

# Enough pages of one kind to meet each template; a page per object would only repeat it.
PER_KIND = 2
MOST_PAGES = 260
# Never followed: signing out, leaving for another site, downloads, and switching language.
SKIP = re.compile(
    r"/(accounts/)?logout/|/leave|/export|/download|/i18n/|/static/|/media/|\.(csv|json|zip)$"
)

PAGE_TEXT = """() => {
  const texts = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || el.closest("script, style, noscript, template, textarea, code, pre")) continue;
    const text = node.textContent.trim();
    if (text) texts.push(text);
  }
  const labelled = "[placeholder], [aria-label], [title], img[alt], input[type=submit], "
    + "input[type=button]";
  for (const el of document.querySelectorAll(labelled)) {
    // Django's yes/no icons in admin lists carry the Python value as their alt ("True"):
    // Django's own words, which no catalogue translates (noted in the README).
    if (el.matches("img[src*='/admin/img/icon-']")) continue;
    for (const name of ["placeholder", "aria-label", "title", "alt"]) {
      const value = el.getAttribute(name);
      if (value) texts.push(value);
    }
    if (el.matches("input[type=submit], input[type=button]") && el.value) texts.push(el.value);
  }
  return texts;
}"""

ADDRESSES = re.compile(r"\S+@\S+|https?://\S+|\b[\w.-]+\.(?:org|com|net|uk|es)\b")
# Greek: a person's own words, which no catalogue translates.
GREEK = {
    "board": "Πένθος και απώλεια",
    "board_about": "Για όποιον ζει με μια απώλεια.",
    "rules": "Κάθε είδος πένθους είναι ευπρόσδεκτο.",
    "public_board": "Συστάσεις",
    "thread": "Ο πρώτος χρόνος",
    "post": "Μερικές μέρες είναι καλές.",
    "reply": "Σου στέλνω φροντίδα.",
    "subject": "Πώς είσαι σήμερα;",
    "message": "Θέλαμε να δούμε πώς είσαι.",
    "answer": "Ευχαριστώ, λίγο καλύτερα.",
    "note": "Ο Ρομπέν πέρασε δύσκολη νύχτα.",
}


def _with_an_ascii_address(user):
    """Greek names make Greek e-mail addresses, which a browser's e-mail box refuses."""
    address = f"person{user.pk}@example.org"
    user.emailaddress_set.update(email=address)
    type(user).objects.filter(pk=user.pk).update(email=address)
    user.email = address
    return user


def _community():
    robin = make_member("Ρομπέν")
    amara = make_member("Αμάρα")
    moderator = _with_an_ascii_address(make_staff_member("Ελένη", MODERATORS))
    staff = _with_an_ascii_address(make_staff_member("Κάι", STAFF))
    board = make_board(
        "grief", name=GREEK["board"], description=GREEK["board_about"], guidelines=GREEK["rules"]
    )
    make_board("hello", public=True, name=GREEK["public_board"], description=GREEK["board_about"])
    thread = actions.start_thread(
        board=board, author=amara, title=GREEK["thread"], body=GREEK["post"]
    ).thread
    reply = actions.post_reply(thread=thread, author=robin, body=GREEK["reply"])
    moderation_actions.flag_post(post=reply, member=amara, reason="unkind", note=GREEK["note"])
    conversation = moderation_actions.write_to_member(
        robin, by=moderator, subject=GREEK["subject"], body=GREEK["message"]
    ).conversation
    write_as_member(conversation, member=robin, body=GREEK["answer"])
    moderation_actions.write_handover_note(by=moderator, text=GREEK["note"])
    moderation_actions.write_member_note(robin, by=moderator, text=GREEK["note"])
    moderation_actions.warn(robin, by=moderator, reason=GREEK["note"])
    return robin, moderator, staff


def _shipped_data() -> list[str]:
    """Text that ships as data (crisis services, content warnings, vocabularies…): every
    line of every text field of every row of ours, longest first."""
    values: set[str] = set()
    # A value alone in its place, however short ("en", "US"), is data too.
    whole: set[str] = set()
    for model in apps.get_models():
        if model._meta.app_label not in {"forums", "members", "moderation", "checkins", "core"}:
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
            and f.name != "password"
        ]
        if not fields:
            continue
        for row in model.objects.values_list(*fields):
            for value in row:
                texts = [value] if isinstance(value, str) else []
                if isinstance(value, dict):  # words in other languages ({"es": "…"})
                    texts += [json.dumps(value, ensure_ascii=False)]
                    texts += [v for v in value.values() if isinstance(v, str)]
                for text in texts:
                    whole.add(text.strip())
                    for line in text.splitlines():
                        if len(line.strip()) >= 3:
                            values.add(line.strip())
    return [*sorted(values, key=len, reverse=True), *sorted(whole - values)]


def _kind(url: str) -> str:
    """Pages of one kind: numbers in the path stand for any object."""
    path = urlsplit(url).path
    return re.sub(r"/\d+(?=/|$)", "/N", re.sub(r"/[\w-]*\d[\w-]*(?=/|$)", "/N", path))


def _without_shipped(text: str, shipped: list[str]) -> str:
    if text.strip() in shipped:
        return ""
    for value in shipped:
        if len(value) < 3:
            continue
        if value in text:
            text = text.replace(value, " ")
    # A long value cut short in a list ("How confident do you feel that …").
    if text.endswith("…"):
        start = text[:-1].strip()
        if len(start) >= 20 and any(value.startswith(start) for value in shipped):
            return ""
    return text


def _walk(page, live_server, starts: list[str], shipped: list[str]) -> tuple[list[str], list]:
    seen_kinds: dict[str, int] = {}
    queue = deque(live_server.url + start for start in starts)
    visited: list[str] = []
    problems = []
    queued = set(queue)
    while queue and len(visited) < MOST_PAGES:
        url = queue.popleft()
        response = page.goto(url)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        visited.append(urlsplit(url).path)
        for text in page.evaluate(PAGE_TEXT):
            left = _without_shipped(ADDRESSES.sub(" ", text), shipped)
            words = pseudo_locale.untranslated_words(left)
            if words:
                problems.append((urlsplit(url).path, text[:120], words[:6]))
        for href in page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)"):
            absolute = urljoin(url, href).split("#")[0]
            parts = urlsplit(absolute)
            if parts.netloc != urlsplit(live_server.url).netloc or SKIP.search(parts.path):
                continue
            # Filters and sorting are the same page with other rows; pages of a list too.
            if parts.query and not re.fullmatch(r"page=\d+", parts.query):
                continue
            kind = _kind(absolute)
            if absolute in queued or seen_kinds.get(kind, 0) >= PER_KIND:
                continue
            seen_kinds[kind] = seen_kinds.get(kind, 0) + 1
            queued.add(absolute)
            queue.append(absolute)
    return visited, problems


@pytest.fixture
def pseudo_language(tmp_path, settings):
    if not pseudo_locale.ours().is_file():
        pytest.fail(f"{pseudo_locale.ours()} is missing: run `make messages`.")
    pseudo_locale.build(tmp_path)
    languages = [*settings.LANGUAGES, (pseudo_locale.PSEUDO_LANGUAGE, "Pseudo")]
    with override_settings(LOCALE_PATHS=[tmp_path, *settings.LOCALE_PATHS], LANGUAGES=languages):
        yield


def _admin_sign_in(page, live_server, user) -> None:
    """The admin's sign-in with the second step, by field names (the words are pseudo)."""
    page.goto(f"{live_server.url}/admin/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.locator("input[name=code]").fill(totp_code())
    page.locator("input[name=code]").press("Enter")
    page.wait_for_url(re.compile(r"/admin/"))


def test_every_page_is_translated(pseudo_language, open_context, live_server):
    robin, moderator, staff = _community()
    # Each language is named in itself (the footer's switch, the language page).
    names = [str(name) for _, name in settings.LANGUAGES]
    names += [f"{name} ({code})" for code, name in settings.LANGUAGES]
    shipped = sorted([*_shipped_data(), *names], key=len, reverse=True)
    walks = {
        "visitor": (None, ["/", "/accounts/login/", "/accounts/signup/", "/help/"]),
        "member": (robin, ["/", reverse("members:profile-edit"), reverse("members:conversations")]),
        "moderator": (moderator, ["/admin/", "/"]),
        "staff": (staff, ["/admin/", "/"]),
    }
    report, everything = [], []
    for who, (user, starts) in walks.items():
        context = open_context(locale="en-XA", extra_http_headers={"Accept-Language": "en-xa"})
        page = context.new_page()
        if user is robin:
            sign_in_context(context, user, live_server)
        elif user is not None:
            _admin_sign_in(page, live_server, user)
        visited, problems = _walk(page, live_server, starts, shipped)
        everything += [f"{who}: {path}" for path in visited]
        report += [f"{who} {path}: {words} in {text!r}" for path, text, words in problems]
    print(f"\nThe sweep visited {len(everything)} pages:\n" + "\n".join(everything))
    assert len(everything) > 40, everything
    assert not report, f"{len(report)} untranslated text(s):\n" + "\n".join(sorted(set(report)))
