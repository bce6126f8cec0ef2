"""Warnings, silences and suspensions, as the member on the other end meets them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from forums import actions as forum_actions
from forums.models import Post, Thread
from members.models import Notification
from moderation import actions
from moderation.models import AuditEntry, Sanction, SanctionKind
from tests.conftest import page, signs_in
from tests.factories import PASSWORD, make_member, make_thread

CANNOT_POST = "You can't post right now"
SUSPENDED = "Your account is suspended"
TYPED = "Something I really wanted to say tonight."


def shown(moment) -> str:
    """How pages print a date and time (UTC): "5 Mar 2026, 14:07"."""
    local = timezone.localtime(moment)
    return f"{local.day} {local:%b %Y, %H:%M}"


# --- Warn ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_warning_reaches_the_member_as_a_notification(client, bob, moderator):
    sanction = actions.warn(bob, by=moderator, reason="Please keep replies about the topic.")
    assert sanction.kind == SanctionKind.WARNING and sanction.ends_at is None
    note = Notification.objects.get(recipient=bob)
    assert "Please keep replies about the topic." in note.message
    assert "Nothing has changed for your account" in note.message
    bob.profile.refresh_from_db()
    assert bob.profile.can_post and bob.profile.unread_notifications == 1
    client.force_login(bob)
    assert "Please keep replies about the topic." in page(client.get("/notifications/"))


# --- Silence ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("period", "length"),
    [
        ("24h", timedelta(hours=24)),
        ("72h", timedelta(hours=72)),
        ("7d", timedelta(days=7)),
        ("30d", timedelta(days=30)),
    ],
)
def test_silence_lasts_the_chosen_period(bob, moderator, period, length):
    before = timezone.now()
    sanction = actions.silence(bob, by=moderator, reason="A pause.", period=period)
    bob.profile.refresh_from_db()
    assert before + length <= bob.profile.silenced_until <= timezone.now() + length
    assert sanction.ends_at == bob.profile.silenced_until
    assert bob.profile.is_silenced and not bob.profile.can_post
    assert "A pause." in Notification.objects.get(recipient=bob).message


@pytest.mark.django_db
def test_unknown_silence_period_is_refused_and_nothing_changes(bob, moderator):
    with pytest.raises(KeyError):
        actions.silence(bob, by=moderator, reason="x", period="forever")
    bob.profile.refresh_from_db()
    assert bob.profile.can_post
    assert not Sanction.objects.exists() and not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_silenced_member_can_still_read(client, thread, silenced):
    client.force_login(silenced)
    response = client.get(thread.get_absolute_url())
    html = page(response)
    assert response.status_code == 200
    assert "Does anyone else lie awake?" in html
    assert "You can't reply right now" in html
    assert f'action="/t/{thread.pk}/reply/"' not in html  # no reply box
    assert client.get(f"/b/{thread.board.slug}/").status_code == 200


@pytest.mark.django_db
def test_silenced_member_is_told_why_and_until_when_on_every_form(
    client, thread, silenced, moderator
):
    until = silenced.profile.silenced_until
    client.force_login(silenced)
    for url in (f"/b/{thread.board.slug}/new/", f"/t/{thread.pk}/reply/"):
        response = client.get(url)
        html = page(response)
        assert response.status_code == 403, url
        assert CANNOT_POST in html
        assert "Please take a breather." in html
        assert shown(until) in html
        assert f'datetime="{until.isoformat()}"' in html


@pytest.fixture
def own_post(thread, moderator):
    """A member's post from before they were silenced."""
    member = make_member("Later Quiet")
    post = forum_actions.post_reply(thread=thread, author=member, body="Written last week.")
    actions.silence(member, by=moderator, reason="Please take a breather.", period="72h")
    member.refresh_from_db()
    return post


@pytest.mark.django_db
def test_silenced_member_gets_the_page_on_edit_too(client, own_post):
    client.force_login(own_post.author)
    response = client.get(f"/p/{own_post.pk}/edit/")
    assert response.status_code == 403
    assert CANNOT_POST in page(response)


@pytest.mark.django_db
def test_silenced_member_posting_through_any_form_changes_nothing_and_keeps_the_text(
    client, thread, own_post
):
    member = own_post.author
    client.force_login(member)
    before = (Thread.objects.count(), Post.objects.count())
    attempts = [
        (f"/b/{thread.board.slug}/new/", {"title": "Need to talk", "body": TYPED}),
        (f"/t/{thread.pk}/reply/", {"body": TYPED}),
        (f"/p/{own_post.pk}/edit/", {"body": TYPED}),
    ]
    for url, data in attempts:
        response = client.post(url, data)
        html = page(response)
        assert response.status_code == 403, url
        assert CANNOT_POST in html
        assert f">{TYPED}</textarea>" in html, f"their text is kept on {url}"
    assert (Thread.objects.count(), Post.objects.count()) == before
    own_post.refresh_from_db()
    assert own_post.body == "Written last week." and own_post.edited_at is None


@pytest.mark.django_db
def test_an_ended_silence_lets_the_member_post_again(client, thread, bob, moderator):
    actions.silence(bob, by=moderator, reason="A pause.", period="24h")
    bob.profile.__class__.objects.filter(user=bob).update(
        silenced_until=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(bob)
    assert client.post(f"/t/{thread.pk}/reply/", {"body": "Back again."}).status_code == 302


@pytest.mark.django_db
def test_lifting_a_silence_lets_the_member_post_again(client, thread, bob, moderator):
    sanction = actions.silence(bob, by=moderator, reason="A pause.", period="7d")
    actions.lift(sanction, by=moderator, reason="Talked it through.")
    sanction.refresh_from_db()
    assert sanction.lifted_at is not None
    client.force_login(bob)
    assert client.post(f"/t/{thread.pk}/reply/", {"body": "Thank you."}).status_code == 302
    assert Post.objects.filter(author=bob).exists()


@pytest.mark.django_db
def test_lifting_an_old_ended_silence_does_not_end_the_current_one(client, thread, bob, moderator):
    """Moderators lift *that* sanction; a later, longer silence still holds."""
    old = actions.silence(bob, by=moderator, reason="Last month.", period="24h")
    Sanction.objects.filter(pk=old.pk).update(
        starts_at=timezone.now() - timedelta(days=30), ends_at=timezone.now() - timedelta(days=29)
    )
    actions.silence(bob, by=moderator, reason="Again, for a month.", period="30d")
    old.refresh_from_db()
    actions.lift(old, by=moderator, reason="Tidying up the record.")
    bob.profile.refresh_from_db()
    assert bob.profile.is_silenced, "the current 30-day silence was lifted by accident"
    client.force_login(bob)
    assert client.post(f"/t/{thread.pk}/reply/", {"body": "x"}).status_code == 403


# --- Suspend ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_signed_in_member_is_signed_out_at_the_next_request_and_told_why(client, bob, moderator):
    until = timezone.now() + timedelta(days=14)
    client.force_login(bob)
    assert client.get("/notifications/").status_code == 200
    actions.suspend(bob, by=moderator, reason="Repeated harassment of another member.", until=until)
    response = client.get("/notifications/")
    html = page(response)
    assert response.status_code == 403
    assert SUSPENDED in html
    assert "Repeated harassment of another member." in html
    assert shown(until) in html
    assert "/help/" in html
    assert "_auth_user_id" not in client.session
    assert signs_in(client.get("/notifications/"))


@pytest.mark.django_db
def test_indefinite_suspension_says_for_now(client, bob, moderator):
    actions.suspend(bob, by=moderator, reason="Spam account.")
    bob.profile.refresh_from_db()
    assert bob.profile.is_suspended and bob.profile.suspended_until is None
    client.force_login(bob)
    html = page(client.get("/"))
    assert SUSPENDED in html and "for now" in html and "Spam account." in html


@pytest.mark.django_db
def test_suspended_member_cannot_stay_signed_in_after_signing_in(client, bob, moderator):
    actions.suspend(bob, by=moderator, reason="Spam account.")
    client.post("/accounts/login/", {"login": bob.email, "password": PASSWORD})
    response = client.get("/notifications/")
    assert response.status_code in (302, 403)
    if response.status_code == 403:
        assert SUSPENDED in page(response)
    assert signs_in(client.get("/notifications/"))


@pytest.mark.django_db
def test_after_lift_the_member_can_sign_in(client, thread, bob, moderator):
    sanction = actions.suspend(bob, by=moderator, reason="Cooling off.")
    actions.lift(sanction, by=moderator, reason="Appeal accepted.")
    response = client.post("/accounts/login/", {"login": bob.email, "password": PASSWORD})
    assert response.status_code == 302
    response = client.get("/notifications/")
    assert response.status_code == 200 and SUSPENDED not in page(response)
    assert client.post(f"/t/{thread.pk}/reply/", {"body": "Glad to be back."}).status_code == 302


@pytest.mark.django_db
def test_suspension_with_a_past_end_no_longer_applies(client, bob, moderator):
    actions.suspend(bob, by=moderator, reason="Short.", until=timezone.now() - timedelta(seconds=1))
    client.force_login(bob)
    assert client.get("/notifications/").status_code == 200


@pytest.mark.django_db
def test_suspended_members_posts_stay_readable(client, board, bob, alice, moderator):
    thread = make_thread(board, bob, title="Coping with winter")
    actions.suspend(bob, by=moderator, reason="Spam account.")
    client.force_login(alice)
    assert "Coping with winter" in page(client.get(thread.get_absolute_url()))
