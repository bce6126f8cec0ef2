"""Replies in a thread gather into one notification while it is unread, and say
where their link goes. Anonymous repliers are "someone": never named, never counted
in a way that tells who they are."""

from __future__ import annotations

from html import unescape

import pytest
from django.core.management import call_command

from forums import actions
from members.actions import block, mark_notifications_read
from members.models import EmailFrequency, Notification, NotificationKind, Profile
from tests.conftest import count_queries, main_of
from tests.factories import make_board, make_member, make_thread

TITLE = "Sleep when anxious"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Telling followers is a task queued when the post commits: run it here."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def quiet_thread(alice):
    return make_thread(make_board("quiet", allow_anonymous=True), alice, title=TITLE)


def reply(thread, author, committed, *, anonymous=False, body="I hear you."):
    with committed():
        return actions.post_reply(thread=thread, author=author, body=body, anonymous=anonymous)


def replies_for(member):
    return Notification.objects.filter(recipient=member, kind=NotificationKind.REPLY)


def unread_count(member) -> int:
    return Profile.objects.get(user=member).unread_notifications


@pytest.mark.django_db
def test_four_replies_make_one_notification_that_links_to_the_first(thread, alice, committed):
    sam, alex, carol, dee = (make_member(n) for n in ["Sam", "Alex", "Carol", "Dee"])
    first = reply(thread, sam, committed)
    for member in [alex, carol, dee]:
        reply(thread, member, committed)
    note = replies_for(alice).get()
    assert note.message == f"Dee, Carol and 2 others replied in “{TITLE}”."
    assert note.url == first.get_absolute_url(), "the link starts where the news starts"
    assert unread_count(alice) == 1


@pytest.mark.django_db
def test_two_replies_read_as_two_names_and_a_second_reply_moves_them_first(
    thread, alice, committed
):
    sam, alex = make_member("Sam"), make_member("Alex")
    reply(thread, sam, committed)
    reply(thread, alex, committed)
    assert replies_for(alice).get().message == f"Alex and Sam replied in “{TITLE}”."
    reply(thread, sam, committed)
    assert replies_for(alice).get().message == f"Sam and Alex replied in “{TITLE}”."


@pytest.mark.django_db
def test_once_read_a_new_reply_starts_a_new_notification(client, thread, alice, committed):
    sam = make_member("Sam")
    reply(thread, sam, committed)
    client.force_login(alice)
    client.get("/notifications/")  # read
    later = reply(thread, sam, committed)
    new = replies_for(alice).filter(read_at__isnull=True).get()
    assert new.message == f"Sam replied in “{TITLE}”."
    assert new.url == later.get_absolute_url()
    assert replies_for(alice).count() == 2
    assert unread_count(alice) == 1


@pytest.mark.django_db
def test_an_anonymous_replier_is_someone(quiet_thread, alice, bob, committed):
    reply(quiet_thread, bob, committed, anonymous=True)
    note = replies_for(alice).get()
    assert note.message == f"Someone replied in “{TITLE}”."
    assert [(a.member_id, a.anonymous) for a in note.actors.all()] == [(None, True)]


@pytest.mark.django_db
@pytest.mark.parametrize("anonymous_author", ["Sam", "Carol"])
def test_whoever_wrote_anonymously_the_notification_reads_the_same(
    quiet_thread, alice, committed, anonymous_author
):
    """Sam replies under his name and someone replies anonymously: whether that was
    Sam again or Carol, Alice reads the same words — the count can't tell her."""
    people = {"Sam": make_member("Sam"), "Carol": make_member("Carol")}
    reply(quiet_thread, people["Sam"], committed)
    reply(quiet_thread, people[anonymous_author], committed, anonymous=True)
    assert replies_for(alice).get().message == f"Sam and someone replied in “{TITLE}”."
    reply(quiet_thread, people[anonymous_author], committed, anonymous=True)
    # Each anonymous reply is one more "someone", never matched to a person.
    assert replies_for(alice).get().message == f"Sam and 2 others replied in “{TITLE}”."


@pytest.mark.django_db
def test_blocking_or_erasing_an_anonymous_replier_changes_nothing_the_other_reads(
    quiet_thread, alice, bob, committed
):
    reply(quiet_thread, make_member("Sam"), committed)
    reply(quiet_thread, bob, committed, anonymous=True)
    before = replies_for(alice).get().message
    block(alice, bob)  # (through the anonymous post, moderators' tools aside)
    assert replies_for(alice).get().message == before == f"Sam and someone replied in “{TITLE}”."
    bob.delete()
    assert replies_for(alice).get().message == before


@pytest.mark.django_db
def test_a_blocked_member_is_never_named(thread, alice, bob, committed):
    carol = make_member("Carol")
    reply(thread, bob, committed)
    reply(thread, carol, committed)
    assert replies_for(alice).get().message == f"Carol and Bob replied in “{TITLE}”."
    block(alice, bob)
    assert replies_for(alice).get().message == f"Carol replied in “{TITLE}”."
    reply(thread, bob, committed)  # and what they write after the block doesn't join
    assert replies_for(alice).get().message == f"Carol replied in “{TITLE}”."
    assert unread_count(alice) == 1


@pytest.mark.django_db
def test_a_notification_only_about_a_blocked_member_goes(thread, alice, bob, committed):
    reply(thread, bob, committed)
    block(alice, bob)
    assert not replies_for(alice).exists()
    assert unread_count(alice) == 0


@pytest.mark.django_db
def test_a_member_who_left_is_counted_as_a_former_member(thread, alice, bob, committed):
    reply(thread, bob, committed)
    reply(thread, make_member("Carol"), committed)
    bob.delete()
    assert replies_for(alice).get().message == f"Carol and a former member replied in “{TITLE}”."


@pytest.mark.django_db
def test_each_link_says_where_it_goes(client, thread, alice, committed):
    for name in ["Sam", "Alex"]:
        reply(thread, make_member(name), committed)
    actions.toggle_reaction(post=thread.posts.get(number=1), member=make_member(), kind="support")
    client.force_login(alice)
    html = unescape(main_of(client.get("/notifications/")))
    assert "Go there" not in html
    assert f">Read the replies in “{TITLE}”</a>" in html
    assert f">See your post in “{TITLE}”</a>" in html
    assert "Alex and Sam replied in" in html


@pytest.mark.django_db
def test_notifications_page_stays_flat_however_many_replies_and_threads(
    client, board, alice, committed
):
    """Guards the N+1 of looking up each replier's name (and each thread's) per row."""
    client.force_login(alice)
    first = make_thread(board, alice, title="First")
    reply(first, make_member(), committed)
    client.get("/notifications/")
    few = count_queries(client, "/notifications/")
    for n in range(4):
        thread = make_thread(board, alice, title=f"Thread {n}")
        for _ in range(3):
            reply(thread, make_member(), committed)
        reply(thread, make_member(), committed, body="and one more")
    assert replies_for(alice).count() == 5
    assert count_queries(client, "/notifications/") == few


@pytest.mark.django_db
def test_many_followers_cost_the_same_as_a_few(board, alice, committed, django_assert_num_queries):
    """Guards the N+1 of gathering the reply into each follower's notification."""

    def queries_to_tell(followers: int) -> int:
        thread = make_thread(board, alice, title=f"With {followers}")
        members = [make_member() for _ in range(followers)]
        for member in members:
            reply(thread, member, committed)  # each follows, and each has news unread
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            reply(thread, alice, committed)
        assert replies_for(members[0]).filter(read_at__isnull=True).count() == 1
        return len(ctx)

    assert queries_to_tell(3) == queries_to_tell(12)


@pytest.mark.django_db
def test_a_follower_on_a_break_hears_nothing_of_replies_and_the_others_do(
    thread, alice, bob, committed
):
    from datetime import timedelta

    from django.utils import timezone

    from members.actions import take_a_break

    carol = make_member("Carol")
    reply(thread, bob, committed)  # bob follows now
    reply(thread, carol, committed)
    take_a_break(bob, timezone.now() + timedelta(days=3))
    reply(thread, make_member("Dana"), committed)
    assert replies_for(bob).get().describe() == "Carol replied in “Sleep when anxious”."
    assert replies_for(alice).get().describe() == (
        "Dana, Carol and 1 other replied in “Sleep when anxious”."
    )
    assert Profile.objects.get(user=bob).unread_notifications == 1


@pytest.mark.django_db
def test_a_daily_summary_tells_of_the_replies_once(thread, alice, committed, mailoutbox):
    Profile.objects.filter(user=alice).update(email_frequency=EmailFrequency.DAILY)
    for name in ["Sam", "Alex", "Carol"]:
        reply(thread, make_member(name), committed, body="Private words")
    call_command("send_digests", "daily", stdout=None)
    [message] = [m for m in mailoutbox if m.to == [alice.email]]
    assert message.body.count("replied in") == 1
    assert f"Carol, Alex and 1 other replied in “{TITLE}”." in message.body
    assert "Private words" not in message.body


@pytest.mark.django_db
def test_straight_away_e_mails_come_once_while_the_replies_gather(
    thread, alice, committed, mailoutbox
):
    Profile.objects.filter(user=alice).update(email_frequency=EmailFrequency.IMMEDIATE)
    for name in ["Sam", "Alex", "Carol"]:
        reply(thread, make_member(name), committed)
    assert len(mailoutbox) == 1  # the others e-mail once a day, as by default
    assert f"Sam replied in “{TITLE}”." in mailoutbox[0].body
    mark_notifications_read(alice)
    reply(thread, make_member("Dee"), committed)
    assert len(mailoutbox) == 2 and f"Dee replied in “{TITLE}”." in mailoutbox[1].body
