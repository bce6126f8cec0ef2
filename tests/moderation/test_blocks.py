"""Members block each other, silently: the blocker stops seeing and hearing from the other;
the blocked member sees nothing different; a list to undo it."""

from __future__ import annotations

import re

import pytest

from forums import actions as forum_actions
from members.models import Block, Notification
from tests.conftest import count_queries, main_of, page, signs_in, without_form_tokens
from tests.factories import make_board, make_member, make_thread, share

BOB_SAYS = "Have you tried just thinking positive?"
ALICE_SAYS = "Does anyone else lie awake?"


@pytest.fixture
def bobs_post(thread, bob):
    return forum_actions.post_reply(thread=thread, author=bob, body=BOB_SAYS)


def block(client, post, **kwargs):
    return client.post(f"/p/{post.pk}/block-author/", **kwargs)


def reply_box(html: str) -> str:
    """What is in the reply form's text box."""
    match = re.search(r'<textarea name="body"[^>]*>(.*?)</textarea>', html, re.S)
    assert match, "no reply box on the page"
    return match.group(1).strip()


# --- Blocking ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_visitor_is_sent_to_sign_in(client, bobs_post):
    assert signs_in(block(client, bobs_post))
    assert not Block.objects.exists()


@pytest.mark.django_db
def test_blocking_needs_a_post_request(client, bobs_post, alice):
    client.force_login(alice)
    assert client.get(f"/p/{bobs_post.pk}/block-author/").status_code == 405
    assert not Block.objects.exists()


@pytest.mark.django_db
def test_member_cannot_block_themselves(client, bobs_post, bob):
    client.force_login(bob)
    assert block(client, bobs_post).status_code == 404
    assert not Block.objects.exists()


@pytest.mark.django_db
def test_anonymous_post_cannot_be_used_to_block_or_unmask_its_author(client, alice, bob):
    board = make_board("hard-days", allow_anonymous=True)
    thread = make_thread(board, alice, title="Open thread")
    anon = forum_actions.post_reply(thread=thread, author=bob, body="Hard to say.", anonymous=True)
    client.force_login(alice)
    response = block(client, anon)
    assert response.status_code == 404
    assert "Bob" not in page(response)
    assert not Block.objects.exists()


@pytest.mark.django_db
def test_member_cannot_block_through_a_post_they_cannot_see(client, board, bob, hold_first_posts):
    newcomer = make_member("Newcomer")
    held = make_thread(board, newcomer, title="Held").posts.get()
    client.force_login(bob)
    assert block(client, held).status_code == 404
    assert not Block.objects.exists()


@pytest.mark.django_db
def test_member_blocks_the_author_of_a_post(client, bobs_post, alice, bob):
    client.force_login(alice)
    response = block(client, bobs_post, follow=True)
    assert response.status_code == 200
    html = page(response)
    # Told just above the post, where the browser lands, not at the top of the page.
    assert response.redirect_chain[-1][0] == bobs_post.notice_url
    assert (
        html.index('id="notice"')
        < html.index("You blocked Bob")
        < html.index(f'id="{bobs_post.anchor}"')
    )
    assert Block.objects.filter(blocker=alice, blocked=bob).count() == 1
    block(client, bobs_post)  # again: still one
    assert Block.objects.filter(blocker=alice, blocked=bob).count() == 1


@pytest.mark.django_db
def test_blocked_members_posts_are_collapsed_for_the_blocker(client, thread, bobs_post, alice):
    client.force_login(alice)
    block(client, bobs_post)
    html = page(client.get(thread.get_absolute_url()))
    assert "You blocked this member." in html
    # The words are behind a closed <details>, not shown outright.
    collapsed = re.search(
        r"<details class=\"cw\">\s*<summary>You blocked this member\..*?"
        r"</details>",
        html,
        re.S,
    )
    assert collapsed and "thinking positive" in collapsed.group(0)
    assert "Block Bob" not in html


def as_seen(html: str) -> str:
    """A page as a person sees it, without what changes on every load (form tokens)."""
    return without_form_tokens(html)


@pytest.mark.django_db
def test_the_blocked_member_sees_nothing_different(client, thread, bobs_post, alice, bob):
    """A block is silent: no "hidden from you", no missing button, nothing to notice."""
    client.force_login(bob)
    before = as_seen(main_of(client.get(thread.get_absolute_url())))
    profile_before = as_seen(main_of(client.get("/members/Alice/")))
    assert ALICE_SAYS in before and "Block Alice" in before
    client.force_login(alice)
    block(client, bobs_post, follow=True)
    client.force_login(bob)
    after = as_seen(main_of(client.get(thread.get_absolute_url())))
    assert after == before
    assert "hidden from you" not in after and "blocked" not in after.lower()
    assert as_seen(main_of(client.get("/members/Alice/"))) == profile_before
    assert "block" not in profile_before.lower()


@pytest.mark.django_db
def test_the_blocked_member_still_reacts_quotes_and_finds_the_blocker(
    client, thread, bobs_post, alice, bob
):
    Block.objects.create(blocker=alice, blocked=bob)
    opening = thread.posts.get(number=1)
    client.force_login(bob)
    assert "lie awake" in reply_box(page(client.get(f"/t/{thread.pk}/reply/?quote={opening.pk}")))
    assert client.post(f"/p/{opening.pk}/react/", {"kind": "support"}).status_code == 302
    assert opening.reactions.filter(member=bob).exists()
    assert "Sleep when anxious" in page(client.get("/search/?q=awake"))
    assert "Sleep when anxious" in page(client.get("/latest/"))


@pytest.mark.django_db
def test_others_still_see_both_posts_open(client, thread, bobs_post, alice):
    client.force_login(alice)
    block(client, bobs_post, follow=True)  # Alice reads the confirmation
    client.force_login(make_member("Carol"))
    html = page(client.get(thread.get_absolute_url()))
    assert "hidden from you" not in html and "You blocked" not in html
    assert BOB_SAYS in html and ALICE_SAYS in html


@pytest.mark.django_db
def test_the_blocker_does_not_quote_the_blocked_member(client, thread, bobs_post, alice, bob):
    client.force_login(alice)
    assert "thinking positive" in reply_box(
        page(client.get(f"/t/{thread.pk}/reply/?quote={bobs_post.pk}"))
    )  # before blocking
    block(client, bobs_post, follow=True)
    assert reply_box(page(client.get(f"/t/{thread.pk}/reply/?quote={bobs_post.pk}"))) == ""


@pytest.mark.django_db
def test_the_blocker_no_longer_finds_the_blocked_members_threads_or_name_in_lists(
    client, board, alice, bob
):
    carol = make_member("Carol")
    make_thread(board, bob, title="Thread by Bob")
    carols = make_thread(board, carol, title="Thread by Carol")
    forum_actions.post_reply(thread=carols, author=bob, body="Bob was here last")
    Block.objects.create(blocker=alice, blocked=bob)
    client.force_login(alice)
    for url in ("/", f"/b/{board.slug}/", "/latest/", "/needs-reply/", "/search/?q=thread"):
        html = main_of(client.get(url))
        assert "Thread by Bob" not in html, url
        assert "Bob" not in html, url
    assert "Thread by Carol" in main_of(client.get(f"/b/{board.slug}/"))
    # Bob, who was blocked, still finds Thread by Alices and name as before.
    make_thread(board, alice, title="Thread by Alice")
    client.force_login(bob)
    for url in (f"/b/{board.slug}/", "/latest/", "/needs-reply/"):
        assert "Thread by Alice" in main_of(client.get(url)), url


@pytest.mark.django_db
def test_the_blocked_member_is_out_of_the_blockers_directory_only(client, alice, bob):
    share(alice, "Anxiety")
    share(bob, "Anxiety")
    Block.objects.create(blocker=alice, blocked=bob)
    client.force_login(alice)
    assert ">Bob</a>" not in main_of(client.get("/members/"))
    client.force_login(bob)
    assert ">Alice</a>" in main_of(client.get("/members/"))


@pytest.mark.django_db
def test_the_blocker_hears_nothing_from_the_blocked_member(
    client, alice, bob, django_capture_on_commit_callbacks
):
    board = make_board("quiet-corner", allow_anonymous=True)
    thread = make_thread(board, alice, title="Thread by Alice")
    Block.objects.create(blocker=alice, blocked=bob)
    with django_capture_on_commit_callbacks(execute=True):
        forum_actions.post_reply(thread=thread, author=bob, body="A reply")
        forum_actions.post_reply(thread=thread, author=bob, body="Hello @Alice")
        quoted = f"> **Alice wrote:** {ALICE_SAYS}\n\nQuoting you, @Alice"
        forum_actions.post_reply(thread=thread, author=bob, body=quoted)
        forum_actions.post_reply(thread=thread, author=bob, body="Quietly", anonymous=True)
        forum_actions.post_reply(thread=thread, author=bob, body="@Alice", anonymous=True)
        forum_actions.toggle_reaction(post=thread.posts.get(number=1), member=bob, kind="support")
    assert not Notification.objects.filter(recipient=alice).exists()
    alice.profile.refresh_from_db()
    assert alice.profile.unread_notifications == 0


@pytest.mark.django_db
def test_the_blocked_member_still_hears_from_the_blocker(
    client, board, alice, bob, django_capture_on_commit_callbacks
):
    """Nothing changes for them, notifications included."""
    thread = make_thread(board, bob, title="Thread by Bob")
    Block.objects.create(blocker=alice, blocked=bob)
    with django_capture_on_commit_callbacks(execute=True):
        reply = forum_actions.post_reply(thread=thread, author=alice, body="Thinking of you @Bob")
    forum_actions.toggle_reaction(post=thread.posts.get(number=1), member=alice, kind="support")
    texts = {n.message for n in Notification.objects.filter(recipient=bob).with_people()}
    assert texts == {
        "Alice mentioned you in “Thread by Bob”.",
        "Alice reacted to your post in “Thread by Bob”: Sending support.",
    }
    assert reply.is_visible


# --- The blocked members list ----------------------------------------------------------------


@pytest.mark.django_db
def test_visitor_is_sent_to_sign_in_for_the_list_and_unblocking(client, alice, bob):
    item = Block.objects.create(blocker=alice, blocked=bob)
    assert signs_in(client.get("/account/blocked/"))
    assert signs_in(client.post(f"/account/blocked/{item.pk}/unblock/"))
    assert Block.objects.count() == 1


@pytest.mark.django_db
def test_blocked_list_shows_only_ones_own_blocks(client, alice, bob):
    carol = make_member("Carol")
    Block.objects.create(blocker=alice, blocked=bob)
    Block.objects.create(blocker=carol, blocked=make_member("Dmitri"))
    client.force_login(alice)
    html = page(client.get("/account/blocked/"))
    assert "Bob" in html and "Dmitri" not in html
    assert bob.email not in html


@pytest.mark.django_db
def test_member_unblocks_from_the_list(client, thread, bobs_post, alice, bob):
    item = Block.objects.create(blocker=alice, blocked=bob)
    client.force_login(alice)
    response = client.post(f"/account/blocked/{item.pk}/unblock/", follow=True)
    assert response.status_code == 200
    assert "You unblocked Bob" in page(response)
    assert not Block.objects.exists()
    html = page(client.get(thread.get_absolute_url()))
    assert "You blocked this member" not in html and BOB_SAYS in html


@pytest.mark.django_db
def test_wrong_member_cannot_undo_someone_elses_block(client, alice, bob):
    item = Block.objects.create(blocker=alice, blocked=bob)
    client.force_login(bob)
    assert client.post(f"/account/blocked/{item.pk}/unblock/").status_code == 404
    assert Block.objects.count() == 1


@pytest.mark.django_db
def test_blocked_list_and_unblock_refuse_wrong_methods(client, alice, bob):
    item = Block.objects.create(blocker=alice, blocked=bob)
    client.force_login(alice)
    assert client.post("/account/blocked/").status_code == 405
    assert client.get(f"/account/blocked/{item.pk}/unblock/").status_code == 405
    assert Block.objects.count() == 1


@pytest.mark.django_db
def test_blocked_list_queries_do_not_grow_with_blocks(client, alice):
    """Guards the N+1 of loading each blocked member's profile for their name."""
    client.force_login(alice)
    Block.objects.create(blocker=alice, blocked=make_member())
    few = count_queries(client, "/account/blocked/")
    for _ in range(8):
        Block.objects.create(blocker=alice, blocked=make_member())
    assert count_queries(client, "/account/blocked/") == few


@pytest.mark.django_db
def test_thread_page_queries_do_not_grow_with_blocks(client, thread, alice):
    """Guards an N+1 of asking, post by post, whether its author is blocked."""
    client.force_login(alice)
    first = make_member()
    forum_actions.post_reply(thread=thread, author=first, body="One")
    Block.objects.create(blocker=alice, blocked=first)
    # Someone not blocked is on the page from the start: what the page asks about other
    # members' posts (the note for readers of a post in crisis) is in both counts.
    forum_actions.post_reply(thread=thread, author=make_member(), body="Two")
    few = count_queries(client, thread.get_absolute_url())
    for i in range(6):
        other = make_member()
        forum_actions.post_reply(thread=thread, author=other, body=f"Post {i}")
        Block.objects.create(blocker=other, blocked=alice)
    assert count_queries(client, thread.get_absolute_url()) == few


@pytest.mark.django_db
def test_blocking_takes_their_name_out_of_notifications_already_there(
    client, alice, bob, django_capture_on_commit_callbacks
):
    """What the README promises: after the block, the blocker's notifications name the
    blocked member nowhere — single ones (a reply, a mention) and grouped ones
    (reactions) — and the header's count agrees. A notification about an anonymous
    post stays: dropping it would tell whose it was."""
    board = make_board("quiet-corner", allow_anonymous=True)
    thread = make_thread(board, alice, title="Thread by Alice")
    with django_capture_on_commit_callbacks(execute=True):
        reply = forum_actions.post_reply(thread=thread, author=bob, body="Hello @Alice")
        forum_actions.post_reply(thread=thread, author=bob, body="Quietly", anonymous=True)
        forum_actions.toggle_reaction(post=thread.posts.get(number=1), member=bob, kind="support")
    before = Notification.objects.filter(recipient=alice).count()
    assert before >= 3
    client.force_login(alice)
    assert block(client, reply).status_code == 302
    client.get("/notifications/")  # the block's own notice, shown once
    html = main_of(client.get("/notifications/"))
    assert "Bob" not in html
    assert "Someone replied in “Thread by Alice”." in html
    alice.profile.refresh_from_db()
    assert (
        alice.profile.unread_notifications
        == Notification.objects.filter(recipient=alice, read_at__isnull=True).count()
    )
