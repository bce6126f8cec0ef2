"""The review queue as moderators use it, in the Django admin."""

import time

import pytest

from forums import actions as forum_actions
from forums.models import PostStatus
from moderation import actions
from moderation.models import AuditEntry, ModerationSettings, Priority, ReviewItem, Sanction
from tests.conftest import count_queries
from tests.factories import make_member, make_thread

QUEUE = "/admin/moderation/reviewitem/"
REPLY_BODY = "You are overreacting."  # the `reply` fixture's words


def item_for(post, priority=Priority.FLAGGED, **extra) -> ReviewItem:
    return actions.open_review(post, priority=priority, reasons=["Flagged: Unkind"], **extra)


@pytest.mark.django_db
def test_queue_puts_urgent_first_then_oldest(client, moderator, thread, alice, bob):
    older = item_for(thread.posts.get(number=1), Priority.HELD)
    flagged = item_for(forum_actions.post_reply(thread=thread, author=bob, body="a"))
    urgent = item_for(
        forum_actions.post_reply(thread=thread, author=alice, body="b"),
        Priority.URGENT,
        crisis=True,
    )
    client.force_login(moderator)
    html = client.get(QUEUE).content.decode()
    links = [f"/admin/moderation/reviewitem/{i.pk}/change/" for i in (urgent, flagged, older)]
    positions = [html.index(link) for link in links]
    assert positions == sorted(positions)
    # Crisis posts are never spelled out in the list.
    assert "Post with crisis language (open to read)" in html


@pytest.mark.django_db
def test_queue_hides_resolved_items_by_default(client, moderator, reply):
    item = item_for(reply)
    actions.approve(item, by=moderator)
    client.force_login(moderator)
    assert f"/reviewitem/{item.pk}/change/" not in client.get(QUEUE).content.decode()
    resolved = client.get(QUEUE + "?state=resolved").content.decode()
    assert f"/reviewitem/{item.pk}/change/" in resolved


@pytest.mark.django_db
def test_members_and_visitors_never_reach_the_queue(client, alice, reply):
    item = item_for(reply)
    for url in [QUEUE, f"{QUEUE}{item.pk}/change/", "/admin/moderation/auditentry/"]:
        response = client.get(url)
        assert response.status_code == 302, url
    client.force_login(alice)
    for url in [QUEUE, f"{QUEUE}{item.pk}/change/"]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
    response = client.post(f"{QUEUE}{item.pk}/change/", {"decision": "hide", "reason": "x"})
    reply.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE


@pytest.mark.django_db
def test_item_page_shows_snapshot_flags_history_and_collapses_crisis(client, moderator, reply, bob):
    item = item_for(reply, Priority.URGENT, crisis=True)
    forum_actions.edit_post(post=reply, body="Edited to look harmless")
    client.force_login(moderator)
    html = client.get(f"{QUEUE}{item.pk}/change/").content.decode()
    assert "This post may be distressing (crisis language)" in html and "<details" in html
    assert "You are overreacting." in html  # the snapshot
    assert "Edited to look harmless" in html  # and the post now
    assert "the author edited it since" in html
    assert "Bob" in html


@pytest.mark.django_db
def test_hiding_needs_a_reason_the_author_will_read(client, moderator, reply):
    item = item_for(reply)
    client.force_login(moderator)
    response = client.post(
        f"{QUEUE}{item.pk}/change/", {"decision": "hide", "reason": "", "silence_for": "24h"}
    )
    assert response.status_code == 200
    assert "the author will read it" in response.content.decode()
    reply.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE


@pytest.mark.django_db
@pytest.mark.parametrize(
    "decision,check",
    [
        ("approve", lambda post, author: post.status == PostStatus.VISIBLE),
        ("hide", lambda post, author: post.status == PostStatus.HIDDEN),
        ("edit", lambda post, author: post.body == "Kinder words"),
        ("dismiss", lambda post, author: not post.flags.filter(dismissed_at__isnull=True).exists()),
        ("escalate", lambda post, author: post.review_items.get().state == "escalated"),
        ("warn", lambda post, author: Sanction.objects.filter(member=author, kind="warning")),
        ("silence", lambda post, author: author.profile.is_silenced),
        ("suspend", lambda post, author: author.profile.is_suspended),
    ],
)
def test_each_decision_from_the_item_page(client, moderator, reply, bob, decision, check):
    actions.flag_post(post=reply, member=make_member(), reason="unkind")
    item = reply.review_items.get()
    client.force_login(moderator)
    response = client.post(
        f"{QUEUE}{item.pk}/change/",
        {
            # The post's decisions and the author's are separate fields: one of the
            # first, any of the second (see test_decisions.py for them together).
            ("sanctions" if decision in ("warn", "silence", "suspend") else "decision"): decision,
            "reason": "Our guidelines ask us to disagree kindly.",
            "body": "Kinder words",
            "silence_for": "72h",
            "suspend_until": "",
        },
    )
    assert response.status_code == 302
    reply.refresh_from_db()
    bob.refresh_from_db()
    bob.profile.refresh_from_db()
    assert check(reply, bob)
    assert AuditEntry.objects.filter(actor=moderator).exists()


@pytest.mark.django_db
def test_deciding_leads_to_the_next_item(client, moderator, thread, alice, bob):
    first = item_for(forum_actions.post_reply(thread=thread, author=bob, body="a"))
    second = item_for(forum_actions.post_reply(thread=thread, author=alice, body="b"))
    client.force_login(moderator)
    response = client.post(
        f"{QUEUE}{first.pk}/change/", {"decision": "approve", "silence_for": "24h"}
    )
    assert response.url == f"{QUEUE}{second.pk}/change/"


@pytest.mark.django_db
def test_bulk_hide_asks_for_a_reason(client, moderator, thread, alice, bob):
    items = [
        item_for(forum_actions.post_reply(thread=thread, author=bob, body=f"r{i}"))
        for i in range(3)
    ]
    client.force_login(moderator)
    data = {"action": "bulk_hide", "_selected_action": [i.pk for i in items]}
    page = client.post(QUEUE, data)
    assert page.status_code == 200 and "the authors will read it" in page.content.decode()
    client.post(QUEUE, {**data, "confirm": "1", "reason": "Spam links."})
    assert all(
        i.post.__class__.objects.get(pk=i.post_id).status == PostStatus.HIDDEN for i in items
    )


@pytest.mark.django_db
def test_a_break_is_suggested_after_a_long_stretch(client, moderator, reply, settings):
    config = ModerationSettings.load()
    config.break_after_minutes = 1
    config.save()
    client.force_login(moderator)
    client.get(QUEUE)
    session = client.session
    session["queue_started"] = int(time.time()) - 120
    session.save()
    html = client.get(QUEUE).content.decode()
    assert "Would you like to take a short break?" in html


@pytest.mark.django_db
def test_queue_query_count_is_flat(client, moderator, thread, bob):
    """Guards the N+1 of each row's post, thread, board and flag count."""
    client.force_login(moderator)
    item_for(forum_actions.post_reply(thread=thread, author=bob, body="first"))
    few = count_queries(client, QUEUE)
    for i in range(12):
        post = forum_actions.post_reply(thread=thread, author=bob, body=f"r{i}")
        actions.flag_post(post=post, member=make_member(), reason="spam")
    assert count_queries(client, QUEUE) == few


@pytest.mark.django_db
def test_audit_log_is_read_only_in_the_admin(client, staff, moderator, reply):
    item = item_for(reply)
    actions.hide(item, by=moderator, reason="Guideline 3")
    entry = AuditEntry.objects.get(action="hide")
    client.force_login(staff)
    assert client.get("/admin/moderation/auditentry/").status_code == 200
    client.post(f"/admin/moderation/auditentry/{entry.pk}/change/", {"reason": "rewritten"})
    client.post(f"/admin/moderation/auditentry/{entry.pk}/delete/", {"post": "yes"})
    entry.refresh_from_db()
    assert entry.reason == "Guideline 3"


@pytest.mark.django_db
def test_only_staff_change_the_moderation_settings(client, staff, moderator):
    # They live on the admin's one Community settings page (tests/moderation/
    # test_community_settings.py has the rest).
    client.force_login(moderator)
    assert client.get("/admin/members/communitysettings/").status_code == 403
    client.force_login(staff)
    response = client.get("/admin/", follow=True)
    assert 'href="/admin/members/communitysettings/"' in response.content.decode()
    response = client.get("/admin/members/communitysettings/")
    assert response.status_code == 200
    assert "first posts held for review" in response.content.decode().lower()


@pytest.mark.django_db
def test_moderators_see_who_wrote_an_anonymous_post(client, moderator, board, alice):
    board.allow_anonymous = True
    board.save()
    thread = make_thread(board, alice, title="Hard to say", anonymous=True)
    item = item_for(thread.posts.get())
    client.force_login(moderator)
    html = client.get(f"{QUEUE}{item.pk}/change/").content.decode()
    assert "Alice" in html and "posted anonymously" in html


@pytest.mark.django_db
def test_the_item_page_says_who_changed_the_post_since(client, moderator, reply):
    """After a moderator's "Edit the post", the item says a moderator changed it, not
    the author; the author's own later edit is the author's again."""
    actions.flag_post(post=reply, member=make_member(), reason="unkind")
    item = reply.review_items.get()
    url = f"{QUEUE}{item.pk}/change/"
    client.force_login(moderator)
    edited = {
        "decision": "edit",
        "reason": "Our guidelines ask us to be kind.",
        "body": "Kinder",
        "silence_for": "72h",
        "suspend_until": "",
    }
    assert client.post(url, edited).status_code == 302
    html = client.get(url).content.decode()
    assert "The post now (a moderator edited it since)" in html
    assert "the author edited it since" not in html
    reply.refresh_from_db()
    forum_actions.edit_post(post=reply, body="Kinder, in my own words")
    html = client.get(url).content.decode()
    assert "The post now (the author edited it since)" in html
    assert "a moderator edited it since" not in html
