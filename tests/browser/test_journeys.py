"""Journeys through Boomity in a real browser, driven the way a person does.

Pages are reached by following visible links and filled in by their labels;
the only URLs opened directly are the home page and the link in the
verification e-mail. Each test is one journey; each person gets their own
browser context (see conftest.py for the browser and the skip rules).
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from tests.browser.conftest import Page, expect
from tests.browser.pages import join
from tests.factories import PASSWORD, make_board, make_member

pytestmark = pytest.mark.django_db(transaction=True)

# /t/<id>/<slug>/, optionally a later page, optionally a post's anchor.
THREAD_URL = re.compile(r"/t/\d+/[-\w]+/(\?page=\d+)?(#[-\w]+)?$")
VERIFY_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+")
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture(autouse=True)
def _email_links_match_the_live_server(settings):
    # Outside DEBUG the app writes https:// links into e-mails (production sits
    # behind TLS); the live server speaks plain http.
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"


# --- What a person does -------------------------------------------------------


def sign_in(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    # Labelled as on the sign-up page: the same address should read the same way.
    email_field = page.get_by_label("E-mail address")
    expect(email_field, "the sign-in form has no field labelled 'E-mail address'").to_be_visible()
    email_field.fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def open_board(page: Page, board) -> None:
    # The community's name in the header always leads back to the list of boards.
    page.get_by_role("banner").get_by_role(
        "link", name=settings.BOOMITY_COMMUNITY_NAME, exact=True
    ).click()
    page.get_by_role("link", name=board.name, exact=True).click()
    expect(page.get_by_role("heading", name=board.name, level=1)).to_be_visible()


def start_thread(page: Page, board, title: str, message: str) -> None:
    open_board(page, board)
    page.get_by_role("link", name="Start a thread").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your message").fill(message)
    page.get_by_role("button", name="Post thread").click()
    expect(page).to_have_url(THREAD_URL)
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()


def open_thread(page: Page, board, title: str) -> None:
    open_board(page, board)
    page.get_by_role("link", name=title, exact=True).click()
    expect(page).to_have_url(THREAD_URL)
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()


def reply(page: Page, message: str) -> None:
    page.get_by_label("Your reply").fill(message)
    page.get_by_role("button", name="Post reply").click()
    expect(page).to_have_url(THREAD_URL)


def post_by(page: Page, display_name: str):
    """The posts on the page written by `display_name` (each is a labelled <article>)."""
    return page.get_by_role("article", name=display_name, exact=True)


# --- Journeys -----------------------------------------------------------------


def test_visitor_joins_verifies_starts_a_thread_and_reads_a_reply(
    open_page, live_server, mailoutbox
):
    board = make_board(name="Sleep and rest")
    river = open_page()

    # A visitor joins the community.
    join(river, live_server, email="river@example.org", name="River")
    expect(river.get_by_role("button", name="Sign out")).to_have_count(0)

    # They open the link in the e-mail and confirm: now they are signed in.
    assert [m.to for m in mailoutbox] == [["river@example.org"]]
    link = VERIFY_LINK.search(mailoutbox[0].body)
    assert link, f"no verification link in the e-mail:\n{mailoutbox[0].body}"
    river.goto(link.group(0))
    river.get_by_role("button", name="Confirm my address").click()
    expect(river.get_by_role("button", name="Sign out")).to_be_visible()
    expect(river.get_by_role("navigation", name="Main")).to_contain_text("River")

    # They start a thread and see it.
    start_thread(river, board, "Waking at 4 every morning", "Does anyone else wake this early?")
    expect(post_by(river, "River")).to_contain_text("Does anyone else wake this early?")
    thread_url = river.url.split("#")[0]

    # Another member finds the thread and replies.
    sam = open_page()
    sign_in(sam, live_server, make_member("Sam").email)
    open_thread(sam, board, "Waking at 4 every morning")
    assert sam.url.split("#")[0] == thread_url
    reply(sam, "Yes, me too. A warm drink and a podcast help me.")
    expect(post_by(sam, "Sam")).to_contain_text("A warm drink and a podcast help me.")

    # River comes back in a new browser, signs in and reads the reply.
    river_later = open_page()
    sign_in(river_later, live_server, "river@example.org")
    open_thread(river_later, board, "Waking at 4 every morning")
    expect(river_later.get_by_text("1 reply", exact=True)).to_be_visible()
    expect(post_by(river_later, "River")).to_contain_text("Does anyone else wake this early?")
    expect(post_by(river_later, "Sam")).to_contain_text("A warm drink and a podcast help me.")


def test_member_edits_and_removes_their_post(page, live_server):
    board = make_board(name="Coping ideas")
    sign_in(page, live_server, make_member("Ash").email)
    start_thread(page, board, "Small things that help", "Walking the dog in the rain.")
    reply(page, "Also: a playlist of calm songs.")

    # They edit their reply; it then says it was edited.
    page.get_by_role("article").filter(has_text="a playlist of calm songs").get_by_role(
        "link", name=re.compile(r"^Edit\b")
    ).click()
    expect(page.get_by_role("heading", name="Edit your post")).to_be_visible()
    body = page.get_by_label("Your message")
    expect(body).to_have_value("Also: a playlist of calm songs.")
    body.fill("Also: a playlist of calm songs, and cold water on my face.")
    page.get_by_role("button", name="Save changes").click()
    expect(page).to_have_url(THREAD_URL)
    edited = page.get_by_role("article").filter(has_text="cold water on my face")
    expect(edited).to_be_visible()
    expect(edited.get_by_text(re.compile(r"^edited\b"))).to_be_visible()
    expect(page.get_by_text("a playlist of calm songs.")).to_have_count(0)

    # They remove it; its place in the thread stays, marked as removed.
    edited.get_by_role("link", name=re.compile(r"^Remove\b")).click()
    expect(page.get_by_role("heading", name="Remove your post?")).to_be_visible()
    page.get_by_role("button", name="Yes, remove my post").click()
    expect(page).to_have_url(THREAD_URL)
    expect(page.get_by_text("This post was removed by its author.")).to_be_visible()
    expect(page.get_by_text("cold water on my face")).to_have_count(0)
    expect(post_by(page, "Ash")).to_contain_text("Walking the dog in the rain.")


def test_thread_and_reply_on_a_phone(open_page, live_server):
    board = make_board(name="Living with anxiety")
    long_link = (
        "https://example.org/a-very-long-link-that-should-wrap-on-a-small-screen-"
        "instead-of-pushing-the-whole-page-sideways-0123456789"
    )

    jo = open_page(phone=True)
    sign_in(jo, live_server, make_member("Jo").email)
    assert jo.evaluate(NO_SIDEWAYS_SCROLL), "the home page scrolls sideways on a phone"
    open_board(jo, board)
    jo.get_by_role("link", name="Start a thread").click()
    assert jo.evaluate(NO_SIDEWAYS_SCROLL), "the new-thread form scrolls sideways on a phone"
    jo.get_by_label("Title").fill("Panic on the bus")
    jo.get_by_label("Your message").fill(f"It happened again today. I read {long_link}")
    jo.get_by_role("button", name="Post thread").click()
    expect(jo).to_have_url(THREAD_URL)
    expect(post_by(jo, "Jo")).to_contain_text("It happened again today.")
    assert jo.evaluate(NO_SIDEWAYS_SCROLL), "the new thread scrolls sideways on a phone"

    kim = open_page(phone=True)
    sign_in(kim, live_server, make_member("Kim").email)
    open_thread(kim, board, "Panic on the bus")
    reply(kim, "Breathing out slowly, longer than in, helps me. You're not alone.")
    expect(post_by(kim, "Kim")).to_contain_text("You're not alone.")
    assert kim.evaluate(NO_SIDEWAYS_SCROLL), "the thread with a reply scrolls sideways on a phone"


def test_a_thread_form_error_keeps_what_was_typed(page, live_server):
    board = make_board(name="Family and friends")
    sign_in(page, live_server, make_member("Lee").email)
    open_board(page, board)
    page.get_by_role("link", name="Start a thread").click()

    message = "My brother was diagnosed last month.\n\nI don't know how to help him."
    # A title of only spaces gets past the browser's own checks; the server finds it empty.
    page.get_by_label("Title").fill("     ")
    page.get_by_label("Your message").fill(message)
    page.get_by_role("button", name="Post thread").click()

    expect(page.get_by_role("alert")).to_contain_text("Everything you wrote is still here.")
    expect(page.get_by_text("Please give your thread a title")).to_be_visible()
    expect(page.get_by_label("Your message")).to_have_value(message)

    # With a title, the thread is posted with the text that was kept.
    page.get_by_label("Title").fill("Helping my brother")
    page.get_by_role("button", name="Post thread").click()
    expect(page).to_have_url(THREAD_URL)
    expect(post_by(page, "Lee")).to_contain_text("I don't know how to help him.")


def test_a_too_long_reply_is_kept_whole(page, live_server):
    board = make_board(name="Recovery stories")
    sign_in(page, live_server, make_member("Noor").email)
    start_thread(page, board, "Ten years on", "Here is how the last ten years went.")

    # A person pastes a long story written elsewhere: 20,500 characters.
    story = ("One day at a time. " * 1100)[:20_500]
    page.get_by_label("Your reply").fill(story)
    page.get_by_role("button", name="Post reply").click()

    expect(page.get_by_role("alert")).to_contain_text("Everything you wrote is still here.")
    expect(page.get_by_text("Your message is longer than we can keep in one post")).to_be_visible()
    expect(page.get_by_label("Your reply")).to_have_value(story)


@pytest.mark.parametrize("script", [True, False], ids=["with script", "without script"])
def test_a_reply_too_big_to_send_is_explained_and_kept(open_page, live_server, settings, script):
    # The server reads forms up to DATA_UPLOAD_MAX_MEMORY_SIZE (10 MB); a small limit
    # here stands for it, so the browser needn't type megabytes.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 60_000
    board = make_board(name="Recovery stories")
    page = open_page(java_script_enabled=script)
    sign_in(page, live_server, make_member("Noor").email)
    start_thread(page, board, "Ten years on", "Here is how the last ten years went.")
    thread_url = page.url

    story = ("One day at a time. " * 4000)[:70_000]
    page.get_by_label("Your reply").fill(story)
    page.get_by_role("button", name="Post reply").click()

    if script:
        # Stopped before sending: the note says why, and every word is still in the box.
        expect(page.get_by_role("alert")).to_contain_text("Your text is too long to send")
        expect(page.get_by_role("alert")).to_contain_text("your text is still here")
        expect(page.get_by_role("alert")).to_be_focused()
        assert page.url == thread_url
        expect(page.get_by_label("Your reply")).to_have_value(story)
    else:
        # The server couldn't read it, so it explains, kindly, where the words are.
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "That was too long for us to receive"
        )
        expect(
            page.get_by_text("Your words are most likely still in your browser.")
        ).to_be_visible()
        page.go_back()
        expect(page.get_by_label("Your reply")).to_have_value(story)


def test_keyboard_user_can_skip_to_main_content(page, live_server):
    page.goto(live_server.url)
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_accessible_name("Skip to main content")
    expect(focused).to_have_attribute("href", "#main")
    expect(focused).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
