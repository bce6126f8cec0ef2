"""Content warnings from staff's list: readers see the warning first, and choose to open."""

from __future__ import annotations

import re

import pytest

from forums import actions as forum_actions
from forums.models import ContentWarning, Post, Thread
from tests.conftest import page, signs_in
from tests.factories import make_board, make_thread

HARD = "The night it got really bad, I reached out and it helped."


def options(html: str) -> list[str]:
    select = re.search(r'<select name="content_warning".*?</select>', html, re.S)
    assert select, "no content-warning select in the form"
    return re.findall(r'<option value="([^"]*)"', select.group(0))


def collapsed(html: str, warning: str) -> str:
    """The closed <details> that holds a post behind `warning` (its HTML, or "")."""
    match = re.search(
        r"<details class=\"cw\">\s*<summary>Content warning: "
        + re.escape(warning)
        + r"\. Show post</summary>(.*?)</details>",
        html,
        re.S,
    )
    return match.group(1) if match else ""


# --- The choice in the forms --------------------------------------------------------------


@pytest.mark.django_db
def test_forms_offer_staffs_list_in_staffs_order(client, thread, alice):
    ContentWarning.objects.create(label="grief", position=1)
    ContentWarning.objects.filter(label="abuse").delete()
    expected = ["", *ContentWarning.objects.values_list("label", flat=True)]
    assert expected[1] == "suicide" and "grief" in expected and "abuse" not in expected
    client.force_login(alice)
    opening = thread.posts.get()
    for url in (
        f"/b/{thread.board.slug}/new/",
        f"/t/{thread.pk}/reply/",
        f"/p/{opening.pk}/edit/",
        thread.get_absolute_url(),
    ):
        assert options(page(client.get(url))) == expected, url


@pytest.mark.django_db
def test_staffs_changes_reach_the_forms_at_once(client, thread, alice, staff):
    """Each process keeps the list (forums.models.warning_choices); the one where staff
    change it forgets its copy at once, a bulk delete from the admin too."""
    client.force_login(alice)
    reply_form = f"/t/{thread.pk}/reply/"
    assert "grief" not in options(page(client.get(reply_form)))
    client.force_login(staff)
    response = client.post("/admin/forums/contentwarning/add/", {"label": "grief", "position": 1})
    assert response.status_code == 302
    assert "grief" in options(page(client.get(reply_form)))  # kept again, with it
    abuse = ContentWarning.objects.get(label="abuse")
    response = client.post(
        "/admin/forums/contentwarning/",
        {"action": "delete_selected", "_selected_action": [abuse.pk], "post": "yes"},
    )
    assert response.status_code == 302 and not ContentWarning.objects.filter(label="abuse")
    client.force_login(alice)
    offered = options(page(client.get(reply_form)))
    assert "grief" in offered and "abuse" not in offered
    assert offered == ["", *ContentWarning.objects.values_list("label", flat=True)]


@pytest.mark.django_db
def test_a_warning_not_on_the_list_is_refused_and_the_text_kept(client, board, alice):
    client.force_login(alice)
    response = client.post(
        f"/b/{board.slug}/new/", {"title": "My story", "body": HARD, "content_warning": "made up"}
    )
    assert response.status_code == 400
    assert "I reached out and it helped.</textarea>" in page(response)
    assert not Thread.objects.exists()


@pytest.mark.django_db
def test_visitor_is_sent_to_sign_in_before_any_form(client, thread):
    assert signs_in(client.get(f"/b/{thread.board.slug}/new/"))
    assert signs_in(client.get(f"/p/{thread.posts.get().pk}/edit/"))


@pytest.mark.django_db
def test_member_cannot_put_a_warning_on_someone_elses_post(client, thread, bob):
    opening = thread.posts.get()
    client.force_login(bob)
    response = client.post(
        f"/p/{opening.pk}/edit/",
        {"title": thread.title, "body": opening.body, "content_warning": "trauma"},
    )
    assert response.status_code == 404
    thread.refresh_from_db()
    assert thread.content_warning == ""


@pytest.mark.django_db
def test_edit_refuses_other_methods(client, thread, alice):
    client.force_login(alice)
    assert client.patch(f"/p/{thread.posts.get().pk}/edit/").status_code == 405


# --- What readers see -----------------------------------------------------------------------


@pytest.mark.django_db
def test_thread_with_a_warning_is_collapsed_and_labelled_in_the_board_list(
    client, board, alice, bob
):
    client.force_login(alice)
    response = client.post(
        f"/b/{board.slug}/new/", {"title": "My story", "body": HARD, "content_warning": "self-harm"}
    )
    assert response.status_code == 302
    thread = Thread.objects.get()
    assert thread.content_warning == "self-harm"
    client.force_login(bob)
    html = page(client.get(thread.get_absolute_url()))
    inside = collapsed(html, "self-harm")
    assert "I reached out" in inside
    assert html.count("I reached out") == 1, "the words appear only inside the closed box"
    assert '<details class="cw" open' not in html
    board_html = page(client.get(f"/b/{board.slug}/"))
    assert re.search(
        r"My story</a>\s*<span class=\"cw-label\">Content warning: self-harm", board_html
    )


@pytest.mark.django_db
def test_a_reply_with_a_warning_is_the_only_post_collapsed(client, thread, alice, bob):
    client.force_login(bob)
    response = client.post(f"/t/{thread.pk}/reply/", {"body": HARD, "content_warning": "suicide"})
    assert response.status_code == 302
    assert Post.objects.get(thread=thread, number=2).content_warning == "suicide"
    client.force_login(alice)
    html = page(client.get(thread.get_absolute_url()))
    assert "I reached out" in collapsed(html, "suicide")
    assert "Does anyone else lie awake?" not in collapsed(html, "suicide")
    assert html.count('<details class="cw"') == 1


@pytest.mark.django_db
def test_adding_a_warning_by_editing_collapses_the_post(client, thread, bob, alice):
    post = forum_actions.post_reply(thread=thread, author=bob, body=HARD)
    client.force_login(bob)
    response = client.post(f"/p/{post.pk}/edit/", {"body": HARD, "content_warning": "trauma"})
    assert response.status_code == 302
    client.force_login(alice)
    assert "I reached out" in collapsed(page(client.get(thread.get_absolute_url())), "trauma")


@pytest.mark.django_db
def test_visitors_on_a_public_board_see_the_warning_first_too(client, alice):
    public = make_board("stories", public=True)
    thread = make_thread(
        public, alice, title="Recovery story", body=HARD, content_warning="eating difficulties"
    )
    html = page(client.get(thread.get_absolute_url()))
    assert "I reached out" in collapsed(html, "eating difficulties")
    assert "Content warning: eating difficulties" in page(client.get("/b/stories/"))
