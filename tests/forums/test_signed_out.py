"""Signed out while writing: the words are never lost.

A member's sign-in ends (the session cookie goes) while they write, and they press
Post. Nothing is posted, and nobody is alerted (anyone could send such a request), but
they are told so kindly, see their words — the crisis help first if the words have
crisis language — and signing in brings them back to the same form with the words in it.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from forums.models import Post, Thread
from moderation.models import ReviewItem
from tests.conftest import main_of, page, signs_in
from tests.factories import PASSWORD, make_member

KIND = "It sounds like things are really hard right now"
SIGNED_OUT = "You were signed out, so nothing was posted yet"
TITLE = "tonight"
CRISIS_BODY = "I want to kill myself tonight. I've written a goodbye note."
PLAIN_BODY = "Does anyone else lie awake before a big day?"


def sign_in(client: Client, member, next_url: str):
    return client.post(
        f"/accounts/login/?next={next_url}",
        {"login": member.email, "password": PASSWORD, "next": next_url},
    )


def signed_out_mid_post(client: Client, member) -> None:
    """Signed in properly, then the session cookie is gone (cleared, or expired)."""
    sign_in(client, member, "/")
    assert "_auth_user_id" in client.session
    del client.cookies[settings.SESSION_COOKIE_NAME]


def text(html: str) -> str:
    return html.replace("&#x27;", "'")


def forms(thread, reply):
    """(where the form is, what they sent) for a new thread, a reply and an edit."""
    return {
        "new thread": (f"/b/{thread.board.slug}/new/", {"title": TITLE, "body": CRISIS_BODY}),
        "reply": (f"/t/{thread.pk}/reply/", {"body": CRISIS_BODY}),
        "edit": (f"/p/{reply.pk}/edit/", {"body": CRISIS_BODY}),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("which", ["new thread", "reply", "edit"])
def test_signed_out_post_keeps_the_words_and_shows_help_first(client, thread, reply, bob, which):
    url, sent = forms(thread, reply)[which]
    posts, threads = Post.objects.count(), Thread.objects.count()
    signed_out_mid_post(client, bob)

    response = client.post(url, sent)

    html = text(page(response))
    main = main_of(response)
    assert response.status_code == 403
    # The help comes first, on screen: before the page's own heading.
    assert KIND in main and main.index("crisis-panel") < main.index("<h1")
    assert SIGNED_OUT in html and "Your words are safe" in html
    assert f"{CRISIS_BODY}</textarea>" in html
    if "title" in sent:
        assert f">{TITLE}</textarea>" in html
    # A way back to the same form, signed in.
    assert f'href="/accounts/login/?next={url.replace("/", "%2F")}"' in html
    # Nothing saved, and no review item for a signed-out request.
    assert (Post.objects.count(), Thread.objects.count()) == (posts, threads)
    assert not ReviewItem.objects.exists()

    # Signing in brings them back to the form, with their words in it.
    landed = sign_in(client, bob, url)
    assert landed.status_code == 302 and landed["Location"] == url
    form = text(page(client.get(url)))
    assert f"{CRISIS_BODY}</textarea>" in form
    if "title" in sent:
        assert f'value="{TITLE}"' in form
    assert "Your words are in the box below" in form
    # The help they saw stays with them, first on the form's page.
    assert KIND in form and form.index("crisis-panel") < form.index("<h1")
    # Given back once: the next visit is an ordinary form.
    again = text(page(client.get(url)))
    assert CRISIS_BODY not in again and "Your words are in the box below" not in again
    assert KIND not in again


@pytest.mark.django_db
def test_signed_out_reply_from_the_thread_page_comes_back_to_a_reply_form(client, thread, bob):
    signed_out_mid_post(client, bob)
    # The reply box on the thread page sends to the reply page.
    response = client.post(f"/t/{thread.pk}/reply/", {"body": PLAIN_BODY, "anonymous": "on"})
    html = text(page(response))
    assert response.status_code == 403 and SIGNED_OUT in html
    assert f"{PLAIN_BODY}</textarea>" in html
    # No crisis language: no crisis help.
    assert KIND not in html and "crisis-panel" not in html
    sign_in(client, bob, f"/t/{thread.pk}/reply/")
    form = page(client.get(f"/t/{thread.pk}/reply/"))
    assert f"{PLAIN_BODY}</textarea>" in form
    assert thread.posts.count() == 1


@pytest.mark.django_db
def test_kept_words_are_escaped(client, thread, bob):
    signed_out_mid_post(client, bob)
    words = "Please keep <script>alert(1)</script> this"
    response = client.post(f"/t/{thread.pk}/reply/", {"body": words})
    assert "<script>alert(1)" not in page(response)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page(response)


@pytest.mark.django_db
def test_kept_words_stay_with_the_browser_that_sent_them(client, thread, bob):
    """Another member, in another browser, never sees them."""
    signed_out_mid_post(client, bob)
    client.post(f"/t/{thread.pk}/reply/", {"body": PLAIN_BODY})
    other = Client()
    other.force_login(make_member("Other"))
    assert PLAIN_BODY not in page(other.get(f"/t/{thread.pk}/reply/"))


@pytest.mark.django_db
def test_visitor_opening_a_posting_form_is_sent_to_sign_in(client, thread):
    for url in (f"/b/{thread.board.slug}/new/", f"/t/{thread.pk}/reply/"):
        assert signs_in(client.get(url))
        assert signs_in(client.put(url))


@pytest.mark.django_db
def test_a_signed_in_member_posts_as_before(client, thread, bob):
    client.force_login(bob)
    response = client.post(f"/t/{thread.pk}/reply/", {"body": PLAIN_BODY})
    assert response.status_code == 302
    assert thread.posts.count() == 2


@pytest.mark.django_db
def test_signed_out_empty_form_just_says_so(client, thread, bob):
    signed_out_mid_post(client, bob)
    response = client.post(f"/t/{thread.pk}/reply/", {"body": "  "})
    html = text(page(response))
    assert response.status_code == 403 and SIGNED_OUT in html
    assert "What you wrote is here" not in html
    assert "forums.kept_words" not in client.session


@pytest.mark.django_db
def test_kept_words_come_back_within_the_hour_only(client, thread, bob):
    """On a shared computer, whoever signs in there the next day finds an empty box."""
    from unittest import mock

    import forums.views

    signed_out_mid_post(client, bob)
    client.post(f"/t/{thread.pk}/reply/", {"body": PLAIN_BODY})
    sign_in(client, bob, f"/t/{thread.pk}/reply/")
    later = forums.views.time.time() + forums.views.KEPT_SECONDS + 1
    with mock.patch("forums.views.time.time", return_value=later):
        form = page(client.get(f"/t/{thread.pk}/reply/"))
    assert PLAIN_BODY not in form
    assert "Welcome back. Your words are in the box" not in text(form)
