import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission

from forums.models import Board
from tests.conftest import count_queries
from tests.factories import give_two_step_sign_in, make_board, make_member, make_thread

CHANGELIST = "/admin/forums/thread/"


def act(client, action, threads, **extra):
    data = {"action": action, "_selected_action": [t.pk for t in threads], **extra}
    return client.post(CHANGELIST, data)


@pytest.mark.django_db
def test_moderator_pins_unpins_locks_and_unlocks(client, moderator, thread):
    client.force_login(moderator)
    assert client.get(CHANGELIST).status_code == 200
    for action, field, expected in [
        ("pin", "is_pinned", True),
        ("unpin", "is_pinned", False),
        ("lock", "is_locked", True),
        ("unlock", "is_locked", False),
    ]:
        assert act(client, action, [thread]).status_code == 302
        thread.refresh_from_db()
        assert getattr(thread, field) is expected
    assert LogEntry.objects.filter(user=moderator).count() == 4


@pytest.mark.django_db
def test_moderator_moves_a_thread_and_counts_follow(client, moderator, board, alice):
    thread = make_thread(board, alice, replies=2)
    target = make_board("grief", name="Grief")
    client.force_login(moderator)
    page = act(client, "move", [thread])
    assert page.status_code == 200 and "Move to board" in page.content.decode()
    response = act(client, "move", [thread], to_board=target.pk)
    assert response.status_code == 302
    thread.refresh_from_db()
    board.refresh_from_db()
    target.refresh_from_db()
    assert thread.board == target
    assert (board.thread_count, board.post_count, board.last_post) == (0, 0, None)
    assert (target.thread_count, target.post_count) == (1, 3)
    assert target.last_post == thread.last_post


@pytest.mark.django_db
def test_moderator_cannot_edit_boards_but_staff_can(client, moderator, staff, board):
    client.force_login(moderator)
    assert client.get("/admin/forums/board/add/").status_code == 403
    client.force_login(staff)
    response = client.post(
        "/admin/forums/board/add/",
        {
            "group": board.group_id,
            "name": "Sleep",
            "slug": "sleep",
            "description": "Nights",
            "guidelines": "- Be *gentle*",
            "position": 5,
            "visibility": "members",
        },
    )
    assert response.status_code == 302
    sleep = Board.objects.get(slug="sleep")
    assert sleep.visibility == "members"
    assert sleep.guidelines_html == "<ul>\n<li>Be <em>gentle</em></li>\n</ul>\n"


@pytest.mark.django_db
def test_new_boards_are_members_only_by_default(board):
    assert Board._meta.get_field("visibility").default == "members"
    assert not board.is_public


@pytest.mark.django_db
def test_members_cannot_reach_the_admin(client, alice, thread):
    client.force_login(alice)
    response = client.get(CHANGELIST)
    assert response.status_code == 302 and "/admin/login/" in response.url
    act(client, "lock", [thread])
    thread.refresh_from_db()
    assert not thread.is_locked


@pytest.mark.django_db
def test_visitors_cannot_reach_the_admin(client, thread):
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    act(client, "pin", [thread])
    thread.refresh_from_db()
    assert not thread.is_pinned


@pytest.mark.django_db
def test_admin_changelist_query_count_is_flat(client, moderator, board, alice):
    """Guards the N+1 of each row's board and author profile."""
    client.force_login(moderator)
    make_thread(board, alice, title="Only thread")
    few = count_queries(client, CHANGELIST)
    for i in range(15):
        make_thread(board, alice, title=f"Thread {i}")
    assert count_queries(client, CHANGELIST) == few


@pytest.mark.django_db
def test_each_switch_needs_its_own_permission(client, thread):
    """Pin and unpin need the pin permission, lock and unlock the lock permission."""
    pinner = give_two_step_sign_in(make_member("Pia", is_staff=True))
    pinner.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_thread", "pin_thread"])
    )
    client.force_login(pinner)
    html = client.get(CHANGELIST).content.decode()
    assert '<option value="pin">Pin selected threads</option>' in html
    assert '<option value="unpin">Unpin selected threads</option>' in html
    assert 'value="lock"' not in html and 'value="unlock"' not in html
    act(client, "lock", [thread])
    thread.refresh_from_db()
    assert not thread.is_locked
    act(client, "pin", [thread])
    thread.refresh_from_db()
    assert thread.is_pinned


@pytest.mark.django_db
def test_the_move_page_carries_the_action_and_the_threads_on(client, moderator, board, alice):
    """The page an action shows before it acts posts the same action and selection back
    (admin/action_confirmation.html, shared by every such page)."""
    threads = [make_thread(board, alice, title=f"Thread {n}") for n in range(2)]
    client.force_login(moderator)
    html = act(client, "move", threads).content.decode()
    assert '<input type="hidden" name="action" value="move">' in html
    for thread in threads:
        assert f'{thread.title} <small>(in {board})</small><input type="hidden" ' in html
        assert f'name="_selected_action" value="{thread.pk}">' in html
    assert '<input type="submit" value="Move threads">' in html


class Heard:
    """A recorder as an upper layer would list it: keeps what forums told it."""

    changes: list = []

    def thread_changed(self, change):
        self.changes.append(change)


@pytest.mark.django_db
def test_forums_tells_the_listed_recorders_of_each_thread_change(
    client, moderator, board, thread, settings
):
    """The seam (forums/thread_changes.py): each admin action on a thread reaches the
    recorders the settings list, with who did it; a move names both boards."""
    settings.BOOMITY_THREAD_CHANGE_RECORDERS = [f"{__name__}.Heard"]
    Heard.changes = []
    grief = make_board("grief", name="Grief")
    client.force_login(moderator)
    for action in ["pin", "unpin", "lock", "unlock"]:
        act(client, action, [thread])
    act(client, "move", [thread], to_board=grief.pk)
    assert [(c.action, c.thread.pk, c.by) for c in Heard.changes] == [
        (action, thread.pk, moderator) for action in ["pin", "unpin", "lock", "unlock", "move"]
    ]
    assert (Heard.changes[-1].from_board, Heard.changes[-1].to_board) == (board, grief)
