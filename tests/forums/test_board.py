import pytest

from tests.conftest import count_queries
from tests.factories import make_member, make_thread


@pytest.mark.django_db
def test_visitor_is_asked_to_sign_in_for_a_members_only_board(client, board):
    response = client.get("/b/anxiety/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/b/anxiety/"


@pytest.mark.django_db
def test_visitor_reads_a_public_board(client, public_board, alice):
    make_thread(public_board, alice, title="Hello from the sea")
    response = client.get("/b/introductions/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hello from the sea" in html
    assert 'name="robots"' not in html


@pytest.mark.django_db
def test_members_only_board_is_noindex(client, board, alice):
    client.force_login(alice)
    response = client.get("/b/anxiety/")
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_unknown_board_is_a_kind_404(client, alice):
    client.force_login(alice)
    response = client.get("/b/nope/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_board_refuses_writes(client, board, alice):
    client.force_login(alice)
    assert client.post("/b/anxiety/").status_code == 405


@pytest.mark.django_db
def test_pinned_first_then_latest_activity(client, board, alice):
    from forums import actions

    old = make_thread(board, alice, title="Old thread")
    pinned = make_thread(board, alice, title="Read me first")
    pinned.pin()
    fresh = make_thread(board, alice, title="Fresh thread")
    actions.post_reply(thread=old, author=alice, body="bump")  # now the most recent
    client.force_login(alice)
    html = client.get("/b/anxiety/").content.decode()
    positions = [html.index(t) for t in ["Read me first", "Old thread", fresh.title]]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_board_query_count_does_not_grow_with_threads(client, board, alice):
    """Guards the N+1 of loading each thread's author and last poster's profile."""
    client.force_login(alice)
    make_thread(board, alice, replies=1)
    few = count_queries(client, "/b/anxiety/")
    for i in range(20):
        other = make_member()
        t = make_thread(board, other, title=f"Thread {i}")
        from forums import actions

        actions.post_reply(thread=t, author=make_member(), body="Me too.")
    many = count_queries(client, "/b/anxiety/")
    assert few == many
    # 8, plus the threads' topics (one prefetch), the topic filter's choices, the
    # viewer's mutes (one query however many) and the experiences the viewer shows (one
    # query, for the "members who share my experiences" offer: which ones are shown is
    # on each experience now, so it is asked even of a member who shows none).
    assert many <= 12
