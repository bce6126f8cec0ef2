"""Saved posts: a member keeps posts to come back to, privately."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.privacy import erase_member, export_member
from forums import actions
from forums.models import Post, PostStatus, SavedPost, Thread
from members.actions import block
from tests.conftest import count_queries, page
from tests.factories import make_board, make_member, make_thread

SAVED = "/saved/"
JSON = {"HTTP_ACCEPT": "application/json"}
pytestmark = pytest.mark.django_db


def _first(thread) -> Post:
    return Post.objects.get(thread=thread, number=1)


def _save_url(post) -> str:
    return f"/p/{post.pk}/save/"


def _button(html: str, number: int) -> str:
    """The Save button of post `number` on a thread page."""
    start = html.index(f'Save<span class="visually-hidden"> post {number}</span>')
    return html[html.rindex("<button", 0, start) : start]


def test_a_member_saves_a_post_and_finds_it_in_their_list(client, alice, bob, thread, reply):
    client.force_login(bob)
    html = page(client.get(thread.get_absolute_url()))
    assert 'aria-pressed="false"' in _button(html, 1)
    response = client.post(_save_url(_first(thread)))
    assert response.status_code == 302 and response["Location"] == _first(thread).notice_url
    html = page(client.get(thread.get_absolute_url()))
    assert "Saved. You&#x27;ll find it in your saved posts." in html
    assert 'aria-pressed="true"' in _button(html, 1)
    assert 'aria-pressed="false"' in _button(html, 2)
    listed = page(client.get(SAVED))
    assert "Post 1 in “Sleep when anxious”" in listed
    assert f'href="{_first(thread).get_absolute_url()}"' in listed
    assert "By Alice" in listed and "in Anxiety" in listed
    # A second press takes the save back.
    client.post(_save_url(_first(thread)))
    assert not SavedPost.objects.exists()
    assert "You haven't saved any posts yet." in page(client.get(SAVED))


def test_a_few_words_tell_saved_posts_apart_as_text_not_markdown(client, alice, bob, board):
    thread = make_thread(board, alice, title="Nights", body="What **helps** me is a _warm_ drink.")
    client.force_login(bob)
    client.post(_save_url(_first(thread)))
    html = page(client.get(SAVED))
    assert "What helps me is a warm drink." in html and "**" not in html


@pytest.mark.parametrize("why", ["warning", "muted word", "blocked"])
def test_words_the_thread_page_keeps_closed_stay_closed_in_the_list(client, alice, bob, board, why):
    thread = make_thread(
        board,
        alice,
        title="Hard night",
        body="The details of a hard night.",
        **({"content_warning": "Self-harm"} if why == "warning" else {}),
    )
    client.force_login(bob)
    client.post(_save_url(_first(thread)))
    if why == "muted word":
        actions.mute_phrase(member=bob, phrase="details")
    if why == "blocked":
        block(bob, alice)
    html = page(client.get(SAVED))
    assert "Post 1 in “Hard night”" in html
    assert "The details of a hard night." not in html
    said = {
        "warning": "Content warning: Self-harm. Its words are on the thread page",
        "muted word": "It has a word you muted",
        "blocked": "You blocked this member",
    }[why]
    assert said in html


def test_our_script_gets_an_answer_without_a_page(client, bob, thread):
    client.force_login(bob)
    post = _first(thread)
    assert client.post(_save_url(post), **JSON).json() == {"saved": True}
    assert client.post(_save_url(post), **JSON).json() == {"saved": False}


def test_anonymous_posts_stay_anonymous_in_the_list(client, alice, bob):
    board = make_board(allow_anonymous=True)
    thread = make_thread(board, alice, title="Quietly", body="Hello", anonymous=True)
    client.force_login(bob)
    client.post(_save_url(_first(thread)))
    html = page(client.get(SAVED))
    assert "By Anonymous member" in html and "Alice" not in html.split("<main", 1)[1]


def test_posts_that_cant_be_read_any_more_are_said_so(client, alice, bob, board):
    thread = make_thread(board, alice, title="Changing", body="One", replies=3)
    posts = list(Post.objects.filter(thread=thread).order_by("number"))
    client.force_login(bob)
    for post in posts:
        client.post(_save_url(post))
    actions.hide_post(post=posts[1])
    actions.remove_post(post=posts[2])
    Post.objects.filter(pk=posts[3].pk).update(status=PostStatus.PENDING)
    html = page(client.get(SAVED))
    assert "This post was hidden by the moderators." in html
    assert "This post was removed by its author." in html
    assert "This post isn't shown right now." in html
    # Their words never show, nor their links.
    for post in posts[1:]:
        assert f'href="{post.get_absolute_url()}"' not in html
    # The thread itself waits for a moderator now: its title goes too.
    Thread.objects.filter(pk=thread.pk).update(is_visible=False)
    html = page(client.get(SAVED))
    assert "Changing" not in html
    assert html.count("A post in a thread that isn't open any more") == 4
    # Each can be taken off the list, back to the list.
    response = client.post(_save_url(posts[1]), {"next": SAVED})
    assert response["Location"] == SAVED
    assert SavedPost.objects.count() == 3


def test_a_blocked_members_post_stays_folded(client, alice, bob, thread):
    client.force_login(bob)
    client.post(_save_url(_first(thread)))
    block(bob, alice)
    html = page(client.get(SAVED))
    assert "By a member you blocked" in html and "By Alice" not in html


def test_only_a_post_they_can_read_can_be_saved(client, alice, bob, board):
    thread = make_thread(board, alice, title="Held", body="Waiting")
    Post.objects.filter(thread=thread).update(status=PostStatus.PENDING)
    client.force_login(bob)
    assert client.post(_save_url(_first(thread))).status_code == 404
    assert client.post("/p/999999/save/").status_code == 404
    assert not SavedPost.objects.exists()


def test_nobody_else_sees_a_save(client, alice, bob, moderator, thread):
    client.force_login(bob)
    client.post(_save_url(_first(thread)))
    for other in [alice, moderator]:
        client.force_login(other)
        assert 'aria-pressed="true"' not in _button(page(client.get(thread.get_absolute_url())), 1)
        assert "Sleep when anxious" not in page(client.get(SAVED))


def test_a_visitor_is_asked_to_sign_in(client, thread):
    assert "/accounts/login/" in client.get(SAVED)["Location"]
    response = client.post(_save_url(_first(thread)))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not SavedPost.objects.exists()


def test_wrong_methods_change_nothing(client, bob, thread):
    client.force_login(bob)
    assert client.get(_save_url(_first(thread))).status_code == 405
    assert client.post(SAVED).status_code == 405
    assert not SavedPost.objects.exists()


def test_it_needs_the_form_token(bob, thread):
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    assert client.post(_save_url(_first(thread))).status_code == 403
    assert not SavedPost.objects.exists()


def test_never_sent_to_another_site(client, bob, thread):
    client.force_login(bob)
    response = client.post(_save_url(_first(thread)), {"next": "https://evil.example/"})
    assert response["Location"] == _first(thread).notice_url


def test_the_list_costs_the_same_however_many_are_saved(client, alice, bob):
    client.force_login(bob)
    board = make_board()
    client.post(_save_url(_first(make_thread(board, alice, title="First"))))
    few = count_queries(client, SAVED)
    for i in range(8):
        author = make_member()
        thread = make_thread(make_board(), author, title=f"Thread {i}", replies=1)
        for post in Post.objects.filter(thread=thread):
            client.post(_save_url(post))
    assert SavedPost.objects.count() == 17
    assert count_queries(client, SAVED) == few


def test_saves_add_no_query_to_the_thread_page(client, alice, bob, board):
    thread = make_thread(board, alice, title="Counting", body="x", replies=10)
    client.force_login(bob)
    url = thread.get_absolute_url()
    before = count_queries(client, url)
    for post in Post.objects.filter(thread=thread):
        client.post(_save_url(post))
    assert count_queries(client, url) == before
    # Fetched with the reader's reactions, in the same query.
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    saves = [q["sql"] for q in ctx.captured_queries if "forums_savedpost" in q["sql"]]
    assert len(saves) == 1 and "UNION" in saves[0] and "forums_reaction" in saves[0]


def test_in_the_download_and_gone_with_the_account(client, alice, bob, thread):
    client.force_login(bob)
    client.post(_save_url(_first(thread)))
    data = json.loads(json.dumps(export_member(bob)))
    assert data["saved_posts"][0]["thread"] == "Sleep when anxious"
    assert data["saved_posts"][0]["url"] == _first(thread).get_absolute_url()
    assert export_member(alice)["saved_posts"] == []
    erase_member(bob, remove_posts=True)
    assert not SavedPost.objects.exists()


@pytest.mark.django_db
def test_without_script_the_word_of_a_save_is_shown_just_above_the_post(client, board, alice, bob):
    """A form POST lands at the post with its notice beside it, not at the top of a
    long page far above the fold the browser jumps to."""
    thread = make_thread(board, alice, replies=12)
    post = thread.posts.get(number=13)
    client.force_login(bob)
    response = client.post(f"/p/{post.pk}/save/", follow=True)
    html = page(response)
    notice = html.index('id="notice"')
    assert html.index("Saved. You&#x27;ll find it in your saved posts.") > notice
    assert notice < html.index('id="p13"') and html.index('id="p12"') < notice
