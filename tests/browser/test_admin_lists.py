"""Every list a moderator can open in the admin, at a phone (390 px) and a laptop
(1280 px): nothing scrolls sideways, and every control in the list is a target a thumb
can hit (44 x 44 CSS px; WCAG 2.5.5) — the rows' tick boxes, the queue's Claim buttons,
the links in each row, the actions bar, the search, the filters, the handover notes
above the queue, and the header's counts of what waits. An item's "Close this item now"
too. The lists come from the admin's registry (what a moderator may view), so a list
added later is checked without anyone remembering to add it here.

Screenshots go to $SCREENSHOTS_DIR (or $BOOMITY_SHOTS) when set: `list-<model>-<width>.png`.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from forums.models import ContentWarning, Topic
from moderation import actions
from moderation.models import (
    CrisisPhrase,
    CrisisResource,
    EscalationContact,
    ReviewItem,
    WatchedWord,
)
from moderation.roles import MODERATORS
from tests.browser.pages import sign_in_context
from tests.browser.test_admin_queue import shoot
from tests.factories import make_member, make_staff_member
from tests.moderation.queue_world import fill_queue, shift_under_way

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"phone": 390, "laptop": 1280}
HEIGHTS = {"phone": 844, "laptop": 800}
TARGET = 44

# Each control in the list and its box. A link inside running text is exempt in WCAG
# 2.5.8, but a list's links are the rows' own targets, so they count here too.
CONTROLS = """() => {
  const selector = [
    '#result_list input', '#result_list button', '#result_list a', '#result_list select',
    '#result_list summary', '#changelist-form .actions select', '#changelist-form .actions button',
    '#changelist-search input', '#changelist-search button', '.paginator a', '.toplinks a',
    '#changelist-filter a', '#changelist-filter summary', '#header .queue-counts a',
    '.handover-notes button', '.handover-write-fold > summary',
  ].join(', ');
  return [...document.querySelectorAll(selector)]
    .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
    .filter((el) => !(el.type === 'hidden'))
    .map((el) => {
      // A tick box counts with its cell when the whole cell toggles it (a label around it).
      const label = el.closest('label');
      const box = (label || el).getBoundingClientRect();
      return {
        what: el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' '
          + (el.getAttribute('aria-label') || el.textContent || el.name || '').trim().slice(0, 40),
        width: Math.round(box.width * 10) / 10, height: Math.round(box.height * 10) / 10,
      };
    });
}"""


# The page, the list's table (the admin lets it scroll inside its box rather than the
# page: a stranger measured Posts at 914 px on a 390 px phone) and how far that box scrolls.
SIDEWAYS = """() => ({
  page: document.documentElement.scrollWidth,
  list: Math.ceil(document.querySelector('#result_list')?.getBoundingClientRect().right || 0),
  scrolls: Math.max(0, ...[...document.querySelectorAll('.results')]
    .map((el) => el.scrollWidth - el.clientWidth)),
})"""


def moderator_lists(moderator) -> list[tuple[str, str]]:
    """(model, changelist URL) for every model in the admin a moderator may view."""
    request = RequestFactory().get("/admin/")
    request.user = moderator
    found = []
    for model, model_admin in admin.site._registry.items():
        if model_admin.has_view_permission(request):
            opts = model._meta
            found.append(
                (opts.model_name, reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
            )
    return sorted(found)


def a_community_with_something_in_every_list(moderator) -> None:
    items = fill_queue(4)
    shift_under_way(items)  # the queue's urgent rows claimed and opened: its widest cells
    sam = make_member("Quinn")
    post = next(item.post for item in items if item.post is not None)
    actions.warn(post.author, by=moderator, reason="Please keep it kind.")
    suspension = actions.suspend(sam, by=moderator, reason="Repeated unkind replies.")
    actions.ask_second_look(suspension, text="I was upset that day; I didn't mean it.")
    actions.write_handover_note(by=moderator, text="Quinn may write in tonight; be gentle.")
    actions.write_to_member(
        sam, by=moderator, subject="Checking in", body="How are you doing today?"
    )
    ContentWarning.objects.get_or_create(label="Self-harm")
    Topic.objects.get_or_create(name="Sleep", slug="sleep")
    WatchedWord.objects.get_or_create(pattern="idiot")
    CrisisPhrase.objects.get_or_create(phrase="no way out")
    if not CrisisResource.objects.exists():
        CrisisResource.objects.create(name="Samaritans", phone="116 123")
    if not EscalationContact.objects.exists():
        EscalationContact.objects.create(name="Clinical lead", email="lead@example.org")
    assert ReviewItem.objects.open().exists()


def test_every_list_a_moderator_opens_fits_and_has_thumb_sized_controls(open_context, live_server):
    moderator = make_staff_member("Robin", MODERATORS)
    a_community_with_something_in_every_list(moderator)
    lists = moderator_lists(moderator)
    assert len(lists) >= 15, lists  # the registry, not a short hand-picked list
    context = open_context(viewport={"width": 390, "height": 844})
    sign_in_context(context, moderator, live_server)
    page = context.new_page()
    problems: list[str] = []
    for viewport, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": HEIGHTS[viewport]})
        for name, url in lists:
            page.goto(url)
            rows = page.locator("#result_list tbody tr").count()
            if not rows:
                problems.append(f"{name}: no rows to check (the test's data)")
            shoot(page, f"list-{name}-{width}")
            wide = page.evaluate(SIDEWAYS)
            if wide["page"] > width:
                problems.append(f"{name} at {width}px is {wide['page']}px wide")
            if wide["list"] > width or wide["scrolls"] > 1:
                problems.append(f"{name} at {width}px: the list scrolls sideways ({wide})")
            if viewport != "phone":
                continue
            # Right to left (as a right-to-left language will set it): the cards mirror
            # by themselves (logical properties), still nothing sideways.
            page.evaluate("document.documentElement.dir = 'rtl'")
            mirrored = page.evaluate(SIDEWAYS)
            if mirrored["page"] > width or mirrored["scrolls"] > 1:
                problems.append(f"{name} right to left at {width}px scrolls sideways ({mirrored})")
            shoot(page, f"list-{name}-{width}-rtl")
            page.evaluate("document.documentElement.dir = 'ltr'")
            for control in page.evaluate(CONTROLS):
                if control["width"] < TARGET or control["height"] < TARGET:
                    problems.append(
                        f"{name}: {control['what']} is {control['width']}x{control['height']}"
                    )
    assert not problems, "\n".join(problems)


def test_close_this_item_now_is_thumb_sized_on_an_items_page(open_context, live_server):
    moderator = make_staff_member("Robin", MODERATORS)
    item = fill_queue(1)[0]
    context = open_context(viewport={"width": 390, "height": 844})
    sign_in_context(context, moderator, live_server)
    page = context.new_page()
    page.goto(f"/admin/moderation/reviewitem/{item.pk}/change/")
    close = page.get_by_role("checkbox", name="Close this item now")
    # The words are the target: tapping them ticks the box.
    label = page.locator("label", has_text="Close this item now")
    box = label.bounding_box()
    shoot(page, "item-close-390")
    assert box["height"] >= TARGET and box["width"] >= TARGET, box
    label.click()
    assert close.is_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
