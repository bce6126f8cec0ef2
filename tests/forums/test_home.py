import pytest

from forums.models import BoardGroup
from tests.conftest import count_queries
from tests.factories import make_board, make_member, make_thread


@pytest.mark.django_db
def test_visitor_sees_groups_boards_and_a_way_in(client, board, public_board, alice):
    make_thread(board, alice, title="A private worry", replies=2)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Anxiety" in html and "Introductions" in html
    assert "Support" in html  # the group
    assert "/accounts/signup/" in html and "/accounts/login/" in html
    assert "/guidelines/" in html
    assert "1 thread" in html and "3 posts" in html
    # Titles of members-only threads are contents: visitors don't see them.
    assert "A private worry" not in html
    # The home page is public and indexable.
    assert 'name="robots"' not in html
    assert "X-Robots-Tag" not in response.headers


@pytest.mark.django_db
def test_member_sees_latest_activity(client, board, alice):
    make_thread(board, alice, title="A private worry", replies=1)
    client.force_login(alice)
    html = client.get("/").content.decode()
    assert "A private worry" in html
    assert "<time datetime=" in html


@pytest.mark.django_db
def test_home_refuses_writes(client):
    assert client.post("/").status_code == 405


@pytest.mark.django_db
def test_home_query_count_does_not_grow_with_boards(client, alice):
    """Guards the N+1 of reading each board's group and latest post one by one."""
    client.force_login(alice)
    board = make_board()
    make_thread(board, alice, replies=1)
    few = count_queries(client, "/")
    for i in range(12):
        group = BoardGroup.objects.create(name=f"Group {i}", slug=f"group-{i}", position=i)
        extra = make_board(group=group)
        make_thread(extra, alice, replies=2)
    many = count_queries(client, "/")
    assert few == many
    # Session, account, profile, boards, threads waiting for a reply, whether a
    # check-in is due (the one query the invitation adds, on this page only), and the
    # member's mutes (muted words fold a board's latest title).
    assert many <= 7


@pytest.mark.django_db
def test_a_warning_left_out_hides_the_latest_title_and_its_wait_for_that_member_only(
    client, board, alice, bob
):
    from forums import actions
    from forums.models import WarningMute

    make_thread(board, bob, title="A hard night", content_warning="Self-harm")
    actions.mute_warning(member=alice, label="Self-harm", mode=WarningMute.LEFT_OUT)
    client.force_login(alice)
    html = client.get("/").content.decode()
    assert "A hard night" not in html and "last activity" in html
    assert "all in what you muted" in html  # the one waiting thread is left out for her
    client.force_login(make_member("Carol"))
    html = client.get("/").content.decode()
    assert "A hard night" in html
    assert "1 thread is waiting for a first reply" in html


@pytest.mark.django_db
def test_a_blocked_authors_latest_title_stays_out_of_the_blockers_home_only(
    client, board, alice, bob
):
    from members.actions import block

    make_thread(board, bob, title="News from Bob")
    block(alice, bob)
    client.force_login(alice)
    assert "News from Bob" not in client.get("/").content.decode()
    client.force_login(bob)  # a block is silent: the blocked member sees it as before
    assert "News from Bob" in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_held_thread_is_never_anyones_latest_on_home(client, board, alice, bob):
    from forums import actions

    make_thread(board, bob, title="Out in the open")
    actions.start_thread(
        board=board, author=bob, title="Waiting for a moderator", body="Hi", held_because="x"
    )
    for member in (alice, bob):
        client.force_login(member)
        html = client.get("/").content.decode()
        assert "Out in the open" in html and "Waiting for a moderator" not in html


@pytest.mark.django_db
def test_home_reads_mutes_once_and_the_rule_is_the_same_as_the_lists(board, alice, bob):
    """The home page leaves out what a member muted with the rows it read already
    (forums.models._muted_among): the same threads as the lists' subqueries leave out."""
    from forums import actions
    from forums.models import Mute, Mutes, Thread, Topic, WarningMute

    sleep = Topic.objects.get(slug="sleep")
    other = make_board()
    threads = [
        make_thread(board, bob, title="In a muted board"),
        make_thread(other, bob, title="Muted itself"),
        make_thread(other, bob, title="About sleep", topics=[sleep]),
        make_thread(other, bob, title="Left out", content_warning="Self-harm"),
        make_thread(other, bob, title="Kept closed", content_warning="Eating disorders"),
        make_thread(other, bob, title="Nothing muted"),
        make_thread(board, alice, title="Her own, in a muted board"),
    ]

    def same_rule():
        mutes = Mutes.of(alice)
        for places in (True, False):
            for warnings in (True, False):
                subqueries = Thread.objects.unmuted_for(alice, places=places, warnings=warnings)
                rows = Thread.objects.unmuted_for(
                    alice, places=places, warnings=warnings, mutes=mutes
                )
                assert set(rows) == set(subqueries), (places, warnings)
        return {t.title for t in Thread.objects.unmuted_for(alice, mutes=mutes)}

    assert same_rule() == {t.title for t in threads}  # nothing muted yet
    actions.toggle_mute(member=alice, target=board)
    actions.toggle_mute(member=alice, target=threads[1])
    actions.toggle_mute(member=alice, target=sleep)
    actions.mute_warning(member=alice, label="Self-harm", mode=WarningMute.LEFT_OUT)
    actions.mute_warning(member=alice, label="Eating disorders", mode=WarningMute.COLLAPSED)
    Mute.objects.create(member=alice, kind="word", phrase="news")
    assert same_rule() == {"Kept closed", "Nothing muted", "Her own, in a muted board"}
    # Another member's mutes are never taken for hers.
    with pytest.raises(ValueError, match="another member's mutes"):
        Thread.objects.unmuted_for(bob, mutes=Mutes.of(alice))


def _every_kind_of_latest(alice, bob):
    """A board for each way a board's latest thread is shown to, or kept from, alice:
    she blocked bob and muted a board, a thread, a topic and a warning."""
    from forums import actions
    from forums.models import Topic, WarningMute
    from members.actions import block

    block(alice, bob)
    sleep = Topic.objects.get(slug="sleep")
    other = make_member("Cleo")
    group = BoardGroup.objects.create(name="Later", slug="later", position=9)
    boards = {name: make_board(name=name) for name in ("Blocked", "Muted", "Hers", "Plain")}
    boards |= {
        name: make_board(name=name, group=group, public=True, allow_anonymous=True)
        for name in ("Anonymous", "Thread", "Topic", "Left out", "Closed", "Empty")
    }
    make_thread(boards["Blocked"], bob, title="Bob's, named")
    make_thread(boards["Anonymous"], bob, title="Bob's, anonymous", anonymous=True)
    make_thread(boards["Muted"], other, title="In a muted board")
    make_thread(boards["Hers"], alice, title="Her own, in a muted board")
    muted_thread = make_thread(boards["Thread"], other, title="Muted itself")
    make_thread(boards["Topic"], other, title="About sleep", topics=[sleep])
    make_thread(boards["Left out"], other, title="Left out", content_warning="Self-harm")
    make_thread(boards["Closed"], other, title="Kept closed", content_warning="Eating disorders")
    make_thread(boards["Plain"], other, title="Nothing muted")
    for name in ("Muted", "Hers"):
        actions.toggle_mute(member=alice, target=boards[name])
    actions.toggle_mute(member=alice, target=muted_thread)
    actions.toggle_mute(member=alice, target=sleep)
    actions.mute_warning(member=alice, label="Self-harm", mode=WarningMute.LEFT_OUT)
    actions.mute_warning(member=alice, label="Eating disorders", mode=WarningMute.COLLAPSED)


@pytest.mark.django_db
def test_each_boards_latest_is_what_the_lists_rule_lets_each_reader_see(
    alice, bob, django_assert_num_queries
):
    """forums.models.boards_with_latest (a query built once) against the ORM: every
    column a card shows, and a latest thread hidden exactly when the lists leave it out
    for that reader (a block, a muted board, thread or topic, a warning left out)."""
    from django.contrib.auth.models import AnonymousUser

    from forums.models import Board, Mutes, Thread, boards_with_latest

    _every_kind_of_latest(alice, bob)
    expected_hidden = {"Blocked", "Muted", "Thread", "Topic", "Left out"}
    for viewer in (alice, bob, AnonymousUser()):
        boards = boards_with_latest(viewer, Mutes.of(viewer))
        orm = list(Board.objects.in_order().select_related("group", "last_post__thread"))
        assert [b.pk for b in boards] == [b.pk for b in orm]
        hidden = set()
        with django_assert_num_queries(0):
            for board, theirs in zip(boards, orm, strict=True):
                for field in Board._meta.concrete_fields:
                    if field.name not in ("guidelines", "guidelines_html"):
                        assert getattr(board, field.attname) == getattr(theirs, field.attname)
                assert board.group.name == theirs.group.name
                assert board.group.slug == theirs.group.slug
                if theirs.last_post is None:
                    assert board.last_post is None
                    continue
                thread, their_thread = board.last_post.thread, theirs.last_post.thread
                for name in ("pk", "title", "content_warning", "author_id", "is_anonymous"):
                    assert getattr(thread, name) == getattr(their_thread, name)
                if board.last_thread_hidden:
                    hidden.add(board.name)
        lists_leave_out = {
            board.name
            for board in orm
            if board.last_post is not None
            and not Thread.objects.filter(pk=board.last_post.thread_id)
            .unblocked_for(viewer)
            .unmuted_for(viewer)
            .exists()
        }
        assert hidden == lists_leave_out
        assert hidden == (expected_hidden if viewer == alice else set())


@pytest.mark.django_db
def test_home_with_mutes_asks_one_query_more_however_many_boards(client, alice, bob):
    from forums import actions

    board = make_board()
    make_thread(board, bob)
    client.force_login(alice)
    none_muted = count_queries(client, "/")
    actions.toggle_mute(member=alice, target=board)
    few = count_queries(client, "/")
    _every_kind_of_latest(alice, bob)
    assert count_queries(client, "/") == few == none_muted + 1
