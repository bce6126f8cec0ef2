"""Every size of text gets a kind answer, and text that shows nothing is refused kindly."""

from __future__ import annotations

import html
from urllib.parse import urlencode

import pytest

from forums.models import Post, Thread
from tests.conftest import page

FORM = "application/x-www-form-urlencoded"  # what a browser sends for our forms
MB = 1024 * 1024


def _post(client, url: str, data: dict):
    return client.post(url, urlencode(data), content_type=FORM)


def _page(response) -> str:
    return html.unescape(page(response))


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1 * MB, 3 * MB, 9 * MB], ids=["1 MB", "3 MB", "9 MB"])
def test_a_huge_reply_gets_the_form_back_with_the_words_kept(client, thread, bob, size):
    client.force_login(bob)
    words = "I have so much to say. " * (size // 23)
    response = _post(client, f"/t/{thread.pk}/reply/", {"body": words})
    assert response.status_code == 400
    page = _page(response)
    assert "Your message is longer than we can keep in one post" in page
    assert words.strip() in page  # every word, back in the box
    assert thread.posts.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True], ids=["production", "DEBUG"])
def test_an_absurd_size_gets_a_kind_413_never_a_technical_page(
    client, thread, bob, settings, debug
):
    settings.DEBUG = debug
    client.force_login(bob)
    response = _post(client, f"/t/{thread.pk}/reply/", {"body": "x" * (11 * MB)})
    assert response.status_code == 413
    page = _page(response)
    assert "That was too long for us to receive" in page
    assert "Your words are most likely still in your browser." in page
    assert "Back button" in page and "20,000 characters" in page
    assert 'href="/help/"' in page
    for technical in ("RequestDataTooBig", "Traceback", "DATA_UPLOAD_MAX_MEMORY_SIZE"):
        assert technical not in page
    assert thread.posts.count() == 1


@pytest.mark.django_db
def test_pages_tell_the_script_how_much_the_server_will_read(client, thread, bob, settings):
    client.force_login(bob)
    page = client.get(f"/t/{thread.pk}/reply/").content.decode()
    assert f'<body data-post-limit="{settings.DATA_UPLOAD_MAX_MEMORY_SIZE}">' in page
    assert '<template id="too-long-note">' in page


INVISIBLE = {
    "zero-width spaces": "\u200b\u200b\u200b\u200b",
    "joiners": "\u200c\u200d\u200c\u200d",
    "word joiner and BOM": "\u2060\ufeff\u2060",
    "mixed with spaces": "\u200b \u00a0\u3000 \u200b\n\u200b",
    "Hangul filler": "\u3164\u3164\u3164",
    "braille blank": "\u2800\u2800\u2800",
    "soft hyphens": "\u00ad\u00ad\u00ad",
}


@pytest.mark.django_db
@pytest.mark.parametrize("text", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_a_body_of_invisible_characters_is_refused_and_kept(client, thread, bob, text):
    client.force_login(bob)
    response = _post(client, f"/t/{thread.pk}/reply/", {"body": text})
    assert response.status_code == 400
    page = _page(response)
    assert "Your message has only invisible characters in it" in page
    assert f">{text.strip()}</textarea>" in page or f">\n{text.strip()}</textarea>" in page
    assert thread.posts.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("text", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_a_title_of_invisible_characters_is_refused_and_everything_kept(client, board, alice, text):
    client.force_login(alice)
    body = "I wanted to say hello."
    response = _post(client, f"/b/{board.slug}/new/", {"title": text, "body": body})
    assert response.status_code == 400
    page = _page(response)
    assert "Your title has only invisible characters in it" in page
    assert body in page
    assert not Thread.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "title,body",
    [
        ("Our family 👩‍👩‍👧 news", "A joiner inside an emoji is part of it: 👩‍👩‍👧"),
        ("🏴󠁧󠁢󠁥󠁮󠁧󠁿 fans", "❤️"),
        ("Hello\u200bthere", "Invisible characters beside visible ones are fine."),
    ],
)
def test_text_with_something_to_see_is_welcome(client, board, alice, title, body):
    client.force_login(alice)
    response = _post(client, f"/b/{board.slug}/new/", {"title": title, "body": body})
    assert response.status_code == 302
    assert Post.objects.get().body == body
