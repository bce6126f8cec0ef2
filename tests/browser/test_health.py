"""The staff community-health page in a real browser, on the demo community.

Charts draw (SVG, no script), nothing breaks the CSP, axe finds nothing serious in light
or dark, and a phone doesn't scroll sideways. With SCREENSHOTS_DIR set (make
screenshots), the page is written as PNGs to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from members.models import User
from tests.browser.pages import SCHEMES, VIEWPORTS, sign_in_context
from tests.browser.test_accessibility import _with_axe, axe_problems

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS_DIR = os.environ.get("SCREENSHOTS_DIR", "").strip()
CHARTS = 12  # ten figures by week, and active members by board and by lived experience


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_health_page_on_the_demo_community(open_context, live_server, viewport, scheme):
    call_command("seed_demo", "--force", verbosity=0)
    staff = User.objects.get(email="staff@example.org")
    context = _with_axe(open_context(**VIEWPORTS[viewport], color_scheme=scheme))
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    sign_in_context(context, staff, live_server)

    page.goto("/admin/")
    page.get_by_role("link", name="Community health").click()
    page.get_by_label("Period").select_option("365")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/staff/health/?days=365")
    page.wait_for_load_state("load")

    charts = page.locator("svg[role=img]")
    # Counted once the last chart is there: a count taken mid-load saw 0 under load.
    charts.nth(CHARTS - 1).wait_for()
    assert charts.count() == CHARTS
    for i in range(CHARTS):
        box = charts.nth(i).bounding_box()
        assert box and box["width"] > 250 and box["height"] > 100, i
    assert page.get_by_role("img", name="Active members").first.is_visible()
    assert page.get_by_text("Fewer than 10 members").count() >= 1  # the demo is small
    assert not [m for m in console if "Content Security Policy" in m], console

    where = f"health [{viewport}, {scheme}]"
    assert not axe_problems(page, where)
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, where
    if SCREENSHOTS_DIR:
        folder = Path(SCREENSHOTS_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        suffix = "-dark" if scheme == "dark" else ""
        page.screenshot(
            path=folder / f"{viewport}-staff-health{suffix}.png",
            full_page=True,
            animations="disabled",
            caret="hide",
        )
