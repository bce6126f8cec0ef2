"""Things that must never happen, whatever path leads there."""

from __future__ import annotations

import re

import pytest

from forums import actions as forum_actions
from forums.models import Board, Post, Thread
from moderation import actions
from moderation.models import Flag, ReviewItem, WatchedAction, WatchedWord
from tests.conftest import make_board, make_member, make_thread
from tests.moderation.helpers import page

HELD_TITLE = "Casino nights are my escape"


def counts(html: str, board: Board) -> tuple[int, int]:
    """The thread and post counts on a board's card on the home page."""
    card = html[html.index(f'href="{board.get_absolute_url()}"') :]
    card = card[: card.index("</li>")]
    threads = int(re.search(r"(\d+) threads?<", card).group(1))
    posts = int(re.search(r"(\d+) posts?<", card).group(1))
    return threads, posts


@pytest.fixture
def world(db, board, alice, bob, moderator):
    """A board with a visible thread, a held thread, a hidden reply and a pending reply."""
    visible = make_thread(board, alice, title="Sleep when anxious", body="Lie awake?")
    WatchedWord.objects.create(pattern="casino", action=WatchedAction.HOLD)
    held = make_thread(board, bob, title=HELD_TITLE, body="The casino helps.")
    hidden = forum_actions.post_reply(thread=visible, author=bob, body="Hidden words here")
    actions.flag_post(post=hidden, member=alice, reason="unkind")
    actions.hide(ReviewItem.objects.get(post=hidden), by=moderator, reason="Unkind.")
    pending = forum_actions.post_reply(thread=visible, author=bob, body="A casino reply")
    return {"board": board, "visible": visible, "held": held, "hidden": hidden, "pending": pending}


@pytest.mark.django_db
def test_hidden_or_pending_posts_are_in_no_list_and_no_count(client, world, alice, bob):
    board, visible = world["board"], world["visible"]
    board.refresh_from_db()
    visible.refresh_from_db()
    assert (board.thread_count, board.post_count) == (1, 1)
    assert (visible.reply_count, visible.post_count) == (0, 1)
    assert board.last_post.number == 1 and visible.last_post.number == 1
    for member in (alice, bob):  # even the held thread's own author
        client.force_login(member)
        home = page(client.get("/"))
        board_html = page(client.get(board.get_absolute_url()))
        assert HELD_TITLE not in home
        # Only its author finds the held thread on the board, marked as waiting.
        assert (HELD_TITLE in board_html) == (member == bob)
        for html in (home, board_html):
            for post in (world["hidden"], world["pending"], world["held"].posts.get()):
                assert f'href="/p/{post.pk}/"' not in html
        assert counts(home, board) == (1, 1)
        assert "0 replies" in board_html
        assert "latest by Bob" not in board_html


@pytest.mark.django_db
def test_hidden_and_pending_words_are_not_on_the_thread_page_for_others(client, world, alice):
    client.force_login(alice)
    html = page(client.get(world["visible"].get_absolute_url()))
    assert "Hidden words here" not in html and "A casino reply" not in html
    assert "This post was hidden by the moderators." in html


@pytest.mark.django_db
def test_anonymous_authors_name_is_on_no_page_anyone_else_can_open(client, alice, bob):
    wren = make_member("Wren Hollow")
    board = make_board("hard-days", allow_anonymous=True, public=True)
    thread = make_thread(board, alice, title="Check-in")
    anon = forum_actions.post_reply(thread=thread, author=wren, body="Anon words", anonymous=True)
    own = make_thread(board, wren, title="Anon thread", anonymous=True)
    actions.flag_post(post=anon, member=bob, reason="other", note="Just checking")
    clues = ("wren", "hollow", wren.email.split("@")[0])
    urls = [
        "/",
        f"/b/{board.slug}/",
        thread.get_absolute_url(),
        own.get_absolute_url(),
        f"/t/{thread.pk}/reply/?quote={anon.pk}",
        f"/p/{anon.pk}/flag/",
        "/notifications/",
        "/account/blocked/",
        "/help/",
        "/guidelines/",
    ]
    for viewer in (None, alice, bob):
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        for url in urls:
            response = client.get(url, follow=True)
            html = page(response).lower()
            assert not [c for c in clues if c in html], (viewer, url)


@pytest.mark.django_db
def test_silenced_or_suspended_member_cannot_post_through_any_form(client, thread, moderator):
    quiet = make_member("Still Quiet")
    gone = make_member("Gone Away")
    posts = {
        m: forum_actions.post_reply(thread=thread, author=m, body="Before") for m in (quiet, gone)
    }
    actions.silence(quiet, by=moderator, reason="A pause.", period="30d")
    actions.suspend(gone, by=moderator, reason="Suspended.")

    def snapshot():
        return (
            list(Thread.objects.values_list("pk", "title", "post_count")),
            list(Post.objects.values_list("pk", "body", "status", "edited_at")),
            ReviewItem.objects.count(),
            Flag.objects.count(),
        )

    before = snapshot()
    for member in (quiet, gone):
        client.force_login(member)
        for url, data in [
            (f"/b/{thread.board.slug}/new/", {"title": "New one", "body": "Typed text"}),
            (f"/t/{thread.pk}/reply/", {"body": "Typed text"}),
            (f"/p/{posts[member].pk}/edit/", {"body": "Typed text"}),
        ]:
            response = client.post(url, data)
            assert response.status_code in (302, 403), (member, url)
            assert response.status_code != 302 or "/accounts/login/" in response["Location"]
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/moderation/reviewitem/",
        "/admin/moderation/auditentry/",
        "/admin/moderation/flag/",
        "/admin/members/communitysettings/",
    ],
)
@pytest.mark.parametrize("persona", ["visitor", "alice", "silenced"])
def test_regular_members_never_reach_an_admin_page(request, client, url, persona):
    if persona != "visitor":
        client.force_login(request.getfixturevalue(persona))
    response = client.get(url)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert re.match(r"^/(admin|accounts)/login/", response["Location"])
    final = client.get(url, follow=True)
    assert (
        final.status_code != 200
        or "/accounts/login/" in final.request["PATH_INFO"]
        or "/admin/login/" in final.request["PATH_INFO"]
    )
    html = page(final)
    assert "Site administration" not in html and "Review item" not in html
