"""The moderators' page about one member ("Everything about Sam"), the notes moderators
keep on a member, and the names across the admin that lead there."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from checkins import actions as checkin_actions
from checkins.models import CheckIn
from core.privacy import erase_member
from forums import actions as forum_actions
from forums.actions import edit_post as forum_edit_post
from forums.models import Post, PostStatus
from moderation import actions
from moderation.forms import NOTE_REMINDER
from moderation.models import AuditAction, AuditEntry, FlagReason, MemberNote, ReviewItem
from tests.conftest import count_queries, page
from tests.factories import give_two_step_sign_in, make_board, make_member, make_thread

CRISIS = "I want to end my life tonight"
CHECKIN_DAY = datetime(2021, 2, 3, 10, 0, tzinfo=UTC)


def member_url(user) -> str:
    return f"/admin/members/profile/member/{user.pk}/"


def notes_url(user) -> str:
    return f"/admin/members/profile/member/{user.pk}/notes/"


def set_status(post: Post, status: str) -> Post:
    Post.objects.filter(pk=post.pk).update(status=status)
    return post


@pytest.fixture
def sam(db, board, bob, moderator):
    """A member with one of everything: posts in each state (one anonymous), a flag they
    raised and one on their post, a review item, a sanction lifted and one not, a
    check-in of their own."""
    sam = make_member("Sam")
    board.allow_anonymous = True
    board.save()
    thread = make_thread(board, sam, title="Sam's first thread", body="Visible words from Sam")
    held = forum_actions.post_reply(thread=thread, author=sam, body="Held words from Sam")
    set_status(held, PostStatus.PENDING)
    hidden = forum_actions.post_reply(thread=thread, author=sam, body="Hidden words from Sam")
    set_status(hidden, PostStatus.HIDDEN)
    removed = forum_actions.post_reply(thread=thread, author=sam, body="Removed words from Sam")
    set_status(removed, PostStatus.REMOVED)
    forum_actions.post_reply(thread=thread, author=sam, body="Anonymous words", anonymous=True)
    bobs = forum_actions.post_reply(thread=thread, author=bob, body="Bob's reply")
    actions.flag_post(post=bobs, member=sam, reason=FlagReason.OTHER, note="Sam's flag note")
    actions.flag_post(
        post=thread.posts.get(number=1), member=bob, reason=FlagReason.UNKIND, note="Bob's note"
    )
    lifted = actions.warn(sam, by=moderator, reason="Lifted warning reason")
    actions.lift(lifted, by=moderator, reason="A mistake")
    actions.warn(sam, by=moderator, reason="Standing warning reason")
    checkin_actions.opt_in_to_check_ins(sam)
    checkin = checkin_actions.record_check_in(sam, {})
    CheckIn.objects.filter(pk=checkin.pk).update(created_at=CHECKIN_DAY)
    return sam


# --- Who may see it ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_moderator_sees_everything_about_a_member(client, moderator, sam):
    client.force_login(moderator)
    html = page(client.get(member_url(sam)))
    assert "Everything about Sam" in html
    for words in [
        "Visible words from Sam",
        "Held words from Sam",
        "Hidden words from Sam",
        "Removed words from Sam",
        "Anonymous words",
        "Sam&#x27;s flag note",  # a flag they raised
        "Bob&#x27;s note",  # a flag on their post
        "Lifted warning reason",
        "Standing warning reason",
    ]:
        assert words in html, words
    counts = "5 in all: 2 visible, 1 waiting for review, 1 hidden by moderators, 1 removed by Sam."
    assert counts in html
    assert "1 posted anonymously" in html and "Posted anonymously" in html
    assert "(lifted " in html
    item = ReviewItem.objects.get(post__author=sam)
    assert f"/admin/moderation/reviewitem/{item.pk}/change/" in html


@pytest.mark.django_db
def test_the_page_never_shows_a_members_email_or_check_ins(client, moderator, sam):
    client.force_login(moderator)
    html = page(client.get(member_url(sam)))
    assert sam.email not in html
    assert "3 Feb 2021" not in html and "2021-02-03" not in html
    assert "check-in" not in html.lower()


@pytest.mark.django_db
def test_staff_see_the_page_too(client, staff, sam):
    client.force_login(staff)
    assert "Everything about Sam" in page(client.get(member_url(sam)))


@pytest.mark.django_db
def test_visitors_and_members_never_reach_it(client, alice, sam):
    for url in (member_url(sam), notes_url(sam)):
        assert client.get(url).status_code == 302  # to the admin's sign-in
    client.force_login(alice)
    response = client.get(member_url(sam))
    assert response.status_code == 302 and "Sam" not in page(response)
    client.post(notes_url(sam), {"text": "Not a moderator"})
    assert not MemberNote.objects.exists()


@pytest.mark.django_db
def test_admin_people_who_dont_moderate_are_turned_away(client, sam):
    clerk = give_two_step_sign_in(make_member("Clerk", is_staff=True))
    client.force_login(clerk)
    assert client.get(member_url(sam)).status_code == 403
    assert client.post(notes_url(sam), {"text": "No"}).status_code == 403
    assert not MemberNote.objects.exists()


@pytest.mark.django_db
def test_wrong_methods_are_refused(client, moderator, sam):
    client.force_login(moderator)
    assert client.post(member_url(sam)).status_code == 405
    assert client.get(notes_url(sam)).status_code == 405


@pytest.mark.django_db
def test_an_unknown_member_is_not_found(client, moderator):
    client.force_login(moderator)
    assert client.get("/admin/members/profile/member/999999/").status_code == 404


# --- What stays folded ---------------------------------------------------------------


@pytest.mark.django_db
def test_distressing_words_stay_folded(client, moderator, board):
    sam = make_member("Sam")
    make_thread(board, sam, title="A hard week", body=CRISIS)
    actions.write_member_note(sam, by=moderator, text=f"They wrote “{CRISIS}”")
    client.force_login(moderator)
    html = page(client.get(member_url(sam)))
    assert "This post may be distressing (crisis language) — open to read" in html
    assert "This note may be distressing (crisis language) — open to read" in html
    # Nothing distressing is left outside a fold.
    outside = html
    while '<details class="fold">' in outside:
        start = outside.index('<details class="fold">')
        outside = outside[:start] + outside[outside.index("</details>", start) + 10 :]
    assert "end my life" not in outside


# --- Notes -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_moderator_writes_a_note_others_read_with_who_and_when(client, moderator, staff, sam):
    client.force_login(moderator)
    form_page = page(client.get(member_url(sam)))
    assert NOTE_REMINDER.split(":")[0] in form_page  # "The member can ask to see these notes"
    assert "part of the member's data download" in form_page
    response = client.post(notes_url(sam), {"text": "Gets anxious around the holidays."})
    assert response.status_code == 302 and response["Location"].endswith("#notes")
    note = MemberNote.objects.get()
    assert (note.member, note.written_by) == (sam, moderator)

    client.force_login(staff)
    html = page(client.get(member_url(sam)))
    assert "Gets anxious around the holidays." in html
    assert f"{note.created_at:%-d %b %Y}" in html and "by <a" in html and "Mara" in html


@pytest.mark.django_db
def test_writing_a_note_is_in_the_audit_log_without_its_words(client, moderator, sam):
    client.force_login(moderator)
    client.post(notes_url(sam), {"text": "Private words for the team"})
    entry = AuditEntry.objects.get(action=AuditAction.MEMBER_NOTE)
    assert entry.actor == moderator and entry.target_id == str(sam.pk)
    assert "Private words" not in f"{entry.reason} {entry.detail} {entry.target_repr}"


@pytest.mark.django_db
def test_an_empty_note_is_not_saved_and_says_why(client, moderator, sam):
    client.force_login(moderator)
    response = client.post(notes_url(sam), {"text": "  "})
    assert response.status_code == 400
    assert "Please write the note first." in page(response)
    assert not MemberNote.objects.exists() and not AuditEntry.objects.filter(
        action=AuditAction.MEMBER_NOTE
    )


# --- The cost of the page ------------------------------------------------------------


def add_history(sam, bob, moderator, board, posts: int, each: int) -> None:
    """`posts` more posts by Sam (every third with crisis language) and `each` more of
    every other kind of row: flags both ways, review items, sanctions, notes."""
    thread = make_thread(board, sam, title=f"More from Sam {posts}")
    for i in range(posts - 1):
        body = f"{CRISIS} {i}" if i % 3 == 0 else f"An ordinary day {i}"
        forum_actions.post_reply(thread=thread, author=sam, body=body)
    theirs = make_thread(board, bob, title=f"Bob's thread {posts}", replies=each)
    for post in theirs.posts.all()[:each]:
        actions.flag_post(post=post, member=sam, reason=FlagReason.OTHER, note="hm")
    for post in thread.posts.all()[:each]:
        flagger = make_member()
        actions.flag_post(post=post, member=flagger, reason=FlagReason.SAFETY, note="worried")
    for i in range(each):
        actions.warn(sam, by=moderator, reason=f"Reason {i}")
        actions.write_member_note(sam, by=moderator, text=f"Note {i}")
        actions.write_to_member(sam, by=moderator, subject=f"Checking in {i}", body="Hello.")


@pytest.mark.django_db
def test_the_page_costs_the_same_for_3_posts_and_300(client, moderator, bob):
    board = make_board("hard-days")
    sam = make_member("Sam")
    client.force_login(moderator)
    add_history(sam, bob, moderator, board, posts=3, each=1)
    few = count_queries(client, member_url(sam))
    add_history(sam, bob, moderator, board, posts=297, each=25)
    for post in Post.objects.filter(author=sam)[:10]:
        forum_edit_post(post=post, body=post.body + " (edited)")
    assert Post.objects.filter(author=sam).count() == 300
    assert count_queries(client, member_url(sam)) == few
    # and the lists are capped, with their counts
    html = page(client.get(member_url(sam)))
    assert "The newest 20 of 26 notes." in html


# --- Every name in the admin leads there --------------------------------------------


@pytest.mark.django_db
def test_every_list_and_page_links_names_to_the_member_page(client, root_user, moderator, sam):
    item = ReviewItem.objects.get(post__author=sam)
    post = item.post
    client.force_login(root_user)
    link = f'href="{member_url(sam)}"'
    pages = {
        "queue": "/admin/moderation/reviewitem/",
        "item": f"/admin/moderation/reviewitem/{item.pk}/change/",
        "sanctions": "/admin/moderation/sanction/",
        "posts": "/admin/forums/post/",
        "post": f"/admin/forums/post/{post.pk}/change/",
        "threads": "/admin/forums/thread/",
        "profiles": "/admin/members/profile/",
    }
    for name, url in pages.items():
        assert link in page(client.get(url)), name
    # The audit log names the moderator who acted.
    audit = page(client.get("/admin/moderation/auditentry/"))
    assert f'href="{member_url(moderator)}"' in audit


@pytest.mark.django_db
def test_an_anonymous_authors_name_is_marked_for_moderators(client, moderator, sam):
    post = Post.objects.get(author=sam, is_anonymous=True)
    client.force_login(moderator)
    html = page(client.get(f"/admin/forums/post/{post.pk}/change/"))
    assert f'href="{member_url(sam)}"' in html
    assert "posted anonymously: only moderators see this name" in html


@pytest.fixture
def root_user(db):
    return give_two_step_sign_in(make_member("Root", is_staff=True, is_superuser=True))


# --- The member's data --------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("remove_posts", [True, False])
def test_notes_are_in_the_members_download_and_go_with_the_account(
    client, moderator, alice, remove_posts
):
    sam = make_member("Sam")
    actions.write_member_note(sam, by=moderator, text="Prefers to be written to gently.")
    actions.write_member_note(alice, by=moderator, text="A note about Alice")
    client.force_login(sam)
    data = client.post("/account/privacy/export/").json()
    assert [n["note"] for n in data["moderators_notes_about_you"]] == [
        "Prefers to be written to gently."
    ]
    assert "A note about Alice" not in json.dumps(data)
    assert "Mara" not in json.dumps(data["moderators_notes_about_you"])

    erase_member(sam, remove_posts=remove_posts)
    assert list(MemberNote.objects.values_list("text", flat=True)) == ["A note about Alice"]
    # The log keeps that a note was written, and never held its words.
    assert AuditEntry.objects.filter(action=AuditAction.MEMBER_NOTE).count() == 2


@pytest.mark.django_db
def test_the_privacy_page_promises_the_notes_are_in_the_download(client, alice):
    client.force_login(alice)
    assert "any notes the moderators have written about you" in page(
        client.get("/account/privacy/")
    )


@pytest.mark.django_db
def test_the_page_lists_their_conversations_with_the_team_and_offers_to_write(
    client, moderator, sam, alice
):
    actions.write_to_member(sam, by=moderator, subject="Checking in after last night", body="Hi.")
    actions.write_to_member(alice, by=moderator, subject="Someone else's subject", body="Hi.")
    client.force_login(moderator)
    html = page(client.get(member_url(sam)))
    assert "Checking in after last night" in html and "1 conversation." in html
    assert "Someone else&#x27;s subject" not in html and "Someone else's subject" not in html
    assert f"/admin/members/conversation/start/{sam.pk}/" in html


@pytest.mark.django_db
def test_a_posts_earlier_versions_are_on_the_member_page_folded(client, moderator, sam, board):
    from forums.actions import edit_post

    post = make_thread(board, sam, title="Rough week", body="First words, plain.").posts.get()
    edit_post(post=post, body="Second words, plain.")
    client.force_login(moderator)
    html = page(client.get(member_url(sam)))
    assert "Edited: 1 earlier version" in html
    assert "First words, plain." in html and "replaced" in html


# --- The admin's own frame: breadcrumbs, and cards on a phone (a stranger's shift) ----------


@pytest.mark.django_db
def test_custom_admin_pages_have_the_admins_breadcrumbs_and_one_name_for_the_queue(
    client, moderator, sam
):
    item = ReviewItem.objects.filter(post__author=sam).first()
    assert item is not None
    conversation = actions.write_to_member(
        sam, by=moderator, subject="Hello", body="Hi"
    ).conversation
    client.force_login(moderator)
    pages = {
        member_url(sam): "Items to review",
        f"/admin/moderation/reviewitem/{item.pk}/change/": "Items to review",
        f"/admin/members/conversation/start/{sam.pk}/": "Conversations",
        f"/admin/members/conversation/{conversation.pk}/change/": "Conversations",
    }
    for url, parent in pages.items():
        html = page(client.get(url))
        # Django's own markup, so Django's own styling: the bar, not text flush left.
        assert '<div class="breadcrumbs">' not in html, url
        crumbs = html.split('<ol class="breadcrumbs">', 1)[1].split("</ol>", 1)[0]
        assert f">{parent}</a></li>" in crumbs and '<li aria-current="page">' in crumbs, url
        assert "Review queue" not in crumbs, url


@pytest.mark.django_db
def test_a_members_posts_and_flags_read_as_cards_on_a_phone(client, moderator, sam):
    client.force_login(moderator)
    html = page(client.get(member_url(sam)))
    # The lists' card rules (moderation-admin.css) take a table marked card-rows, each
    # cell named by its column.
    assert html.count('<table class="card-rows">') == 3
    for label in ("When", "Where", "Status", "Words", "On", "Reason", "Note", "By", "Post by"):
        assert f'data-label="{label}"' in html, label
