"""On a board: threads started by members who share my experiences (?shared=1)."""

from __future__ import annotations

import pytest

from forums import actions
from members.models import Block
from tests.conftest import count_queries, main_of
from tests.factories import make_member, make_thread, share

FILTER = "Started by members who share my experiences"


@pytest.fixture
def anon_board(board):
    board.allow_anonymous = True
    board.save()
    return board


@pytest.mark.django_db
def test_offered_only_to_members_who_share_experiences(client, board, public_board, alice):
    assert FILTER not in main_of(client.get(f"/b/{public_board.slug}/"))  # visitors
    client.force_login(alice)
    assert FILTER not in main_of(client.get(f"/b/{board.slug}/"))
    share(alice, "Anxiety", shown=False)
    assert FILTER not in main_of(client.get(f"/b/{board.slug}/"))
    share(alice, "Anxiety")
    assert FILTER in main_of(client.get(f"/b/{board.slug}/"))


@pytest.mark.django_db
def test_without_shared_experiences_the_filter_changes_nothing(client, board, alice, bob):
    make_thread(board, bob, title="A thread for everyone")
    client.force_login(alice)
    assert "A thread for everyone" in main_of(client.get(f"/b/{board.slug}/?shared=1"))


@pytest.mark.django_db
def test_lists_threads_whose_authors_show_an_experience_i_share(client, anon_board, alice, bob):
    carol, dee, eve = make_member("Carol"), make_member("Dee"), make_member("Eve")
    share(alice, "Anxiety", "Grief and loss")
    share(bob, "Grief and loss")
    share(carol, "Anxiety", shown=False)  # keeps it private: never matched
    share(dee, "Psychosis")  # shows something else
    share(eve, "Anxiety")
    make_thread(anon_board, bob, title="From Bob")
    make_thread(anon_board, carol, title="From Carol")
    make_thread(anon_board, dee, title="From Dee")
    make_thread(anon_board, eve, title="Quietly from Eve", anonymous=True)  # never matches
    make_thread(anon_board, alice, title="My own thread")
    client.force_login(alice)
    html = main_of(client.get(f"/b/{anon_board.slug}/?shared=1"))
    assert "From Bob" in html
    for title in ("From Carol", "From Dee", "Quietly from Eve", "My own thread"):
        assert title not in html, title
    assert 'aria-current="page">Started by members' in html
    everything = main_of(client.get(f"/b/{anon_board.slug}/"))
    assert "From Carol" in everything and 'aria-current="page">All threads' in everything


@pytest.mark.django_db
def test_a_block_keeps_threads_out_of_the_blockers_filter_only(client, board, alice, bob):
    share(alice, "Anxiety")
    share(bob, "Anxiety")
    make_thread(board, bob, title="From Bob")
    make_thread(board, alice, title="From Alice")
    Block.objects.create(blocker=alice, blocked=bob)
    client.force_login(alice)
    assert "From Bob" not in main_of(client.get(f"/b/{board.slug}/?shared=1"))
    client.force_login(bob)  # a block is silent: Bob's filter finds Alice as before
    assert "From Alice" in main_of(client.get(f"/b/{board.slug}/?shared=1"))


@pytest.mark.django_db
def test_pages_keep_the_filter(client, board, alice, bob, settings):
    settings.BOOMITY_THREADS_PER_PAGE = 2
    share(alice, "Anxiety")
    share(bob, "Anxiety")
    for i in range(3):
        make_thread(board, bob, title=f"Thread {i}")
    client.force_login(alice)
    html = main_of(client.get(f"/b/{board.slug}/?shared=1"))
    assert f'href="/b/{board.slug}/?shared=1&amp;before=' in html


@pytest.mark.django_db
def test_nothing_matching_gets_a_kind_empty_state(client, board, alice, bob):
    share(alice, "Anxiety")
    make_thread(board, bob)
    client.force_login(alice)
    html = main_of(client.get(f"/b/{board.slug}/?shared=1"))
    assert "No threads here yet from members who share your experiences" in html


@pytest.mark.django_db
def test_board_with_the_filter_query_count_is_flat(client, board, alice):
    """Guards the N+1 of each thread's author experiences, badges and last poster."""
    share(alice, "Anxiety", "Depression")
    client.force_login(alice)
    first = make_member()
    share(first, "Anxiety")
    make_thread(board, first)
    plain_few = count_queries(client, f"/b/{board.slug}/")
    few = count_queries(client, f"/b/{board.slug}/?shared=1")
    for i in range(20):
        author = make_member()
        share(author, "Anxiety", "Depression", "OCD")
        thread = make_thread(board, author, title=f"Thread {i}")
        actions.post_reply(thread=thread, author=make_member(), body="Me too")
    assert count_queries(client, f"/b/{board.slug}/?shared=1") == few <= 12  # + the topics
    # The filter and the blocks are subqueries of the one listing query: nothing more.
    assert count_queries(client, f"/b/{board.slug}/") == plain_few == few
