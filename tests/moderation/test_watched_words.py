"""Staff's watched words: block, hold, replace or flag, on new posts and on edits."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from forums import actions as forum_actions
from forums.models import Board, Post, PostStatus, Thread
from moderation.models import Priority, ReviewItem, WatchedAction, WatchedWord
from moderation.screening import DEFAULT_REFUSAL
from tests.conftest import page, signs_in, told_signed_out
from tests.factories import make_thread

EXPLANATION = "Please don't advertise gambling: our guidelines keep the boards free of ads."
SHAMING = ("violat", "offensive", "inappropriate", "banned", "forbidden", "bad word", "abuse")


def watch(pattern: str, action: str, **extra) -> WatchedWord:
    word = WatchedWord(pattern=pattern, action=action, **extra)
    word.full_clean()
    word.save()
    return word


def refusal(html: str) -> str:
    """What the form says above the fields."""
    start = html.index('class="form-errors"')
    return html[start : html.index("</div>", start)]


def new_thread(client, board, title, body, **extra):
    return client.post(f"/b/{board.slug}/new/", {"title": title, "body": body, **extra})


# --- The new-thread form itself ------------------------------------------------------------------


@pytest.mark.django_db
def test_visitor_is_sent_to_sign_in_and_nothing_is_screened_or_saved(client, board):
    watch("casino", WatchedAction.FLAG)
    assert signs_in(client.get(f"/b/{board.slug}/new/"))
    assert told_signed_out(new_thread(client, board, "Casino nights", "Casino"))
    assert not Thread.objects.exists() and not ReviewItem.objects.exists()


@pytest.mark.django_db
def test_member_cannot_edit_someone_elses_post_to_dodge_screening(client, thread, bob):
    watch("casino", WatchedAction.BLOCK)
    opening = thread.posts.get()
    client.force_login(bob)
    response = client.post(f"/p/{opening.pk}/edit/", {"title": "Hi", "body": "casino"})
    assert response.status_code == 404
    opening.refresh_from_db()
    assert opening.body == "Does anyone else lie awake?"


@pytest.mark.django_db
def test_new_thread_refuses_other_methods(client, board, alice):
    client.force_login(alice)
    response = client.put(f"/b/{board.slug}/new/", {"title": "Casino", "body": "x"})
    assert response.status_code == 405
    assert not Thread.objects.exists()


# --- Block ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_blocked_word_refuses_the_thread_kindly_and_keeps_the_text(client, board, alice):
    watch("casino", WatchedAction.BLOCK, explanation=EXPLANATION)
    client.force_login(alice)
    response = new_thread(
        client, board, "A tip that helped me", "The new Casino in town helps me unwind."
    )
    html = page(response)
    assert response.status_code == 400
    said = refusal(html)
    assert EXPLANATION.replace("'", "&#x27;") in said
    assert "Your text is still below" in said
    assert not any(word in said.lower() for word in SHAMING)
    assert "The new Casino in town helps me unwind.</textarea>" in html
    assert 'value="A tip that helped me"' in html
    assert not Thread.objects.exists() and not Post.objects.exists()
    assert not ReviewItem.objects.exists()
    board.refresh_from_db()
    assert (board.thread_count, board.post_count) == (0, 0)


@pytest.mark.django_db
def test_blocked_word_without_explanation_uses_the_gentle_default(client, thread, bob):
    watch("casino", WatchedAction.BLOCK)
    client.force_login(bob)
    response = client.post(f"/t/{thread.pk}/reply/", {"body": "Casino!"})
    html = page(response)
    assert response.status_code == 400
    assert DEFAULT_REFUSAL.split(",")[0].replace("'", "&#x27;") in refusal(html)
    assert "Casino!</textarea>" in html
    assert thread.posts.count() == 1


@pytest.mark.django_db
def test_blocked_word_in_the_title_alone_refuses_the_thread(client, board, alice):
    watch("casino", WatchedAction.BLOCK)
    client.force_login(alice)
    response = new_thread(client, board, "Casino tips", "Nothing to see in the body.")
    assert response.status_code == 400
    assert "Nothing to see in the body.</textarea>" in page(response)
    assert not Thread.objects.exists()


@pytest.mark.django_db
def test_edit_with_a_blocked_word_is_refused_and_the_post_is_unchanged(client, thread, alice):
    watch("casino", WatchedAction.BLOCK, explanation=EXPLANATION)
    opening = thread.posts.get()
    client.force_login(alice)
    response = client.post(
        f"/p/{opening.pk}/edit/", {"title": "Sleep when anxious", "body": "casino nights"}
    )
    assert response.status_code == 400
    assert "casino nights</textarea>" in page(response)
    opening.refresh_from_db()
    assert opening.body == "Does anyone else lie awake?" and opening.edited_at is None


# --- Hold -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_held_word_waits_for_review_and_only_its_author_sees_it(client, thread, alice, bob):
    watch("casino", WatchedAction.HOLD)
    client.force_login(bob)
    response = client.post(
        f"/t/{thread.pk}/reply/", {"body": "Try the casino tonight."}, follow=True
    )
    html = page(response)
    assert response.status_code == 200
    assert "A moderator will look at your post before others can see it" in html
    assert "Try the casino tonight." in html and "Waiting for a moderator" in html
    post = Post.objects.get(thread=thread, number=2)
    assert post.status == PostStatus.PENDING
    item = ReviewItem.objects.get(post=post)
    assert item.priority == Priority.HELD and item.held and not item.crisis
    assert "Watched word (hold): casino" in item.reasons
    thread.refresh_from_db()
    board = Board.objects.get(pk=thread.board_id)
    assert (thread.reply_count, board.post_count) == (0, 1)
    client.force_login(alice)
    assert "Try the casino tonight." not in page(client.get(thread.get_absolute_url()))


@pytest.mark.django_db
def test_edit_into_a_held_word_takes_the_post_back_for_review(client, thread, alice, bob):
    watch("casino", WatchedAction.HOLD)
    post = forum_actions.post_reply(thread=thread, author=bob, body="Hang in there.")
    client.force_login(bob)
    response = client.post(f"/p/{post.pk}/edit/", {"body": "Hang in there, casino later."})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == PostStatus.PENDING
    assert ReviewItem.objects.get(post=post).priority == Priority.HELD
    thread.refresh_from_db()
    assert thread.reply_count == 0 and thread.last_post.number == 1
    client.force_login(alice)
    assert "casino later" not in page(client.get(thread.get_absolute_url()))


# --- Replace --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_replaced_word_is_replaced_in_the_stored_body_and_title(client, board, alice):
    watch("darn", WatchedAction.REPLACE, replacement="[kind word]")
    client.force_login(alice)
    response = new_thread(client, board, "This DARN week", "A darn long week. Darnell says hi.")
    assert response.status_code == 302
    thread = Thread.objects.get()
    post = thread.posts.get()
    assert thread.title == "This [kind word] week"
    assert post.body == "A [kind word] long week. Darnell says hi."
    assert "darn long" not in post.body_html and "[kind word]" in post.body_html
    assert post.status == PostStatus.VISIBLE
    assert not ReviewItem.objects.exists()


@pytest.mark.django_db
def test_edits_are_screened_for_replacements_too(client, thread, alice):
    watch("darn", WatchedAction.REPLACE, replacement="[kind word]")
    opening = thread.posts.get()
    client.force_login(alice)
    response = client.post(
        f"/p/{opening.pk}/edit/", {"title": "Darn sleep", "body": "Still darn awake."}
    )
    assert response.status_code == 302
    opening.refresh_from_db()
    thread.refresh_from_db()
    assert opening.body == "Still [kind word] awake."
    assert thread.title == "[kind word] sleep"


@pytest.mark.django_db
def test_replacement_text_is_used_as_written(client, thread, bob):
    r"""Staff type plain text; a backslash in it (say "\o/") is not a regex escape."""
    watch("yay", WatchedAction.REPLACE, replacement="\\o/")
    client.force_login(bob)
    response = client.post(f"/t/{thread.pk}/reply/", {"body": "yay, I slept!"})
    assert response.status_code == 302
    assert Post.objects.get(thread=thread, number=2).body == "\\o/, I slept!"


# --- Flag -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_flagged_word_is_published_and_opens_a_flagged_item(client, thread, alice, bob):
    watch("diet pills", WatchedAction.FLAG)
    client.force_login(bob)
    response = client.post(f"/t/{thread.pk}/reply/", {"body": "Diet pills never helped me."})
    assert response.status_code == 302
    post = Post.objects.get(thread=thread, number=2)
    assert post.status == PostStatus.VISIBLE
    item = ReviewItem.objects.get(post=post)
    assert item.priority == Priority.FLAGGED and not item.held
    assert "Watched word (flag): diet pills" in item.reasons
    client.force_login(alice)
    assert "Diet pills never helped me." in page(client.get(thread.get_absolute_url()))


@pytest.mark.django_db
@pytest.mark.parametrize("body", ["Diet  pills", "Have you tried diet\npills?"])
def test_watched_phrase_split_by_extra_space_or_a_line_break_still_matches(thread, bob, body):
    """A phrase typed across a line break (or with two spaces) is the same phrase."""
    watch("diet pills", WatchedAction.HOLD)
    assert forum_actions.post_reply(thread=thread, author=bob, body=body).is_pending


# --- Matching -------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "held"),
    [
        ("What an ass.", True),
        ("ASS", True),
        ("I passed my class with a good assessment", False),
        ("My password is long", False),
    ],
)
def test_plain_words_match_whole_words_in_any_case(thread, bob, body, held):
    watch("ass", WatchedAction.HOLD)
    post = forum_actions.post_reply(thread=thread, author=bob, body=body)
    assert (post.status == PostStatus.PENDING) is held


@pytest.mark.django_db
def test_plain_entries_are_literal_text_not_regular_expressions(thread, bob):
    watch("a.b", WatchedAction.HOLD)
    assert forum_actions.post_reply(thread=thread, author=bob, body="axb").is_visible
    assert forum_actions.post_reply(thread=thread, author=bob, body="see a.b here").is_pending


@pytest.mark.django_db
def test_plain_entry_made_of_symbols_still_matches(thread, bob):
    """Staff watch "$$$" (spam). The entry's help says words or phrases match whole."""
    watch("$$$", WatchedAction.HOLD)
    post = forum_actions.post_reply(thread=thread, author=bob, body="Make $$$ fast, DM me")
    assert post.is_pending


@pytest.mark.django_db
def test_regular_expression_entries(client, thread, bob):
    watch(
        r"\b\d{3}[-. ]?\d{3}[-. ]?\d{4}\b",
        WatchedAction.BLOCK,
        is_regex=True,
        explanation="Please don't share phone numbers: our guidelines keep personal "
        "details private to protect you.",
    )
    client.force_login(bob)
    response = client.post(f"/t/{thread.pk}/reply/", {"body": "Call me on 555-123-4567"})
    assert response.status_code == 400
    assert "keep personal details private" in page(response)
    assert thread.posts.count() == 1
    response = client.post(f"/t/{thread.pk}/reply/", {"body": "I slept 7 hours"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_invalid_regular_expression_fails_validation_with_a_clear_message():
    word = WatchedWord(pattern="(unclosed", is_regex=True, action=WatchedAction.HOLD)
    with pytest.raises(ValidationError) as caught:
        word.full_clean()
    assert "pattern" in caught.value.message_dict
    assert "This regular expression doesn't work" in caught.value.message_dict["pattern"][0]


@pytest.mark.django_db
def test_same_text_is_fine_as_a_plain_word():
    WatchedWord(pattern="(unclosed", action=WatchedAction.HOLD).full_clean()


@pytest.mark.django_db
def test_replace_needs_a_replacement():
    with pytest.raises(ValidationError) as caught:
        WatchedWord(pattern="darn", action=WatchedAction.REPLACE).full_clean()
    assert "replacement" in caught.value.message_dict


@pytest.mark.django_db
def test_a_post_matching_several_entries_gets_them_all(thread, bob):
    watch("darn", WatchedAction.REPLACE, replacement="[kind word]")
    watch("casino", WatchedAction.FLAG)
    watch("lottery", WatchedAction.HOLD)
    post = forum_actions.post_reply(thread=thread, author=bob, body="darn casino and lottery")
    assert post.body == "[kind word] casino and lottery"
    assert post.is_pending
    item = ReviewItem.objects.get(post=post)
    assert item.priority == Priority.HELD
    assert "Watched word (flag): casino" in item.reasons
    assert "Watched word (hold): lottery" in item.reasons


@pytest.mark.django_db
def test_screening_never_touches_other_members_posts(thread, alice, bob):
    before = make_thread(thread.board, alice, title="Earlier", body="casino")
    watch("casino", WatchedAction.BLOCK)
    forum_actions.post_reply(thread=thread, author=bob, body="Fine words.")
    assert before.posts.get().body == "casino"
