"""Anonymous posting: other members see "Anonymous member", and nothing that unmasks it."""

from __future__ import annotations

import re

import pytest

from forums import actions as forum_actions
from forums.models import Board, Post, Thread
from members.actions import notify
from members.models import NotificationKind
from moderation import actions
from moderation.models import ReviewItem
from tests.conftest import count_queries, page
from tests.factories import make_board, make_member, make_thread

SECRET_TITLE = "What happened at home"


@pytest.fixture
def wren(db):
    """The member who posts anonymously; a name that can't appear by accident."""
    return make_member("Wren Hollow")


@pytest.fixture
def anon_board(db):
    return make_board("hard-days", name="Hard days", allow_anonymous=True)


@pytest.fixture
def public_anon_board(db):
    return make_board("open-hearts", name="Open hearts", public=True, allow_anonymous=True)


def unmasks(html: str, member) -> list[str]:
    """Anything in the page that could tell who `member` is."""
    found = []
    for clue in (member.profile.display_name, member.email, member.email.split("@")[0], "Wren"):
        if clue.lower() in html.lower():
            found.append(clue)
    return found


def post_anonymously(client, board, member):
    client.force_login(member)
    response = client.post(
        f"/b/{board.slug}/new/",
        {"title": SECRET_TITLE, "body": "I have never told anyone this.", "anonymous": "on"},
        follow=True,
    )
    assert response.status_code == 200
    client.logout()
    return Thread.objects.get(title=SECRET_TITLE)


@pytest.mark.django_db
def test_anonymous_thread_shows_no_trace_of_its_author_to_other_members(
    client, anon_board, wren, bob
):
    thread = post_anonymously(client, anon_board, wren)
    assert thread.is_anonymous and thread.posts.get().is_anonymous
    assert thread.author == wren  # moderators still know, in the admin
    client.force_login(bob)
    for url in (thread.get_absolute_url(), f"/b/{anon_board.slug}/", "/"):
        html = page(client.get(url))
        assert SECRET_TITLE in html, url
        assert unmasks(html, wren) == [], url
    thread_html = page(client.get(thread.get_absolute_url()))
    assert "Anonymous member" in thread_html
    assert "Started by Anonymous member" in page(client.get(f"/b/{anon_board.slug}/"))


@pytest.mark.django_db
def test_anonymous_thread_on_a_public_board_shows_visitors_no_trace(
    client, public_anon_board, wren
):
    thread = post_anonymously(client, public_anon_board, wren)
    for url in (thread.get_absolute_url(), f"/b/{public_anon_board.slug}/", "/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert unmasks(page(response), wren) == [], url


@pytest.mark.django_db
def test_anonymous_reply_is_the_latest_post_without_a_name(client, anon_board, alice, wren, bob):
    thread = make_thread(anon_board, alice, title="Weekend check-in")
    reply = forum_actions.post_reply(
        thread=thread, author=wren, body="Quiet, but okay.", anonymous=True
    )
    assert reply.is_anonymous
    client.force_login(bob)
    board_html = page(client.get(f"/b/{anon_board.slug}/"))
    assert "latest by Anonymous member" in board_html
    for html in (board_html, page(client.get("/")), page(client.get(thread.get_absolute_url()))):
        assert unmasks(html, wren) == []


@pytest.mark.django_db
def test_anonymous_posts_have_no_block_button_and_quotes_stay_anonymous(
    client, anon_board, alice, wren, bob
):
    thread = make_thread(anon_board, alice, title="Weekend check-in")
    reply = forum_actions.post_reply(
        thread=thread, author=wren, body="Quiet, but okay.", anonymous=True
    )
    client.force_login(bob)
    html = page(client.get(thread.get_absolute_url()))
    assert f"/p/{reply.pk}/block-author/" not in html
    assert f"/p/{thread.posts.get(number=1).pk}/block-author/" in html  # Alice's can be
    quote = page(client.get(f"/t/{thread.pk}/reply/?quote={reply.pk}"))
    assert "Quiet, but okay." in quote and "Anonymous member" in quote
    assert unmasks(quote, wren) == []
    flag_page = page(client.get(f"/p/{reply.pk}/flag/"))
    assert unmasks(flag_page, wren) == []


@pytest.mark.django_db
def test_notifications_of_others_never_name_an_anonymous_author(
    client, anon_board, wren, bob, moderator
):
    thread = post_anonymously(client, anon_board, wren)
    bobs = forum_actions.post_reply(thread=thread, author=bob, body="Buy followers here")
    actions.flag_post(post=bobs, member=make_member("Carol"), reason="spam")
    actions.hide(
        ReviewItem.objects.get(post=bobs),
        by=moderator,
        reason="Our guidelines keep the boards free of ads.",
    )
    actions.warn(bob, by=moderator, reason="Please don't advertise.")
    client.force_login(bob)
    html = page(client.get("/notifications/"))
    assert "moderator hid your post" in html
    assert unmasks(html, wren) == []


@pytest.mark.django_db
def test_anonymous_author_sees_their_post_as_others_do(client, anon_board, wren):
    thread = post_anonymously(client, anon_board, wren)
    client.force_login(wren)
    html = page(client.get(thread.get_absolute_url()))
    assert re.search(r'class="post__author"[^>]*>\s*Anonymous member\s*<', html)


@pytest.mark.django_db
def test_anonymous_checkbox_only_where_the_board_allows_it(client, board, anon_board, alice):
    client.force_login(alice)
    assert 'name="anonymous"' in page(client.get(f"/b/{anon_board.slug}/new/"))
    assert 'name="anonymous"' not in page(client.get(f"/b/{board.slug}/new/"))
    anon_thread = make_thread(anon_board, alice)
    plain_thread = make_thread(board, alice)
    assert 'name="anonymous"' in page(client.get(f"/t/{anon_thread.pk}/reply/"))
    assert 'name="anonymous"' not in page(client.get(f"/t/{plain_thread.pk}/reply/"))
    assert 'name="anonymous"' not in page(client.get(plain_thread.get_absolute_url()))


@pytest.mark.django_db
def test_posting_anonymously_where_not_allowed_is_ignored(client, board, wren, bob):
    client.force_login(wren)
    client.post(
        f"/b/{board.slug}/new/", {"title": "Plain board", "body": "Hello", "anonymous": "on"}
    )
    thread = Thread.objects.get()
    client.post(f"/t/{thread.pk}/reply/", {"body": "Me again", "anonymous": "on"})
    assert not Post.objects.filter(is_anonymous=True).exists()
    assert not thread.is_anonymous
    client.force_login(bob)
    html = page(client.get(thread.get_absolute_url()))
    assert "Wren Hollow" in html and "Anonymous member" not in html


@pytest.mark.django_db
def test_anonymous_posts_stay_anonymous_when_the_board_stops_allowing_it(
    client, anon_board, wren, bob
):
    thread = post_anonymously(client, anon_board, wren)
    Board.objects.filter(pk=anon_board.pk).update(allow_anonymous=False)
    client.force_login(bob)
    for url in (thread.get_absolute_url(), f"/b/{anon_board.slug}/", "/"):
        assert unmasks(page(client.get(url)), wren) == [], url


@pytest.mark.django_db
def test_a_moderation_notice_to_the_anonymous_author_reaches_only_them(
    client, anon_board, wren, bob
):
    thread = post_anonymously(client, anon_board, wren)
    notify(
        wren,
        kind=NotificationKind.MODERATION,
        text="Just for Wren's eyes",
        url=thread.get_absolute_url(),
    )
    client.force_login(bob)
    assert "Just for Wren" not in page(client.get("/notifications/"))


@pytest.mark.django_db
def test_board_list_queries_do_not_grow_with_anonymous_threads(client, anon_board, bob):
    """Guards an N+1 of loading each thread's author (and last poster) to decide the byline,
    anonymous or not."""
    client.force_login(bob)
    people = [make_member() for _ in range(8)]
    make_thread(anon_board, people[0], title="First", anonymous=True)
    few = count_queries(client, f"/b/{anon_board.slug}/")
    for i, member in enumerate(people[1:]):
        thread = make_thread(anon_board, member, title=f"Thread {i}", anonymous=i % 2 == 0)
        forum_actions.post_reply(
            thread=thread, author=people[0], body="Reply", anonymous=i % 3 == 0
        )
    assert count_queries(client, f"/b/{anon_board.slug}/") == few


@pytest.mark.django_db
def test_replies_in_ones_own_anonymous_thread_stay_anonymous_by_default(client, board, alice):
    from forums.forms import ReplyForm

    board.allow_anonymous = True
    board.save()
    thread = make_thread(board, alice, title="Hard to say", anonymous=True)
    assert ReplyForm(thread=thread, author=alice).fields["anonymous"].initial is True
    other = make_member("Other")
    assert ReplyForm(thread=thread, author=other).fields["anonymous"].initial is False
