"""A muted word stays folded beyond thread lists: in notifications (the page and the
e-mails) and in the titles on the Saved posts list. Mutes are forums', notifications
are members': members reads the words through BOOMITY_MUTED_WORDS (members/muted.py)."""

from __future__ import annotations

from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command

from forums import actions
from forums.models import SavedPost
from members import mail
from members.models import EmailFrequency, Notification, Profile
from tests.conftest import count_queries, page
from tests.factories import make_board, make_member, make_thread

TITLE = "Hi, I'm new and a bit nervous"
FOLDED_NOTIFICATION = "A notification with a word you muted — show"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def nervous(db, alice):
    """Bob's thread, which Alice follows and saved a post in, and a muted word of hers."""
    bob = make_member("Bob")
    thread = make_thread(make_board(), bob, title=TITLE, replies=1)
    actions.toggle_follow(member=alice, target=thread)
    SavedPost.objects.create(member=alice, post=thread.posts.get(number=2))
    actions.mute_phrase(member=alice, phrase="NERVOUS")
    return thread


def replies_from_robin(thread, committed) -> None:
    """Robin replies (Alice follows the thread), then Sam mentions her there."""
    with committed():
        actions.post_reply(thread=thread, author=make_member("Robin"), body="Welcome!")
    with committed():
        actions.post_reply(thread=thread, author=make_member("Sam"), body="Welcome, @Alice")


@pytest.mark.django_db
def test_a_notification_with_a_muted_word_is_folded_with_why(client, alice, nervous, committed):
    replies_from_robin(nervous, committed)
    other = make_thread(make_board(), make_member("Lee"), title="Sleep when anxious")
    actions.toggle_follow(member=alice, target=other)
    with committed():
        actions.post_reply(thread=other, author=make_member("Kai"), body="Audiobooks help me.")
    client.force_login(alice)
    html = unescape(page(client.get("/notifications/")))
    # Both about her thread (the reply and the mention) are folded; the other one isn't.
    assert html.count(FOLDED_NOTIFICATION) == 2
    for folded in html.split(FOLDED_NOTIFICATION)[1:]:
        inside = folded.split("</details>", 1)[0]
        assert TITLE in inside  # folded, not gone: they can open it
    assert TITLE not in html.split(FOLDED_NOTIFICATION)[0]
    assert "Kai replied in “Sleep when anxious”." in html.split(FOLDED_NOTIFICATION)[0]


@pytest.mark.django_db
def test_the_notifications_page_costs_the_same_with_1_or_20_folded(client, alice, nervous):
    """Guards reading the muted words once per notification."""
    from members.actions import notify

    client.force_login(alice)
    notify(alice, kind="reply", text=f"Someone replied in “{TITLE}”.", url="/")
    one = count_queries(client, "/notifications/")
    for i in range(19):
        notify(alice, kind="reply", text=f"Someone replied in “{TITLE}” ({i}).", url="/")
    assert count_queries(client, "/notifications/") == one
    assert unescape(page(client.get("/notifications/"))).count(FOLDED_NOTIFICATION) == 20


@pytest.mark.django_db
def test_the_e_mail_leaves_the_muted_words_out_and_keeps_the_link(
    alice, nervous, committed, mailoutbox
):
    Profile.objects.filter(user=alice).update(email_frequency=EmailFrequency.IMMEDIATE)
    replies_from_robin(nervous, committed)
    assert len(mailoutbox) == 2  # the mention and the reply
    for message in mailoutbox:
        assert "nervous" not in message.body.lower()
        assert "a thread with a word you muted" in message.body
    bodies = " ".join(m.body for m in mailoutbox)
    for number in (3, 4):  # the links still go to the posts
        assert f"/p/{nervous.posts.get(number=number).pk}/" in bodies
    assert "Sam mentioned you in a thread with a word you muted." in bodies
    assert "Robin replied in a thread with a word you muted." in bodies


@pytest.mark.django_db
def test_the_daily_summary_leaves_the_muted_words_out(alice, nervous, committed, mailoutbox):
    replies_from_robin(nervous, committed)
    assert Notification.objects.filter(recipient=alice).count() == 2
    call_command("send_digests", "daily", stdout=StringIO())
    [message] = [m for m in mailoutbox if m.to == [alice.email]]
    assert "nervous" not in message.body.lower()
    assert "Robin replied in a thread with a word you muted." in message.body


@pytest.mark.django_db
def test_a_muted_word_elsewhere_in_a_notification_leaves_all_its_words_out(alice, mailoutbox):
    """Not only titles: if a muted word is anywhere else, none of the text is sent."""
    from members.actions import notify

    Profile.objects.filter(user=alice).update(email_frequency=EmailFrequency.IMMEDIATE)
    actions.mute_phrase(member=alice, phrase="nervous")
    note = notify(alice, kind="reply", text="Someone nervous wrote to you.", url="/p/9/")
    mail.send_notification(note.pk)
    [message] = mailoutbox
    assert "nervous" not in message.body.lower()
    assert "There's something new for you that mentions a word you muted." in message.body
    assert "/p/9/" in message.body


@pytest.mark.django_db
def test_the_saved_list_folds_a_title_with_a_muted_word(client, alice, nervous):
    client.force_login(alice)
    html = unescape(page(client.get("/saved/")))
    why = "A saved post in a thread with a word you muted — show"
    assert why in html
    assert TITLE not in html.split(why, 1)[0]
    assert f"Post 2 in “{TITLE}”" in html.split(why, 1)[1].split("</details>", 1)[0]
