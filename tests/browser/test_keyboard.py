"""Boomity by keyboard alone: Tab, Shift+Tab, Enter, Space and typing.

A member signs in, opens a board, starts a thread behind a content warning,
replies, and opens the warned posts to read them, without a mouse or a single
Playwright click or fill: only `page.keyboard`. Every place focus lands on the
way must show a visible focus indicator. Addresses are opened directly only to
start (the home page) and, for the skip-link check, to reach each main page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tests.browser.conftest import Page, expect
from tests.browser.pages import build_community, main_pages
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

THREAD_URL = re.compile(r"/t/\d+/[-\w]+/(\?page=\d+)?(#[-\w]+)?$")

# What a person (and a screen reader) would recognise the focused element by: its
# label, aria-label or text, plus the focus ring it draws.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const text = (node) => (node ? node.textContent : "");
  const labelledBy = el.getAttribute("aria-labelledby");
  let name = labelledBy
    ? labelledBy.split(/\\s+/).map((id) => text(document.getElementById(id))).join(" ")
    : el.getAttribute("aria-label")
      || (el.labels && el.labels.length ? [...el.labels].map(text).join(" ") : "")
      || (el.matches("input[type=submit], input[type=button]") ? el.value : "")
      || text(el) || el.title || "";
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    name: name.replace(/\\s+/g, " ").trim(),
    article: el.closest("article") ? el.closest("article").id : "",
    outline: `${style.outlineStyle} ${style.outlineWidth}`,
    boxShadow: style.boxShadow,
    ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== "none",
  };
}"""

AFTER_MAIN_STARTS = """() => {
  const main = document.querySelector("main");
  const el = document.activeElement;
  return main.contains(el)
    || !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""

SKIP_LINK_PAGES = {"home", "guidelines", "thread", "reply-error", "account-profile"}

Predicate = str | re.Pattern | Callable[[dict], bool]


def _matches(predicate: Predicate, focused: dict) -> bool:
    if isinstance(predicate, str):
        return focused["name"] == predicate
    if isinstance(predicate, re.Pattern):
        return bool(predicate.search(focused["name"]))
    return predicate(focused)


def tab_to(
    page: Page,
    predicate: Predicate,
    max_presses: int = 60,
    *,
    backwards: bool = False,
    stops: list[dict] | None = None,
) -> dict:
    """Press Tab (or Shift+Tab) until the focused element matches `predicate`.

    `predicate` is the element's accessible name (exact), a pattern searched in it,
    or a function of the focused element's description (its docstring names it in
    the failure message). Every focus stop on the way
    is appended to `stops`, so a test can check each one showed a focus ring.
    """
    key = "Shift+Tab" if backwards else "Tab"
    seen = []
    for _ in range(max_presses):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED)
        if focused is None:
            seen.append("(nothing: focus left the page)")
            continue
        seen.append(f"<{focused['tag']}> {focused['name'][:40]!r}")
        if stops is not None:
            stops.append({**focused, "url": page.url})
        if _matches(predicate, focused):
            return focused
    wanted = (predicate.__doc__ or predicate.__name__) if callable(predicate) else predicate
    pytest.fail(
        f"{key} pressed {max_presses} times on {page.url} without reaching {wanted!r}. "
        f"Focus went to: {', '.join(seen)}",
        pytrace=False,
    )


def type_into(page: Page, label: Predicate, text: str, stops: list[dict]) -> None:
    tab_to(page, label, stops=stops)
    page.keyboard.type(text)


def test_a_member_posts_and_reads_by_keyboard_alone(page, live_server):
    community = build_community()
    board, robin = community.members_board, community.member
    stops: list[dict] = []

    # Sign in from the home page.
    page.goto("/")
    tab_to(page, "Sign in", stops=stops)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    type_into(page, "E-mail address", robin.email, stops)
    type_into(page, "Password", PASSWORD, stops)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    # Open a board and start a thread behind a content warning.
    tab_to(page, board.name, stops=stops)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=board.name, level=1)).to_be_visible()
    tab_to(page, "Start a thread", stops=stops)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=f"Start a thread in {board.name}")).to_be_visible()
    type_into(page, "Title", "Missing my grandmother at night", stops)
    type_into(page, "Your message", "She used to sing to me.\nI still hum her songs.", stops)
    # The warnings are a list staff keep: typing picks one, as in any <select>.
    type_into(page, re.compile(r"^Content warning\b"), "grief", stops)
    expect(page.get_by_label("Content warning")).to_have_value("grief and loss")
    tab_to(page, "Post thread", stops=stops)
    page.keyboard.press("Enter")
    expect(page).to_have_url(THREAD_URL)
    expect(page.get_by_role("heading", name="Missing my grandmother at night")).to_be_visible()

    # Reply to it.
    type_into(page, "Your reply", "Humming them keeps her close. That helps me too.", stops)
    tab_to(page, "Post reply", stops=stops)
    page.keyboard.press("Enter")
    # The reply page sends the author to their new post: /t/<id>/<slug>/#<post anchor>.
    expect(page).to_have_url(re.compile(r"/t/\d+/[-\w]+/(\?page=\d+)?#[-\w]+$"))
    reply_anchor = page.url.rsplit("#", 1)[-1]
    expect(page.locator(f"article#{reply_anchor}")).to_be_visible()

    # Both posts are behind the warning: open the reply with Space, the first with Enter.
    def warning_of(anchor):
        def is_warning(focused):
            return focused["tag"] == "summary" and focused["article"] == anchor

        is_warning.__doc__ = f"the content-warning summary of #{anchor}"
        return is_warning

    posts = page.locator("article")
    tab_to(page, warning_of(reply_anchor), stops=stops)
    page.keyboard.press("Space")
    reply_body = page.locator(f"#{reply_anchor} .post__body")
    expect(reply_body).to_be_visible()
    expect(reply_body).to_contain_text("Humming them keeps her close.")

    first_anchor = posts.first.get_attribute("id")
    tab_to(page, warning_of(first_anchor), backwards=True, stops=stops)
    page.keyboard.press("Enter")
    first_body = posts.first.locator(".post__body")
    expect(first_body).to_be_visible()
    expect(first_body).to_contain_text("I still hum her songs.")

    # Focus was visible at every stop on the way.
    hidden = [s for s in stops if not s["ring"]]
    assert not hidden, "focus was not visible at: " + "; ".join(
        f"<{s['tag']}> {s['name'][:40]!r} on {s['url']} (outline {s['outline']}, "
        f"box-shadow {s['boxShadow']})"
        for s in hidden
    )
    assert len(stops) > 15, f"suspiciously few focus stops checked: {len(stops)}"


def test_the_skip_link_moves_focus_to_the_main_content(page, live_server):
    community = build_community()
    problems = []
    # The accessibility audit checks the skip link comes first on every page; here it
    # is followed on a few different kinds: signed out, signed in, a form with an
    # error, and a page whose main content has nothing to focus.
    for main_page in main_pages(community):
        if main_page.name not in SKIP_LINK_PAGES:
            continue
        main_page.open(page, community, live_server)
        page.keyboard.press("Tab")
        first = page.evaluate(FOCUSED)
        if not first or first["name"] != "Skip to main content":
            problems.append(f"{main_page.name}: first Tab stop is {first}, not the skip link")
            continue
        if not first["ring"]:
            problems.append(f"{main_page.name}: the focused skip link shows no focus ring")
        skip_link = page.get_by_role("link", name="Skip to main content")
        if not skip_link.evaluate("el => el.getBoundingClientRect().top >= 0"):
            problems.append(f"{main_page.name}: the focused skip link is off screen")
        page.keyboard.press("Enter")
        if not page.evaluate("document.activeElement === document.querySelector('main')"):
            problems.append(f"{main_page.name}: Enter on the skip link left focus elsewhere")
            continue
        # The next Tab continues after the start of the main content (inside it, or
        # in the footer when main has nothing to focus), never back in the header.
        page.keyboard.press("Tab")
        if not page.evaluate(AFTER_MAIN_STARTS):
            after = page.evaluate(FOCUSED)
            problems.append(f"{main_page.name}: Tab after skipping went to {after}")
    assert not problems, "\n".join(problems)
