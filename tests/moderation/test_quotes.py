"""A member quotes someone else's post: the quoted words are that person's, not theirs.

A supporter who quotes a person in crisis and writes "you matter" is not shown crisis
help, opens no urgent item and wakes no on-call moderator; nor is anyone refused or
held for a watched word they quote. Their own words are screened exactly as before —
beside a quote, or in a "> " line that quotes nothing in the thread.
"""

from __future__ import annotations

import pytest

from forums import actions as forum_actions
from forums.models import Post, PostStatus
from forums.screening import quoted_lines
from moderation.models import Priority, ReviewItem, WatchedAction, WatchedWord
from tests.conftest import page
from tests.factories import make_board, make_member, make_thread, set_moderation

KIND = "It sounds like things are really hard right now"
CRISIS = "I don't want to be here anymore. Everything feels too heavy."
SUPPORT = "I'm so glad you posted. You matter, and I'm here to listen."
OWN_CRISIS = "Me too, I want to end my life some nights."


@pytest.fixture
def crisis_thread(board, alice):
    """Alice's thread in crisis: its opening post has its own urgent item."""
    return make_thread(board, alice, title="A long night", body=CRISIS)


@pytest.fixture
def opening(crisis_thread) -> Post:
    return crisis_thread.posts.get(number=1)


def quote_of(client, thread, post) -> str:
    """What Quote puts in the reply box for `post`."""
    response = client.get(f"/t/{thread.pk}/reply/?quote={post.pk}")
    assert response.status_code == 200
    body = response.context["form"].initial["body"]
    assert "> " in body
    return body


def reply(client, thread, body):
    return client.post(f"/t/{thread.pk}/reply/", {"body": body}, follow=True)


def items_about(post) -> list[tuple]:
    return list(
        ReviewItem.objects.filter(post=post).values_list("pk", "state", "priority", "reasons")
    )


@pytest.mark.django_db
def test_quoting_a_person_in_crisis_with_kind_words_is_not_crisis(
    client, crisis_thread, opening, bob, oncall, mailoutbox, django_capture_on_commit_callbacks
):
    before = items_about(opening)
    assert before and ReviewItem.objects.get().priority == Priority.URGENT
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = reply(client, crisis_thread, quote_of(client, crisis_thread, opening) + SUPPORT)
    html = page(response)
    assert response.status_code == 200
    assert KIND not in html and 'class="crisis-panel"' not in html
    assert "Your reply is posted." in html
    mine = Post.objects.get(thread=crisis_thread, author=bob)
    assert mine.status == PostStatus.VISIBLE
    assert f"> {CRISIS}" in mine.body  # the quote is kept, as Alice wrote it
    assert not ReviewItem.objects.filter(post=mine).exists()
    assert items_about(opening) == before  # Alice's own item, as it was
    assert mailoutbox == []


@pytest.mark.django_db
def test_own_crisis_words_beside_a_quote_are_still_crisis(
    client, crisis_thread, opening, bob, oncall, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = reply(
            client, crisis_thread, quote_of(client, crisis_thread, opening) + OWN_CRISIS
        )
    assert KIND in page(response)
    mine = Post.objects.get(thread=crisis_thread, author=bob)
    item = ReviewItem.objects.get(post=mine)
    assert item.priority == Priority.URGENT and item.crisis
    assert "end my life" in item.reasons
    assert "want to be here anymore" not in item.reasons  # Alice's words are her item's
    assert len(mailoutbox) == 1 and sorted(mailoutbox[0].to) == sorted(oncall)


@pytest.mark.django_db
def test_a_quote_line_that_quotes_nothing_in_the_thread_is_the_authors_own(
    client, thread, bob, oncall, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = reply(client, thread, "> I want to end my life\n\nThat's how it feels.")
    assert KIND in page(response)
    item = ReviewItem.objects.get(post__author=bob)
    assert item.priority == Priority.URGENT and item.crisis
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_words_quoted_from_another_thread_are_the_authors_own(client, board, alice, bob, oncall):
    elsewhere = make_thread(make_board("elsewhere"), alice, title="Elsewhere", body=CRISIS)
    here = make_thread(board, alice, title="Sleep", body="Does anyone else lie awake?")
    client.force_login(bob)
    quoted = quote_of(client, elsewhere, elsewhere.posts.get())
    response = reply(client, here, quoted + SUPPORT)
    assert KIND in page(response)
    assert ReviewItem.objects.get(post__thread=here).crisis


@pytest.mark.django_db
def test_quoting_ones_own_crisis_post_is_still_ones_own_words(
    client, crisis_thread, opening, alice, oncall
):
    client.force_login(alice)
    response = reply(client, crisis_thread, quote_of(client, crisis_thread, opening) + "Still.")
    assert KIND in page(response)
    assert ReviewItem.objects.get(post__number=2, post__thread=crisis_thread).crisis


@pytest.mark.django_db
def test_editing_a_reply_to_quote_a_person_in_crisis_is_not_crisis(
    client, crisis_thread, opening, bob, mailoutbox, oncall, django_capture_on_commit_callbacks
):
    mine = forum_actions.post_reply(thread=crisis_thread, author=bob, body="Thinking of you.")
    client.force_login(bob)
    quoted = quote_of(client, crisis_thread, opening)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/p/{mine.pk}/edit/", {"body": quoted + SUPPORT}, follow=True)
    assert "Your changes are saved." in page(response) and KIND not in page(response)
    mine.refresh_from_db()
    assert "You matter" in mine.body and mine.is_visible
    assert not ReviewItem.objects.filter(post=mine).exists()
    assert mailoutbox == []
    # Their own words in an edit are heard, as ever.
    response = client.post(f"/p/{mine.pk}/edit/", {"body": quoted + OWN_CRISIS}, follow=True)
    assert KIND in page(response)
    assert ReviewItem.objects.get(post=mine).crisis


# --- Watched words in someone else's words ---------------------------------------------------

WATCHED = "casino"
GAMBLING = "The casino took everything I had."


@pytest.fixture
def gambling_thread(board, alice):
    """Alice wrote of the casino before staff watched the word."""
    return make_thread(board, alice, title="Losing it all", body=GAMBLING)


@pytest.mark.django_db
@pytest.mark.parametrize("action", [WatchedAction.BLOCK, WatchedAction.HOLD])
def test_quoting_a_watched_word_neither_refuses_nor_holds_the_reply(
    client, gambling_thread, bob, action
):
    WatchedWord.objects.create(pattern=WATCHED, action=action)
    client.force_login(bob)
    quoted = quote_of(client, gambling_thread, gambling_thread.posts.get())
    response = reply(client, gambling_thread, quoted + "That sounds so hard. I'm here.")
    assert "Your reply is posted." in page(response)
    mine = Post.objects.get(thread=gambling_thread, author=bob)
    assert mine.status == PostStatus.VISIBLE and "casino" in mine.body
    assert not ReviewItem.objects.filter(post=mine).exists()


@pytest.mark.django_db
def test_a_watched_word_in_the_members_own_words_still_counts_beside_a_quote(
    client, gambling_thread, bob
):
    WatchedWord.objects.create(pattern=WATCHED, action=WatchedAction.BLOCK)
    client.force_login(bob)
    quoted = quote_of(client, gambling_thread, gambling_thread.posts.get())
    response = reply(client, gambling_thread, quoted + "Which casino was it?")
    assert response.status_code == 400
    assert "couldn&#x27;t post this" in page(response)
    assert not Post.objects.filter(author=bob).exists()


@pytest.mark.django_db
def test_replacing_a_watched_word_leaves_the_quote_as_it_was_written(client, gambling_thread, bob):
    WatchedWord.objects.create(
        pattern=WATCHED, action=WatchedAction.REPLACE, replacement="[a gambling site]"
    )
    client.force_login(bob)
    quoted = quote_of(client, gambling_thread, gambling_thread.posts.get())
    reply(client, gambling_thread, quoted + "Stay away from the casino, friend.")
    body = Post.objects.get(author=bob).body
    assert "> The casino took everything I had." in body
    assert "Stay away from the [a gambling site], friend." in body


# --- The seam ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_which_lines_are_quoted_costs_one_query_and_only_with_quote_lines(
    crisis_thread, bob, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert quoted_lines(SUPPORT, thread=crisis_thread, author=bob) == frozenset()
    body = f"> {CRISIS}\n> I want to end my life\n\n{SUPPORT}"
    with django_assert_num_queries(1):
        assert quoted_lines(body, thread=crisis_thread, author=bob) == {f"> {CRISIS}"}


@pytest.mark.django_db
def test_a_quote_of_a_quote_is_still_someone_elses_words(
    client, crisis_thread, opening, bob, oncall
):
    robin = make_member("Robin")
    client.force_login(robin)
    reply(client, crisis_thread, quote_of(client, crisis_thread, opening) + "Sending care.")
    theirs = Post.objects.get(author=robin)
    assert not ReviewItem.objects.filter(post=theirs).exists()
    client.force_login(bob)
    response = reply(client, crisis_thread, quote_of(client, crisis_thread, theirs) + SUPPORT)
    assert KIND not in page(response)
    assert not ReviewItem.objects.filter(post__author=bob).exists()


@pytest.mark.django_db
def test_a_quote_does_not_get_round_the_posting_limit(
    client, crisis_thread, opening, bob, settings
):
    settings.BOOMITY_RATE_LIMITS = {
        **settings.BOOMITY_RATE_LIMITS,
        "reply": {"new": "1/h", "member": "1/h"},
    }
    set_moderation(new_member_hold_count=0)
    client.force_login(bob)
    quoted = quote_of(client, crisis_thread, opening)
    assert reply(client, crisis_thread, "Thinking of you.").status_code == 200
    response = client.post(f"/t/{crisis_thread.pk}/reply/", {"body": quoted + SUPPORT})
    assert response.status_code == 429
    # Their own crisis words always get through, quote or not.
    response = client.post(f"/t/{crisis_thread.pk}/reply/", {"body": quoted + OWN_CRISIS})
    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("thread_warning", ["", "self-harm", "suicide"])
def test_quoting_words_behind_a_warning_keeps_them_behind_it(
    client, board, alice, bob, thread_warning
):
    """Found by the stranger walking as a member at 2 a.m.: Quote on a post with a
    content warning opened the reply box with "None", and the quoted words were posted
    in the open. The reply box now starts with the quoted post's warning (a thread's own
    warning covers every reply already), and what is posted stays behind a warning."""
    thread = make_thread(board, alice, title="Hard days", content_warning=thread_warning)
    warned = forum_actions.post_reply(
        thread=thread, author=alice, body="The worst night so far.", content_warning="self-harm"
    )
    client.force_login(bob)
    response = client.get(f"/t/{thread.pk}/reply/?quote={warned.pk}")
    chosen = response.context["form"].initial.get("content_warning", "")
    assert chosen == ("" if thread_warning == "self-harm" else "self-harm")
    # Posted as the box offers it: the quote is behind a warning for every reader.
    body = response.context["form"].initial["body"]
    client.post(f"/t/{thread.pk}/reply/", {"body": body, "content_warning": chosen})
    posted = Post.objects.filter(thread=thread, author=bob).get()
    assert (posted.content_warning or thread.content_warning) != ""
    assert "worst night" in posted.body


@pytest.mark.django_db
def test_a_warning_the_writer_chose_in_their_draft_stays_when_they_quote(client, board, alice, bob):
    thread = make_thread(board, alice, title="Hard days")
    warned = forum_actions.post_reply(
        thread=thread, author=alice, body="The worst night so far.", content_warning="self-harm"
    )
    client.force_login(bob)
    client.post(
        f"/t/{thread.pk}/reply/",
        {"body": "My words first", "content_warning": "suicide", "save_draft": "1"},
    )
    response = client.get(f"/t/{thread.pk}/reply/?quote={warned.pk}")
    assert response.context["form"].initial["content_warning"] == "suicide"
