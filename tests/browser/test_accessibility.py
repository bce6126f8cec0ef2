"""Accessibility audits of every main page, on a desktop and a phone, light and dark.

axe-core (bundled with axe-playwright-python) checks each page; the suite fails on
any violation axe rates "serious" or "critical". Beside axe, each page must have
exactly one h1, a main landmark, the skip link as its first Tab stop, a name for
every visible form control, a language on <html>, and no sideways scrolling on a
phone. The stylesheet must honour reduced motion and the dark colour scheme.

One browser context per viewport and scheme visits every page in turn (see
pages.py for the community and the list of pages), which keeps this fast.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import Axe
from tests.browser.pages import SCHEMES, VIEWPORTS, build_community, main_pages

pytestmark = pytest.mark.django_db(transaction=True)

FAILING_IMPACTS = {"serious", "critical"}

# Facts about the page that axe doesn't check (or only as "moderate").
PAGE_FACTS = """() => {
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden"
      && style.display !== "none";
  };
  return {
    h1s: [...document.querySelectorAll("h1")].map((h) => h.textContent.trim()),
    mains: document.querySelectorAll("main, [role=main]").length,
    lang: document.documentElement.getAttribute("lang") || "",
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    wideElements: [...document.querySelectorAll("body *")]
      .filter((el) => visible(el) && el.getBoundingClientRect().right > screen.width + 1)
      .slice(0, 3)
      .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : "")),
  };
}"""

FIRST_TAB_STOP = """() => {
  const el = document.activeElement;
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.textContent || "").trim().slice(0, 60),
    href: el.getAttribute("href"),
    isSkipLink: el.matches("a.skip-link[href='#main']"),
  };
}"""

# Which of the header's two first destinations has focus, if either.
TAB_STOP = """() => {
  const el = document.activeElement;
  if (el.matches("a.help-link")) return "help";
  if (el.closest(".site-search")) return "search";
  return el.tagName.toLowerCase();
}"""

# Visible form controls that assistive technology can reach (not inside aria-hidden).
FORM_CONTROLS = "input:not([type=hidden]):visible, textarea:visible, select:visible"
# First line of an ARIA snapshot with a name: `- textbox "Title"`; without: `- textbox`.
NAMED = re.compile(r'- [\w-]+ "')


def axe_problems(page, where: str) -> list[str]:
    # axe-core is already in the page (see `_with_axe`); run it on the whole document.
    violations = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")[
        "violations"
    ]
    problems = []
    for violation in violations:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        more = len(violation["nodes"]) - len(targets)
        problems.append(
            f"{where}: axe {violation['impact']} {violation['id']} "
            f"({violation['help']}) at {', '.join(targets)}"
            + (f" and {more} more" if more > 0 else "")
        )
    return problems


def structure_problems(page, where: str, *, phone: bool) -> list[str]:
    facts = page.evaluate(PAGE_FACTS)
    problems = []
    if len(facts["h1s"]) != 1:
        problems.append(f"{where}: {len(facts['h1s'])} h1 elements, not one: {facts['h1s']}")
    if facts["mains"] != 1:
        problems.append(f"{where}: {facts['mains']} main landmarks, not one")
    if not facts["lang"].strip():
        problems.append(f"{where}: <html> has no lang")
    # Compared with the screen we asked for, not window.innerWidth: a phone browser
    # zooms out to fit a page that is too wide, and innerWidth grows with it.
    screen = page.viewport_size["width"]
    if phone and max(facts["scrollWidth"], facts["innerWidth"]) > screen:
        problems.append(
            f"{where}: scrolls sideways ({facts['scrollWidth']}px wide on a {screen}px "
            f"screen); too wide: {facts['wideElements']}"
        )

    # The skip link is the first thing Tab reaches from the top of the page.
    page.keyboard.press("Tab")
    first = page.evaluate(FIRST_TAB_STOP)
    if not first["isSkipLink"]:
        problems.append(
            f"{where}: first Tab stop is <{first['tag']} href={first['href']!r}> "
            f"{first['text']!r}, not the skip link"
        )
    # Help before anything else that asks something of the person: Tab reaches "Need
    # help now?" before the search box, as a phone shows them.
    stops = []
    for _ in range(6):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(TAB_STOP))
        if stops[-1] in ("help", "search"):
            break
    if not stops or stops[-1] != "help":
        problems.append(f'{where}: Tab reaches {stops} before "Need help now?"')

    controls = page.locator(FORM_CONTROLS)
    for i in range(controls.count()):
        control = controls.nth(i)
        if control.evaluate("el => !!el.closest('[aria-hidden=true]')"):
            continue
        # Playwright's ARIA snapshot gives the control's role and computed accessible name.
        snapshot = control.aria_snapshot().splitlines()[0]
        if not NAMED.match(snapshot):
            html = control.evaluate("el => el.outerHTML.slice(0, 120)")
            problems.append(f"{where}: form control without an accessible name: {html}")
    return problems


def _with_axe(context):
    # axe-playwright-python's Axe().run(page) sends its 500 KB copy of axe-core over
    # the wire for every page; an init script loads it once for the whole context.
    context.add_init_script(Axe().axe_script)
    return context


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_main_pages_are_accessible(open_context, live_server, viewport, scheme):
    community = build_community()
    page = _with_axe(open_context(**VIEWPORTS[viewport], color_scheme=scheme)).new_page()
    problems = []
    for main_page in main_pages(community):
        main_page.open(page, community, live_server)
        where = f"{main_page.name} [{viewport}, {scheme}]"
        problems += axe_problems(page, where)
        # The colour scheme changes colours only, which axe checks above: the page's
        # structure is the same in both, so it is checked once per viewport.
        if scheme == "light":
            problems += structure_problems(page, where, phone=viewport == "phone")
    assert not problems, f"{len(problems)} accessibility problem(s):\n" + "\n".join(problems)


# --- The stylesheet's media queries -------------------------------------------

MOTION = """() => {
  const seconds = (value) => Math.max(...value.split(",").map((v) => parseFloat(v) || 0));
  const moving = [];
  for (const el of [document.documentElement, ...document.querySelectorAll("body, body *")]) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      const animated = style.animationName !== "none" && seconds(style.animationDuration) > 0;
      const transition = seconds(style.transitionDuration) > 0;
      if (animated || transition) {
        moving.push(`${el.tagName.toLowerCase()}${pseudo || ""}.${el.className}: ` +
          `animation ${style.animationName} ${style.animationDuration}, ` +
          `transition ${style.transitionProperty} ${style.transitionDuration}`);
      }
    }
  }
  return {
    scrollBehavior: getComputedStyle(document.documentElement).scrollBehavior,
    moving: moving.slice(0, 5),
  };
}"""


def test_reduced_motion_is_honoured(open_context, live_server):
    community = build_community()
    page = open_context(reduced_motion="reduce").new_page()
    for main_page in main_pages(community):
        if main_page.name not in {"home", "thread", "new-thread"}:
            continue
        main_page.open(page, community, live_server)
        # Focus and hover states are where transitions usually hide.
        page.keyboard.press("Tab")
        page.locator("a").last.hover()
        motion = page.evaluate(MOTION)
        assert motion["scrollBehavior"] == "auto", (
            f"{main_page.name}: html has scroll-behavior {motion['scrollBehavior']!r} "
            "for a person who asked for reduced motion"
        )
        assert not motion["moving"], (
            f"{main_page.name}: things still move with reduced motion: {motion['moving']}"
        )


BACKGROUNDS = """() => ({
  body: getComputedStyle(document.body).backgroundColor,
  text: getComputedStyle(document.body).color,
})"""


def _luminance(css_colour: str) -> float:
    # "rgb(251, 250, 247)" -> relative luminance (WCAG), enough to tell light from dark.
    channels = [float(v) / 255 for v in css_colour[css_colour.index("(") + 1 : -1].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_dark_colour_scheme_changes_the_page(open_context, live_server):
    page = open_context(color_scheme="light").new_page()
    page.goto("/")
    light = page.evaluate(BACKGROUNDS)
    page.emulate_media(color_scheme="dark")
    dark = page.evaluate(BACKGROUNDS)
    assert light["body"] != dark["body"], f"dark mode keeps the background {light['body']}"
    assert _luminance(light["body"]) > 0.8, f"light background is not light: {light['body']}"
    assert _luminance(dark["body"]) < 0.05, f"dark background is not dark: {dark['body']}"
    assert _luminance(dark["text"]) > 0.6, f"dark mode text is not light: {dark['text']}"
