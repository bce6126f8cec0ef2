"""@mentions: linked once, when a post is cooked; the mentioned member is told once."""

from __future__ import annotations

import pytest

from forums import actions
from forums.actions import cook
from members.models import Block, Notification
from tests.factories import make_member, make_thread


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Telling people is a task queued when the post commits: run it here."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def mentions_of(user) -> list[str]:
    return [n.message for n in Notification.objects.filter(recipient=user, kind="mention")]


# --- Links -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_longest_name_wins_whatever_its_capitals(db):
    sam, sam_t = make_member("Sam"), make_member("Sam T")
    html, ids = cook("Thanks @sam t, and you too @SAM.")
    assert (
        '<a href="/members/Sam%20T/" class="mention" rel="nofollow ugc noopener">@Sam T</a>' in html
    )
    assert '<a href="/members/Sam/" class="mention" rel="nofollow ugc noopener">@Sam</a>.' in html
    assert ids == [sam_t.pk, sam.pk]


@pytest.mark.django_db
def test_names_with_accented_letters(db):
    lucia, zoe = make_member("Lucía"), make_member("Zoë B")
    html, ids = cook("Gracias @lucía y @ZOË B, y a quien lea: holaé@lucía no cuenta.")
    assert ids == [lucia.pk, zoe.pk]
    assert '<a href="/members/Luc%C3%ADa/" class="mention"' in html and ">@Lucía</a> y" in html
    assert ">@Zoë B</a>, y" in html


@pytest.mark.django_db
def test_names_with_dots_dashes_and_underscores(db):
    people = [make_member(n) for n in ("Ravi.K", "Juniper-Lou", "marigold_days")]
    html, ids = cook("@ravi.k, @juniper-lou and @Marigold_Days: hello")
    assert ids == [p.pk for p in people]
    assert ">@Ravi.K</a>, " in html and ">@Juniper-Lou</a> and" in html
    assert ">@marigold_days</a>: hello" in html


@pytest.mark.django_db
def test_never_inside_code_or_links_or_mid_word(db):
    make_member("Sam")
    html, ids = cook(
        "`@Sam` and\n\n    @Sam in code\n\n[hi @Sam](https://example.org) "
        "https://example.org/@Sam me@Sam @Samuel @Sam_x"
    )
    assert ids == [] and 'class="mention"' not in html


@pytest.mark.django_db
def test_unknown_closed_or_odd_names_stay_plain_and_escaped(db):
    make_member("Gone").__class__.objects.filter(profile__display_name="Gone").update(
        is_active=False
    )
    html, ids = cook("@Gone @nobody @<script>alert(1)</script>")
    assert ids == [] and "@Gone @nobody" in html
    assert "<script>" not in html and "@&lt;script&gt;" in html


@pytest.mark.django_db
def test_finding_names_is_one_query_however_many_mentions(db, django_assert_num_queries):
    for name in ("Ash", "Bea", "Cy", "Di"):
        make_member(name)
    with django_assert_num_queries(1):
        _, ids = cook("@Ash @Bea @Cy @Di @Ash @nobody " * 3)
    assert len(ids) == 4
    with django_assert_num_queries(0):
        cook("No mentions here, just an e-mail: me@example.org")


@pytest.mark.django_db
def test_the_link_leads_to_the_profile(client, thread, alice, bob):
    reply = actions.post_reply(thread=thread, author=alice, body="Hello @bob")
    client.force_login(bob)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert 'href="/members/Bob/" class="mention"' in html
    assert f'href="/p/{reply.pk}/"' in html
    assert client.get("/members/Bob/").status_code == 200


# --- Notifications ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_mentioned_member_is_told(client, thread, alice, bob, committed):
    with committed():
        reply = actions.post_reply(thread=thread, author=alice, body="What do you think, @Bob?")
    note = Notification.objects.get(recipient=bob)
    assert (note.kind, note.message) == ("mention", "Alice mentioned you in “Sleep when anxious”.")
    assert note.url == reply.get_absolute_url()
    bob.profile.refresh_from_db()
    assert bob.profile.unread_notifications == 1
    client.force_login(bob)
    assert "Alice mentioned you in" in client.get("/notifications/").content.decode()


@pytest.mark.django_db
def test_nobody_is_told_about_mentioning_themselves(thread, alice, committed):
    with committed():
        actions.post_reply(thread=thread, author=alice, body="Note to self, @Alice")
    assert not Notification.objects.filter(recipient=alice).exists()


@pytest.mark.django_db
def test_a_follower_who_is_mentioned_hears_once(thread, alice, bob, committed):
    with committed():
        actions.post_reply(thread=thread, author=bob, body="Thank you, @Alice")
    assert list(Notification.objects.filter(recipient=alice).values_list("kind", flat=True)) == [
        "mention"
    ]


@pytest.mark.django_db
def test_never_reaches_a_member_who_blocked_the_author(board, alice, bob, committed):
    board.allow_anonymous = True
    board.save()
    thread = make_thread(board, make_member("Cat"))
    Block.objects.create(blocker=bob, blocked=alice)
    with committed():
        actions.post_reply(thread=thread, author=alice, body="Hi @Bob")
        actions.post_reply(thread=thread, author=alice, body="Hi again @Bob", anonymous=True)
    assert not Notification.objects.filter(recipient=bob).exists()


@pytest.mark.django_db
def test_the_blocker_can_still_mention_the_member_they_blocked(board, alice, bob, committed):
    """A block is silent: nothing changes for the blocked member, mentions included."""
    thread = make_thread(board, make_member("Cat"))
    Block.objects.create(blocker=alice, blocked=bob)
    with committed():
        actions.post_reply(thread=thread, author=alice, body="Hi @Bob")
    assert Notification.objects.filter(recipient=bob).count() == 1


@pytest.mark.django_db
def test_an_anonymous_mention_names_nobody(board, alice, bob, committed):
    board.allow_anonymous = True
    board.save()
    thread = make_thread(board, make_member("Cat"), title="Quiet thread")
    with committed():
        actions.post_reply(thread=thread, author=alice, body="@Bob me too", anonymous=True)
    assert mentions_of(bob) == ["An anonymous member mentioned you in “Quiet thread”."]


@pytest.mark.django_db
def test_a_held_post_tells_only_when_approved(
    thread, alice, bob, moderator, hold_first_posts, committed
):
    from moderation import actions as moderation_actions

    newcomer = make_member("Newcomer")
    with committed():
        reply = actions.post_reply(thread=thread, author=newcomer, body="Hello @Bob")
    assert reply.is_pending and not mentions_of(bob)
    with committed():
        moderation_actions.approve(reply.review_items.get(), by=moderator)
    assert len(mentions_of(bob)) == 1


@pytest.mark.django_db
def test_only_members_who_can_read_the_thread_are_told(board, alice, bob, committed):
    """A thread whose opening post the moderators hid is only its author's to open."""
    opening = actions.start_thread(board=board, author=alice, title="Hidden for now", body="Hello")
    actions.hide_post(post=opening)
    with committed():
        reply = actions.post_reply(thread=opening.thread, author=alice, body="And @Bob too")
    assert reply.is_visible
    assert not mentions_of(bob)


@pytest.mark.django_db
def test_an_edit_tells_only_the_newly_mentioned(thread, alice, bob, committed):
    cat = make_member("Cat")
    with committed():
        reply = actions.post_reply(thread=thread, author=alice, body="Hi @Bob")
    with committed():
        actions.edit_post(post=reply, body="Hi @Bob and @Cat")
    with committed():
        actions.edit_post(post=reply, body="Hi @Bob and @Cat, thanks")
    assert len(mentions_of(bob)) == 1 and len(mentions_of(cat)) == 1


@pytest.mark.django_db
def test_a_moderators_edit_keeps_the_links_and_tells_nobody(
    thread, alice, bob, moderator, committed
):
    from moderation import actions as moderation_actions
    from moderation.models import ReviewItem

    reply = actions.post_reply(thread=thread, author=alice, body="Rude words. @Bob")
    moderation_actions.flag_post(post=reply, member=bob, reason="unkind")
    with committed():
        moderation_actions.edit(
            ReviewItem.objects.get(post=reply),
            by=moderator,
            body="Kind words, @Bob.",
            reason="Kinder.",
        )
    reply.refresh_from_db()
    assert 'href="/members/Bob/" class="mention"' in reply.body_html
    assert not mentions_of(bob)
