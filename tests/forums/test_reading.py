"""Unread marks, the Latest page and Needs a reply."""

import pytest

from forums import actions
from forums.models import ReadState
from members.models import Block
from tests.conftest import count_queries
from tests.factories import make_board, make_member, make_thread


@pytest.mark.django_db
def test_board_marks_new_threads_and_counts_new_posts(client, board, alice, bob):
    unseen = make_thread(board, alice, title="Never opened")
    seen = make_thread(board, alice, title="Read before")
    client.force_login(bob)
    client.get(seen.get_absolute_url())
    actions.post_reply(thread=seen, author=alice, body="one")
    actions.post_reply(thread=seen, author=alice, body="two")
    html = client.get(f"/b/{board.slug}/").content.decode()
    assert "New</span>" in html and unseen.title in html
    assert f'href="{seen.get_absolute_url()}#p2"' in html
    assert "2 new" in html


@pytest.mark.django_db
def test_opening_a_thread_marks_it_read_and_shows_where_new_posts_start(client, thread, alice, bob):
    client.force_login(bob)
    client.get(thread.get_absolute_url())
    assert ReadState.objects.get(member=bob, thread=thread).number == 1
    actions.post_reply(thread=thread, author=alice, body="A new reply")
    html = client.get(thread.get_absolute_url()).content.decode()
    assert html.index("New since your last visit") < html.index("A new reply")
    assert ReadState.objects.get(member=bob, thread=thread).number == 2
    again = client.get(thread.get_absolute_url()).content.decode()
    assert "New since your last visit" not in again


@pytest.mark.django_db
def test_your_own_reply_is_never_new_since_your_last_visit(client, thread, alice, bob):
    client.force_login(bob)
    client.get(thread.get_absolute_url())
    response = client.post(f"/t/{thread.pk}/reply/", {"body": "Mine, just now"}, follow=True)
    assert "Mine, just now" in response.content.decode()
    assert "New since your last visit" not in response.content.decode()
    actions.post_reply(thread=thread, author=alice, body="Alice answers")
    html = client.get(thread.get_absolute_url()).content.decode()
    assert html.index("Mine, just now") < html.index("New since your last visit")
    assert html.index("New since your last visit") < html.index("Alice answers")


@pytest.mark.django_db
def test_a_head_request_answers_like_the_page_but_reads_nothing(client, thread, alice, bob):
    """A link checker or a preview fetcher asking for the page with HEAD, in the
    member's browser session: the answer is the page's, the new posts stay new."""
    client.force_login(bob)
    client.get(thread.get_absolute_url())
    actions.post_reply(thread=thread, author=alice, body="A new reply")
    head = client.head(thread.get_absolute_url())
    assert head.status_code == 200 and head.content == b""
    assert ReadState.objects.get(member=bob, thread=thread).number == 1
    html = client.get(thread.get_absolute_url()).content.decode()
    assert html.index("New since your last visit") < html.index("A new reply")


@pytest.mark.django_db
def test_reading_an_old_page_never_moves_the_mark_back(client, board, alice, bob):
    thread = make_thread(board, alice, replies=30)
    client.force_login(bob)
    client.get(thread.get_absolute_url() + "?page=2")
    client.get(thread.get_absolute_url())
    assert ReadState.objects.get(member=bob, thread=thread).number == 31


@pytest.mark.django_db
def test_visitors_have_no_read_state(client, public_board, alice):
    thread = make_thread(public_board, alice)
    assert client.get(thread.get_absolute_url()).status_code == 200
    assert not ReadState.objects.exists()


@pytest.mark.django_db
def test_latest_shows_recent_activity_a_person_may_read(client, board, public_board, alice):
    make_thread(board, alice, title="Members only talk")
    make_thread(public_board, alice, title="Hello everyone")
    visitor = client.get("/latest/").content.decode()
    assert "Hello everyone" in visitor and "Members only talk" not in visitor
    client.force_login(alice)
    member = client.get("/latest/").content.decode()
    assert member.index("Hello everyone") < member.index("Members only talk")


@pytest.mark.django_db
def test_latest_refuses_writes(client):
    assert client.post("/latest/").status_code == 405


@pytest.mark.django_db
def test_latest_query_count_is_flat(client, board, alice):
    """Guards the N+1 of each row's board, author, last poster and read state."""
    client.force_login(alice)
    make_thread(board, alice)
    few = count_queries(client, "/latest/")
    for i in range(15):
        other = make_board(name=f"Board {i}")
        thread = make_thread(other, make_member(), title=f"Thread {i}")
        actions.post_reply(thread=thread, author=make_member(), body="Me too")
    assert count_queries(client, "/latest/") == few


@pytest.mark.django_db
def test_needs_reply_lists_unanswered_threads_oldest_first(client, board, alice, bob):
    older = make_thread(board, alice, title="Older and alone")
    newer = make_thread(board, alice, title="Newer and alone")
    answered = make_thread(board, alice, title="Already answered")
    actions.post_reply(thread=answered, author=bob, body="I hear you")
    talking_to_self = make_thread(board, alice, title="Only my own replies")
    actions.post_reply(thread=talking_to_self, author=alice, body="Anyone?")
    client.force_login(bob)
    html = client.get("/needs-reply/").content.decode()
    assert html.index(older.title) < html.index(newer.title) < html.index(talking_to_self.title)
    assert answered.title not in html


def listed(response) -> str:
    """The list of threads to answer (not the note about one's own)."""
    html = response.content.decode()
    return html[html.index('<ol class="thread-list">') :] if "thread-list" in html else ""


@pytest.mark.django_db
def test_needs_reply_never_lists_a_members_own_threads(client, board, alice, bob):
    from tests.factories import set_moderation

    speak_freely = make_board("speak-freely", allow_anonymous=True)
    make_thread(board, alice, title="Alice waits")
    make_thread(speak_freely, alice, title="Alice waits, anonymously", anonymous=True)
    make_thread(board, bob, title="Bob waits")
    set_moderation(new_member_hold_count=1)
    newcomer = make_member("Newcomer")
    held = make_thread(board, newcomer, title="Newcomer waits for a moderator")
    assert not held.is_visible
    client.force_login(alice)
    html = listed(client.get("/needs-reply/"))
    assert "Bob waits" in html and "Alice waits" not in html
    # The home page's count is the list's: Bob's thread only.
    assert "1 thread is waiting for a first reply" in client.get("/").content.decode()
    client.force_login(newcomer)
    html = listed(client.get("/needs-reply/"))
    assert "Newcomer waits" not in html and "Bob waits" in html and "Alice waits," in html
    assert "3 threads are waiting for a first reply" in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_newcomers_first_thread_is_highlighted(client, board, alice, bob):
    make_thread(board, alice, title="My very first words")
    make_thread(board, alice, title="My second thread")
    client.force_login(bob)
    html = client.get("/needs-reply/").content.decode()
    first = html[html.index("thread-row--newcomer") :]
    assert "My very first words" in first[:600]
    assert html.count("First post</span>") == 1


@pytest.mark.django_db
def test_a_hidden_answer_puts_the_thread_back_in_needs_reply(client, board, alice, bob):
    thread = make_thread(board, alice, title="Is anyone there")
    reply = actions.post_reply(thread=thread, author=bob, body="Yes")
    thread.refresh_from_db()
    assert thread.answered_at is not None
    actions.hide_post(post=reply)
    thread.refresh_from_db()
    assert thread.answered_at is None


@pytest.mark.django_db
def test_needs_reply_leaves_out_members_one_has_blocked(client, board, alice, bob):
    make_thread(board, alice, title="From someone blocked")
    Block.objects.create(blocker=bob, blocked=alice)
    client.force_login(bob)
    assert "From someone blocked" not in client.get("/needs-reply/").content.decode()


@pytest.mark.django_db
def test_needs_reply_needs_sign_in_and_refuses_writes(client, alice):
    response = client.get("/needs-reply/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    client.force_login(alice)
    assert client.post("/needs-reply/").status_code == 405


@pytest.mark.django_db
def test_needs_reply_query_count_is_flat(client, board, bob):
    """Guards the N+1 of each row's board and author profile."""
    client.force_login(bob)
    make_thread(board, make_member())
    few = count_queries(client, "/needs-reply/")
    for i in range(15):
        make_thread(board, make_member(), title=f"Waiting {i}")
    assert count_queries(client, "/needs-reply/") == few


@pytest.mark.django_db
def test_home_invites_members_to_help(client, board, alice, bob):
    make_thread(board, alice, title="Waiting")
    make_thread(board, alice, title="Also waiting")
    client.force_login(bob)
    html = client.get("/").content.decode()
    assert "2 threads are waiting for a first reply" in html
    client.logout()
    assert "waiting for a first reply" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_board_query_count_with_unread_marks_is_flat(client, board, alice):
    """Guards the N+1 of each thread's read state."""
    client.force_login(alice)
    make_thread(board, alice)
    few = count_queries(client, f"/b/{board.slug}/")
    for i in range(15):
        thread = make_thread(board, make_member(), title=f"T{i}")
        client.get(thread.get_absolute_url())
        actions.post_reply(thread=thread, author=make_member(), body="new")
    assert count_queries(client, f"/b/{board.slug}/") == few


@pytest.mark.django_db
def test_needs_reply_tells_a_member_their_own_thread_waits_never_that_all_are_answered(
    client, board, alice, bob
):
    """At 2 a.m. "Every thread has had a reply" reads as "you were skipped" when theirs
    hasn't had one: their own waiting thread is named apart, with where help is."""
    make_thread(board, bob, title="I feel so alone tonight")
    client.force_login(bob)
    html = client.get("/needs-reply/").content.decode().replace("&#x27;", "'")
    assert "Your thread is waiting for its first reply" in html
    assert "I feel so alone tonight" in html
    assert "Every thread has had a reply" not in html
    assert 'href="/help/"' in html
    client.force_login(alice)
    html = client.get("/needs-reply/").content.decode()
    assert "Your thread is waiting" not in html and "I feel so alone tonight" in html


@pytest.mark.django_db
def test_what_a_page_asks_of_its_reader_is_theirs_alone(board, alice, bob):
    """The three things every page asks of its reader, each built once per process: how
    far they read a thread, whom they blocked and what they muted — theirs, never
    another member's, and nothing for a visitor."""
    from django.contrib.auth.models import AnonymousUser

    from forums.models import Mute, MuteKind, Mutes
    from members.actions import block
    from members.models import blocked_ids

    carol = make_member("Carol")
    thread, other = make_thread(board, carol, replies=3), make_thread(board, carol)
    ReadState.objects.create(member=alice, thread=thread, number=2)
    ReadState.objects.create(member=bob, thread=thread, number=4)
    ReadState.objects.create(member=alice, thread=other, number=1)
    block(alice, carol)
    block(bob, alice)
    Mute.objects.create(member=alice, kind=MuteKind.WORD, phrase="relapse")
    Mute.objects.create(member=alice, kind=MuteKind.THREAD, thread=other)
    Mute.objects.create(member=bob, kind=MuteKind.WORD, phrase="hospital")
    visitor = AnonymousUser()

    assert ReadState.objects.last_read_in(alice, thread) == 2
    assert ReadState.objects.last_read_in(bob, thread) == 4
    assert ReadState.objects.last_read_in(carol, thread) is None
    assert ReadState.objects.last_read_in(visitor, thread) is None
    assert blocked_ids(alice) == {carol.pk}
    assert blocked_ids(bob) == {alice.pk}
    assert blocked_ids(carol) == set() == blocked_ids(visitor)
    mine = Mutes.of(alice)
    assert mine.words == ["relapse"] and mine.thread_ids == {other.pk}
    assert {m.pk for m in mine.rows} == set(Mute.objects.of(alice).values_list("pk", flat=True))
    assert Mutes.of(bob).words == ["hospital"] and not Mutes.of(bob).thread_ids
    assert Mutes.of(visitor).words == [] and Mutes.of(carol).rows == []


@pytest.mark.django_db
def test_a_members_own_waiting_threads_are_what_the_orm_finds(board, alice, bob):
    """forums.models.own_threads_waiting (a query built once): hers alone, listed or held
    for a moderator, never answered or locked ones, oldest first, five at most, every
    column as the ORM reads it."""
    from forums.models import OWN_WAITING_SHOWN, Thread, own_threads_waiting

    def orm(member):
        return list(
            Thread.objects.listed_for(member)
            .filter(author=member)
            .unanswered()
            .order_by("created_at", "pk")[:OWN_WAITING_SHOWN]
        )

    make_thread(board, bob, title="Bob's")
    answered = make_thread(board, alice, title="Answered")
    actions.post_reply(thread=answered, author=bob, body="I hear you")
    make_thread(board, alice, title="Locked").lock()
    actions.start_thread(board=board, author=alice, title="Held", body="Hi", held_because="held")
    for i in range(OWN_WAITING_SHOWN + 1):
        make_thread(board, alice, title=f"Waiting {i}", content_warning="Self-harm" if i else "")
    for member in (alice, bob):
        theirs, expected = own_threads_waiting(member), orm(member)
        assert [t.pk for t in theirs] == [t.pk for t in expected]
        for thread, same in zip(theirs, expected, strict=True):
            for field in Thread._meta.concrete_fields:
                assert getattr(thread, field.attname) == getattr(same, field.attname)
    assert [t.title for t in own_threads_waiting(alice)] == [
        "Held",
        *(f"Waiting {i}" for i in range(OWN_WAITING_SHOWN - 1)),
    ]
    assert [t.is_visible for t in own_threads_waiting(alice)][:2] == [False, True]
    assert [t.title for t in own_threads_waiting(bob)] == ["Bob's"]
