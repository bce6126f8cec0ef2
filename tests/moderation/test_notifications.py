"""/notifications/: a member's own notices; reading them clears the header's count."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.actions import notify
from members.models import Notification, NotificationKind, Profile
from tests.conftest import count_queries, page, signs_in


def tell(member, text: str, url: str = ""):
    return notify(member, kind=NotificationKind.MODERATION, text=text, url=url)


def header_badge(html: str) -> str | None:
    """The unread count beside "Notifications" in the header, if shown."""
    header = html.split("</header>")[0]
    match = re.search(r'Notifications <span class="badge">(\d+)', header)
    return match.group(1) if match else None


@pytest.mark.django_db
def test_visitor_is_sent_to_sign_in(client):
    assert signs_in(client.get("/notifications/"))


@pytest.mark.django_db
def test_notifications_page_refuses_other_methods(client, alice):
    tell(alice, "A note from the moderators.")
    client.force_login(alice)
    assert client.post("/notifications/").status_code == 405
    assert Notification.objects.get().read_at is None  # a refused request marks nothing


@pytest.mark.django_db
def test_member_sees_only_their_own(client, alice, bob):
    tell(alice, "For Alice: your post is visible again.", "/p/1/")
    tell(bob, "For Bob: a note from the moderators.")
    client.force_login(alice)
    html = page(client.get("/notifications/"))
    assert "For Alice" in html and "For Bob" not in html
    assert '<a href="/p/1/" aria-describedby="notification-' in html
    assert ">See what the note is about</a>" in html
    assert Notification.objects.get(recipient=bob).read_at is None
    assert Profile.objects.get(user=bob).unread_notifications == 1


@pytest.mark.django_db
def test_visiting_marks_them_read_and_the_header_count_goes_to_zero(client, alice):
    tell(alice, "First note.")
    tell(alice, "Second note.")
    client.force_login(alice)
    assert header_badge(page(client.get("/"))) == "2"

    html = page(client.get("/notifications/"))
    assert header_badge(html) is None, "the header is drawn after marking them read"
    assert html.count('<span class="badge">New</span>') == 2
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert Profile.objects.get(user=alice).unread_notifications == 0

    assert header_badge(page(client.get("/"))) is None
    assert '<span class="badge">New</span>' not in page(client.get("/notifications/"))


@pytest.mark.django_db
def test_a_new_notice_after_reading_counts_one(client, alice):
    tell(alice, "Old.")
    client.force_login(alice)
    client.get("/notifications/")
    tell(alice, "New one.")
    assert header_badge(page(client.get("/"))) == "1"
    html = page(client.get("/notifications/"))
    assert html.count('<span class="badge">New</span>') == 1


@pytest.mark.django_db
def test_empty_notifications_page_is_kind(client, alice):
    client.force_login(alice)
    html = page(client.get("/notifications/"))
    assert "Nothing here yet" in html


def _queries_for_one_visit(client) -> int:
    client.get("/")  # renew the session first, as count_queries does
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/notifications/")
    assert response.status_code == 200
    return len(ctx)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_notifications(client, alice, bob):
    """Guards two N+1s: marking each notification read one by one, and loading each
    notification's recipient (or profile) to draw it."""
    client.force_login(alice)
    for i in range(2):
        tell(alice, f"Note {i}")
    few_unread = _queries_for_one_visit(client)
    few_read = count_queries(client, "/notifications/")
    for i in range(25):
        tell(alice, f"More {i}", f"/p/{i}/")
    many_unread = _queries_for_one_visit(client)
    many_read = count_queries(client, "/notifications/")
    assert many_unread == few_unread
    assert many_read == few_read
