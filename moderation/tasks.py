"""Background work for moderation: run by the task worker, never in a request."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse


@task
def send_crisis_alert(item_id: int) -> int:
    """E-mail the on-call moderators a link to an urgent review item.

    Never the post's words: e-mail leaves our hands, and the post may be from a
    members-only board. The link leads to the admin, behind sign-in.
    """
    from members.models import CommunitySettings

    from .models import ModerationSettings, ReviewItem

    item = ReviewItem.objects.filter(pk=item_id).first()
    recipients = ModerationSettings.load().oncall_addresses
    if item is None or not recipients:
        return 0
    link = settings.BOOMITY_SITE_URL + reverse("admin:moderation_reviewitem_change", args=[item.pk])
    community = CommunitySettings.current()
    what = (
        "A member has just written to the moderation team in words that may come from "
        "someone in crisis.\n\nThey were shown the crisis resources straight away."
        if item.message_id is not None
        else "A post has just been written that may come from someone in crisis.\n\n"
        "They were shown the crisis resources straight away."
        if item.crisis
        else "A member is worried about the safety of someone who wrote a post.\n\n"
        "The post stays up: flags like this never hide it."
    )
    return send_mail(
        subject=f"{community.name}: urgent — a member may need help now",
        message=(
            f"{what} Please look at the review item as soon as you can:\n\n{link}\n\n"
            "You're getting this because your address is on the on-call list in the "
            "admin's Community settings. Staff can change the list there."
        ),
        from_email=community.sender,
        recipient_list=recipients,
    )


@task
def send_escalation(escalation_id: int) -> int:
    """E-mail the escalation's contacts a link to the review item, one e-mail each.

    Like the crisis alert, never the post's words nor the moderator's reason (it
    may quote the post): the item page, behind the admin's sign-in, holds both.
    """
    from django.utils import timezone

    from members.models import CommunitySettings

    from .models import Escalation, Priority

    escalation = (
        Escalation.objects.select_related("item", "by__profile").filter(pk=escalation_id).first()
    )
    if escalation is None or escalation.emailed_at is not None or not escalation.recipients:
        return 0
    item = escalation.item
    community = CommunitySettings.current()
    link = settings.BOOMITY_SITE_URL + reverse("admin:moderation_reviewitem_change", args=[item.pk])
    moderator = escalation.by.profile.display_name if escalation.by else "A moderator"
    urgent = (
        "It is marked urgent: a member may need help now.\n\n"
        if item.priority == Priority.URGENT
        else ""
    )
    everyone = (
        "None of the escalation contacts can usually be reached at this hour, so every "
        "contact got this e-mail.\n\n"
        if escalation.outside_hours
        else ""
    )
    sent = 0
    for person in escalation.recipients:
        sent += send_mail(
            subject=f"{community.name}: a moderator needs your help with a review item",
            message=(
                f"Hello {person['name']},\n\n"
                f"{moderator} (a moderator) escalated a review item to you. {urgent}"
                f"Please open it as soon as you can — it says why, and what was written:\n\n"
                f"{link}\n\n"
                "The link opens the admin, behind sign-in; if you can't sign in, please ask "
                "the community's staff for access.\n\n"
                f"{everyone}"
                f"You're getting this because staff named you as an escalation contact "
                f"({person['role']}) in the admin. Staff can change the list there, under "
                "Escalation contacts."
            ),
            from_email=community.sender,
            recipient_list=[person["email"]],
        )
    Escalation.objects.filter(pk=escalation.pk).update(emailed_at=timezone.now())
    return sent
