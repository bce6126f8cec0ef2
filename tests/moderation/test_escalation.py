"""“Escalate to staff” reaches a person: the escalation contacts staff name get a link
(never the words), the item says who has it and when, and with nobody named the
moderator is told plainly that nobody was e-mailed and what to do."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from forums import actions as forum_actions
from moderation import actions, hours
from moderation.models import AuditEntry, Escalation, EscalationContact, ReviewItem, ReviewState
from tests.conftest import count_queries, page

QUEUE = "/admin/moderation/reviewitem/"
WORDS = "Nobody would notice if I disappeared tonight"
REASON = "They wrote about tonight; please call them."
CONTACTS = "/admin/moderation/escalationcontact/"


def a_day_away() -> str:
    """A whole day three days from now: nobody is reachable today (or tomorrow, should
    the test run across midnight)."""
    day = timezone.localtime(timezone.now(), hours.zone()) + timedelta(days=3)
    return f"{hours.DAY_NAMES[day.weekday()][:3]} 00:00-24:00"


@pytest.fixture
def item(thread, bob, alice):
    reply = forum_actions.post_reply(thread=thread, author=bob, body=WORDS)
    actions.flag_post(post=reply, member=alice, reason="safety", note="I'm worried about Bob.")
    return ReviewItem.objects.get(post=reply)


@pytest.fixture
def lead(db):
    return EscalationContact.objects.create(
        name="Dr Ana Ruiz", role="Clinical lead", email="lead@example.org", phone="020 7946 0000"
    )


@pytest.fixture
def weekend_only(db):
    return EscalationContact.objects.create(
        name="Sam Okafor", role="Safeguarding lead", email="sam@example.org", hours=a_day_away()
    )


def escalate(client, item, reason=REASON):
    # As the browser sends the form: the silence period's menu always has a value.
    return client.post(
        f"{QUEUE}{item.pk}/change/",
        {"decision": "escalate", "reason": reason, "silence_for": "24h"},
    )


@pytest.mark.django_db
def test_escalating_emails_who_can_be_reached_now_a_link_and_never_the_words(
    client, moderator, item, lead, weekend_only, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = escalate(client, item)
    assert response.status_code == 302
    assert [mail.to for mail in mailoutbox] == [["lead@example.org"]]
    mail = mailoutbox[0]
    assert f"/admin/moderation/reviewitem/{item.pk}/change/" in mail.body
    assert "Dr Ana Ruiz" in mail.body and "Clinical lead" in mail.body
    assert "Mara" in mail.body  # who escalated it
    everything = f"{mail.subject} {mail.body}".lower()
    for private in (WORDS, "disappeared", REASON, "worried about bob", "Sleep when anxious"):
        assert private.lower() not in everything, private
    item.refresh_from_db()
    assert item.state == ReviewState.ESCALATED
    escalation = Escalation.objects.get()
    assert [r["name"] for r in escalation.recipients] == ["Dr Ana Ruiz"]
    assert escalation.emailed_at is not None and not escalation.outside_hours
    assert AuditEntry.objects.get(action="escalate").reason == REASON
    # The moderator is told who has it; the item shows it, with the number to call.
    html = page(client.get(f"{QUEUE}{item.pk}/change/", follow=True))
    assert "Escalated" in html and "Dr Ana Ruiz</strong> (Clinical lead" in html
    assert 'href="tel:02079460000"' in html
    assert "Sam Okafor" not in html.split("Your decision")[0]
    assert timezone.localtime(escalation.created_at).strftime("%-d %b %Y, %H:%M") in html


@pytest.mark.django_db
def test_the_moderator_is_told_who_was_emailed(client, moderator, item, lead):
    client.force_login(moderator)
    html = page(escalate(client, item) and client.get(QUEUE))
    assert "Escalated. E-mailing a link to the item (never the post) to: Dr Ana Ruiz" in html


@pytest.mark.django_db
def test_when_nobody_can_be_reached_everyone_is_emailed_and_told_why(
    client, moderator, item, weekend_only, mailoutbox, django_capture_on_commit_callbacks
):
    EscalationContact.objects.create(
        name="Lee", role="Service manager", email="lee@example.org", hours=a_day_away()
    )
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        escalate(client, item)
    assert sorted(mail.to[0] for mail in mailoutbox) == ["lee@example.org", "sam@example.org"]
    assert all("every contact got this e-mail" in mail.body for mail in mailoutbox)
    assert Escalation.objects.get().outside_hours
    html = page(client.get(f"{QUEUE}{item.pk}/change/"))
    assert "Nobody can usually be reached at this hour, so every escalation contact" in html
    assert "so every contact was e-mailed" in html


@pytest.mark.django_db
def test_with_no_contacts_nobody_is_emailed_and_the_moderator_is_told_what_to_do(
    client, moderator, item, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    before = page(client.get(f"{QUEUE}{item.pk}/change/"))
    assert "No escalation contacts are set, so “Escalate to staff” e-mails nobody." in before
    with django_capture_on_commit_callbacks(execute=True):
        escalate(client, item)
    assert mailoutbox == []
    item.refresh_from_db()
    assert item.state == ReviewState.ESCALATED  # still marked, still on top of the queue
    html = page(client.get(f"{QUEUE}{item.pk}/change/"))
    assert "Escalated — but nobody was e-mailed: no escalation contacts are set." in html
    assert "please call your organization&#x27;s lead now" in html
    assert "<strong>nobody was e-mailed</strong>, because no escalation contacts were set" in html


@pytest.mark.django_db
def test_the_item_page_says_beforehand_who_an_escalation_would_reach(
    client, moderator, item, lead, weekend_only
):
    client.force_login(moderator)
    html = page(client.get(f"{QUEUE}{item.pk}/change/"))
    assert "e-mails a link to this item (never the post) to" in html
    assert "Dr Ana Ruiz (Clinical lead)" in html
    assert "Sam Okafor (Safeguarding lead, not usually reachable now)" in html


@pytest.mark.django_db
def test_a_second_escalation_is_listed_too_and_the_item_page_costs_the_same(
    client, moderator, item, lead, weekend_only
):
    client.force_login(moderator)
    escalate(client, item)
    one = count_queries(client, f"{QUEUE}{item.pk}/change/")
    escalate(client, item, reason="Still worried.")
    # The escalations and contacts are read in one query each, however many there are.
    assert count_queries(client, f"{QUEUE}{item.pk}/change/") == one
    assert Escalation.objects.filter(item=item).count() == 2


@pytest.mark.django_db
def test_an_escalation_email_is_sent_once_even_if_the_task_runs_twice(
    moderator, item, lead, mailoutbox, django_capture_on_commit_callbacks
):
    from moderation.tasks import send_escalation

    with django_capture_on_commit_callbacks(execute=True):
        escalation = actions.escalate(item, by=moderator, reason=REASON)
    send_escalation.call(escalation.pk)
    assert len(mailoutbox) == 1


# --- Staff name the contacts --------------------------------------------------------------


@pytest.mark.django_db
def test_staff_add_a_contact_with_hours_written_their_way(client, staff):
    client.force_login(staff)
    response = client.post(
        f"{CONTACTS}add/",
        {
            "name": "Dr Ana Ruiz",
            "role": "Clinical lead",
            "email": "lead@example.org",
            "phone": "",
            "hours": "mon to fri 9 to 17\nSaturday 10:00-13:00",
            "position": 0,
        },
    )
    assert response.status_code == 302
    contact = EscalationContact.objects.get()
    assert contact.hours == "Mon-Fri 09:00-17:00\nSat 10:00-13:00"
    html = page(client.get(CONTACTS))
    assert "Monday to Friday from 09:00 to 17:00, and Saturday from 10:00 to 13:00" in html


@pytest.mark.django_db
def test_hours_that_cant_be_read_are_refused_kindly_and_kept(client, staff):
    client.force_login(staff)
    response = client.post(
        f"{CONTACTS}add/",
        {"name": "Lee", "role": "Lead", "email": "lee@example.org", "hours": "most days"},
    )
    assert response.status_code == 200
    html = page(response)
    assert "We couldn&#x27;t read “most days”" in html and "Mon-Fri 09:00-17:00" in html
    assert "most days</textarea>" in html
    assert not EscalationContact.objects.exists()


@pytest.mark.django_db
def test_moderators_see_the_contacts_but_only_staff_change_them(client, moderator, lead):
    client.force_login(moderator)
    assert client.get(CONTACTS).status_code == 200
    assert client.get(f"{CONTACTS}add/").status_code == 403
    response = client.post(
        f"{CONTACTS}{lead.pk}/change/",
        {"name": "Someone else", "role": "x", "email": "x@example.org", "position": 0},
    )
    assert response.status_code == 403
    lead.refresh_from_db()
    assert lead.name == "Dr Ana Ruiz"


@pytest.mark.django_db
def test_members_and_visitors_never_see_the_contacts(client, alice, lead):
    assert client.get(CONTACTS).status_code == 302
    client.force_login(alice)
    response = client.get(CONTACTS)
    assert response.status_code in (302, 403)
    assert "lead@example.org" not in page(response)


@pytest.mark.django_db
def test_community_settings_lead_to_the_contacts(client, staff):
    client.force_login(staff)
    html = page(client.get("/admin/members/communitysettings/"))
    assert f'href="{CONTACTS}">Escalation contacts</a>' in html
