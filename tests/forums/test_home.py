import pytest

from forums.models import BoardGroup
from tests.conftest import count_queries
from tests.factories import make_board, make_thread


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
