"""After crisis language, the help is the first thing the author sees, on every path.

A new thread, a reply or an edit with crisis language lands on the thread's page
(the page of the post) with no #anchor — browsers jump to an anchor after the
page loads, far past the help — and that page opens with the kind words and the
resources, before any post, with the focus on them; a link then leads on to the
post. The real-browser check (on screen, 390 and 1280 px, with and without
JavaScript) is tests/browser/test_help_first.py.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from forums import actions
from forums.models import Post
from forums.views import crisis_message
from tests.conftest import page
from tests.factories import make_member, make_thread

CRISIS_TEXT = "I can't go on anymore. The nights are endless and nobody notices."
KIND = "It sounds like things are really hard right now"


def first_in_main(html: str) -> str:
    """The opening tag of the first element inside <main>."""
    found = re.search(r"<main\b[^>]*>\s*(<[a-z][^>]*>)", html)
    assert found, "no <main> with content"
    return found.group(1)


def assert_help_comes_first(html: str, post_number: int) -> None:
    assert 'class="crisis-panel"' in first_in_main(html), first_in_main(html)
    panel_at = html.index('class="crisis-panel"')
    assert panel_at < html.index("<article"), "a post comes before the help"
    panel = html[panel_at : html.index("</section>", panel_at)]
    heading = re.search(r'<h2 id="crisis-heading"([^>]*)>([^<]*)</h2>', panel)
    assert heading and KIND in heading.group(2)
    # Focus lands on the kind words when the page opens, without JavaScript.
    assert "autofocus" in heading.group(1) and 'tabindex="-1"' in heading.group(1)
    assert 'class="resource"' in panel
    go = f'<a href="#p{post_number}">Go to your post</a>'
    assert go in panel and panel.index(go) > panel.index('class="resource"')
    assert "<title>Help is at the top of this page" in html


def land(client, response):
    assert response.status_code == 302
    assert "#" not in response["Location"], response["Location"]
    return client.get(response["Location"])


@pytest.mark.django_db
def test_crisis_reply_lands_on_the_top_of_its_page_with_the_help_first(client, thread, bob):
    client.force_login(bob)
    response = client.post(f"/t/{thread.pk}/reply/", {"body": CRISIS_TEXT})
    assert response["Location"] == f"{thread.get_absolute_url()}?post=2"
    landed = land(client, response)
    assert landed.status_code == 200
    html = page(landed)
    assert_help_comes_first(html, 2)
    assert "The nights are endless" in html  # their post is there, further down
    assert [str(m) for m in landed.context["messages"]][0] == crisis_message()


@pytest.mark.django_db
def test_crisis_reply_on_a_later_page_lands_on_that_page(client, board, alice, bob):
    long = make_thread(board, alice, replies=settings.BOOMITY_POSTS_PER_PAGE)
    client.force_login(bob)
    response = client.post(f"/t/{long.pk}/reply/", {"body": CRISIS_TEXT})
    number = settings.BOOMITY_POSTS_PER_PAGE + 2
    assert response["Location"] == f"{long.get_absolute_url()}?page=2&post={number}"
    assert_help_comes_first(page(land(client, response)), number)


@pytest.mark.django_db
def test_crisis_edit_lands_on_the_top_of_its_page_with_the_help_first(client, board, alice, bob):
    long = make_thread(board, alice, replies=5)
    mine = actions.post_reply(thread=long, author=bob, body="A rough week.")
    actions.post_reply(thread=long, author=alice, body="Sending care.")
    client.force_login(bob)
    response = client.post(f"/p/{mine.pk}/edit/", {"body": CRISIS_TEXT})
    assert response["Location"] == f"{long.get_absolute_url()}?post={mine.number}"
    assert_help_comes_first(page(land(client, response)), mine.number)


@pytest.mark.django_db
def test_crisis_thread_lands_on_its_page_with_the_help_first(client, board, bob):
    client.force_login(bob)
    response = client.post(f"/b/{board.slug}/new/", {"title": "Tonight", "body": CRISIS_TEXT})
    post = Post.objects.get(author=bob)
    assert response["Location"] == f"{post.thread.get_absolute_url()}?post=1"
    assert_help_comes_first(page(land(client, response)), 1)


@pytest.mark.django_db
def test_held_crisis_reply_still_lands_on_the_help_first(client, thread, hold_first_posts):
    newcomer = make_member("Newcomer")
    client.force_login(newcomer)
    response = client.post(f"/t/{thread.pk}/reply/", {"body": CRISIS_TEXT})
    html = page(land(client, response))
    assert_help_comes_first(html, 2)
    assert "The nights are endless" in html  # theirs to see, held or not


@pytest.mark.django_db
def test_plain_reply_and_edit_still_go_straight_to_the_post(client, thread, bob):
    client.force_login(bob)
    response = client.post(f"/t/{thread.pk}/reply/", {"body": "Audiobooks help me."})
    post = Post.objects.get(thread=thread, number=2)
    assert response["Location"] == post.get_absolute_url()
    assert client.get(response["Location"])["Location"].endswith("#p2")
    response = client.post(f"/p/{post.pk}/edit/", {"body": "Audiobooks really help me."})
    assert response["Location"] == post.get_absolute_url()
    html = page(client.get(thread.get_absolute_url()))
    assert "crisis-panel" not in html and "Help is at the top" not in html


@pytest.mark.django_db
def test_the_post_link_needs_the_help_and_names_only_your_own_post(client, thread, bob):
    actions.post_reply(thread=thread, author=bob, body="Mine.")
    client.force_login(bob)
    # Without the crisis message there is no panel, whatever the address says.
    html = page(client.get(f"{thread.get_absolute_url()}?post=2"))
    assert "Go to your post" not in html and "crisis-panel" not in html
    # With it, someone else's post number gives no "your post" link.
    response = client.post(f"/t/{thread.pk}/reply/", {"body": CRISIS_TEXT})
    html = page(client.get(f"{thread.get_absolute_url()}?post=1"))
    assert 'class="crisis-panel"' in html and "Go to your post" not in html
    assert response.status_code == 302


@pytest.mark.django_db
def test_other_members_never_see_the_help_meant_for_the_author(client, thread, alice, bob):
    client.force_login(bob)
    response = client.post(f"/t/{thread.pk}/reply/", {"body": CRISIS_TEXT})
    other = Client()  # another person's browser: the message is in Bob's
    other.force_login(alice)
    html = page(other.get(response["Location"]))
    assert "crisis-panel" not in html and KIND not in html
    assert "The nights are endless" in html
