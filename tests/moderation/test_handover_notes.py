"""Handover notes: "what the next shift should know", written from the admin's front page
or the queue, shown to every moderator there until one dismisses it."""

from __future__ import annotations

import pytest

from moderation import actions
from moderation.models import AuditAction, AuditEntry, HandoverNote
from moderation.roles import MODERATORS
from tests.conftest import count_queries, page
from tests.factories import give_two_step_sign_in, make_member, make_staff_member

HOME = "/admin/"
QUEUE = "/admin/moderation/reviewitem/"
WRITE = "/admin/moderation/handovernote/write/"
NOTES = "/admin/moderation/handovernote/"
CRISIS = "I want to end my life tonight"


def dismiss_url(note) -> str:
    return f"/admin/moderation/handovernote/{note.pk}/dismiss/"


@pytest.fixture
def next_shift(db):
    return make_staff_member("Nadia", MODERATORS)


@pytest.mark.django_db
def test_a_note_left_from_the_front_page_reaches_the_next_shift(client, moderator, next_shift):
    client.force_login(moderator)
    response = client.post(
        WRITE, {"handover-text": "Sam had a hard night; check in.", "next": HOME}
    )
    assert response.status_code == 302 and response["Location"] == HOME
    note = HandoverNote.objects.get()
    assert note.written_by == moderator and note.dismissed_at is None

    client.force_login(next_shift)
    for url in (HOME, QUEUE):
        html = page(client.get(url))
        assert "What the next shift should know (1)" in html, url
        assert "Sam had a hard night; check in." in html, url
        assert "from <a" in html and "Mara" in html, url


@pytest.mark.django_db
def test_a_note_can_be_left_from_the_queue_and_returns_there(client, moderator):
    client.force_login(moderator)
    response = client.post(WRITE, {"handover-text": "Quiet so far.", "next": QUEUE})
    assert response["Location"] == QUEUE
    assert "Quiet so far." in page(client.get(QUEUE))


@pytest.mark.django_db
def test_dismissing_hides_it_for_everyone_and_keeps_who_and_when(client, moderator, next_shift):
    note = actions.write_handover_note(by=moderator, text="Watch the sleep board.")
    client.force_login(next_shift)
    response = client.post(dismiss_url(note), {"next": HOME})
    assert response["Location"] == HOME
    note.refresh_from_db()
    assert note.dismissed_by == next_shift and note.dismissed_at is not None
    client.force_login(moderator)
    assert "Watch the sleep board." not in page(client.get(HOME))
    assert "No notes from the last shift." in page(client.get(HOME))
    # Kept, with who dismissed it.
    history = page(client.get(NOTES))
    assert "Watch the sleep board." in history and "Nadia" in history


@pytest.mark.django_db
def test_writing_and_dismissing_are_in_the_audit_log(client, moderator, next_shift):
    client.force_login(moderator)
    client.post(WRITE, {"handover-text": "Nothing urgent.", "next": HOME})
    note = HandoverNote.objects.get()
    client.force_login(next_shift)
    client.post(dismiss_url(note), {"next": HOME})
    client.post(dismiss_url(note), {"next": HOME})  # a second moderator, a moment later
    wrote = AuditEntry.objects.get(action=AuditAction.HANDOVER_NOTE)
    dismissed = AuditEntry.objects.get(action=AuditAction.DISMISS_HANDOVER_NOTE)
    assert (wrote.actor, dismissed.actor) == (moderator, next_shift)
    assert wrote.target_id == dismissed.target_id == str(note.pk)
    note.refresh_from_db()
    assert note.dismissed_by == next_shift


@pytest.mark.django_db
def test_an_empty_note_is_not_saved(client, moderator):
    client.force_login(moderator)
    response = client.post(WRITE, {"handover-text": "   ", "next": HOME}, follow=True)
    assert "We couldn&#x27;t save the handover note" in page(response)
    assert not HandoverNote.objects.exists()


@pytest.mark.django_db
def test_it_only_returns_to_pages_of_this_site(client, moderator):
    client.force_login(moderator)
    response = client.post(WRITE, {"handover-text": "Hi", "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
def test_visitors_and_members_can_neither_read_write_nor_dismiss(client, moderator, alice):
    note = actions.write_handover_note(by=moderator, text="For moderators only")
    for url in (WRITE, dismiss_url(note), NOTES):
        assert client.post(url, {"handover-text": "x"}).status_code == 302  # to the sign-in
    client.force_login(alice)
    client.post(WRITE, {"handover-text": "From a member"})
    client.post(dismiss_url(note))
    assert "For moderators only" not in page(client.get(HOME))
    assert HandoverNote.objects.count() == 1
    assert HandoverNote.objects.open().count() == 1


@pytest.mark.django_db
def test_admin_people_who_dont_moderate_dont_see_or_write_them(client, moderator):
    note = actions.write_handover_note(by=moderator, text="For moderators only")
    clerk = give_two_step_sign_in(make_member("Clerk", is_staff=True))
    client.force_login(clerk)
    assert "For moderators only" not in page(client.get(HOME))
    assert client.post(WRITE, {"handover-text": "x"}).status_code == 403
    assert client.post(dismiss_url(note)).status_code == 403
    assert client.get(NOTES).status_code == 403
    assert HandoverNote.objects.open().count() == 1


@pytest.mark.django_db
def test_wrong_methods_are_refused(client, moderator):
    note = actions.write_handover_note(by=moderator, text="x")
    client.force_login(moderator)
    assert client.get(WRITE).status_code == 405
    assert client.get(dismiss_url(note)).status_code == 405
    assert HandoverNote.objects.open().count() == 1


@pytest.mark.django_db
def test_crisis_language_in_a_note_stays_folded(client, moderator):
    actions.write_handover_note(by=moderator, text=f"Sam wrote “{CRISIS}”")
    client.force_login(moderator)
    html = page(client.get(HOME))
    assert "This note may be distressing (crisis language) — open to read" in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", [HOME, QUEUE, NOTES])
def test_the_notes_cost_the_same_for_one_note_or_many(client, moderator, url):
    client.force_login(moderator)
    actions.write_handover_note(by=moderator, text="One")
    few = count_queries(client, url)
    for i in range(12):
        actions.write_handover_note(by=make_member(), text=f"Note {i}")
    assert count_queries(client, url) == few
    if url != NOTES:
        assert "The newest 10 of 13." in page(client.get(url))


@pytest.mark.django_db
def test_the_queue_stays_in_view_when_there_is_no_note(client, moderator):
    client.force_login(moderator)
    queue = page(client.get(QUEUE))
    assert "No notes from the last shift." not in queue
    assert "<summary>Leave a note for the next shift</summary>" in queue  # folded away
    assert "No notes from the last shift." in page(client.get(HOME))
