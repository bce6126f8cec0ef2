"""Messages between the moderation team and a member: started by a moderator in the
admin (from a template, changed before sending), read and answered by the member from
their notifications, screened for crisis language, kept in the audit log, the member's
download and erasure — and never seen by anyone else."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.test import TestCase

from core.privacy import erase_member
from forums import actions as forum_actions
from members import mail as member_mail
from members.conversations import write_as_member
from members.models import (
    Conversation,
    EmailFrequency,
    Message,
    NotificationKind,
    Profile,
)
from moderation import actions
from moderation.models import AuditAction, AuditEntry, MessageTemplate, Priority, ReviewItem
from tests.conftest import count_queries, dangerous_markup, main_of, page, signs_in
from tests.factories import make_member

TEAM_WORDS = "We noticed your post about the harbour and wanted to check in."
SUBJECT = "Checking in after your post last night"
CRISIS_REPLY = "Honestly I feel like a burden to everyone right now."


def start(member, moderator, *, body: str = TEAM_WORDS, item=None) -> Conversation:
    with TestCase.captureOnCommitCallbacks(execute=True):
        message = actions.write_to_member(
            member, by=moderator, subject=SUBJECT, body=body, item=item
        )
    return message.conversation


def url_of(conversation: Conversation) -> str:
    return f"/messages/{conversation.pk}/"


# --- Starting one, in the admin -----------------------------------------------------------


@pytest.mark.django_db
def test_templates_ship_in_boomitys_voice():
    names = list(MessageTemplate.objects.values_list("name", flat=True))
    assert "Checking in" in names
    checking = MessageTemplate.objects.get(name="Checking in")
    assert checking.subject == SUBJECT
    assert "aren't a crisis service" in checking.body


@pytest.mark.django_db
def test_moderator_starts_from_a_template_and_edits_before_sending(
    client, moderator, alice, thread
):
    item = actions.open_review(thread.posts.get(number=1), priority=Priority.FLAGGED, reasons=["x"])
    template = MessageTemplate.objects.get(name="Checking in")
    client.force_login(moderator)
    # The item's page has the way in.
    decide = page(client.get(f"/admin/moderation/reviewitem/{item.pk}/change/"))
    start_url = f"/admin/members/conversation/start/{alice.pk}/?item={item.pk}"
    assert start_url.replace("&", "&amp;") in decide or start_url in decide
    # Choosing a template fills the boxes (no script needed).
    filled = page(client.get(f"{start_url}&template={template.pk}"))
    assert SUBJECT in filled and "glad you shared it here" in filled
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            start_url, {"subject": SUBJECT, "body": "Hi Alice, edited by Mara: how are you?"}
        )
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/members/conversation/{conversation.pk}/change/"
    message = conversation.messages.get()
    assert message.body == "Hi Alice, edited by Mara: how are you?"
    assert message.from_team and message.author == moderator
    assert conversation.team == "moderators"
    assert list(conversation.participants.values_list("member", flat=True)) == [alice.pk]
    entry = AuditEntry.objects.get(action=AuditAction.MESSAGE_START)
    assert entry.actor == moderator
    assert entry.detail == f"To member {alice.pk}, from review item {item.pk}"
    assert "edited by Mara" not in entry.reason + entry.detail + entry.target_repr


@pytest.mark.django_db
def test_the_readme_walks_the_page_as_it_is(client, moderator, alice):
    """README "For moderators", step 6: a template is chosen from a list first, then
    "Use this template" fills the boxes — the page's own words, in its order."""
    from pathlib import Path

    from django.conf import settings

    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    step = readme[readme.index("### 6. Write to the member") : readme.index("### 7.")]
    step = " ".join(step.split())
    client.force_login(moderator)
    start_page = page(client.get(f"/admin/members/conversation/start/{alice.pk}/"))
    order = ["Start from a template", "write your own", "Use this template"]
    assert [start_page.index(words) for words in order] == sorted(
        start_page.index(words) for words in order
    )
    assert "choose one from the *Start from a template* list and press *Use this template*" in step


@pytest.mark.django_db
def test_starting_needs_a_moderator(client, alice, bob):
    url = f"/admin/members/conversation/start/{bob.pk}/"
    assert client.get(url).status_code == 302  # to the admin's sign-in
    client.force_login(alice)
    assert client.get(url).status_code in (302, 403)
    client.post(url, {"subject": "hi", "body": "hi"})
    assert not Conversation.objects.exists()


@pytest.mark.django_db
def test_staff_keep_the_templates_moderators_only_read_them(client, moderator, staff):
    template = MessageTemplate.objects.first()
    url = f"/admin/moderation/messagetemplate/{template.pk}/change/"
    client.force_login(moderator)
    assert client.get(url).status_code == 200
    client.post(url, {"name": "Changed", "subject": "s", "body": "b", "position": 0})
    template.refresh_from_db()
    assert template.name != "Changed"
    assert client.get("/admin/moderation/messagetemplate/add/").status_code == 403
    client.force_login(staff)
    response = client.post(url, {"name": "Changed", "subject": "s", "body": "b", "position": 0})
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.name == "Changed"


# --- The member's side -----------------------------------------------------------------------


@pytest.mark.django_db
def test_member_is_told_only_that_the_team_wrote(client, moderator, alice):
    Profile.objects.filter(user=alice).update(email_frequency=EmailFrequency.IMMEDIATE)
    conversation = start(alice, moderator)
    note = alice.notifications.get()
    assert note.kind == NotificationKind.TEAM_MESSAGE
    assert note.url == url_of(conversation)
    assert TEAM_WORDS not in note.message and SUBJECT not in note.message
    # The e-mail: that the team wrote, the link, never the subject or the words.
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert "The moderation team sent you a message" in sent.body
    assert url_of(conversation) in sent.body
    for secret in (TEAM_WORDS, SUBJECT, moderator.profile.display_name):
        assert secret not in sent.subject + sent.body
    # The notification leads to the page.
    client.force_login(alice)
    assert url_of(conversation) in page(client.get("/notifications/"))


@pytest.mark.django_db
def test_email_follows_the_members_choice(moderator, alice, bob):
    Profile.objects.filter(user=alice).update(email_frequency=EmailFrequency.NEVER)
    start(alice, moderator)
    assert mail.outbox == []
    Profile.objects.filter(user=bob).update(email_frequency=EmailFrequency.DAILY)
    start(bob, moderator)
    assert mail.outbox == []  # not straight away: in the day's summary
    member_mail.send_digest(bob.pk, EmailFrequency.DAILY)
    assert "The moderation team sent you a message" in mail.outbox[0].body
    assert TEAM_WORDS not in mail.outbox[0].body


@pytest.mark.django_db
def test_member_reads_the_team_never_the_moderator(client, moderator, alice):
    conversation = start(alice, moderator)
    client.force_login(alice)
    main = main_of(client.get(url_of(conversation)))
    assert SUBJECT in main and TEAM_WORDS in main
    assert "The moderation team" in main
    assert moderator.profile.display_name not in main
    assert "Only you and the moderators can read it" in main
    listed = main_of(client.get("/messages/"))
    assert SUBJECT in listed and "with The moderation team" in listed


@pytest.mark.django_db
def test_member_answers_and_the_team_sees_it(client, moderator, alice):
    conversation = start(alice, moderator)
    client.force_login(alice)
    response = client.post(url_of(conversation), {"body": "Thanks, I'm doing a bit better."})
    assert response.status_code == 302 and response["Location"] == url_of(conversation)
    reply = Message.objects.get(from_team=False)
    assert reply.author == alice and reply.body == "Thanks, I'm doing a bit better."
    assert "Your message is sent" in page(client.get(url_of(conversation)))
    conversation.refresh_from_db()
    assert not conversation.last_from_team and conversation.message_count == 2
    assert AuditEntry.objects.filter(
        action=AuditAction.MESSAGE_MEMBER, actor=alice, target_id=str(reply.pk)
    ).exists()
    assert not ReviewItem.objects.exists()  # nothing in it needed the queue
    # The team's list shows it waits for them; the conversation shows the answer.
    client.force_login(moderator)
    waiting = page(client.get("/admin/members/conversation/?waiting=team"))
    assert SUBJECT in waiting
    detail = page(client.get(f"/admin/members/conversation/{conversation.pk}/change/"))
    assert "doing a bit better" in detail and alice.profile.display_name in detail


@pytest.mark.django_db
def test_an_empty_answer_keeps_nothing_and_says_why(client, moderator, alice):
    conversation = start(alice, moderator)
    client.force_login(alice)
    response = client.post(url_of(conversation), {"body": "   "})
    assert response.status_code == 400
    assert "Please write something before you send it." in page(response)
    assert conversation.messages.count() == 1


@pytest.mark.django_db
def test_a_too_long_message_keeps_every_word(client, moderator, alice):
    conversation = start(alice, moderator)
    client.force_login(alice)
    words = "I wanted to say so much. " * 250  # over 5,000 characters
    response = client.post(url_of(conversation), {"body": words})
    assert response.status_code == 400
    html = page(response)
    assert "shorter" in html and words.strip() in html
    assert 'maxlength="' not in html  # the box never cuts a paste short
    assert conversation.messages.count() == 1


@pytest.mark.django_db
def test_crisis_language_shows_help_first_and_makes_an_urgent_item(
    client, moderator, alice, oncall
):
    conversation = start(alice, moderator)
    client.force_login(alice)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url_of(conversation), {"body": CRISIS_REPLY})
    # Help first, on screen: the page's top, no #anchor to jump past it.
    assert response["Location"] == url_of(conversation)
    shown = main_of(client.get(response["Location"]))
    assert shown.index("crisis-panel") < shown.index(CRISIS_REPLY)
    assert "have to face this alone" in shown
    assert "let the moderators know about it" in shown
    message = Message.objects.get(body=CRISIS_REPLY)
    item = ReviewItem.objects.get(message=message)
    assert item.priority == Priority.URGENT and item.crisis and item.post is None
    # The on-call moderators are alerted, never with the words.
    alert = next(m for m in mail.outbox if "urgent" in m.subject)
    assert "written to the moderation team" in alert.body
    assert CRISIS_REPLY not in alert.body


@pytest.mark.django_db
def test_the_queue_works_with_items_about_messages(client, moderator, alice, bob, thread):
    conversation = start(alice, moderator)
    message, _ = write_as_member(conversation, member=alice, body=CRISIS_REPLY)
    item = ReviewItem.objects.get(message=message)
    post_item = actions.open_review(
        forum_actions.post_reply(thread=thread, author=bob, body="Unkind words"),
        priority=Priority.FLAGGED,
        reasons=["Flagged: Unkind"],
    )
    client.force_login(moderator)
    queue = page(client.get("/admin/moderation/reviewitem/"))
    assert "Message to the team with crisis language (open to read)" in queue
    assert "Private message to the team" in queue
    assert CRISIS_REPLY not in queue
    assert f"/reviewitem/{post_item.pk}/change/" in queue
    # Its page: the words folded, the way to the conversation, closing it.
    url = f"/admin/moderation/reviewitem/{item.pk}/change/"
    shown = page(client.get(url))
    assert '<details class="fold">' in shown
    assert shown.index('<details class="fold">') < shown.index("burden to everyone")
    assert f"/admin/members/conversation/{conversation.pk}/change/" in shown
    # A bulk decision on posts leaves it alone (there's no post to approve).
    client.post(
        "/admin/moderation/reviewitem/",
        {"action": "bulk_approve", "_selected_action": [item.pk, post_item.pk], "confirm": "1"},
    )
    item.refresh_from_db()
    assert item.state == "open"
    response = client.post(url, {"decision": "close", "reason": "Wrote back; she's safe."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == "resolved" and item.resolved_by == moderator
    assert AuditEntry.objects.filter(action=AuditAction.CLOSE_MESSAGE_ITEM).exists()


@pytest.mark.django_db
def test_moderator_answers_from_the_admin(client, moderator, alice):
    conversation = start(alice, moderator)
    alice.notifications.update(read_at="2020-01-01T00:00:00Z")
    client.force_login(moderator)
    url = f"/admin/members/conversation/{conversation.pk}/change/"
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, {"body": "We're here whenever you want to talk."})
    assert response.status_code == 302
    assert conversation.messages.filter(from_team=True).count() == 2
    assert alice.notifications.filter(read_at__isnull=True, kind="team_message").count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.MESSAGE_TEAM, actor=moderator).exists()


# --- Who may open it --------------------------------------------------------------------------


@pytest.mark.django_db
def test_only_the_member_and_moderators_open_it(client, moderator, alice, bob):
    conversation = start(alice, moderator)
    url = url_of(conversation)
    assert signs_in(client.get(url))
    assert signs_in(client.post(url, {"body": "sneaky"}))
    client.force_login(bob)
    assert client.get(url).status_code == 404
    assert client.post(url, {"body": "sneaky"}).status_code == 404
    assert SUBJECT not in page(client.get("/messages/"))
    client.force_login(moderator)
    seen = page(client.get(url))
    assert TEAM_WORDS in seen and "Answer from the admin" in seen
    # A moderator answers in the team's name from the admin, not as themselves here.
    assert client.post(url, {"body": "as me"}).status_code == 404
    client.force_login(alice)
    assert client.put(url).status_code == 405
    assert client.delete(url).status_code == 405
    assert Message.objects.filter(body__in=["sneaky", "as me"]).count() == 0


@pytest.mark.django_db
def test_between_members_conversations_stay_out_of_the_admin(client, moderator, alice, bob):
    from members.models import Participant

    between = Conversation.objects.create(subject="Just the two of us")
    Participant.objects.create(conversation=between, member=alice)
    Participant.objects.create(conversation=between, member=bob)
    client.force_login(moderator)
    assert "Just the two of us" not in page(client.get("/admin/members/conversation/"))
    assert client.get(f"/admin/members/conversation/{between.pk}/change/").status_code == 404
    assert client.get(url_of(between)).status_code == 404


# --- The record: download and erasure ---------------------------------------------------------


@pytest.mark.django_db
def test_the_download_holds_the_conversation_without_the_moderators_name(client, moderator, alice):
    conversation = start(alice, moderator)
    client.force_login(alice)
    client.post(url_of(conversation), {"body": "Thanks for asking."})
    data = json.loads(client.post("/account/privacy/export/").content)
    [talk] = data["conversations"]
    assert talk["subject"] == SUBJECT and talk["with"] == "The moderation team"
    assert [(m["from"], m["body"]) for m in talk["messages"]] == [
        ("The moderation team", TEAM_WORDS),
        ("you", "Thanks for asking."),
    ]
    assert moderator.profile.display_name not in json.dumps(data)


@pytest.mark.django_db
def test_erasure_removes_the_members_words_everywhere(client, moderator, alice):
    conversation = start(alice, moderator)

    message, _ = write_as_member(conversation, member=alice, body=CRISIS_REPLY)
    erase_member(alice, remove_posts=False)
    message.refresh_from_db()
    assert message.body == "" and message.body_html == "" and message.erased
    item = ReviewItem.objects.get(message=message)
    assert CRISIS_REPLY not in item.snapshot_body + item.snapshot_html
    assert not AuditEntry.objects.filter(reason__contains="burden").exists()
    client.force_login(moderator)
    shown = page(client.get(f"/admin/members/conversation/{conversation.pk}/change/"))
    assert "burden" not in shown and "Removed when the member erased their account" in shown


# --- What it costs ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_members_conversation_page_costs_the_same_however_long(client, moderator, alice):
    conversation = start(alice, moderator)
    client.force_login(alice)
    url = url_of(conversation)
    few = count_queries(client, url)
    for n in range(12):
        actions.write_as_team(conversation, by=moderator, body=f"Message {n}")
    assert count_queries(client, url) == few  # no query per message (no author lookups)
    listed = count_queries(client, "/messages/")
    for _ in range(5):
        start(alice, moderator)
    assert count_queries(client, "/messages/") == listed  # no query per conversation


@pytest.mark.django_db
def test_the_admin_conversations_list_costs_the_same_however_many(client, moderator):
    client.force_login(moderator)
    start(make_member("Wren"), moderator)
    few = count_queries(client, "/admin/members/conversation/")
    for n in range(8):
        start(make_member(f"Member{n}"), moderator)
    # The members' names come in one prefetch, not a query per row.
    assert count_queries(client, "/admin/members/conversation/") == few


@pytest.mark.django_db
def test_crisis_words_stay_folded_in_the_admin_conversation(client, moderator, alice):
    conversation = start(alice, moderator)
    write_as_member(conversation, member=alice, body=CRISIS_REPLY)
    client.force_login(moderator)
    shown = page(client.get(f"/admin/members/conversation/{conversation.pk}/change/"))
    fold = shown.index("This message may be distressing (crisis language)")
    assert fold < shown.index("burden to everyone")
    assert TEAM_WORDS in shown  # the team's own words aren't folded


@pytest.mark.django_db
def test_a_silenced_member_can_still_answer_the_team(client, moderator, silenced):
    conversation = start(silenced, moderator)
    client.force_login(silenced)
    response = client.post(url_of(conversation), {"body": "I understand, thank you."})
    assert response.status_code == 302
    assert conversation.messages.filter(author=silenced).exists()


@pytest.mark.django_db
def test_messages_are_sanitized_and_escaped(client, moderator, alice):
    with TestCase.captureOnCommitCallbacks(execute=True):
        message = actions.write_to_member(
            alice,
            by=moderator,
            subject="<script>alert(1)</script>",
            body="Hi <img src=x onerror=alert(1)> [x](javascript:alert(1))",
        )
    client.force_login(alice)
    html = page(client.get(url_of(message.conversation)))
    assert "<script>alert(1)</script>" not in html
    assert dangerous_markup(main_of_html(html)) == []


@pytest.mark.django_db
def test_the_admin_shows_messages_as_written_not_as_markup(client, moderator, alice):
    """Found in the shift's browser journey: the admin's conversation page (and an item
    about a message) showed "<p>Hi,</p>" as text instead of the paragraphs."""
    conversation = start(alice, moderator, body="Hi Alice,\n\nWe're *here* tonight.")
    message, _ = write_as_member(
        conversation,
        member=alice,
        body=f"Thank you.\n\n{CRISIS_REPLY} <img src=x onerror=alert(1)>",
    )
    item = ReviewItem.objects.get(message=message)
    client.force_login(moderator)
    for url in (
        f"/admin/members/conversation/{conversation.pk}/change/",
        f"/admin/moderation/reviewitem/{item.pk}/change/",
    ):
        shown = page(client.get(url))
        assert "&lt;p&gt;" not in shown, url
        assert "<p>Thank you.</p>" in shown, url
        words = shown[shown.index('<div class="review">') : shown.index("<form")]
        assert dangerous_markup(words) == [], url
    shown = page(client.get(f"/admin/members/conversation/{conversation.pk}/change/"))
    assert "<p>We're <em>here</em> tonight.</p>" in shown


def main_of_html(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.django_db
def test_a_member_on_a_break_still_hears_from_the_team(moderator, alice):
    from datetime import timedelta

    from django.utils import timezone

    from members.actions import take_a_break

    take_a_break(alice, timezone.now() + timedelta(days=3))
    start(alice, moderator)
    assert alice.notifications.filter(kind=NotificationKind.TEAM_MESSAGE).count() == 1


@pytest.mark.django_db
def test_the_audit_log_names_the_member_of_each_message_and_never_lists_them_as_moderator(
    client, moderator, alice
):
    sent = actions.write_to_member(alice, by=moderator, subject="Checking in", body="Hi.")
    write_as_member(sent.conversation, member=alice, body="Thank you.")
    rows = AuditEntry.objects.filter(action__startswith="message")
    assert rows.count() >= 2 and set(rows.values_list("member", flat=True)) == {alice.pk}
    client.force_login(moderator)
    html = page(client.get("/admin/moderation/auditentry/"))
    moderators = html[html.index("By moderator") :]
    moderators = moderators[: moderators.index("</ul>")]
    assert alice.profile.display_name not in moderators


# --- What a moderator sees in the list, and the words as written (a stranger's shift) ------


@pytest.mark.django_db
def test_the_list_says_in_words_who_waits_and_links_the_member(client, moderator, alice, bob):
    from django.conf import settings
    from django.urls import reverse

    waiting = start(alice, moderator)
    write_as_member(waiting, member=alice, body="Thank you.")
    start(bob, moderator)
    client.force_login(moderator)
    html = page(client.get("/admin/members/conversation/"))
    # Not a green tick (which reads "all fine"): words, marked as needing someone.
    assert '<strong class="needs-answer">The member: waiting for the team</strong>' in html
    assert "icon-yes" not in html and "icon-no" not in html
    # Each name leads to everything about the member, as in every other list.
    for member in (alice, bob):
        url = reverse(settings.BOOMITY_ADMIN_MEMBER_URL, args=[member.pk])
        assert f'<a href="{url}" class="member-link">{member.profile.display_name}</a>' in html
    # The filter for them: ?waiting=team.
    only = client.get("/admin/members/conversation/", {"waiting": "team"})
    assert list(only.context["cl"].result_list) == [waiting]


@pytest.mark.django_db
def test_line_breaks_in_a_team_message_stay_and_markup_stays_text(client, moderator, alice):
    body = "We're here if you want to talk. <b>Really</b>.\n\nWarm wishes,\nThe moderation team"
    conversation = start(alice, moderator, body=body)
    write_as_member(conversation, member=alice, body="Thank you,\nAlice")
    kept = "Warm wishes,<br>\nThe moderation team"
    client.force_login(alice)
    mine = page(client.get(url_of(conversation)))
    assert kept in mine and "Thank you,<br>\nAlice" in mine
    assert "&lt;b&gt;Really&lt;/b&gt;" in mine and "<b>Really" not in mine
    client.force_login(moderator)
    admin_page = page(client.get(f"/admin/members/conversation/{conversation.pk}/change/"))
    assert kept in admin_page and "<b>Really" not in admin_page
