"""Reactions to one's posts, told in one notification while it is unread."""

import pytest

from forums import actions
from members.actions import block
from members.models import Block, Notification, NotificationKind, Profile
from tests.conftest import count_queries
from tests.factories import make_member, make_thread


@pytest.fixture
def post(thread):
    return thread.posts.get(number=1)  # Alice's, in “Sleep when anxious”


def react(post, member, kind="support"):
    return actions.toggle_reaction(post=post, member=member, kind=kind)


def unread_count(member) -> int:
    return Profile.objects.get(user=member).unread_notifications


def reactions_for(member):
    return Notification.objects.filter(recipient=member, kind=NotificationKind.REACTION)


@pytest.mark.django_db
def test_the_author_hears_about_a_reaction(post, alice, bob):
    react(post, bob)
    note = reactions_for(alice).get()
    assert note.message == "Bob reacted to your post in “Sleep when anxious”: Sending support."
    assert note.url == f"/p/{post.pk}/"
    assert unread_count(alice) == 1
    assert not Notification.objects.filter(recipient=bob).exists()


@pytest.mark.django_db
def test_more_reactions_join_the_unread_notification_and_the_count_stays_one(post, alice, bob):
    react(post, bob, "support")
    react(post, bob, "thanks")
    for name in ["Sam", "Alex", "Carol", "Dee"]:
        react(post, make_member(name), "thanks" if name != "Dee" else "metoo")
    note = reactions_for(alice).get()
    assert note.message == (
        "Dee, Carol and 3 others reacted to your post in “Sleep when anxious”: "
        "Sending support, Thank you, Me too."
    )
    assert unread_count(alice) == 1


@pytest.mark.django_db
def test_three_people_read_as_one_other(post, alice, bob):
    for member in [bob, make_member("Sam"), make_member("Alex")]:
        react(post, member)
    assert reactions_for(alice).get().message.startswith("Alex, Sam and 1 other reacted")


@pytest.mark.django_db
def test_reactions_to_different_posts_are_told_apart(thread, post, alice, bob):
    actions.post_reply(thread=thread, author=alice, body="Thank you all.")
    react(post, bob)
    react(thread.posts.get(number=2), bob)
    assert reactions_for(alice).count() == 2
    assert unread_count(alice) == 2


@pytest.mark.django_db
def test_once_read_a_new_reaction_starts_a_new_notification(client, post, alice, bob):
    react(post, bob)
    client.force_login(alice)
    client.get("/notifications/")
    sam = make_member("Sam")
    react(post, sam, "helpful")
    newest = reactions_for(alice).order_by("-created_at").first()
    assert reactions_for(alice).count() == 2
    assert newest.read_at is None
    assert newest.message == "Sam reacted to your post in “Sleep when anxious”: Helpful."
    assert unread_count(alice) == 1
    html = client.get("/notifications/").content.decode()
    assert html.count('<span class="badge">New</span>') == 1


@pytest.mark.django_db
def test_taking_a_reaction_back_sends_nothing_and_giving_it_again_isnt_news(
    client, post, alice, bob
):
    react(post, bob)
    client.force_login(alice)
    client.get("/notifications/")
    react(post, bob)  # taken back
    react(post, bob)  # given again
    assert reactions_for(alice).count() == 1
    assert unread_count(alice) == 0


@pytest.mark.django_db
def test_nobody_hears_of_reactions_from_someone_they_blocked(board, alice, bob):
    carol = make_member("Carol")
    alices = make_thread(board, alice, title="Alice's").posts.get(number=1)
    carols = make_thread(board, carol, title="Carol's").posts.get(number=1)
    Block.objects.create(blocker=alice, blocked=bob)  # Alice blocked Bob
    Block.objects.create(blocker=bob, blocked=carol)  # Bob blocked Carol
    react(alices, bob)
    assert unread_count(alice) == 0
    react(carols, bob)  # a block is silent: Carol, whom Bob blocked, hears as before
    told = reactions_for(carol).get().message
    assert told == "Bob reacted to your post in “Carol's”: Sending support."
    assert not reactions_for(alice).exists()


@pytest.mark.django_db
def test_an_anonymous_post_is_no_way_round_a_block(board, alice, bob):
    board.allow_anonymous = True
    board.save()
    post = make_thread(board, alice, title="Quietly", anonymous=True).posts.get(number=1)
    Block.objects.create(blocker=alice, blocked=bob)
    reacted, _ = react(post, bob)  # Bob can't know whose post it is, so he may react…
    assert reacted
    assert not reactions_for(alice).exists()  # …but Alice isn't told


@pytest.mark.django_db
def test_blocking_takes_the_name_out_of_notifications_and_keeps_the_count_true(post, alice, bob):
    sam = make_member("Sam")
    react(post, bob)
    react(post, sam, "thanks")
    block(alice, bob)
    note = reactions_for(alice).get()
    assert "Bob" not in note.message
    assert note.message == "Sam reacted to your post in “Sleep when anxious”: Thank you."
    assert unread_count(alice) == 1


@pytest.mark.django_db
def test_a_notification_left_naming_nobody_goes_and_the_count_follows(board, post, alice, bob):
    react(post, bob)
    bobs = make_thread(board, bob, title="Bob's").posts.get(number=1)
    react(bobs, alice)
    assert unread_count(alice) == unread_count(bob) == 1
    block(bob, alice)  # Bob blocks Alice: his notifications no longer name her…
    assert not reactions_for(bob).exists()
    assert unread_count(bob) == 0
    # …and nothing changes for Alice: a block is silent.
    assert "Bob reacted" in reactions_for(alice).get().message
    assert unread_count(alice) == 1


@pytest.mark.django_db
def test_the_reaction_page_shows_the_grouped_notification(client, post, alice, bob):
    client.force_login(bob)
    client.post(f"/p/{post.pk}/react/", {"kind": "metoo"})
    client.force_login(alice)
    html = client.get("/notifications/").content.decode()
    assert "Reactions to your post" in html
    assert "Bob reacted to your post in “Sleep when anxious”: Me too." in html


@pytest.mark.django_db
def test_the_notifications_page_costs_the_same_with_many_grouped_notifications(
    client, board, alice, bob
):
    """Guards an N+1: naming each notification's people (and their profiles) per row
    when drawing the page, instead of using the text made when it changed."""
    client.force_login(alice)

    def reactions_to_new_posts(n: int) -> None:
        for i in range(n):
            post = make_thread(board, alice, title=f"Thread {i}").posts.get(number=1)
            react(post, bob)
            react(post, make_member(), "thanks")

    reactions_to_new_posts(2)
    few = count_queries(client, "/notifications/")
    reactions_to_new_posts(12)
    assert count_queries(client, "/notifications/") == few
