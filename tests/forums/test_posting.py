import pytest

from forums.models import Board, Post, Thread
from tests.conftest import dangerous_markup, page, signs_in
from tests.factories import make_thread


@pytest.mark.django_db
def test_visitor_is_sent_to_sign_in_to_start_a_thread(client, board):
    response = client.get("/b/anxiety/new/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    # Sent signed out: the kind page that keeps the words (test_signed_out.py), no thread.
    response = client.post("/b/anxiety/new/", {"title": "Hi", "body": "x"})
    assert response.status_code == 403 and not Thread.objects.exists()


@pytest.mark.django_db
def test_member_starts_a_thread(client, board, alice):
    client.force_login(alice)
    form = client.get("/b/anxiety/new/").content.decode()
    assert 'name="title"' in form and 'name="body"' in form
    response = client.post(
        "/b/anxiety/new/",
        {"title": "  Sleep   when anxious ", "body": "Does **anyone** else lie awake?"},
    )
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response.url == f"/t/{thread.pk}/sleep-when-anxious/"
    assert thread.title == "Sleep when anxious"
    post = thread.posts.get()
    assert post.number == 1 and post.author == alice
    assert post.body_html == "<p>Does <strong>anyone</strong> else lie awake?</p>\n"
    board.refresh_from_db()
    assert (board.thread_count, board.post_count, board.last_post) == (1, 1, post)


@pytest.mark.django_db
def test_starting_a_thread_with_errors_keeps_the_text(client, board, alice):
    client.force_login(alice)
    response = client.post("/b/anxiety/new/", {"title": "", "body": "Everything I typed"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Please give your thread a title" in html
    assert "Everything I typed</textarea>" in html
    assert "Everything you wrote is still here" in html
    assert not Thread.objects.exists()


@pytest.mark.django_db
def test_thread_new_refuses_other_methods(client, board, alice):
    client.force_login(alice)
    assert client.put("/b/anxiety/new/").status_code == 405


@pytest.mark.django_db
def test_member_replies_and_counters_follow(client, thread, bob):
    client.force_login(bob)
    response = client.post(f"/t/{thread.pk}/reply/", {"body": "Me too. Audiobooks help me."})
    reply = Post.objects.get(thread=thread, number=2)
    assert response.status_code == 302
    assert response.url == f"/p/{reply.pk}/"
    thread.refresh_from_db()
    assert (thread.reply_count, thread.post_count, thread.last_post) == (1, 2, reply)
    board = Board.objects.get(pk=thread.board_id)
    assert (board.post_count, board.last_post) == (2, reply)


@pytest.mark.django_db
def test_reply_with_errors_keeps_the_text(client, thread, bob):
    client.force_login(bob)
    long_text = "I wanted to say " + "so much " * 3000
    response = client.post(f"/t/{thread.pk}/reply/", {"body": long_text})
    html = response.content.decode()
    assert response.status_code == 400
    assert "longer than we can keep" in html
    assert long_text.strip() in html
    assert thread.posts.count() == 1


@pytest.mark.django_db
def test_locked_thread_refuses_replies_but_keeps_the_text(client, thread, bob):
    thread.lock()
    client.force_login(bob)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Reply to this thread" not in page and "This thread is locked" in page
    response = client.post(f"/t/{thread.pk}/reply/", {"body": "Please keep this"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "locked by the moderators" in html
    assert "Please keep this</textarea>" in html
    assert thread.posts.count() == 1


@pytest.mark.django_db
def test_reply_needs_sign_in(client, thread):
    assert signs_in(client.get(f"/t/{thread.pk}/reply/"))
    response = client.post(f"/t/{thread.pk}/reply/", {"body": "hi"})
    assert response.status_code == 403 and "nothing was posted yet" in page(response)
    assert thread.posts.count() == 1


@pytest.mark.django_db
def test_reply_refuses_other_methods(client, thread, bob):
    client.force_login(bob)
    assert client.delete(f"/t/{thread.pk}/reply/").status_code == 405


@pytest.mark.django_db
def test_quoting_a_post_prefills_the_reply(client, thread, bob):
    client.force_login(bob)
    opening = thread.posts.get()
    html = client.get(f"/t/{thread.pk}/reply/?quote={opening.pk}").content.decode()
    assert f"[Alice wrote](/p/{opening.pk}/):" in html
    assert "&gt; Does anyone else lie awake?" in html


@pytest.mark.django_db
def test_quoting_cannot_reach_into_another_thread(client, board, thread, alice, bob):
    other = make_thread(board, alice, title="Other", body="secret words")
    client.force_login(bob)
    html = client.get(f"/t/{thread.pk}/reply/?quote={other.posts.get().pk}").content.decode()
    assert "secret words" not in html


@pytest.mark.django_db
def test_posts_are_numbered_in_order(thread, alice, bob):
    from forums import actions

    for author in [bob, alice, bob]:
        actions.post_reply(thread=thread, author=author, body="x")
    assert list(thread.posts.order_by("number").values_list("number", flat=True)) == [1, 2, 3, 4]
    thread.refresh_from_db()
    assert thread.last_number == 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "<svg onload=alert(1)>",
        "<iframe src=https://example.org></iframe>",
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    ],
)
def test_hostile_markup_never_reaches_the_page(client, board, alice, payload):
    client.force_login(alice)
    client.post("/b/anxiety/new/", {"title": payload[:100], "body": payload})
    thread = Thread.objects.get()
    html = client.get(thread.get_absolute_url()).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert dangerous_markup(main) == []


@pytest.mark.django_db
def test_the_page_sets_no_length_limit_a_browser_would_enforce_silently(client, thread, bob):
    client.force_login(bob)
    html = client.get(f"/t/{thread.pk}/reply/").content.decode()
    assert "maxlength" not in html


@pytest.mark.django_db
def test_browser_line_breaks_are_stored_and_counted_once(client, thread, bob):
    client.force_login(bob)
    client.post(f"/t/{thread.pk}/reply/", {"body": "one\r\ntwo\r\nthree"})
    assert thread.posts.get(number=2).body == "one\ntwo\nthree"
    exactly_at_limit = "\r\n".join(["x" * 999] * 20)  # 19,999 characters once CRLF is LF
    response = client.post(f"/t/{thread.pk}/reply/", {"body": exactly_at_limit})
    assert response.status_code == 302
