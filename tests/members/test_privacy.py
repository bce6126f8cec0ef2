"""A member's data in their hands: download it, erase the account, take a break."""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from forums import actions
from forums.models import Post, PostStatus, Thread
from members.actions import notify, notify_many, take_a_break
from members.models import Block, Notification, NotificationKind, User
from moderation import actions as moderation
from moderation.models import AuditEntry, ReviewItem
from tests.conftest import page
from tests.factories import PASSWORD, make_board, make_member, make_thread

pytestmark = pytest.mark.django_db

EXPORT = "/account/privacy/export/"
ERASE = "/account/privacy/erase/"
BREAK = "/account/break/"


def _page(response) -> str:
    return html.unescape(page(response))


def _export(client, user) -> dict:
    client.force_login(user)
    response = client.post(EXPORT)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return json.loads(response.content)


# Download ---------------------------------------------------------------------


def test_the_privacy_page_offers_all_three(client, alice):
    client.force_login(alice)
    page = client.get("/account/privacy/").content.decode()
    assert "Download my data" in page
    assert 'href="/account/break/"' in page and 'href="/account/privacy/erase/"' in page


def test_visitors_sign_in_first_and_get_is_refused(client, alice):
    assert client.post(EXPORT).status_code == 302
    client.force_login(alice)
    assert client.get(EXPORT).status_code == 405


def test_the_export_holds_everything_of_mine(client, alice, bob, moderator):
    board = make_board(allow_anonymous=True)
    thread = make_thread(board, alice, title="Starting out", body="My own words here.")
    anon = actions.post_reply(thread=thread, author=alice, body="Said quietly.", anonymous=True)
    bobs = actions.post_reply(thread=thread, author=bob, body="Bob's private reply text.")
    actions.toggle_reaction(post=bobs, member=alice, kind="support")
    Block.objects.create(blocker=alice, blocked=moderator)
    moderation.flag_post(post=bobs, member=alice, reason="unkind", note="My flag note.")
    moderation.warn(alice, by=moderator, reason="Please be gentle.")

    data = _export(client, alice)

    assert data["account"]["email_addresses"][0]["email"] == alice.email
    assert data["profile"]["display_name"] == "Alice"
    bodies = [p["body"] for p in data["posts"]]
    assert bodies == ["My own words here.", "Said quietly."]
    assert data["posts"][1]["anonymous"] is True
    assert data["reactions"][0]["reaction"] == "Sending support"
    assert data["followed_threads"][0]["thread"] == "Starting out"
    assert data["blocked_members"][0]["display_name"] == moderator.profile.display_name
    assert data["flags_you_raised"][0]["note"] == "My flag note."
    assert data["moderator_decisions_about_you"][0]["reason"] == ("Please be gentle.")
    assert anon.is_anonymous


def test_the_export_holds_nobody_elses_personal_data(
    client, alice, bob, django_capture_on_commit_callbacks
):
    board = make_board(allow_anonymous=True)
    thread = make_thread(board, bob, title="Bob's thread")
    with django_capture_on_commit_callbacks(execute=True):
        actions.post_reply(thread=thread, author=alice, body="Alice, anonymously.", anonymous=True)
    text = json.dumps(_export(client, bob), ensure_ascii=False)
    assert alice.email not in text
    assert "Alice, anonymously." not in text
    # Bob was told of the reply, and the notice names nobody.
    assert "Someone replied in “Bob's thread”." in text
    assert "Alice" not in text


# Erase ------------------------------------------------------------------------


def _erase(client, user, posts="keep", password=PASSWORD):
    client.force_login(user)
    return client.post(ERASE, {"posts": posts, "password": password})


def test_a_wrong_password_deletes_nothing_and_keeps_the_choice(client, alice):
    response = _erase(client, alice, posts="remove", password="not it")
    assert response.status_code == 200
    page = _page(response)
    assert "That password doesn't match your account" in page
    assert re.search(r'<input[^>]*value="remove"[^>]*checked', page)
    assert User.objects.filter(pk=alice.pk).exists()


def test_no_choice_gets_a_kind_note(client, alice):
    client.force_login(alice)
    page = _page(client.post(ERASE, {"password": PASSWORD}))
    assert "Please choose what should happen to your posts." in page
    assert User.objects.filter(pk=alice.pk).exists()


def test_guessing_the_password_is_slowed_down(client, alice):
    for _ in range(5):
        _erase(client, alice, password="guess")
    page = _page(_erase(client, alice))  # even the right one, for a while
    assert "several tries in a short time" in page
    assert User.objects.filter(pk=alice.pk).exists()


def test_keeping_posts_leaves_them_under_a_former_member(client, alice, bob):
    board = make_board()
    thread = make_thread(board, alice, title="My story", body="What helped me most.")
    actions.post_reply(thread=thread, author=bob, body="Thank you, this helps.")
    response = _erase(client, alice, posts="keep")
    assert response.status_code == 302 and response["Location"] == "/goodbye/"
    assert not User.objects.filter(email=alice.email).exists()

    client.force_login(bob)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "What helped me most." in page
    assert "A former member" in page
    assert "Alice" not in page


def test_removing_posts_takes_the_words_away(client, alice, bob):
    board = make_board()
    thread = make_thread(board, bob, title="Bob asks")
    mine = actions.post_reply(thread=thread, author=alice, body="Alice's very own words.")
    _erase(client, alice, posts="remove")

    mine.refresh_from_db()
    assert mine.status == PostStatus.REMOVED and mine.body == "" and mine.body_html == ""
    thread.refresh_from_db()
    assert thread.reply_count == 0 and thread.answered_at is None  # needs a reply again
    client.force_login(bob)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Alice's very own words." not in page and "Alice" not in page
    assert "This post was removed by its author." in page


def test_reactions_go_and_their_counts_with_them(client, alice, bob):
    thread = make_thread(make_board(), bob)
    post = thread.posts.get(number=1)
    actions.toggle_reaction(post=post, member=alice, kind="support")
    actions.toggle_reaction(post=post, member=alice, kind="thanks")
    _erase(client, alice)
    post.refresh_from_db()
    assert (post.support_count, post.thanks_count) == (0, 0)


def test_others_notifications_name_a_former_member_and_mentions_stop_linking(
    client, alice, bob, django_capture_on_commit_callbacks
):
    thread = make_thread(make_board(), bob, title="Bob's thread")
    with django_capture_on_commit_callbacks(execute=True):
        reply = actions.post_reply(thread=thread, author=alice, body="I've been there too.")
    quote = f"[Alice wrote]({reply.get_absolute_url()}):\n\n> I've been there too.\n\n"
    quoting = actions.post_reply(
        thread=thread, author=bob, body=quote + "Thanks @Alice, and Alicethorpe is a place."
    )
    assert 'href="/members/Alice/"' in quoting.body_html
    before = quoting.body

    _erase(client, alice, posts="keep")

    notes = Notification.objects.filter(recipient=bob).with_people()
    assert [n.message for n in notes] == ["A former member replied in “Bob's thread”."]
    quoting.refresh_from_db()
    # Bob's words stay exactly as he wrote them; the mention no longer leads anywhere.
    assert quoting.body == before
    assert "/members/Alice/" not in quoting.body_html
    assert "Thanks @Alice, and Alicethorpe is a place." in html.unescape(quoting.body_html)


def test_erasing_a_member_named_like_a_common_word_changes_nobody_elses_words(
    client, bob, django_capture_on_commit_callbacks
):
    """Erasure goes by reference: a display name that is also an everyday word
    ("Hope") is never searched for, so no title, post or notification changes —
    only the references to the person."""
    hope, carol, dan = make_member("Hope"), make_member("Carol"), make_member("Dan")
    board = make_board()
    thread = make_thread(board, bob, title="Hope is hard to find at night")
    opening = thread.posts.get(number=1)
    other = make_thread(board, dan, title="Small hopes, small steps", body="Hope helps.")
    with django_capture_on_commit_callbacks(execute=True):
        actions.post_reply(thread=thread, author=hope, body="I've been there too.")
        carols = actions.post_reply(
            thread=thread,
            author=carol,
            body="I hope you're ok @Hope. There is hope: thanks Hope, and Hopeful Harbour.",
        )
        actions.post_reply(thread=other, author=carol, body="@Dan, Hope is a good word.")
    actions.toggle_reaction(post=opening, member=hope, kind="support")
    actions.toggle_reaction(post=opening, member=carol, kind="thanks")
    notify(dan, kind=NotificationKind.MODERATION, text="Hope you're well: we hid a post.")
    assert 'href="/members/Hope/"' in carols.body_html

    hopes = list(Post.objects.filter(author=hope).values_list("pk", flat=True))

    def notifications_page(member) -> list[str]:
        client.force_login(member)
        page = _page(client.get("/notifications/"))
        return re.findall(r"<p id=\"notification-\d+\">(.*?)</p>", page, flags=re.S)

    def everyones_words(exclude_post=None):
        return {
            "titles": list(Thread.objects.order_by("pk").values_list("title", flat=True)),
            "bodies": list(
                Post.objects.exclude(pk__in=hopes).order_by("pk").values_list("body", flat=True)
            ),
            "html": list(
                Post.objects.exclude(pk__in=[*hopes, exclude_post])
                .order_by("pk")
                .values_list("body_html", flat=True)
            ),
            "notes": {m.pk: notifications_page(m) for m in (bob, carol, dan)},
        }

    before = everyones_words(exclude_post=carols.pk)
    _erase(client, hope, posts="keep")
    after = everyones_words(exclude_post=carols.pk)

    assert after["titles"] == before["titles"]
    assert after["bodies"] == before["bodies"]
    assert after["html"] == before["html"]
    # Only what named Hope *by reference* changed: her reply's notices now name "A
    # former member", and her reaction went with her account.
    assert after["notes"][dan.pk] == before["notes"][dan.pk]
    assert "Hope you're well: we hid a post." in after["notes"][dan.pk]
    assert after["notes"][carol.pk] == [
        "A former member replied in “Hope is hard to find at night”."
        if text.startswith("Hope replied")
        else text
        for text in before["notes"][carol.pk]
    ]
    assert after["notes"][bob.pk] == [
        "Carol reacted to your post in “Hope is hard to find at night”: Thank you.",
        # Her reply still counts, by reference, in the notification that gathered it.
        "Carol and a former member replied in “Hope is hard to find at night”.",
    ]
    carols.refresh_from_db()
    shown = html.unescape(carols.body_html)
    assert "/members/Hope/" not in shown
    assert "I hope you're ok @Hope. There is hope: thanks Hope, and Hopeful Harbour." in shown
    client.force_login(bob)
    page = _page(client.get(thread.get_absolute_url()))
    assert "Hope is hard to find at night" in page and "a former member" not in page


def test_the_moderators_copy_of_removed_words_goes_too(client, alice, moderator):
    thread = make_thread(make_board(), alice, body="Words a moderator reviewed.")
    post = thread.posts.get(number=1)
    moderation.flag_post(post=post, member=moderator, reason="unkind")
    assert ReviewItem.objects.filter(post=post, snapshot_body__contains="reviewed").exists()
    _erase(client, alice, posts="remove")
    item = ReviewItem.objects.get(post=post)
    assert item.snapshot_body == "" and item.snapshot_html == ""


def test_the_audit_log_stays_without_a_name(client, alice, moderator):
    moderation.warn(alice, by=moderator, reason="Please be gentle.")
    entries = AuditEntry.objects.count()
    _erase(client, alice)
    assert AuditEntry.objects.count() == entries
    assert not AuditEntry.objects.filter(target_repr__icontains="alice").exists()


def test_a_moderator_can_leave_too_and_their_log_entries_stay(client, alice, moderator):
    moderation.warn(alice, by=moderator, reason="Please be gentle.")
    _erase(client, moderator)
    entry = AuditEntry.objects.get(action="warn")
    assert entry.actor_id is None


def test_after_erasure_the_person_cannot_sign_in(client, alice):
    email = alice.email
    _erase(client, alice)
    client.logout()
    response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 200  # the form again, not a session
    assert "_auth_user_id" not in client.session


def test_goodbye_is_kind(client):
    page = client.get("/goodbye/").content.decode()
    assert "Your account is deleted" in page and "/help/" in page


# Take a break ----------------------------------------------------------------


def test_a_break_pauses_notifications_but_not_the_moderators(client, alice, bob):
    client.force_login(alice)
    response = client.post(BREAK, {"days": "7"})
    assert response.status_code == 302
    alice.profile.refresh_from_db()
    assert alice.profile.on_break
    assert alice.profile.break_until > timezone.now() + timedelta(days=6)

    thread = make_thread(make_board(), alice, title="Alice's thread")
    actions.post_reply(thread=thread, author=bob, body="A reply while she rests.")
    assert notify(alice, kind=NotificationKind.REPLY, text="Someone replied.") is None
    assert notify_many([alice.pk, bob.pk], kind=NotificationKind.REPLY, text="x") == 1
    assert (
        not Notification.objects.filter(recipient=alice)
        .exclude(kind=NotificationKind.MODERATION)
        .exists()
    )
    assert notify(alice, kind=NotificationKind.MODERATION, text="A moderator's note.")
    alice.profile.refresh_from_db()
    assert alice.profile.unread_notifications == 1


def test_ending_a_break_turns_notifications_back_on(client, alice):
    client.force_login(alice)
    client.post(BREAK, {"days": "1"})
    page = _page(client.get(BREAK))
    assert "You're on a break until" in page
    client.post(BREAK, {"end": "1"})
    alice.profile.refresh_from_db()
    assert not alice.profile.on_break
    assert notify(alice, kind=NotificationKind.REPLY, text="Someone replied.") is not None


def test_a_break_without_a_length_gets_a_kind_note(client, alice):
    client.force_login(alice)
    page = _page(client.post(BREAK, {}))
    assert "Please choose how long your break should be." in page
    alice.profile.refresh_from_db()
    assert not alice.profile.on_break


def test_a_break_ends_by_itself(alice):
    alice.profile.break_until = timezone.now() - timedelta(minutes=1)
    alice.profile.save()
    assert notify(alice, kind=NotificationKind.REPLY, text="Back again.") is not None


def test_posts_are_kept_in_order_when_a_former_member_posted_first(client, alice, bob):
    thread = make_thread(make_board(), alice, replies=2)
    _erase(client, alice, posts="keep")
    assert list(
        Post.objects.filter(thread=thread).order_by("pk").values_list("number", flat=True)
    ) == [1, 2, 3]


# What the other parts of a member's life here add ----------------------------


def test_the_export_holds_profile_experiences_email_choice_and_check_ins(client, alice):
    from checkins.actions import opt_in_to_check_ins, record_check_in
    from checkins.models import CheckInItem
    from members.actions import update_profile
    from members.models import Experience

    anxiety, grief = (
        Experience.objects.get(name="Anxiety"),
        Experience.objects.get(name="Grief and loss"),
    )
    update_profile(alice.profile, experiences=[anxiety, grief], shown=[grief], bio="Tea helps.")
    opt_in_to_check_ins(alice)
    record_check_in(alice, dict.fromkeys(CheckInItem.objects.asked(), 6))

    data = _export(client, alice)

    assert data["profile"]["bio"] == "Tea helps."
    # Each with who sees it: one kept (hidden from others, not from her), one shown.
    assert data["profile"]["lived_experiences"] == [
        {"name": "Anxiety", "shown_to": "Nobody but me"},
        {"name": "Grief and loss", "shown_to": "Other members"},
    ]
    assert data["profile"]["notification_emails"]
    assert len(data["check_ins"]) == 1
    assert {a["score"] for a in data["check_ins"][0]["answers"]} == {6}


def test_erasure_takes_the_profile_directory_entry_and_check_ins(client, alice, bob):
    from checkins.actions import opt_in_to_check_ins, record_check_in
    from checkins.models import CheckIn, CheckInItem
    from members.actions import update_profile
    from members.models import Experience

    anxiety = Experience.objects.get(name="Anxiety")
    update_profile(alice.profile, experiences=[anxiety], shown=[anxiety], bio="Tea helps.")
    opt_in_to_check_ins(alice)
    record_check_in(alice, dict.fromkeys(CheckInItem.objects.asked(), 6))
    _erase(client, alice)

    client.force_login(bob)
    assert client.get("/members/Alice/").status_code == 404
    assert "Alice" not in client.get("/members/?experience=anxiety").content.decode()
    assert not CheckIn.objects.exists()


def test_a_break_takes_a_member_out_of_the_directory_and_quiets_the_profile(client, alice, bob):
    from members.actions import update_profile
    from members.models import Experience

    anxiety = Experience.objects.get(name="Anxiety")
    update_profile(alice.profile, experiences=[anxiety], shown=[anxiety], bio="")
    make_thread(make_board(), alice, title="Something Alice wrote")
    client.force_login(bob)
    assert "Alice" in client.get("/members/?experience=anxiety").content.decode()

    take_a_break(alice, timezone.now() + timedelta(days=3))
    assert "Alice" not in client.get("/members/?experience=anxiety").content.decode()
    page = _page(client.get("/members/Alice/"))
    assert "Alice is taking a break for now." in page
    assert "Something Alice wrote" not in page

    client.force_login(alice)  # she still sees her own
    assert "Something Alice wrote" in _page(client.get("/members/Alice/"))


def test_no_summary_e_mail_during_a_break(alice, bob):
    from members.mail import members_due_a_digest
    from members.models import EmailFrequency

    notify(alice, kind=NotificationKind.REPLY, text="Bob replied.")
    assert alice.pk in members_due_a_digest(EmailFrequency.DAILY)
    take_a_break(alice, timezone.now() + timedelta(days=3))
    assert alice.pk not in members_due_a_digest(EmailFrequency.DAILY)
    take_a_break(alice, None)
    assert alice.pk in members_due_a_digest(EmailFrequency.DAILY)


def test_search_finds_nothing_of_an_erased_member(client, alice, bob):
    board = make_board()
    thread = make_thread(board, bob, title="Bob asks about sleep")
    actions.post_reply(thread=thread, author=alice, body="Chamomile and a dark room.")
    keeper = make_member("Keeper")
    kept = make_thread(board, keeper, title="Scents that calm")
    actions.post_reply(thread=kept, author=keeper, body="Lavender works for me.")
    client.force_login(bob)
    assert "Chamomile" in client.get("/search/?q=chamomile").content.decode()

    _erase(client, alice, posts="remove")
    _erase(client, keeper, posts="keep")

    client.force_login(bob)
    assert "Chamomile" not in client.get("/search/?q=chamomile").content.decode()
    kept_result = client.get("/search/?q=lavender").content.decode()
    assert "Lavender" in kept_result and "A former member" in kept_result
    assert "Keeper" not in kept_result
    assert "Lavender" not in client.get("/search/?q=lavender&author=Keeper").content.decode()


def test_notifications_written_before_they_kept_references_are_brought_over(client, alice, bob):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("members.migrations.0012_notification_actor")
    old = Notification.objects.create(
        recipient=bob, kind="reply", text="Alice replied in “Alice's garden”."
    )
    odd = Notification.objects.create(
        recipient=bob, kind="reply", text="Someone unknown replied in “Alice's garden”."
    )
    migration.keep_people_by_reference(apps, None)
    old.refresh_from_db()
    assert (old.actor, old.text) == (alice, "replied in “Alice's garden”.")
    assert old.message == "Alice replied in “Alice's garden”."
    odd.refresh_from_db()
    assert odd.actor is None and odd.message == "Someone unknown replied in “Alice's garden”."
    _erase(client, alice)
    old.refresh_from_db()
    assert old.message == "A former member replied in “Alice's garden”."
