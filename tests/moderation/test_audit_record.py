"""The record: every moderator action in the audit log under a named action, each row
linking the member, the post and the review item it concerns; the log filters by member,
action, moderator and date and searches by name; moderators read, not change, the words
screening looks for."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.privacy import erase_member
from forums import actions as forum_actions
from forums.models import Post, Topic
from moderation import actions, claims
from moderation.models import (
    AuditAction,
    AuditEntry,
    CrisisPhrase,
    Priority,
    ReviewItem,
    WatchedWord,
)
from moderation.roles import STAFF
from tests.conftest import page
from tests.factories import make_board, make_member, make_staff_member, set_moderation

AUDIT_LOG = "/admin/moderation/auditentry/"
fill = importlib.import_module("moderation.migrations.0014_fill_audit_links").fill


@pytest.fixture
def item(thread, bob, alice):
    post = forum_actions.post_reply(thread=thread, author=bob, body="Call me on my number")
    actions.flag_post(post=post, member=alice, reason="other", note="Shares a number")
    return ReviewItem.objects.get(post=post)


# --- Each row links the member, the post and the item ---------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("decision", ["approve", "hide", "dismiss flags", "escalate", "edit"])
def test_a_decision_on_an_item_links_its_member_post_and_item(item, bob, moderator, decision):
    reason = "Guideline 3"
    if decision == "approve":
        actions.approve(item, by=moderator, reason=reason)
    elif decision == "hide":
        actions.hide(item, by=moderator, reason=reason)
    elif decision == "dismiss flags":
        actions.dismiss_flags(item, by=moderator, reason=reason)
    elif decision == "escalate":
        actions.escalate(item, by=moderator, reason=reason)
    else:
        actions.edit(item, by=moderator, body="[number removed]", reason=reason)
    entry = AuditEntry.objects.get(action=decision)
    assert (entry.member, entry.post, entry.review_item) == (bob, item.post, item)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["warn", "silence", "suspend"])
def test_a_sanction_decided_on_an_item_links_all_three(item, bob, moderator, kind):
    post = item.post
    if kind == "warn":
        actions.warn(bob, by=moderator, reason="Be kind", post=post)
    elif kind == "silence":
        actions.silence(bob, by=moderator, reason="Be kind", period="24h", post=post)
    else:
        actions.suspend(bob, by=moderator, reason="Be kind", post=post)
    entry = AuditEntry.objects.get(action=kind)
    assert (entry.member, entry.post, entry.review_item) == (bob, post, item)


@pytest.mark.django_db
def test_a_flag_threshold_hide_links_the_item_too(thread, bob, settings):
    set_moderation(flag_hide_threshold=1)
    post = forum_actions.post_reply(thread=thread, author=bob, body="You are all wrong")
    actions.flag_post(post=post, member=make_member(), reason="unkind")
    entry = AuditEntry.objects.get(action=AuditAction.AUTO_HIDE)
    assert entry.actor is None
    assert (entry.member, entry.post) == (bob, post)
    assert entry.review_item == ReviewItem.objects.get(post=post)


@pytest.mark.django_db
def test_a_thread_change_links_the_threads_author_and_opening_post(moderator, thread, alice):
    forum_actions.switch_thread(thread=thread, action="pin", by=moderator)
    entry = AuditEntry.objects.get()
    assert (entry.member, entry.post) == (alice, thread.posts.get(number=1))
    assert thread.author == alice


@pytest.mark.django_db
def test_the_log_shows_each_link_and_never_the_posts_words(client, moderator, item, bob):
    actions.hide(item, by=moderator, reason="Guideline 3")
    client.force_login(moderator)
    html = page(client.get(AUDIT_LOG))
    bobs_page = reverse(settings.BOOMITY_ADMIN_MEMBER_URL, args=[bob.pk])
    assert f'member <a href="{bobs_page}" class="member-link">Bob</a>' in html
    assert f'href="/admin/forums/post/{item.post_id}/change/">post {item.post_id}' in html
    assert f'href="/admin/moderation/reviewitem/{item.pk}/change/">review item {item.pk}' in html
    assert "Call me on my number" not in html
    # A sanction on the post names the sanction and links the post, whatever the numbers.
    sanction = actions.warn(bob, by=moderator, reason="Please be kind", post=item.post)
    html = page(client.get(AUDIT_LOG, {"action__exact": "warn"}))
    assert f"sanction {sanction.pk} · member" in html
    assert f'/admin/forums/post/{item.post_id}/change/">post {item.post_id}</a>' in html
    # "By member" lists everything the log holds about them, and only that.
    other = make_member("Zed")
    actions.warn(other, by=moderator, reason="Another matter")
    about_bob = page(client.get(AUDIT_LOG, {"member": bob.pk}))
    assert "Guideline 3" in about_bob and "Another matter" not in about_bob
    assert "Please be kind" in about_bob


@pytest.mark.django_db
@pytest.mark.parametrize("remove_posts", [False, True])
def test_erasing_the_member_keeps_the_row_without_them(moderator, item, bob, remove_posts):
    actions.hide(item, by=moderator, reason="Guideline 3")
    erase_member(bob, remove_posts=remove_posts)
    entry = AuditEntry.objects.get(action="hide")
    assert entry.member is None and entry.reason == "Guideline 3"
    assert entry.actor == moderator
    # A post deleted for good (with its items) leaves the row too.
    Post.objects.filter(pk=item.post_id).delete()
    entry.refresh_from_db()
    assert (entry.post, entry.review_item) == (None, None)
    assert entry.target_repr.startswith(f"post {item.post_id}")


# --- Filters and search -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_log_filters_by_member_action_moderator_and_date(client, moderator, staff, item, bob):
    actions.warn(bob, by=moderator, reason="First note")
    other = make_member("Zed")
    actions.warn(other, by=staff, reason="Second note")
    old = actions.warn(other, by=staff, reason="Old note")
    AuditEntry._base_manager.filter(target_id=str(old.pk), action="warn").update(
        created_at=timezone.now() - timedelta(days=40)
    )
    actions.hide(item, by=staff, reason="Third note")
    client.force_login(moderator)
    html = page(client.get(AUDIT_LOG))
    # The filters name people as members know them, never by e-mail address.
    assert f'href="?moderator={staff.pk}"' in html and f'href="?member={other.pk}"' in html
    assert staff.email not in html and bob.email not in html

    def reasons(**query):
        shown = page(client.get(AUDIT_LOG, query))
        return {r for r in ("First note", "Second note", "Old note", "Third note") if r in shown}

    assert reasons(member=other.pk) == {"Second note", "Old note"}
    assert reasons(member=bob.pk) == {"First note", "Third note"}
    assert reasons(moderator=moderator.pk) == {"First note"}
    assert reasons(action__exact="hide") == {"Third note"}
    # "Past 7 days", as the date filter links it.
    assert reasons(created_at__gte=(timezone.now() - timedelta(days=7)).isoformat()) == {
        "First note",
        "Second note",
        "Third note",
    }
    assert reasons(q="Zed") == {"Second note", "Old note"}  # the member's name
    assert reasons(q=staff.profile.display_name) >= {"Second note", "Third note"}


# --- Every moderator action, named --------------------------------------------------------------


@pytest.mark.django_db
def test_changing_a_threads_topics_in_the_admin_is_audited(client, moderator, thread, alice):
    sleep, family = Topic.objects.get(slug="sleep"), Topic.objects.get(slug="family")
    client.force_login(moderator)
    url = f"/admin/forums/thread/{thread.pk}/change/"
    assert client.post(url, {"topics": [sleep.pk, family.pk]}).status_code == 302
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action) == (moderator, AuditAction.TOPICS)
    assert entry.detail == f"From no topics to {', '.join(sorted([sleep.name, family.name]))}"
    assert (entry.member, entry.post) == (alice, thread.posts.get(number=1))
    # The same topics again is no change: nothing more in the log.
    client.post(url, {"topics": [sleep.pk, family.pk]})
    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db
def test_every_audit_action_is_one_a_moderator_path_writes(client, moderator, thread, item, bob):
    """Each named action is written by a real path (none is left unused); together
    with test_audit_log.py and test_thread_audit.py this walks every one."""
    grief = make_board("grief", name="Grief")
    other = forum_actions.post_reply(thread=thread, author=bob, body="Second")
    second = actions.open_review(other, priority=Priority.FLAGGED, reasons=["Flagged: Unkind"])
    actions.edit(item, by=moderator, body="[removed]", reason="r")
    actions.escalate(item, by=moderator, reason="r")
    actions.dismiss_flags(item, by=moderator, reason="r")
    actions.hide(second, by=moderator, reason="r")
    third = actions.open_review(other, priority=Priority.FLAGGED, reasons=["Flagged: Unkind"])
    actions.approve(third, by=moderator)
    actions.warn(bob, by=moderator, reason="r")
    actions.silence(bob, by=moderator, reason="r", period="24h")
    actions.lift(actions.suspend(bob, by=moderator, reason="r"), by=moderator, reason="r")
    for switch in ("pin", "unpin", "lock", "unlock"):
        forum_actions.switch_thread(thread=thread, action=switch, by=moderator)
    forum_actions.move_thread(thread=thread, to_board=grief, by=moderator)
    forum_actions.change_thread_topics(
        thread=thread, topics=[Topic.objects.get(slug="sleep")], by=moderator
    )
    # Owning an urgent item: a claim (which acknowledges it), then a take-over.
    urgent = actions.open_review(
        forum_actions.post_reply(thread=thread, author=bob, body="Fourth"),
        priority=Priority.URGENT,
        reasons=["Flagged: I'm worried about this person's safety"],
    )
    claims.claim(urgent, by=moderator)
    claims.take_over(urgent, by=make_staff_member("Kit", STAFF), reason="Mara's shift ended")
    entry = AuditEntry.objects.get(action=AuditAction.CLAIM)
    assert (entry.member, entry.post, entry.review_item) == (bob, urgent.post, urgent)
    # One submit that closes the item too; a second look upheld, another lifted, each by
    # a moderator other than the one who gave the sanction.
    closing = actions.open_review(
        forum_actions.post_reply(thread=thread, author=bob, body="Fifth"),
        priority=Priority.FLAGGED,
        reasons=["Flagged: Unkind"],
    )
    actions.decide_case(
        closing, actions.CaseDecision(sanctions=("warn",), reason="r", close=True), by=moderator
    )
    kit = make_staff_member("Kit2", STAFF)
    for lift_it in (False, True):
        asked = actions.ask_second_look(
            actions.silence(bob, by=moderator, reason="r", period="24h"), text="Please look"
        )
        actions.decide_second_look(asked, by=kit, lift_it=lift_it, reason="r")
    set_moderation(flag_hide_threshold=1)
    flagged = forum_actions.post_reply(thread=thread, author=bob, body="Third")
    actions.flag_post(post=flagged, member=make_member(), reason="unkind")
    written = set(AuditEntry.objects.values_list("action", flat=True))
    # Notes and messages write theirs in their own tests (test_member_page.py, messages).
    theirs = {a for a in AuditAction.values if "note" in a or "message" in a}
    assert written == set(AuditAction.values) - theirs


# --- Rows from before the links ---------------------------------------------------------------


@pytest.mark.django_db
def test_old_rows_get_their_links_from_what_they_name(moderator, item, bob, thread, alice):
    actions.hide(item, by=moderator, reason="r")
    sanction = actions.warn(bob, by=moderator, reason="r", post=item.post)
    forum_actions.switch_thread(thread=thread, action="lock", by=moderator)
    # As they were before the links existed.
    AuditEntry.objects.model._base_manager.update(member=None, post=None, review_item=None)

    fill(apps, None)

    links = {
        e.action: (e.member, e.post, e.review_item)
        for e in AuditEntry.objects.select_related("member", "post", "review_item")
    }
    assert links["hide"] == (bob, item.post, item)
    assert links["warn"] == (bob, item.post, item)
    assert links["lock"][:2] == (alice, thread.posts.get(number=1))
    assert sanction.post == item.post


# --- Watched words and crisis phrases: moderators read, staff change ----------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["crisisphrase", "watchedword"])
def test_moderators_read_but_do_not_change_the_words(client, moderator, staff, model):
    if model == "crisisphrase":
        row = CrisisPhrase.objects.create(phrase="no way out tonight")
        shown, data = "no way out tonight", {"phrase": "changed by a moderator"}
    else:
        row = WatchedWord.objects.create(pattern="buy followers", action="hold")
        shown, data = "buy followers", {"pattern": "changed", "action": "hold"}
    base = f"/admin/moderation/{model}/"
    client.force_login(moderator)
    assert shown in page(client.get(base))
    detail = client.get(f"{base}{row.pk}/change/")
    assert detail.status_code == 200 and shown in page(detail)
    assert 'name="_save"' not in page(detail)  # read-only: no form to save
    assert client.post(f"{base}{row.pk}/change/", data).status_code == 403
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}{row.pk}/delete/", {"post": "yes"}).status_code == 403
    row.refresh_from_db()
    assert shown in str(row.__dict__.values())

    client.force_login(staff)
    assert 'name="_save"' in page(client.get(f"{base}{row.pk}/change/"))
    assert client.get(f"{base}add/").status_code == 200


# --- Who acted, and finding rows (the stranger's moderator shift, issue 12) --------------------


@pytest.mark.django_db
def test_a_member_writing_to_the_team_is_named_as_a_member_not_a_moderator(client, moderator, bob):
    from members.conversations import write_as_member

    sent = actions.write_to_member(bob, by=moderator, subject="Checking in", body="How are you?")
    write_as_member(sent.conversation, member=bob, body="Thank you, a bit better.")
    client.force_login(moderator)
    html = page(client.get(AUDIT_LOG, {"action__exact": AuditAction.MESSAGE_MEMBER}))
    bobs_page = reverse(settings.BOOMITY_ADMIN_MEMBER_URL, args=[bob.pk])
    assert f'<a href="{bobs_page}" class="member-link">Bob</a> (member)' in html
    # The column is titled for anyone who acted, never "Moderator".
    assert ">Moderator<" not in html and ">By<" in html
    html = page(client.get(AUDIT_LOG, {"action__exact": AuditAction.MESSAGE_START}))
    assert 'class="member-link">Mara</a> (moderator)' in html
    # "By moderator" lists the moderator, never the member.
    html = page(client.get(AUDIT_LOG))
    assert f'href="?moderator={moderator.pk}"' in html
    assert f'href="?moderator={bob.pk}"' not in html


@pytest.mark.django_db
def test_searching_words_never_matches_numbers_inside_what_a_row_is_about(
    client, moderator, thread, bob, alice
):
    posts = [
        forum_actions.post_reply(thread=thread, author=bob, body=f"Reply {n}") for n in range(3)
    ]
    items = []
    for post in posts:
        actions.flag_post(post=post, member=alice, reason="other", note="?")
        items.append(ReviewItem.objects.get(post=post))
    # The number 2 is in other rows' links ("review item 2", "post 2"), never in their words.
    actions.hide(items[1], by=moderator, reason="Guideline 5: no personal details.")
    actions.hide(items[0], by=moderator, reason="Guideline 2: be kind.")
    client.force_login(moderator)

    def found(q: str) -> list[AuditEntry]:
        response = client.get(AUDIT_LOG, {"q": q})
        assert response.status_code == 200
        return list(response.context["cl"].result_list)

    assert [e.reason for e in found("Guideline 2")] == ["Guideline 2: be kind."]
    assert [e.reason for e in found("guideline 5")] == ["Guideline 5: no personal details."]
    assert {e.reason for e in found("Mara")} >= {"Guideline 2: be kind."}  # a name
    assert {e.action for e in found("hide")} == {AuditAction.HIDE}  # what was done, in words
    # A number on its own (or "#n") is what a row is about: its item, its post.
    about_item = {e.pk for e in found(f"#{items[1].pk}")}
    assert about_item == {e.pk for e in found(str(items[1].pk))}
    assert about_item and all(
        items[1].pk == e.review_item_id
        or e.post_id == items[1].pk
        or e.target_id == str(items[1].pk)
        for e in AuditEntry.objects.filter(pk__in=about_item)
    )
    assert AuditEntry.objects.get(reason__startswith="Guideline 5").pk in about_item
    assert found("#99999999999999999999") == []


@pytest.mark.django_db
def test_about_names_the_review_item_once(client, moderator, item):
    claims.claim(item, by=moderator)
    client.force_login(moderator)
    html = page(client.get(AUDIT_LOG, {"action__exact": AuditAction.CLAIM}))
    assert f"review item {item.pk}</a>" in html
    assert f"item to review {item.pk}" not in html
