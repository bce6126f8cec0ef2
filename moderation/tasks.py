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
    what = (
        "A post has just been written that may come from someone in crisis.\n\n"
        "They were shown the crisis resources straight away."
        if item.crisis
        else "A member is worried about the safety of someone who wrote a post.\n\n"
        "The post stays up: flags like this never hide it."
    )
    return send_mail(
        subject=f"{CommunitySettings.current().name}: urgent — a member may need help now",
        message=(
            f"{what} Please look at the review item as soon as you can:\n\n{link}\n\n"
            "You're getting this because your address is on the on-call list in the "
            "admin's Community settings. Staff can change the list there."
        ),
        from_email=None,
        recipient_list=recipients,
    )
