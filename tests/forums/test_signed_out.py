"""Signed out while writing: the words are never lost.

A member's sign-in ends (the session cookie goes) while they write, and they press
Post. Nothing is posted, and nobody is alerted (anyone could send such a request), but
they are told so kindly, see their words — the crisis help first if the words have
crisis language — and signing in brings them back to the same form with the words in it.
"""

from __future__ import annotations

import re
import time

import pytest
from django.conf import settings
from django.test import Client

from forums.forms import writer_token
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


def signed_out_mid_post(client: Client, member, form_url: str | None = None) -> str:
    """Signed in properly, then the session cookie is gone (cleared, or expired).
    Returns the token of whose form it is, from the form at `form_url` as it was shown
    while signed in (or made for `member` if no form is given)."""
    sign_in(client, member, "/")
    assert "_auth_user_id" in client.session
    writer = writer_token(member.pk)
    if form_url:
        found = re.search(r'name="writer" value="([^"]+)"', page(client.get(form_url)))
        assert found, "the posting form carries whose form it is"
        writer = found.group(1)
    del client.cookies[settings.SESSION_COOKIE_NAME]
    return writer


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
    writer = signed_out_mid_post(client, bob, url)

    response = client.post(url, {**sent, "writer": writer})

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
    # The reply box on the thread page sends to the reply page.
    writer = signed_out_mid_post(client, bob, thread.get_absolute_url())
    response = client.post(
        f"/t/{thread.pk}/reply/", {"body": PLAIN_BODY, "anonymous": "on", "writer": writer}
    )
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
    writer = signed_out_mid_post(client, bob)
    client.post(f"/t/{thread.pk}/reply/", {"body": PLAIN_BODY, "writer": writer})
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

    writer = signed_out_mid_post(client, bob)
    client.post(f"/t/{thread.pk}/reply/", {"body": PLAIN_BODY, "writer": writer})
    sign_in(client, bob, f"/t/{thread.pk}/reply/")
    later = forums.views.time.time() + forums.views.KEPT_SECONDS + 1
    with mock.patch("forums.views.time.time", return_value=later):
        form = page(client.get(f"/t/{thread.pk}/reply/"))
    assert PLAIN_BODY not in form
    assert "Welcome back. Your words are in the box" not in text(form)


WORDS_BACK = "Your words are in the box below"


def post_signed_out(client: Client, thread, member, **writer) -> str:
    """Signed in as `member` with the reply form open, signed out, then Post: with the
    form's own token unless `writer=` says what token the POST carries instead."""
    url = f"/t/{thread.pk}/reply/"
    token = signed_out_mid_post(client, member, url)
    response = client.post(url, {"body": PLAIN_BODY, "writer": writer.get("writer", token)})
    assert response.status_code == 403
    # Whatever the token, the words are shown back on that very page, to copy.
    assert f"{PLAIN_BODY}</textarea>" in page(response)
    return text(page(response))


@pytest.mark.django_db
def test_kept_words_come_back_to_the_same_member_only(client, thread, bob):
    html = post_signed_out(client, thread, bob)
    assert "Your words are safe" in html
    sign_in(client, bob, "/")
    form = text(page(client.get(f"/t/{thread.pk}/reply/")))
    assert f"{PLAIN_BODY}</textarea>" in form and WORDS_BACK in form


@pytest.mark.django_db
def test_someone_else_signing_in_on_that_browser_never_gets_the_words(client, thread, bob, alice):
    """Robin's words, left while signed out, never land in Alice's box (or her draft)."""
    from forums.models import Draft

    post_signed_out(client, thread, bob)
    Draft.objects.create(member=alice, thread=thread, body="Alice's own half-written reply")
    sign_in(client, alice, "/")  # the ordinary sign-in page, no next

    form = text(page(client.get(f"/t/{thread.pk}/reply/")))
    assert PLAIN_BODY not in form and WORDS_BACK not in form
    assert "Alice's own half-written reply</textarea>" in form
    # Gone from the browser, not just hidden: Bob signing in there later finds nothing.
    assert "forums.kept_words" not in client.session
    client.post("/accounts/logout/")
    sign_in(client, bob, "/")
    assert PLAIN_BODY not in page(client.get(f"/t/{thread.pk}/reply/"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "writer",
    [
        pytest.param("", id="no token"),
        pytest.param("tampered", id="tampered token"),
    ],
)
def test_without_a_good_token_the_words_are_only_shown_back(client, thread, bob, alice, writer):
    if writer == "tampered":  # Bob's signed token, with its member changed to Alice
        writer = ":".join(
            [writer_token(alice.pk).split(":")[0], *writer_token(bob.pk).split(":")[1:]]
        )
    html = post_signed_out(client, thread, bob, writer=writer)
    assert "this page is the only place they are kept" in html
    assert "Your words are safe" not in html
    sign_in(client, bob, "/")
    assert "forums.kept_words" not in client.session
    form = text(page(client.get(f"/t/{thread.pk}/reply/")))
    assert PLAIN_BODY not in form and WORDS_BACK not in form


@pytest.mark.django_db
def test_a_form_shown_long_ago_has_an_expired_token(client, thread, bob):
    from unittest import mock

    from forums.forms import WRITER_MAX_AGE

    token = writer_token(bob.pk)
    later = time.time() + WRITER_MAX_AGE + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        html = post_signed_out(client, thread, bob, writer=token)
    assert "this page is the only place they are kept" in html
    assert "forums.kept_words" not in client.session


@pytest.mark.django_db
def test_kept_words_set_a_different_draft_aside_and_say_so(client, thread, bob):
    from forums.models import Draft

    Draft.objects.create(member=bob, thread=thread, body="An older draft of mine")
    post_signed_out(client, thread, bob)
    sign_in(client, bob, "/")
    form = text(page(client.get(f"/t/{thread.pk}/reply/")))
    assert f"{PLAIN_BODY}</textarea>" in form
    assert "Your saved draft from" in form and "is still in your drafts" in form
    assert "is back in the box below" not in form
    assert Draft.objects.filter(member=bob, body="An older draft of mine").exists()
