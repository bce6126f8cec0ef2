"""Searching in a real browser: from the header to a result, with and without JavaScript,
and the search and topic pages audited like the other main pages."""

from __future__ import annotations

import re

import pytest

from forums import actions
from forums.models import Topic
from tests.browser.conftest import expect
from tests.browser.pages import SCHEMES, VIEWPORTS, sign_in_context
from tests.browser.test_accessibility import _with_axe, axe_problems, structure_problems
from tests.browser.test_journeys import post_by, sign_in
from tests.factories import make_board, make_member, make_thread

pytestmark = pytest.mark.django_db(transaction=True)


def _community():
    board = make_board("sleep-and-rest", name="Sleep and rest")
    ash, sam = make_member("Ash"), make_member("Sam")
    thread = make_thread(board, ash, title="Waking at four", body="Does anyone else wake at four?")
    actions.set_topics(thread, [Topic.objects.get(slug="sleep")])
    reply = actions.post_reply(
        thread=thread, author=sam, body="A warm drink and the harbour lights outside help me."
    )
    make_thread(board, ash, title="Mornings", body="Nothing to find here.")
    return board, thread, reply, sam


def test_member_searches_from_the_header_and_opens_the_result(page, live_server):
    board, thread, reply, sam = _community()
    sign_in(page, live_server, sam.email)
    header_search = page.get_by_role("search", name="Search the community")
    header_search.get_by_label("Search posts").fill("harbour lights")
    header_search.get_by_label("Search posts").press("Enter")
    expect(page.get_by_role("heading", name="Search", level=1)).to_be_visible()
    results = page.get_by_role("heading", level=2, name=re.compile("result"))
    expect(results).to_have_text("1 result for “harbour lights”")
    expect(page.locator(".search-result mark").first).to_have_text(re.compile("harbour", re.I))
    expect(page.get_by_label("Search for")).to_have_value("harbour lights")
    page.get_by_role("link", name="Waking at four").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(thread.get_absolute_url())}#p2$"))
    expect(post_by(page, "Sam")).to_contain_text("harbour lights outside")
    expect(page.get_by_role("heading", name="Waking at four", level=1)).to_be_visible()


def test_searching_a_board_and_filtering_by_topic_without_javascript(open_context, live_server):
    board, thread, reply, sam = _community()
    page = open_context(java_script_enabled=False).new_page()
    sign_in_context(page.context, sam, live_server)
    page.goto(board.get_absolute_url())
    page.get_by_label("Show threads about").select_option("sleep")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Threads about Sleep")).to_be_visible()
    expect(page.get_by_role("link", name="Waking at four")).to_be_visible()
    expect(page.get_by_role("link", name="Mornings")).to_have_count(0)
    page.get_by_label("Search this board").fill("warm drink")
    page.get_by_role("search", name="This board").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=2, name=re.compile("result"))).to_have_text(
        "1 result for “warm drink”"
    )
    expect(page.get_by_label("Board")).to_have_value(board.slug)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_search_and_topic_pages_are_accessible(open_context, live_server, viewport, scheme):
    board, thread, reply, sam = _community()
    page = _with_axe(open_context(**VIEWPORTS[viewport], color_scheme=scheme)).new_page()
    sign_in_context(page.context, sam, live_server)
    problems = []
    for name, path in [
        ("search", "/search/?q=harbour+lights"),
        ("search-error", "/search/?q=+"),
        ("topics", "/topics/"),
        ("topic", "/topics/sleep/"),
        ("board-by-topic", f"{board.get_absolute_url()}?topic=sleep"),
    ]:
        page.goto(path)
        where = f"{name} [{viewport}, {scheme}]"
        problems += axe_problems(page, where)
        if scheme == "light":
            problems += structure_problems(page, where, phone=viewport == "phone")
    assert not problems, f"{len(problems)} accessibility problem(s):\n" + "\n".join(problems)
