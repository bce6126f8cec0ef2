"""Preview: the post as it will look, made by the code that saves it, and nothing saved."""

from __future__ import annotations

import pytest

from forums.models import Draft, Post, Thread
from moderation.models import ReviewItem, WatchedAction, WatchedWord
from tests.conftest import dangerous_markup, main_of, page, told_signed_out

BODY = "Thank you, @Alice. *Small* steps:\n\n- a walk\n- <b>tea</b>\n\nhttps://example.org/rest"


def preview_of(response) -> str:
    html = main_of(response)
    start = html.index('<div class="post__body">') + len('<div class="post__body">')
    return html[start : html.index("</div>\n  </article>", start)]


@pytest.mark.django_db
def test_reply_preview_is_exactly_what_posting_saves(client, thread, bob):
    client.force_login(bob)
    response = client.post(f"/t/{thread.pk}/reply/", {"body": BODY, "preview": "1"})
    assert response.status_code == 200
    shown = preview_of(response)
    assert thread.posts.count() == 1  # nothing posted
    client.post(f"/t/{thread.pk}/reply/", {"body": BODY})
    saved = thread.posts.get(number=2)
    assert shown == saved.body_html
    assert 'class="mention"' in shown  # the same cooking, mentions and all


@pytest.mark.django_db
def test_preview_keeps_the_words_in_the_form_and_sits_above_it(client, thread, bob):
    client.force_login(bob)
    html = main_of(client.post(f"/t/{thread.pk}/reply/", {"body": "Just *this*", "preview": "1"}))
    assert "Just *this*</textarea>" in html
    assert "<em>this</em>" in html
    assert html.index('id="preview-heading"') < html.index("<textarea")
    assert "It isn't posted yet" in html


@pytest.mark.django_db
def test_new_thread_preview_shows_the_title_and_saves_nothing(client, board, bob):
    client.force_login(bob)
    data = {"title": "Lights on", "body": BODY, "preview": "1"}
    response = client.post(f"/b/{board.slug}/new/", data)
    assert response.status_code == 200
    shown = preview_of(response)
    assert "Lights on" in main_of(response) and 'value="Lights on"' in main_of(response)
    assert not Thread.objects.exists() and not Draft.objects.exists()
    client.post(f"/b/{board.slug}/new/", {"title": "Lights on", "body": BODY})
    assert shown == Post.objects.get(thread__title="Lights on").body_html


@pytest.mark.django_db
def test_edit_preview_changes_nothing_until_saved(client, thread, alice):
    client.force_login(alice)
    opening = thread.posts.get(number=1)
    data = {"title": thread.title, "body": BODY, "preview": "1"}
    response = client.post(f"/p/{opening.pk}/edit/", data)
    assert response.status_code == 200
    shown = preview_of(response)
    opening.refresh_from_db()
    assert opening.body == "Does anyone else lie awake?" and opening.edited_at is None
    client.post(f"/p/{opening.pk}/edit/", {"title": thread.title, "body": BODY})
    opening.refresh_from_db()
    assert shown == opening.body_html


@pytest.mark.django_db
def test_a_preview_is_never_screened_or_sent_to_the_moderators(client, thread, bob):
    from tests.moderation.test_crisis_path import CRISIS_TEXT

    client.force_login(bob)
    response = client.post(f"/t/{thread.pk}/reply/", {"body": CRISIS_TEXT, "preview": "1"})
    assert response.status_code == 200
    assert CRISIS_TEXT.split(".")[0] in preview_of(response).replace("&#x27;", "'")
    assert thread.posts.count() == 1
    assert not ReviewItem.objects.exists()


@pytest.mark.django_db
def test_an_empty_preview_says_so_kindly(client, thread, bob):
    client.force_login(bob)
    response = client.post(f"/t/{thread.pk}/reply/", {"body": "", "preview": "1"})
    assert response.status_code == 400
    assert "Your message is empty" in page(response)


@pytest.mark.django_db
def test_preview_is_made_safe(client, thread, bob):
    client.force_login(bob)
    evil = "<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>"
    response = client.post(f"/t/{thread.pk}/reply/", {"body": evil, "preview": "1"})
    html = main_of(response)
    assert dangerous_markup(html) == []
    assert "&lt;script&gt;" in preview_of(response)


@pytest.mark.django_db
def test_preview_asks_visitors_to_sign_in(client, thread):
    response = client.post(f"/t/{thread.pk}/reply/", {"body": BODY, "preview": "1"})
    assert told_signed_out(response)
    assert thread.posts.count() == 1


@pytest.mark.django_db
def test_nobody_previews_an_edit_of_someone_elses_post(client, thread, bob):
    client.force_login(bob)
    opening = thread.posts.get(number=1)
    response = client.post(f"/p/{opening.pk}/edit/", {"body": BODY, "preview": "1"})
    assert response.status_code == 404


@pytest.mark.django_db
def test_preview_wrong_method(client, thread, bob):
    client.force_login(bob)
    assert client.put(f"/t/{thread.pk}/reply/", {"preview": "1"}).status_code == 405


@pytest.mark.django_db
def test_every_posting_form_has_a_preview_button(client, thread, alice, reply):
    client.force_login(alice)
    opening = thread.posts.get(number=1)
    for url in [
        f"/t/{thread.pk}/reply/",
        "/b/anxiety/new/",
        f"/p/{opening.pk}/edit/",
        thread.get_absolute_url(),
    ]:
        assert 'name="preview"' in main_of(client.get(url)), url


@pytest.mark.django_db
def test_a_replaced_word_is_replaced_in_the_preview_exactly_as_when_saved(client, board, bob):
    WatchedWord.objects.create(pattern="darn", action=WatchedAction.REPLACE, replacement="[oops]")
    client.force_login(bob)
    data = {"title": "A darn night", "body": "Such a darn night, @Alice."}
    response = client.post(f"/b/{board.slug}/new/", {**data, "preview": "1"})
    assert response.status_code == 200
    shown = preview_of(response)
    assert "[oops]" in shown and "darn" not in shown
    assert "A [oops] night" in main_of(response)
    assert 'value="A darn night"' in main_of(response)  # the form keeps what they wrote
    client.post(f"/b/{board.slug}/new/", data)
    saved = Post.objects.get(thread__board=board)
    assert shown == saved.body_html and saved.thread.title == "A [oops] night"


@pytest.mark.django_db
def test_a_reply_and_an_edit_preview_replace_words_as_saving_does(client, thread, bob, reply):
    WatchedWord.objects.create(pattern="darn", action=WatchedAction.REPLACE, replacement="[oops]")
    client.force_login(bob)
    body = "A darn long day."
    shown = preview_of(client.post(f"/t/{thread.pk}/reply/", {"body": body, "preview": "1"}))
    edited = preview_of(client.post(f"/p/{reply.pk}/edit/", {"body": body, "preview": "1"}))
    client.post(f"/p/{reply.pk}/edit/", {"body": body})
    reply.refresh_from_db()
    assert shown == edited == reply.body_html and "[oops]" in shown


@pytest.mark.django_db
def test_a_preview_with_a_blocked_word_or_crisis_language_is_only_a_preview(client, thread, bob):
    """Replacing is all a preview does: no refusal, no review item, no crisis help (that
    comes when they post)."""
    from tests.moderation.test_crisis_path import CRISIS_TEXT

    WatchedWord.objects.create(pattern="darn", action=WatchedAction.REPLACE, replacement="[oops]")
    WatchedWord.objects.create(pattern="spamlink", action=WatchedAction.BLOCK)
    WatchedWord.objects.create(pattern="heavy", action=WatchedAction.HOLD)
    client.force_login(bob)
    body = f"spamlink heavy darn. {CRISIS_TEXT}"
    response = client.post(f"/t/{thread.pk}/reply/", {"body": body, "preview": "1"})
    assert response.status_code == 200
    shown = preview_of(response)
    assert "[oops]" in shown and "spamlink heavy" in shown
    assert "We couldn't post this" not in page(response)
    assert "face this alone" not in page(response)
    assert not ReviewItem.objects.exists() and thread.posts.count() == 1
