"""A post waiting for a moderator never vanishes for its author, and never shows to anyone else.

The author sees it in place, marked "Waiting for a moderator — only you can see
it": in the thread, on the board's list (a thread whose opening post is held),
on Latest, on the pages of its topics, in search and on their own profile — all
in the same words. Other members and visitors see nothing of
it. And before a new member writes, the forms say that a moderator reads their
first posts before others see them — so a held post is never a surprise, nor
written twice.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from forums import actions
from forums.models import Post, PostStatus, Thread, Topic
from members.models import Block
from tests.conftest import count_queries, page
from tests.factories import make_board, make_member, make_thread

HELD_TITLE = "Hello from a quiet corner"
HELD_NOTE = "Waiting for a moderator — only you can see it"
FIRST_POSTS = "A moderator reads new members' first posts before others can see them"


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return page(response)


@pytest.fixture
def newcomer(db):
    return make_member("Newcomer")


@pytest.fixture
def held_thread(board, newcomer, hold_first_posts) -> Thread:
    thread = make_thread(board, newcomer, title=HELD_TITLE, body="I finally found words.")
    assert not thread.is_visible and thread.posts.get().status == PostStatus.PENDING
    return thread


def as_member(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


def threads_under_sleep(client: Client) -> int:
    """The count the list of topics gives beside "Sleep"."""
    html = html_of(client.get("/topics/"))
    return int(re.search(r'>Sleep</a>\s*<span class="muted">· (\d+) thread', html).group(1))


# --- The author sees their held post wherever they'd look for it ------------------------------


@pytest.mark.django_db
def test_author_finds_their_held_thread_on_the_board_marked_as_waiting(
    board, held_thread, newcomer
):
    html = html_of(as_member(newcomer).get(board.get_absolute_url()))
    assert HELD_TITLE in html and HELD_NOTE in html
    assert f'href="{held_thread.get_absolute_url()}"' in html


@pytest.mark.django_db
def test_author_finds_their_held_thread_on_latest(held_thread, newcomer):
    html = html_of(as_member(newcomer).get("/latest/"))
    assert HELD_TITLE in html and HELD_NOTE in html


@pytest.mark.django_db
def test_author_finds_their_held_posts_on_their_own_profile(board, held_thread, newcomer, staff):
    visible = make_thread(board, staff, title="Evenings")
    held_reply = actions.post_reply(thread=visible, author=newcomer, body="Me too.")
    assert held_reply.is_pending
    html = html_of(as_member(newcomer).get("/members/Newcomer/"))
    assert f"Started “{HELD_TITLE}”" in html and "Replied in “Evenings”" in html
    assert html.count(HELD_NOTE) == 2


@pytest.mark.django_db
def test_author_sees_their_held_post_in_place_in_the_thread(held_thread, newcomer):
    html = html_of(as_member(newcomer).get(held_thread.get_absolute_url()))
    assert "I finally found words." in html and "Waiting for a moderator" in html


@pytest.mark.django_db
def test_author_finds_their_held_thread_on_its_topics_page_marked_as_waiting(
    board, newcomer, hold_first_posts
):
    held = make_thread(board, newcomer, title=HELD_TITLE, topics=[Topic.objects.get(slug="sleep")])
    member = as_member(newcomer)
    html = html_of(member.get("/topics/sleep/"))
    assert HELD_TITLE in html and HELD_NOTE in html
    assert f'href="{held.get_absolute_url()}"' in html
    # The list of topics counts what the topic's page lists for them.
    assert threads_under_sleep(member) == 1


@pytest.mark.django_db
def test_the_note_reads_the_same_wherever_the_author_finds_a_held_post(
    board, held_thread, newcomer
):
    held_thread.topics.add(Topic.objects.get(slug="sleep"))
    member = as_member(newcomer)
    for url in (
        held_thread.get_absolute_url(),
        board.get_absolute_url(),
        "/latest/",
        "/topics/sleep/",
        "/search/?q=quiet+corner",
        "/members/Newcomer/",
    ):
        assert html_of(member.get(url)).count(HELD_NOTE) == 1, url


# --- Nobody else does -------------------------------------------------------------------------


@pytest.mark.django_db
def test_other_members_see_nothing_of_a_held_thread(board, held_thread, newcomer, bob, moderator):
    for person in (bob, moderator):  # moderators see held posts in the review queue
        member = as_member(person)
        for url in (board.get_absolute_url(), "/latest/", "/members/Newcomer/"):
            html = html_of(member.get(url))
            assert HELD_TITLE not in html and HELD_NOTE not in html, (person, url)


@pytest.mark.django_db
def test_nobody_else_finds_a_held_thread_under_its_topic(
    board, newcomer, bob, moderator, hold_first_posts
):
    make_thread(board, newcomer, title=HELD_TITLE, topics=[Topic.objects.get(slug="sleep")])
    blocker, blocked = make_member("Blocker"), make_member("Blocked")
    Block.objects.create(blocker=blocker, blocked=newcomer)
    Block.objects.create(blocker=newcomer, blocked=blocked)
    for person in (bob, moderator, blocker, blocked):
        member = as_member(person)
        html = html_of(member.get("/topics/sleep/"))
        assert HELD_TITLE not in html and HELD_NOTE not in html, person
        assert threads_under_sleep(member) == 0, person


@pytest.mark.django_db
def test_visitors_see_nothing_of_a_held_thread_on_a_public_board(
    client, newcomer, hold_first_posts
):
    public = make_board("introductions", public=True)
    make_thread(public, newcomer, title=HELD_TITLE, topics=[Topic.objects.get(slug="sleep")])
    for url in (public.get_absolute_url(), "/latest/", "/topics/sleep/", "/search/?q=quiet"):
        html = html_of(client.get(url))
        assert HELD_TITLE not in html and HELD_NOTE not in html, url


@pytest.mark.django_db
def test_a_held_anonymous_thread_shows_its_author_and_nobody_else(newcomer, bob, hold_first_posts):
    anonymous = make_board("venting", allow_anonymous=True)
    make_thread(anonymous, newcomer, title=HELD_TITLE, anonymous=True)
    mine = html_of(as_member(newcomer).get(anonymous.get_absolute_url()))
    assert HELD_TITLE in mine and "Started by Anonymous member" in mine
    assert HELD_TITLE not in html_of(as_member(bob).get(anonymous.get_absolute_url()))
    # Anonymous posts never appear on a profile, not even their author's own.
    assert HELD_TITLE not in html_of(as_member(newcomer).get("/members/Newcomer/"))


@pytest.mark.django_db
def test_a_thread_hidden_by_the_moderators_is_not_listed_for_its_author(board, newcomer, alice):
    thread = make_thread(board, newcomer, title="Taken down")
    actions.hide_post(post=thread.posts.get())
    html = html_of(as_member(newcomer).get(board.get_absolute_url()))
    assert "Taken down" not in html


@pytest.mark.django_db
def test_once_approved_the_note_goes(board, held_thread, newcomer):
    actions.publish_post(post=held_thread.posts.get())
    html = html_of(as_member(newcomer).get(board.get_absolute_url()))
    assert HELD_TITLE in html and HELD_NOTE not in html


# --- Query counts stay flat ---------------------------------------------------------------------


@pytest.mark.django_db
def test_board_latest_and_profile_queries_do_not_grow_with_held_posts(board, newcomer, bob):
    """Guards against an N+1 for held rows and results (their note, their missing last
    post, their topics, their snippets)."""
    from tests.factories import set_moderation

    sleep = Topic.objects.get(slug="sleep")
    make_thread(board, bob, title="Someone else's held words", topics=[sleep])
    member = as_member(newcomer)
    urls = (
        board.get_absolute_url(),
        "/latest/",
        "/members/Newcomer/",
        "/topics/sleep/",
        "/topics/",
        "/search/?q=held+words",
    )
    set_moderation(new_member_hold_count=10)
    make_thread(board, newcomer, title="Held 1", body="Held words.", topics=[sleep])
    few = [count_queries(member, url) for url in urls]
    for i in range(2, 7):
        thread = make_thread(board, newcomer, title=f"Held {i}", body="Held words.", topics=[sleep])
        actions.post_reply(thread=thread, author=newcomer, body="More held words.")
    assert Post.objects.filter(author=newcomer, status=PostStatus.PENDING).count() == 11
    assert [count_queries(member, url) for url in urls] == few
    assert html_of(member.get("/search/?q=held+words")).count(HELD_NOTE) == 11


# --- Before a first post, the forms say a moderator reads it first --------------------------------


@pytest.mark.django_db
def test_forms_tell_a_new_member_that_a_moderator_reads_first_posts(
    board, thread, newcomer, hold_first_posts
):
    member = as_member(newcomer)
    for url in (
        f"/b/{board.slug}/new/",
        f"/t/{thread.pk}/reply/",
        thread.get_absolute_url(),  # the reply box under the posts
    ):
        assert FIRST_POSTS in html_of(member.get(url)), url


@pytest.mark.django_db
def test_the_notice_stays_while_their_posts_wait_and_goes_once_one_is_published(
    board, thread, held_thread, newcomer, moderator
):
    from moderation import actions as moderation_actions
    from moderation.models import ReviewItem

    member = as_member(newcomer)
    assert FIRST_POSTS in html_of(member.get(f"/t/{thread.pk}/reply/"))
    # A moderator approves it: only a post a moderator has looked at counts.
    item = ReviewItem.objects.open().get(post=held_thread.posts.get())
    moderation_actions.approve(item, by=moderator)
    assert FIRST_POSTS not in html_of(member.get(f"/t/{thread.pk}/reply/"))


@pytest.mark.django_db
def test_the_notice_is_kept_when_the_form_comes_back_with_a_problem(
    board, newcomer, hold_first_posts
):
    response = as_member(newcomer).post(f"/b/{board.slug}/new/", {"title": "", "body": "Hi"})
    assert response.status_code == 400 and FIRST_POSTS in response.content.decode()


@pytest.mark.django_db
def test_no_notice_for_members_past_it_staff_or_when_nothing_is_held(
    board, thread, alice, staff, newcomer
):
    from tests.factories import set_moderation

    set_moderation(new_member_hold_count=1)
    make_thread(board, alice, title="Alice was here before")  # made while the hold was off
    for person in (alice, staff):
        assert FIRST_POSTS not in html_of(as_member(person).get(f"/b/{board.slug}/new/")), person
    set_moderation(new_member_hold_count=0)
    assert FIRST_POSTS not in html_of(as_member(newcomer).get(f"/b/{board.slug}/new/"))


@pytest.mark.django_db
def test_no_notice_for_visitors_or_on_a_locked_thread(client, thread, newcomer, hold_first_posts):
    assert FIRST_POSTS not in html_of(client.get("/latest/"))
    thread.lock()
    assert FIRST_POSTS not in html_of(as_member(newcomer).get(thread.get_absolute_url()))


@pytest.mark.django_db
def test_the_notice_follows_how_many_first_posts_staff_hold(board, newcomer, staff):
    from moderation import actions as moderation_actions
    from moderation.models import ModerationSettings, ReviewItem
    from tests.factories import set_moderation

    def approved(post: Post) -> None:
        moderation_actions.approve(ReviewItem.objects.open().get(post=post), by=staff)

    set_moderation(new_member_hold_count=2)
    member = as_member(newcomer)
    first = make_thread(board, newcomer, title="One")
    approved(first.posts.get())
    assert FIRST_POSTS in html_of(member.get(f"/b/{board.slug}/new/"))  # one more to go
    approved(actions.post_reply(thread=first, author=newcomer, body="Two"))
    assert FIRST_POSTS not in html_of(member.get(f"/b/{board.slug}/new/"))
    # Before staff ever saved the settings, the default (one post held) applies.
    ModerationSettings.objects.all().delete()
    assert FIRST_POSTS in html_of(as_member(make_member("Fresh")).get(f"/b/{board.slug}/new/"))


# --- A held reply leaves no trace for anyone else --------------------------------------------


@pytest.fixture
def held_reply(thread, newcomer, hold_first_posts) -> Post:
    post = actions.post_reply(thread=thread, author=newcomer, body="A held reply.")
    assert post.status == PostStatus.PENDING
    return post


@pytest.mark.django_db
def test_a_held_reply_leaves_no_new_since_marker_with_nothing_after_it(
    client, thread, alice, held_reply
):
    """The thread's starter had read to the end; a newcomer's reply waits: the starter's
    page must not say "New since your last visit" above nothing."""
    from forums.models import ReadState

    ReadState.objects.mark(alice, thread, 1, None)
    client.force_login(alice)
    html = html_of(client.get(thread.get_absolute_url()))
    assert "New since your last visit" not in html
    assert f'id="{held_reply.anchor}"' not in html and "Link to post 2" not in html


@pytest.mark.django_db
def test_the_new_since_marker_sits_above_the_first_post_you_can_see(
    client, thread, alice, bob, held_reply
):
    from forums.models import ReadState

    ReadState.objects.mark(alice, thread, 1, None)
    later = actions.post_reply(thread=thread, author=bob, body="Here with you.")
    Post.objects.filter(pk=later.pk).update(status=PostStatus.VISIBLE)  # bob isn't new
    client.force_login(alice)
    html = html_of(client.get(thread.get_absolute_url()))
    marker = html.index("New since your last visit")
    assert marker < html.index(f'id="{later.anchor}"')
    assert f'id="{held_reply.anchor}"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", ["visitor", "member"])
def test_a_held_posts_own_link_is_not_found_but_for_its_author(
    client, thread, bob, newcomer, held_reply, viewer
):
    thread.board.visibility = "public"
    thread.board.save()
    if viewer == "member":
        client.force_login(bob)
    response = client.get(held_reply.get_absolute_url())
    assert response.status_code in (404, 302)
    if response.status_code == 302:  # a visitor on a members' board: sign in first
        assert "/accounts/login/" in response["Location"]
    assert as_member(newcomer).get(held_reply.get_absolute_url()).status_code == 302


@pytest.mark.django_db
def test_the_notice_counts_a_long_hold_in_full(board, newcomer):
    """The reply box counts a member's posts only up to COUNTED_AT_MOST; a hold longer
    than that is counted in full, as screening counts it."""
    from moderation.screening import COUNTED_AT_MOST
    from tests.factories import set_moderation

    set_moderation(new_member_hold_count=0)
    make_thread(board, newcomer, title="Many", replies=COUNTED_AT_MOST)  # one more: the opening
    member = as_member(newcomer)
    for held, notice in [
        (COUNTED_AT_MOST + 2, True),
        (COUNTED_AT_MOST + 1, False),
        (COUNTED_AT_MOST, False),
        (1, False),
    ]:
        set_moderation(new_member_hold_count=held)
        html = html_of(member.get(f"/b/{board.slug}/new/"))
        assert (FIRST_POSTS in html) is notice, held
