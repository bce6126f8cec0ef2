"""Per-member limits on posting: kind, stricter for new members, nothing lost."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forums.models import Thread


@pytest.fixture
def tight_limits(settings):
    settings.BOOMITY_RATE_LIMITS = {
        "thread": {"new": "1/h", "member": "2/h"},
        "reply": {"new": "2/h", "member": "3/h"},
    }


@pytest.mark.django_db
def test_new_member_is_paused_after_their_limit_and_keeps_the_text(
    client, thread, bob, tight_limits
):
    client.force_login(bob)
    for i in range(2):
        assert client.post(f"/t/{thread.pk}/reply/", {"body": f"reply {i}"}).status_code == 302
    response = client.post(f"/t/{thread.pk}/reply/", {"body": "Please keep these words"})
    html = response.content.decode()
    assert response.status_code == 429
    assert "pause" in html.lower()
    assert "Please keep these words</textarea>" in html
    assert thread.posts.count() == 3


@pytest.mark.django_db
def test_established_members_get_more_room(client, thread, bob, tight_limits):
    bob.date_joined = timezone.now() - timedelta(days=30)
    bob.save(update_fields=["date_joined"])
    client.force_login(bob)
    codes = [client.post(f"/t/{thread.pk}/reply/", {"body": f"r{i}"}).status_code for i in range(4)]
    assert codes == [302, 302, 302, 429]


@pytest.mark.django_db
def test_limits_are_per_member(client, thread, alice, bob, tight_limits):
    client.force_login(bob)
    for i in range(3):
        client.post(f"/t/{thread.pk}/reply/", {"body": f"r{i}"})
    client.force_login(alice)
    assert client.post(f"/t/{thread.pk}/reply/", {"body": "mine"}).status_code == 302


@pytest.mark.django_db
def test_starting_threads_is_limited_too(client, board, alice, tight_limits):
    client.force_login(alice)
    ok = client.post("/b/anxiety/new/", {"title": "First", "body": "one"})
    paused = client.post("/b/anxiety/new/", {"title": "Second", "body": "two words kept"})
    assert ok.status_code == 302
    assert paused.status_code == 429
    html = paused.content.decode()
    assert 'value="Second"' in html and "two words kept</textarea>" in html
    assert Thread.objects.count() == 1


@pytest.mark.django_db
def test_reading_is_never_limited(client, thread, bob, tight_limits):
    client.force_login(bob)
    for _ in range(10):
        assert client.get(f"/t/{thread.pk}/reply/").status_code == 200


@pytest.mark.django_db
def test_a_form_error_does_not_use_up_the_limit(client, thread, bob, tight_limits):
    client.force_login(bob)
    for _ in range(3):
        assert client.post(f"/t/{thread.pk}/reply/", {"body": "   "}).status_code == 400
    assert client.post(f"/t/{thread.pk}/reply/", {"body": "Now it's ready"}).status_code == 302
