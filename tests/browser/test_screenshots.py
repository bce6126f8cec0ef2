"""Full-page PNGs of every main page, for people to look at: `make screenshots`.

Runs only when SCREENSHOTS_DIR is set. Writes `<viewport>-<page>.png` (light) for
every main page on a desktop and a phone, and `<viewport>-<page>-dark.png` for a
few pages in the dark colour scheme, plus `<viewport>-thread-opened.png` with the
thread's content warnings opened. The pages and their community come from
pages.py, the same ones the accessibility audit checks.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.pages import VIEWPORTS, build_community, main_pages

SCREENSHOTS_DIR = os.environ.get("SCREENSHOTS_DIR", "").strip()

pytestmark = [
    pytest.mark.skipif(
        not SCREENSHOTS_DIR, reason="Set SCREENSHOTS_DIR (make screenshots) to write PNGs"
    ),
    pytest.mark.django_db(transaction=True),
]

DARK_PAGES = {"home", "thread"}


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
