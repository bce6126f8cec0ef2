"""A form sent twice posts once: Back then Post again, or a double tap.

Each posting form carries a one-time token; the same token again, from the same
member, takes them to the post already made (forums/once.py).
"""

from __future__ import annotations

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.utils import timezone

from forums import once
from forums.models import Post, Thread
from tests.conftest import page
from tests.factories import make_member

ALREADY = "That was already posted — here it is."
KIND = "It sounds like things are really hard right now"


def token_in(html: str) -> str:
    found = re.findall(rf'name="{once.FIELD}" value="([^"]+)"', html)
    assert len(found) == 1, found
    return found[0]


def text(response) -> str:
    return page(response).replace("&#x27;", "'")


@pytest.mark.django_db
def test_a_new_thread_sent_twice_is_posted_once(client, board, alice):
    client.force_login(alice)
    token = token_in(page(client.get("/b/anxiety/new/")))
    sent = {"title": "Sleep when anxious", "body": "Does anyone lie awake?", once.FIELD: token}
    first = client.post("/b/anxiety/new/", sent)
    thread = Thread.objects.get()
    assert first.status_code == 302

    again = client.post("/b/anxiety/new/", sent, follow=True)

    assert Thread.objects.count() == 1 and Post.objects.count() == 1
    # Their thread, with the notice just above its post (where the page lands).
    assert again.redirect_chain[0][0] == thread.posts.get().notice_url
    assert ALREADY in text(again)


@pytest.mark.django_db
@pytest.mark.parametrize("form_page", ["reply page", "thread page"])
def test_a_reply_sent_twice_is_posted_once(client, thread, bob, form_page):
    client.force_login(bob)
    url = f"/t/{thread.pk}/reply/" if form_page == "reply page" else thread.get_absolute_url()
    token = token_in(page(client.get(url)))
    sent = {"body": "Me too. Audiobooks help me.", once.FIELD: token}
    client.post(f"/t/{thread.pk}/reply/", sent)
    reply = Post.objects.get(thread=thread, number=2)

    again = client.post(f"/t/{thread.pk}/reply/", sent, follow=True)

    assert thread.posts.count() == 2
    assert again.redirect_chain[0][0] == reply.notice_url
    html = text(again)
    assert ALREADY in html and "Me too. Audiobooks help me." in html
    assert html.index('id="notice"') < html.index(ALREADY) < html.index(f'id="p{reply.number}"')


@pytest.mark.django_db
def test_each_showing_of_a_form_has_its_own_token(client, thread, bob):
    client.force_login(bob)
    first = token_in(page(client.get(f"/t/{thread.pk}/reply/")))
    second = token_in(page(client.get(f"/t/{thread.pk}/reply/")))
    assert first != second
    client.post(f"/t/{thread.pk}/reply/", {"body": "One", once.FIELD: first})
    client.post(f"/t/{thread.pk}/reply/", {"body": "Two", once.FIELD: second})
    assert thread.posts.count() == 3


@pytest.mark.django_db
def test_a_form_error_does_not_use_up_the_token(client, thread, bob):
    client.force_login(bob)
    token = token_in(page(client.get(f"/t/{thread.pk}/reply/")))
    refused = client.post(f"/t/{thread.pk}/reply/", {"body": " ", once.FIELD: token})
    assert refused.status_code == 400
    assert token_in(page(refused)) == token  # the form shown again keeps its token
    posted = client.post(f"/t/{thread.pk}/reply/", {"body": "Now with words", once.FIELD: token})
    assert posted.status_code == 302 and thread.posts.count() == 2


@pytest.mark.django_db
def test_tokens_belong_to_one_member(client, thread, bob):
    client.force_login(bob)
    token = token_in(page(client.get(f"/t/{thread.pk}/reply/")))
    client.post(f"/t/{thread.pk}/reply/", {"body": "Bob's words", once.FIELD: token})
    client.force_login(make_member("Cleo"))
    response = client.post(f"/t/{thread.pk}/reply/", {"body": "Cleo's words", once.FIELD: token})
    assert response.status_code == 302
    assert thread.posts.count() == 3


@pytest.mark.django_db
def test_a_crisis_reply_sent_twice_lands_on_the_help_again(client, thread, bob):
    client.force_login(bob)
    token = token_in(page(client.get(f"/t/{thread.pk}/reply/")))
    sent = {"body": "I can't go on anymore.", once.FIELD: token}
    client.post(f"/t/{thread.pk}/reply/", sent)
    again = client.post(f"/t/{thread.pk}/reply/", sent, follow=True)
    assert thread.posts.count() == 2
    assert "#" not in again.redirect_chain[0][0]  # the top of the page: the help first
    assert KIND in text(again) and ALREADY in text(again)


@pytest.mark.django_db
def test_a_removed_post_can_be_sent_again(client, thread, bob):
    client.force_login(bob)
    token = token_in(page(client.get(f"/t/{thread.pk}/reply/")))
    sent = {"body": "Second thoughts", once.FIELD: token}
    client.post(f"/t/{thread.pk}/reply/", sent)
    client.post(f"/p/{Post.objects.get(thread=thread, number=2).pk}/delete/")
    assert client.post(f"/t/{thread.pk}/reply/", sent).status_code == 302
    assert thread.posts.filter(body="Second thoughts").count() == 2


@pytest.mark.django_db
def test_a_token_is_remembered_for_a_day(client, thread, bob):
    if not isinstance(caches["default"], DatabaseCache):
        pytest.skip("reads the database cache's clock")
    client.force_login(bob)
    token = token_in(page(client.get(f"/t/{thread.pk}/reply/")))
    client.post(f"/t/{thread.pk}/reply/", {"body": "Today", once.FIELD: token})
    key = f"boomity.once:{bob.pk}:{token}"
    later = timezone.now() + timedelta(hours=23)
    with mock.patch("django.core.cache.backends.db.tz_now", return_value=later):
        assert cache.get(key) is not None
    later = timezone.now() + timedelta(hours=25)
    with mock.patch("django.core.cache.backends.db.tz_now", return_value=later):
        assert cache.get(key) is None


@pytest.mark.django_db
def test_a_second_tap_while_the_first_is_posting_does_not_post(client, thread, bob, monkeypatch):
    client.force_login(bob)
    token = token_in(page(client.get(f"/t/{thread.pk}/reply/")))
    cache.set(f"boomity.once:{bob.pk}:{token}", "pending", 60)  # the first tap, still at work
    monkeypatch.setattr(once, "WAIT_SECONDS", 0)
    response = client.post(f"/t/{thread.pk}/reply/", {"body": "Tap", once.FIELD: token})
    assert response.status_code == 302 and response["Location"] == f"/t/{thread.pk}/"
    assert thread.posts.count() == 1


@pytest.mark.django_db
def test_a_form_without_a_token_still_posts(client, thread, bob):
    """Pages opened before this release have no token: they post as before."""
    client.force_login(bob)
    for words in ("First", "Second"):
        assert client.post(f"/t/{thread.pk}/reply/", {"body": words}).status_code == 302
    assert thread.posts.count() == 3


# --- Back, then Post again: the browser fetched the form again, with a fresh token ------------


def _fresh_token(client, url: str) -> str:
    return token_in(page(client.get(url)))


@pytest.mark.django_db
def test_back_then_post_again_with_a_fresh_token_posts_once(client, thread, bob):
    client.force_login(bob)
    url = f"/t/{thread.pk}/reply/"
    words = "Same here, one year feels huge.\r\nProud of you."
    first = client.post(url, {"body": words, once.FIELD: _fresh_token(client, url)})
    assert first.status_code == 302
    again = client.post(url, {"body": words, once.FIELD: _fresh_token(client, url)}, follow=True)
    assert thread.posts.filter(author=bob).count() == 1
    assert ALREADY in text(again)


@pytest.mark.django_db
def test_a_new_thread_sent_again_with_a_fresh_token_is_posted_once(client, board, alice):
    client.force_login(alice)
    url = f"/b/{board.slug}/new/"
    sent = {"title": "Tonight", "body": "Hard night, anyone up?"}
    client.post(url, {**sent, once.FIELD: _fresh_token(client, url)})
    again = client.post(url, {**sent, once.FIELD: _fresh_token(client, url)}, follow=True)
    assert Thread.objects.filter(title="Tonight").count() == 1
    assert ALREADY in text(again)


@pytest.mark.django_db
def test_the_same_words_elsewhere_or_later_are_new_posts(client, board, thread, bob, alice):
    client.force_login(bob)
    words = "Thinking of you."
    client.post(f"/t/{thread.pk}/reply/", {"body": words})
    second = actions_thread(board, alice)  # another thread, same words: a new post
    client.post(f"/t/{second.pk}/reply/", {"body": words})
    assert Post.objects.filter(author=bob, body=words).count() == 2
    later = timezone.now() + timedelta(seconds=once.SAME_WORDS_SECONDS + 1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        client.post(f"/t/{thread.pk}/reply/", {"body": words})  # ten minutes on: new
    assert Post.objects.filter(author=bob, body=words).count() == 3


def actions_thread(board, author):
    from tests.factories import make_thread

    return make_thread(board, author, title="Another evening", body="Hello again.")


@pytest.mark.django_db
def test_the_same_words_after_other_words_are_a_new_post(client, thread, bob):
    """Only the latest post there counts: "Thank you" to a second person, after saying
    something else in between, is posted."""
    client.force_login(bob)
    for words in ("Thank you", "Hang in there, Sam.", "Thank you"):
        client.post(f"/t/{thread.pk}/reply/", {"body": words})
    assert thread.posts.filter(author=bob).count() == 3
