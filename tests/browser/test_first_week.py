"""A newcomer's first week, on a 390 px phone, in one journey (issue 14, "Done when").

Join and confirm the e-mail → the welcome page → a first thread, told beforehand that a
moderator reads it first → a draft that survives closing the tab → a preview → a muted
word folding a post → two replies giving one grouped notification → a saved post →
Leave quickly. Each step asserts what the person sees, and leaves a PNG in
$SCREENSHOTS_DIR (default: boomity-first-week in the temp folder) to look at.

What other members and the moderator do happens through the app's own actions: this is
the newcomer's journey, and theirs is the only browser.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from tempfile import gettempdir

import pytest

from forums import actions
from members.models import CommunitySettings
from moderation import actions as moderation
from moderation.models import ModerationSettings, ReviewItem
from tests.browser.conftest import Page, expect
from tests.browser.pages import join
from tests.browser.test_journeys import VERIFY_LINK, post_by
from tests.factories import make_board, make_member, make_thread

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

SHOTS = Path(
    os.environ.get("SCREENSHOTS_DIR", "").strip() or Path(gettempdir()) / "boomity-first-week"
)
PHONE_390 = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
NEUTRAL = "https://weather.example.org/today"  # answered by the browser itself
DRAFT = "Thank you for writing this. I've been there, and **it does ease**, slowly."
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture(autouse=True)
def _email_links_match_the_live_server(settings):
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"


def shot(page: Page, name: str) -> None:
    """The end of a step, as the person sees it: nothing wider than the phone."""
    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{name}: the page scrolls sideways"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=SHOTS / f"first-week-{name}.png", full_page=True, animations="disabled", caret="hide"
    )


def footer_link(page: Page, name: str) -> None:
    page.get_by_role("contentinfo").get_by_role("link", name=name, exact=True).click()


def test_a_newcomers_first_week_on_a_phone(open_context, live_server, mailoutbox, moderator):
    board = make_board(name="Sleep and rest")
    sam, ash = make_member("Sam"), make_member("Ash")
    waking = make_thread(board, ash, title="Waking at four", body="Does anyone else?")
    make_thread(
        board, sam, title="Night shifts", body="Insomnia again after a night shift, worn out."
    )
    # New members' first posts wait for a moderator (turned on after the others posted).
    ModerationSettings.objects.update_or_create(pk=1, defaults={"new_member_hold_count": 1})
    community = CommunitySettings.load()
    community.leave_quickly_url = NEUTRAL
    community.save()

    context = open_context(**PHONE_390)
    context.route(
        NEUTRAL,
        lambda route: route.fulfill(
            content_type="text/html", body="<title>Weather</title><p>Sunny spells today</p>"
        ),
    )
    river = context.new_page()

    # 1. Join, and confirm the address through the link in the e-mail.
    join(river, live_server, email="river@example.org", name="River")
    shot(river, "1-joined")

    # 2. The link signs them in, onto Boomity's own welcome — not allauth's words.
    link = VERIFY_LINK.search(mailoutbox[0].body)
    assert link, mailoutbox[0].body
    river.goto(link.group(0))
    river.get_by_role("button", name="Confirm my address").click()
    expect(river).to_have_url(re.compile(r"/welcome/$"))
    expect(river.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Welcome to "))
    expect(river.get_by_text("We're glad you're here.")).to_be_visible()
    expect(river.get_by_text("Successfully signed in")).to_have_count(0)
    expect(river.get_by_role("link", name="Waking at four")).to_be_visible()
    shot(river, "2-welcome")

    # 3. A first thread: the form says beforehand that a moderator reads it first.
    river.goto(live_server.url + board.get_absolute_url())
    river.get_by_role("link", name="Start a thread").click()
    notice = river.get_by_text("A moderator reads new members' first posts before others")
    expect(notice).to_be_visible()
    shot(river, "3a-thread-form")
    river.get_by_label("Title").fill("New here, sleeping badly")
    river.get_by_label("Your message").fill("Hello. I've not slept well for weeks.")
    river.get_by_role("button", name="Post thread").click()
    expect(river.get_by_role("heading", name="New here, sleeping badly", level=1)).to_be_visible()
    expect(river.get_by_text("Waiting for a moderator").first).to_be_visible()
    shot(river, "3b-first-thread-held")
    mine = ReviewItem.objects.get().post.thread

    # 4. A reply typed into another thread survives closing the tab.
    river.goto(live_server.url + waking.get_absolute_url())
    river.get_by_label("Your reply").press_sequentially(DRAFT, delay=5)
    expect(river.locator("[data-draft-status]")).to_have_text("Draft saved", timeout=15_000)
    river.close()
    river = context.new_page()
    river.goto(live_server.url + waking.get_absolute_url())
    expect(river.get_by_label("Your reply")).to_have_value(DRAFT)
    expect(river.get_by_text("is back in the box below")).to_be_visible()
    shot(river, "4-draft-back")

    # 5. Preview shows the reply as it will look: Markdown rendered, not shown as typed.
    river.get_by_role("button", name="Preview").click()
    preview = river.get_by_role("article", name="Preview of your post")
    expect(preview).to_be_visible()
    expect(preview.locator("strong")).to_have_text("it does ease")
    expect(preview).not_to_contain_text("**")
    shot(river, "5-preview")

    # 6. A muted word folds a post, saying why; the post can still be opened.
    footer_link(river, "What you've muted")
    river.get_by_label("A word or phrase to mute").fill("insomnia")
    river.get_by_role("button", name="Mute it").click()
    expect(river.get_by_text("Muted. Posts and thread titles with it are folded")).to_be_visible()
    river.goto(live_server.url + board.get_absolute_url())
    river.get_by_role("link", name="Night shifts").click()
    why = river.get_by_text("Collapsed because it mentions a word or phrase you muted")
    expect(why).to_be_visible()
    expect(river.get_by_text("Insomnia again after a night shift")).not_to_be_visible()
    shot(river, "6-muted-word-folded")

    # 7. Once the moderator has read the first thread, Sam replies twice: one notification.
    moderation.approve(ReviewItem.objects.get(), by=moderator, reason="Welcome!")
    actions.post_reply(thread=mine, author=sam, body="Welcome, River. Weeks is hard.")
    actions.post_reply(thread=mine, author=sam, body="A wind-down hour helped me.")
    river.goto(live_server.url + "/")
    river.get_by_role("navigation", name="Main").get_by_role(
        "link", name=re.compile("Notifications")
    ).click()
    replies = river.get_by_role("listitem").filter(has_text="replied in")
    expect(replies).to_have_count(1)
    # One member's two replies name them once; the link says where it leads.
    expect(replies).to_contain_text("Sam replied in “New here, sleeping badly”.")
    go = replies.get_by_role("link", name="Read the replies in “New here, sleeping badly”")
    expect(go).to_be_visible()
    shot(river, "7-grouped-notification")
    go.click()
    expect(river.get_by_role("heading", name="New here, sleeping badly", level=1)).to_be_visible()
    expect(post_by(river, "Sam").first).to_be_visible()

    # 8. Saves Sam's second reply and finds it on the saved page.
    save = river.get_by_role("button", name="Save post 3")
    save.click()
    expect(save).to_have_attribute("aria-pressed", "true")
    footer_link(river, "Saved posts")
    expect(river.get_by_role("heading", level=1)).to_have_text(re.compile("Saved"))
    saved = river.get_by_role("listitem").filter(
        has=river.get_by_role("link", name="Post 3 in “New here, sleeping badly”")
    )
    expect(saved).to_be_visible()
    expect(saved).to_contain_text("By Sam")
    shot(river, "8-saved")

    # 9. Leave quickly: gone to the neutral site in one tap.
    river.get_by_role("link", name="Leave quickly").click()
    expect(river).to_have_url(NEUTRAL)
    expect(river.get_by_text("Sunny spells today")).to_be_visible()
    shot(river, "9-left-quickly")
