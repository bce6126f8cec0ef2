import pytest

from forums.models import Board, PostStatus

REPLY_BODY = "Original words"  # the `reply` fixture's words, which the tests edit


@pytest.mark.django_db
def test_author_edits_their_post_and_the_edit_is_dated(client, reply, bob):
    client.force_login(bob)
    form = client.get(f"/p/{reply.pk}/edit/").content.decode()
    assert "Original words</textarea>" in form
    response = client.post(f"/p/{reply.pk}/edit/", {"body": "Better *words*"})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.body_html == "<p>Better <em>words</em></p>\n"
    assert reply.edited_at is not None
    page = client.get(reply.thread.get_absolute_url()).content.decode()
    assert "edited <time" in page


@pytest.mark.django_db
def test_editing_the_opening_post_can_change_the_title(client, thread, alice):
    opening = thread.posts.get()
    client.force_login(alice)
    client.post(f"/p/{opening.pk}/edit/", {"title": "Sleep and worry", "body": "Updated"})
    thread.refresh_from_db()
    assert thread.title == "Sleep and worry" and thread.slug == "sleep-and-worry"


@pytest.mark.django_db
def test_edit_errors_keep_the_text(client, reply, bob):
    client.force_login(bob)
    response = client.post(f"/p/{reply.pk}/edit/", {"body": ""})
    assert response.status_code == 400
    assert "Your message is empty" in response.content.decode()
    reply.refresh_from_db()
    assert reply.body == "Original words"


@pytest.mark.django_db
def test_someone_elses_post_is_not_found(client, reply, alice):
    client.force_login(alice)
    assert client.get(f"/p/{reply.pk}/edit/").status_code == 404
    assert client.post(f"/p/{reply.pk}/edit/", {"body": "hijack"}).status_code == 404
    assert client.post(f"/p/{reply.pk}/delete/").status_code == 404
    reply.refresh_from_db()
    assert reply.body == "Original words" and reply.status == PostStatus.VISIBLE


@pytest.mark.django_db
def test_visitor_cannot_edit_or_delete(client, reply):
    response = client.post(f"/p/{reply.pk}/delete/", {"body": "x"})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    # An edit sent signed out keeps its words for after signing in (test_signed_out.py).
    response = client.post(f"/p/{reply.pk}/edit/", {"body": "x"})
    assert response.status_code == 403 and "nothing was posted yet" in response.content.decode()
    reply.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE


@pytest.mark.django_db
def test_edit_and_delete_refuse_other_methods(client, reply, bob):
    client.force_login(bob)
    assert client.put(f"/p/{reply.pk}/edit/").status_code == 405
    assert client.patch(f"/p/{reply.pk}/delete/").status_code == 405


@pytest.mark.django_db
def test_author_removes_their_post_after_confirming(client, reply, bob, thread):
    client.force_login(bob)
    confirm = client.get(f"/p/{reply.pk}/delete/")
    assert "Yes, remove my post" in confirm.content.decode()
    reply.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE  # GET changes nothing
    response = client.post(f"/p/{reply.pk}/delete/")
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.status == PostStatus.REMOVED and reply.removed_at
    thread.refresh_from_db()
    board = Board.objects.get(pk=thread.board_id)
    assert (thread.reply_count, thread.post_count) == (0, 1)
    assert board.post_count == 1
    assert thread.last_post.number == 1 and board.last_post.number == 1
    # A removed post can't be edited or removed again.
    assert client.get(f"/p/{reply.pk}/edit/").status_code == 404


@pytest.mark.django_db
def test_locked_thread_posts_cannot_be_edited(client, reply, bob, thread):
    thread.lock()
    client.force_login(bob)
    response = client.post(f"/p/{reply.pk}/edit/", {"body": "changed"})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.body == "Original words"
