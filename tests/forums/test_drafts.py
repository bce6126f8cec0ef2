"""Drafts: what a member is still writing is kept on the server, for them alone, until
they post it."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib import admin
from django.test import Client

from core.privacy import erase_member, export_member
from forums import actions
from forums.forms import MAX_BODY
from forums.models import ContentWarning, Draft, Post, Thread, Topic
from tests.conftest import count_queries, dangerous_markup, main_of, page, signs_in, told_signed_out
from tests.factories import make_board, make_member, make_thread

WORDS = "Half a thought about sleeping with the light on"
JSON = {"HTTP_ACCEPT": "application/json"}
DRAFT_NOTE = "Your draft is saved."


def signed_in(user) -> Client:
    """A browser of its own: another device, or another person."""
    client = Client()
    client.force_login(user)
    return client


def save_reply_draft(client, thread, body=WORDS, data_extra=None, **extra):
    data = {"body": body, "save_draft": "1", **(data_extra or {})}
    return client.post(f"/t/{thread.pk}/reply/", data, **extra)


def save_thread_draft(client, board, title="Lights on", body=WORDS, data_extra=None, **extra):
    data = {"title": title, "body": body, "save_draft": "1", **(data_extra or {})}
    return client.post(f"/b/{board.slug}/new/", data, **extra)


# --- Saving and coming back --------------------------------------------------------------


@pytest.mark.django_db
def test_save_draft_button_keeps_a_reply_without_javascript(thread, bob):
    phone = signed_in(bob)
    response = save_reply_draft(phone, thread)
    assert response.status_code == 302
    assert response["Location"] == f"/t/{thread.pk}/reply/"
    back = phone.get(response["Location"])
    assert "Your draft is saved" in page(back)
    assert f"{WORDS}</textarea>" in page(back)
    assert thread.posts.count() == 1  # nothing was posted


@pytest.mark.django_db
def test_a_reply_draft_comes_back_on_another_device(thread, bob):
    save_reply_draft(signed_in(bob), thread)
    laptop = signed_in(bob)
    html = main_of(laptop.get(thread.get_absolute_url()))
    assert f"{WORDS}</textarea>" in html
    assert "is back in the box below" in html
    assert f"{WORDS}</textarea>" in page(laptop.get(f"/t/{thread.pk}/reply/"))


@pytest.mark.django_db
def test_a_new_thread_draft_keeps_its_title(board, bob):
    response = save_thread_draft(signed_in(bob), board, title="Lights on at night")
    assert response.status_code == 302
    html = page(signed_in(bob).get(f"/b/{board.slug}/new/"))
    assert 'value="Lights on at night"' in html
    assert f"{WORDS}</textarea>" in html
    assert Thread.objects.filter(title="Lights on at night").count() == 0


@pytest.mark.django_db
def test_one_draft_per_thread_and_per_board(thread, board, bob):
    client = signed_in(bob)
    save_reply_draft(client, thread, body="first")
    save_reply_draft(client, thread, body="second")
    save_thread_draft(client, board, body="a thread")
    save_thread_draft(client, board, body="a thread, longer")
    assert sorted(Draft.objects.values_list("body", flat=True)) == ["a thread, longer", "second"]


@pytest.mark.django_db
def test_the_script_saves_quietly_and_gets_an_answer_it_can_read(thread, bob):
    response = save_reply_draft(signed_in(bob), thread, **JSON)
    assert response.status_code == 200
    assert response.json() == {"saved": True}
    assert Draft.objects.get(member=bob, thread=thread).body == WORDS


@pytest.mark.django_db
def test_the_last_save_as_the_page_is_left_leaves_no_note_behind(thread, bob):
    """navigator.sendBeacon can't ask for JSON: "quietly" says nobody reads the answer,
    so no "Draft saved" note waits on the member's next page. The form's CSRF token and
    the page's Origin are checked as for any form."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    html = page(client.get(f"/t/{thread.pk}/reply/"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    beacon = {"body": WORDS, "save_draft": "1", "quietly": "1"}

    refused = client.post(f"/t/{thread.pk}/reply/", beacon)  # no token: refused
    assert refused.status_code == 403
    assert not Draft.objects.exists()
    elsewhere = {"csrfmiddlewaretoken": token, **beacon}
    refused = client.post(f"/t/{thread.pk}/reply/", elsewhere, HTTP_ORIGIN="https://evil.example")
    assert refused.status_code == 403
    assert not Draft.objects.exists()

    # A beacon's FormData arrives as multipart/form-data, as the test client sends it.
    response = client.post(f"/t/{thread.pk}/reply/", elsewhere, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 200
    assert response.json() == {"saved": True}
    assert Draft.objects.get(member=bob, thread=thread).body == WORDS
    assert DRAFT_NOTE not in page(client.get(f"/t/{thread.pk}/"))


@pytest.mark.django_db
def test_emptying_the_box_deletes_the_draft(thread, bob):
    client = signed_in(bob)
    save_reply_draft(client, thread)
    save_reply_draft(client, thread, body="   ")
    assert not Draft.objects.exists()


@pytest.mark.django_db
def test_a_quote_goes_after_the_words_already_drafted(thread, bob, alice):
    client = signed_in(bob)
    save_reply_draft(client, thread)
    opening = thread.posts.get(number=1)
    html = page(client.get(f"/t/{thread.pk}/reply/?quote={opening.pk}"))
    assert WORDS in html and "Alice wrote" in html
    assert html.index(WORDS) < html.index("Alice wrote")


# --- What they chose comes back with the words -------------------------------------------
# A draft that came back without "post anonymously" could go out under their name.


def ticked(html: str, name: str, value: str | None = None) -> bool:
    """Whether the checkbox `name` (with `value`) is ticked in the page."""
    for tag in re.findall(r"<input[^>]*>", html):
        if f'name="{name}"' not in tag:
            continue
        if value is not None and f'value="{value}"' not in tag:
            continue
        return " checked" in tag
    raise AssertionError(f"no {name} {value} in the page")


@pytest.fixture
def anonymous_board(db):
    return make_board("low-days", name="Low days", allow_anonymous=True)


@pytest.fixture
def choices(db):
    warning, _ = ContentWarning.objects.get_or_create(label="Self-harm")
    sleep = Topic.objects.create(name="Sleep at odd hours")
    work = Topic.objects.create(name="Work and rest")
    return warning, sleep, work


def chosen(choices):
    warning, sleep, work = choices
    return {"anonymous": "on", "content_warning": warning.label, "topics": [sleep.pk, work.pk]}


def shows_every_choice(html: str, choices, *, topics: bool = True) -> bool:
    warning, sleep, work = choices
    return (
        ticked(html, "anonymous")
        and 'value="Self-harm" selected' in html
        and (
            not topics
            or (ticked(html, "topics", str(sleep.pk)) and ticked(html, "topics", str(work.pk)))
        )
    )


@pytest.mark.django_db
def test_an_anonymous_reply_draft_comes_back_anonymous_on_another_device(
    anonymous_board, alice, bob, choices
):
    thread = make_thread(anonymous_board, alice, title="Rough week")
    save_reply_draft(signed_in(bob), thread, **JSON, data_extra=chosen(choices))
    laptop = signed_in(bob)
    for url in [thread.get_absolute_url(), f"/t/{thread.pk}/reply/"]:
        html = main_of(laptop.get(url))
        assert f"{WORDS}</textarea>" in html, url
        assert shows_every_choice(html, choices, topics=False), url


@pytest.mark.django_db
def test_an_anonymous_thread_draft_comes_back_with_every_choice(anonymous_board, bob, choices):
    save_thread_draft(signed_in(bob), anonymous_board, **JSON, data_extra=chosen(choices))
    html = main_of(signed_in(bob).get(f"/b/{anonymous_board.slug}/new/"))
    assert 'value="Lights on"' in html and f"{WORDS}</textarea>" in html
    assert shows_every_choice(html, choices)


@pytest.mark.django_db
def test_an_unticked_box_stays_unticked_in_ones_own_anonymous_thread(anonymous_board, bob):
    """Someone who started a thread anonymously gets the box ticked by default; a draft
    where they unticked it comes back as they left it."""
    thread = actions.start_thread(
        board=anonymous_board, author=bob, title="Mine", body="Hello", anonymous=True
    ).thread
    assert ticked(main_of(signed_in(bob).get(f"/t/{thread.pk}/reply/")), "anonymous")
    save_reply_draft(signed_in(bob), thread, **JSON)
    assert not ticked(main_of(signed_in(bob).get(f"/t/{thread.pk}/reply/")), "anonymous")


@pytest.mark.django_db
def test_save_draft_without_javascript_keeps_every_field(anonymous_board, bob, choices):
    client = signed_in(bob)
    response = save_thread_draft(client, anonymous_board, data_extra=chosen(choices))
    assert response.status_code == 302
    html = main_of(client.get(response["Location"]))
    assert 'value="Lights on"' in html and f"{WORDS}</textarea>" in html
    assert shows_every_choice(html, choices)
    thread = make_thread(anonymous_board, make_member("Cleo"), title="Rough week")
    response = save_reply_draft(client, thread, data_extra=chosen(choices))
    html = main_of(client.get(response["Location"]))
    assert f"{WORDS}</textarea>" in html and shows_every_choice(html, choices, topics=False)


@pytest.mark.django_db
def test_a_draft_that_cannot_be_saved_shows_every_field_as_left(anonymous_board, bob, choices):
    """Too long for a draft: nothing saved, and the page shows all they wrote and chose,
    with the one note about length (not the form's own checks, such as a short title)."""
    too_long = "a" * (MAX_BODY + 1)
    response = save_thread_draft(
        signed_in(bob), anonymous_board, title="Hi", body=too_long, data_extra=chosen(choices)
    )
    assert response.status_code == 400
    html = main_of(response)
    assert f"{too_long}</textarea>" in html and 'value="Hi"' in html
    assert shows_every_choice(html, choices)
    assert "longer than we can keep" in html and "at least 3 characters" not in html
    assert not Draft.objects.exists()


@pytest.mark.django_db
def test_a_board_that_stopped_allowing_anonymity_says_so_next_to_the_draft(
    anonymous_board, alice, bob, choices
):
    thread = make_thread(anonymous_board, alice, title="Rough week")
    save_reply_draft(signed_in(bob), thread, **JSON, data_extra=chosen(choices))
    save_thread_draft(signed_in(bob), anonymous_board, **JSON, data_extra=chosen(choices))
    anonymous_board.allow_anonymous = False
    anonymous_board.save()
    laptop = signed_in(bob)
    for url in [
        thread.get_absolute_url(),
        f"/t/{thread.pk}/reply/",
        f"/b/{anonymous_board.slug}/new/",
    ]:
        html = main_of(laptop.get(url))
        assert 'name="anonymous"' not in html, url
        note = html.index("This won't be anonymous")
        assert "other members will see your name" in html, url
        # In the form, beside where the box was: before the button that posts.
        assert html.index('id="id_body"') < note < html.index('name="save_draft"'), url


@pytest.mark.django_db
def test_no_note_about_anonymity_when_it_was_not_chosen(anonymous_board, alice, bob):
    thread = make_thread(anonymous_board, alice, title="Rough week")
    save_reply_draft(signed_in(bob), thread, **JSON)
    anonymous_board.allow_anonymous = False
    anonymous_board.save()
    assert "This won't be anonymous" not in main_of(signed_in(bob).get(f"/t/{thread.pk}/reply/"))


# --- Limits: kind, and nothing lost ------------------------------------------------------


@pytest.mark.django_db
def test_a_draft_longer_than_a_post_is_refused_kindly_and_the_text_stays(thread, bob):
    client = signed_in(bob)
    too_long = "a" * (MAX_BODY + 1)
    response = save_reply_draft(client, thread, body=too_long)
    assert response.status_code == 400
    assert "longer than we can keep" in page(response)
    assert "Your text is still here" in page(response)
    assert f"{too_long}</textarea>" in page(response)
    scripted = save_reply_draft(client, thread, body=too_long, **JSON)
    assert scripted.status_code == 400
    assert "Your text is still here" in scripted.json()["message"]
    assert not Draft.objects.exists()


@pytest.mark.django_db
def test_saving_too_often_is_paused_and_the_text_stays(thread, bob, settings):
    settings.BOOMITY_RATE_LIMITS = {**settings.BOOMITY_RATE_LIMITS}
    settings.BOOMITY_RATE_LIMITS["draft"] = {"new": "2/m", "member": "2/m"}
    client = signed_in(bob)
    codes = [save_reply_draft(client, thread, body=f"v{i}", **JSON).status_code for i in range(3)]
    assert codes == [200, 200, 429]
    assert Draft.objects.get().body == "v1"
    plain = save_reply_draft(client, thread, body="keep me")
    assert plain.status_code == 429
    assert "Your text is still here" in page(plain)
    assert "keep me</textarea>" in page(plain)


# --- Posting deletes the draft -----------------------------------------------------------


@pytest.mark.django_db
def test_posting_the_reply_deletes_its_draft(thread, bob):
    client = signed_in(bob)
    save_reply_draft(client, thread)
    client.post(f"/t/{thread.pk}/reply/", {"body": WORDS})
    assert thread.posts.filter(body=WORDS).exists()
    assert not Draft.objects.exists()
    assert WORDS not in page(client.get(f"/t/{thread.pk}/reply/"))


@pytest.mark.django_db
def test_starting_the_thread_deletes_its_draft(board, bob):
    client = signed_in(bob)
    save_thread_draft(client, board)
    client.post(f"/b/{board.slug}/new/", {"title": "Lights on", "body": WORDS})
    assert Thread.objects.filter(title="Lights on").exists()
    assert not Draft.objects.exists()


@pytest.mark.django_db
def test_a_post_held_for_a_moderator_deletes_the_draft_too(thread, board, bob, hold_first_posts):
    client = signed_in(bob)
    save_reply_draft(client, thread)
    save_thread_draft(client, board)
    client.post(f"/t/{thread.pk}/reply/", {"body": WORDS})
    client.post(f"/b/{board.slug}/new/", {"title": "Lights on", "body": WORDS})
    assert Post.objects.filter(author=bob, status="pending").count() == 2
    assert not Draft.objects.exists()


@pytest.mark.django_db
def test_words_kept_for_the_moderators_delete_the_draft(thread, bob, moderator):
    from tests.moderation.test_crisis_path import CRISIS_TEXT

    client = signed_in(bob)
    save_reply_draft(client, thread, body=CRISIS_TEXT)
    thread.lock()
    client.post(f"/t/{thread.pk}/reply/", {"body": CRISIS_TEXT})
    assert thread.posts.filter(body=CRISIS_TEXT, author=bob).exists()
    assert not Draft.objects.exists()


@pytest.mark.django_db
def test_a_refused_post_keeps_its_draft(thread, bob):
    client = signed_in(bob)
    save_reply_draft(client, thread)
    thread.lock()
    client.post(f"/t/{thread.pk}/reply/", {"body": WORDS})  # locked: not posted
    assert Draft.objects.get().body == WORDS


# --- Your drafts -------------------------------------------------------------------------


@pytest.mark.django_db
def test_your_drafts_lists_each_with_where_when_continue_and_delete(thread, board, bob):
    client = signed_in(bob)
    save_reply_draft(client, thread)
    save_thread_draft(client, board, title="Lights on")
    html = main_of(client.get("/drafts/"))
    assert "Reply to “Sleep when anxious”" in html
    assert "New thread: “Lights on”" in html
    assert "In Anxiety" in html and "<time datetime=" in html
    assert f'href="/t/{thread.pk}/reply/"' in html
    assert f'href="/b/{board.slug}/new/"' in html
    assert html.count("Delete this draft") == 2
    assert "nobody else reads them" in html


@pytest.mark.django_db
def test_your_drafts_is_linked_from_every_page_and_the_account_area(bob):
    client = signed_in(bob)
    assert 'href="/drafts/">Your drafts</a>' in page(client.get("/"))
    assert 'href="/drafts/">Your drafts</a>' in page(client.get("/account/profile/"))


@pytest.mark.django_db
def test_no_drafts_says_so_kindly(bob):
    assert "You have no drafts right now" in page(signed_in(bob).get("/drafts/"))


@pytest.mark.django_db
def test_deleting_a_draft(thread, bob):
    client = signed_in(bob)
    save_reply_draft(client, thread)
    draft = Draft.objects.get()
    response = client.post(f"/drafts/{draft.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/drafts/"
    assert not Draft.objects.exists()
    assert "Your draft is deleted" in page(client.get("/drafts/"))


@pytest.mark.django_db
def test_drafts_pages_ask_visitors_to_sign_in(client, thread, bob):
    save_reply_draft(signed_in(bob), thread)
    draft = Draft.objects.get()
    assert signs_in(client.get("/drafts/"))
    assert signs_in(client.post(f"/drafts/{draft.pk}/delete/"))
    assert told_signed_out(save_reply_draft(client, thread))
    assert Draft.objects.count() == 1


@pytest.mark.django_db
def test_wrong_methods(thread, bob):
    client = signed_in(bob)
    save_reply_draft(client, thread)
    draft = Draft.objects.get()
    assert client.post("/drafts/").status_code == 405
    assert client.put(f"/drafts/{draft.pk}/delete/").status_code == 405
    assert Draft.objects.count() == 1


@pytest.mark.django_db
def test_deleting_a_draft_asks_first_with_the_words_to_copy(thread, bob):
    """A mis-tap on a phone mustn't lose the words: the list links to a page that asks,
    shows the words, and only its button deletes."""
    client = signed_in(bob)
    save_reply_draft(client, thread)
    draft = Draft.objects.get()
    listing = main_of(client.get("/drafts/"))
    assert f'href="/drafts/{draft.pk}/delete/"' in listing
    assert f'action="/drafts/{draft.pk}/delete/"' not in listing  # no one-tap delete
    asked = client.get(f"/drafts/{draft.pk}/delete/")
    html = main_of(asked).replace("&#x27;", "'")
    assert "Delete this draft?" in html and f"{draft.body}</textarea>" in html
    assert "can't be brought back" in html
    assert Draft.objects.count() == 1
    assert client.post(f"/drafts/{draft.pk}/delete/").status_code == 302
    assert not Draft.objects.exists()


@pytest.mark.django_db
def test_drafts_page_costs_the_same_with_many_drafts(bob):
    # Guards the N+1 of each draft's thread and board (select_related in for_list).
    client = signed_in(bob)
    board = make_board()
    save_reply_draft(client, make_thread(board, bob))
    few = count_queries(client, "/drafts/")
    for i in range(8):
        other = make_board()
        save_reply_draft(client, make_thread(other, bob, title=f"Thread {i}"))
        save_thread_draft(client, other)
    assert Draft.objects.count() == 17
    assert count_queries(client, "/drafts/") == few


# --- Private: nobody else, ever ----------------------------------------------------------


@pytest.mark.django_db
def test_another_member_never_sees_loads_or_deletes_a_draft(thread, alice, bob):
    save_reply_draft(signed_in(bob), thread)
    draft = Draft.objects.get()
    other = signed_in(alice)
    assert WORDS not in page(other.get("/drafts/"))
    assert WORDS not in page(other.get(thread.get_absolute_url()))
    assert WORDS not in page(other.get(f"/t/{thread.pk}/reply/"))
    assert other.post(f"/drafts/{draft.pk}/delete/").status_code == 404
    assert Draft.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_moderators_never_see_drafts_on_the_site_or_in_the_admin(thread, bob, moderator):
    save_reply_draft(signed_in(bob), thread)
    mod = signed_in(moderator)
    for url in [
        "/drafts/",
        thread.get_absolute_url(),
        f"/t/{thread.pk}/reply/",
        "/search/?q=light",
    ]:
        assert WORDS not in page(mod.get(url)), url
    assert Draft not in admin.site._registry  # nobody reads drafts, moderators included


@pytest.mark.django_db
def test_a_visitor_never_sees_a_draft(client, bob):
    public_thread = make_thread(make_board(public=True), bob, title="Hello all")
    save_reply_draft(signed_in(bob), public_thread)
    assert WORDS not in page(client.get(public_thread.get_absolute_url()))


@pytest.mark.django_db
def test_drafts_are_never_found_by_search(thread, bob):
    client = signed_in(bob)
    save_reply_draft(client, thread, body="marmalade lantern")
    assert "couldn't find a post" in page(client.get("/search/?q=marmalade"))


@pytest.mark.django_db
def test_a_draft_in_a_thread_no_longer_open_is_not_a_broken_link(board, alice, bob):
    hidden = make_thread(board, alice, title="Taken down title")
    locked = make_thread(board, alice, title="Locked one")
    client = signed_in(bob)
    save_reply_draft(client, hidden, body="words for a hidden thread")
    save_reply_draft(client, locked, body="words for a locked thread")
    actions.hide_post(post=hidden.posts.get(number=1))
    locked.lock()
    html = main_of(client.get("/drafts/"))
    assert f"/t/{hidden.pk}/" not in html and f"/t/{locked.pk}/" not in html
    assert "Taken down title" not in html
    assert "isn't open to you any more" in html and "locked now" in html
    # The words are still theirs to copy.
    assert "words for a hidden thread</textarea>" in html
    assert "words for a locked thread</textarea>" in html


@pytest.mark.django_db
def test_what_a_draft_holds_is_escaped_everywhere_it_shows(thread, board, bob):
    client = signed_in(bob)
    evil = '<script>alert(1)</script><img src=x onerror=alert(2)>"><svg onload=alert(3)>'
    save_reply_draft(client, thread, body=evil)
    save_thread_draft(client, board, title=evil[:100], body=evil)
    for url in ["/drafts/", thread.get_absolute_url(), f"/t/{thread.pk}/reply/", "/b/anxiety/new/"]:
        html = main_of(client.get(url))
        assert dangerous_markup(html) == [], url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url


# --- Their data --------------------------------------------------------------------------


@pytest.mark.django_db
def test_drafts_are_in_the_download_and_go_with_the_account(thread, board, bob):
    client = signed_in(bob)
    save_reply_draft(client, thread)
    save_thread_draft(client, board, title="Lights on", body="thread words")
    exported = json.loads(json.dumps(export_member(bob)))
    kinds = {d["kind"]: d for d in exported["drafts"]}
    assert kinds["reply"]["body"] == WORDS and kinds["reply"]["thread"] == "Sleep when anxious"
    assert kinds["new thread"]["title"] == "Lights on"
    assert kinds["new thread"]["board"] == "Anxiety"
    erase_member(bob, remove_posts=False)
    assert not Draft.objects.exists()


@pytest.mark.django_db
def test_the_download_holds_only_ones_own_drafts(thread, alice, bob):
    save_reply_draft(signed_in(bob), thread)
    assert export_member(alice)["drafts"] == []


def test_drafts_save_without_javascript_from_the_thread_page(db, thread):
    """The reply box on the thread page carries a real "Save draft" button."""
    bob = make_member("Bob")
    html = main_of(signed_in(bob).get(thread.get_absolute_url()))
    box = html[html.index('id="reply-heading"') :]
    assert 'name="save_draft"' in box and 'name="preview"' in box
    assert "data-draft-status" in box and 'role="status"' in box


@pytest.mark.django_db
def test_saving_again_while_the_box_is_gone_keeps_the_anonymous_choice(
    anonymous_board, alice, bob, choices
):
    """The form says "keep it as a draft for now": doing so (or the page's script saving
    on its own) must not untick their choice in silence."""
    thread = make_thread(anonymous_board, alice, title="Rough week")
    save_reply_draft(signed_in(bob), thread, **JSON, data_extra=chosen(choices))
    anonymous_board.allow_anonymous = False
    anonymous_board.save()
    save_reply_draft(signed_in(bob), thread, **JSON)  # no anonymous field on the form now
    assert Draft.objects.get().anonymous
    assert "This won't be anonymous" in main_of(signed_in(bob).get(f"/t/{thread.pk}/reply/"))
    anonymous_board.allow_anonymous = True
    anonymous_board.save()
    html = main_of(signed_in(bob).get(f"/t/{thread.pk}/reply/"))
    assert re.search(r'<input[^>]*name="anonymous"[^>]*checked', html)
