"""Full-page PNGs of every main page, for people to look at: `make screenshots`.

Runs only when SCREENSHOTS_DIR is set. Writes `<viewport>-<page>.png` (light) for
every main page on a desktop and a phone, and `<viewport>-<page>-dark.png` for a
few pages in the dark colour scheme, plus `<viewport>-thread-opened.png` with the
thread's content warnings opened. The pages and their community come from
pages.py, the same ones the accessibility audit checks.

`test_screenshots_of_the_safety_states` adds the states a member reaches by doing
something: the help first after a crisis reply (full page, and `-screen`: just what
is on screen when it opens), a held post shown in place to its author, e-mail
settings for an unconfirmed address, a thread with a moderator's role badge, and
/help/ with the moderators' hours — on a 390 px phone and a desktop.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from forums import actions
from forums.models import Thread
from tests.browser.conftest import expect
from tests.browser.pages import VIEWPORTS, build_community, main_pages, sign_in_context
from tests.browser.test_help_first import VIEWPORTS as PHONE_390_AND_DESKTOP
from tests.factories import make_member, set_moderation

SCREENSHOTS_DIR = os.environ.get("SCREENSHOTS_DIR", "").strip()

pytestmark = [
    pytest.mark.skipif(
        not SCREENSHOTS_DIR, reason="Set SCREENSHOTS_DIR (make screenshots) to write PNGs"
    ),
    pytest.mark.django_db(transaction=True),
]

DARK_PAGES = {"home", "thread"}
CRISIS_TEXT = "I can't go on anymore. The nights are endless and nobody notices."
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_screenshots_of_the_main_pages(open_context, live_server, viewport, scheme):
    folder = Path(SCREENSHOTS_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    community = build_community()
    page = open_context(**VIEWPORTS[viewport], color_scheme=scheme).new_page()
    written = []
    for main_page in main_pages(community):
        if scheme == "dark" and main_page.name not in DARK_PAGES:
            continue
        main_page.open(page, community, live_server)
        suffix = "-dark" if scheme == "dark" else ""
        path = folder / f"{viewport}-{main_page.name}{suffix}.png"
        page.screenshot(path=path, full_page=True, animations="disabled", caret="hide")
        written.append(path)
        if main_page.name == "thread" and scheme == "light":
            # The same thread with every content warning opened, to see the posts.
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            path = folder / f"{viewport}-thread-opened.png"
            page.screenshot(path=path, full_page=True, animations="disabled", caret="hide")
            written.append(path)
    assert written and all(p.stat().st_size > 0 for p in written)


def _shoot(page, folder: Path, name: str, *, screen_too: bool = False) -> list[Path]:
    """Full page (and, with `screen_too`, only what is on screen), after checking
    nothing makes the page scroll sideways: a defect anyone would see."""
    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{name}: the page scrolls sideways"
    paths = [folder / f"{name}.png"]
    page.screenshot(path=paths[0], full_page=True, animations="disabled", caret="hide")
    if screen_too:
        paths.append(folder / f"{name}-screen.png")
        page.screenshot(path=paths[1], animations="disabled", caret="hide")
    return paths


@pytest.mark.parametrize("viewport", list(PHONE_390_AND_DESKTOP))
def test_screenshots_of_the_safety_states(open_context, live_server, viewport):
    folder = Path(SCREENSHOTS_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    community = build_community()
    robin, cw = community.member, community.cw_thread
    set_moderation(moderation_hours="Mon-Fri 09:00-17:00\nSat 10:00-14:00")
    context = open_context(**PHONE_390_AND_DESKTOP[viewport])
    sign_in_context(context, robin, live_server)
    page = context.new_page()
    written = []

    # The help first, after a reply with crisis language.
    page.goto(cw.page_url(cw.page_count))
    page.get_by_label("Your reply").fill(CRISIS_TEXT)
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator("#crisis-heading")).to_be_focused()
    page.wait_for_timeout(1_000)  # a late anchor jump would show here
    written += _shoot(page, folder, f"{viewport}-help-first-reply", screen_too=True)

    # A held post, shown in place to its author (with a moderator's badge above it).
    actions.post_reply(
        thread=cw,
        author=robin,
        body="I found an old photo of us today and had to sit down for a while.",
        held_because="A new member's first posts: a moderator looks first",
    )
    page.goto(cw.page_url(cw.page_count))
    page.evaluate("document.querySelectorAll('details.cw').forEach(d => d.open = true)")
    written += _shoot(page, folder, f"{viewport}-held-post")

    # A thread whose replies include a moderator's, with the role badge in the byline.
    hello = Thread.objects.get(title="Hello from a night owl")
    page.goto(hello.get_absolute_url())
    written += _shoot(page, folder, f"{viewport}-thread-moderator-badge")

    # /help/ with the hours the moderators are usually around.
    page.goto(reverse("moderation:help"))
    written += _shoot(page, folder, f"{viewport}-help-hours")

    # E-mail settings for a member whose address isn't confirmed.
    kit = make_member("Kit")
    EmailAddress.objects.filter(user=kit).update(verified=False)
    page.context.clear_cookies()
    sign_in_context(page.context, kit, live_server)
    page.goto(reverse("members:email-preferences"))
    expect(page.get_by_role("heading", name="We can't e-mail you yet")).to_be_visible()
    written += _shoot(page, folder, f"{viewport}-email-unconfirmed")

    assert written and all(p.stat().st_size > 0 for p in written)
