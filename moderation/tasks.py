"""Background work for moderation: run by the task worker, never in a request."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _

from members.languages import writing_to


@task
def send_crisis_alert(item_id: int) -> int:
    """The first page about an urgent review item: e-mail the people on call a link.

    Never the post's words: e-mail leaves our hands, and the post may be from a
    members-only board. The link leads to the admin, behind sign-in. Who is on call
    depends on the hour (moderation/claims.py `who_to_page`).
    """
    return _page(item_id, first=True)


@task
def page_unacknowledged(item_id: int, number: int) -> int:
    """Page again about an urgent item nobody has opened or claimed, if it is due.

    `number` is the page this run is for (2 is the first reminder): if another run —
    the worker's or the periodic command's — has sent it already, this one does nothing.
    """
    return _page(item_id, first=False, number=number)


def _page(item_id: int, *, first: bool, number: int = 1) -> int:
    from django.db import transaction
    from django.utils import timezone

    from . import claims
    from .models import ModerationSettings, ReviewItem

    config = ModerationSettings.load()
    with transaction.atomic():
        # Locked: the worker's own check and the periodic command never page twice.
        item = ReviewItem.objects.select_for_update().filter(pk=item_id).first()
        now = timezone.now()
        if item is None or item.pages_sent + 1 != number:
            return 0  # gone, or this page was sent by another run
        if not claims.page_due(item, config, now, first=first):
            if not first:
                claims.schedule_next(item, config)  # staff may have lengthened the wait
            return 0
        page = claims.who_to_page(config, now)
        if page is None:
            return 0
        with writing_to(None):  # the on-call people and contacts: the community's language
            sent = _send_page(item, page, number=number, config=config)
        claims.record_page(item, page, now)
        claims.schedule_next(item, config)
    return sent


def _send_page(item, page, *, number: int, config) -> int:
    from members.models import CommunitySettings

    link = settings.BOOMITY_SITE_URL + reverse("admin:moderation_reviewitem_change", args=[item.pk])
    community = CommunitySettings.current()
    what = (
        _(
            "A member has just written to the moderation team in words that may come from "
            "someone in crisis.\n\nThey were shown the crisis resources straight away."
        )
        if item.message_id is not None
        else _(
            "A post has just been written that may come from someone in crisis.\n\n"
            "They were shown the crisis resources straight away."
        )
        if item.crisis
        else _(
            "A member is worried about the safety of someone who wrote a post.\n\n"
            "The post stays up: flags like this never hide it."
        )
    )
    if number == 1:
        subject = _("%(community)s: urgent — a member may need help now") % {
            "community": community.name
        }
        # Translators: %(what)s is one of the paragraphs above.
        opening = _("%(what)s Please look at the review item as soon as you can:") % {"what": what}
    else:
        subject = _("%(community)s: urgent, still unopened — a member may need help now") % {
            "community": community.name
        }
        # Translators: %(what)s is one of the paragraphs above.
        opening = _(
            "Reminder %(number)s of at most %(limit)s: nobody has opened or claimed this "
            "urgent review item yet. %(what)s Please look at it as soon as you can; opening "
            "it tells everyone you have it, and stops these e-mails:"
        ) % {"number": number - 1, "limit": config.repage_limit, "what": what}
    if not page.contacts:
        return send_mail(
            subject=subject,
            message=_(
                "%(opening)s\n\n%(link)s\n\n"
                "You're getting this because your address is on the on-call list in the "
                "admin's Community settings. Staff can change the list there."
            )
            % {"opening": opening, "link": link},
            from_email=community.sender,
            recipient_list=page.addresses,
        )
    everyone = (
        " "
        + _(
            "None of the escalation contacts can usually be reached at this hour, so every "
            "contact got this e-mail."
        )
        if page.everyone
        else ""
    )
    sent = 0
    for person in page.contacts:
        sent += send_mail(
            subject=subject,
            # Translators: %(everyone)s is empty, or the sentence about every contact above.
            message=_(
                "Hello %(name)s,\n\n"
                "It's outside the community's moderation hours, so this comes to you. "
                "%(opening)s\n\n%(link)s\n\n"
                "The link opens the admin, behind sign-in; if you can't sign in, please ask "
                "the community's staff for access.%(everyone)s\n\n"
                "You're getting this because staff named you as an escalation contact "
                "(%(role)s) in the admin. Staff can change the list there, under "
                "Escalation contacts."
            )
            % {
                "name": person["name"],
                "opening": opening,
                "link": link,
                "everyone": everyone,
                "role": person["role"],
            },
            from_email=community.sender,
            recipient_list=[person["email"]],
        )
    return sent


@task
def send_escalation(escalation_id: int) -> int:
    # The escalation contacts aren't accounts: the community's language.
    with writing_to(None):
        return _send_escalation(escalation_id)


def _send_escalation(escalation_id: int) -> int:
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
    moderator = escalation.by.profile.display_name if escalation.by else _("A moderator")
    urgent = (
        _("It is marked urgent: a member may need help now.") + "\n\n"
        if item.priority == Priority.URGENT
        else ""
    )
    everyone = (
        _(
            "None of the escalation contacts can usually be reached at this hour, so every "
            "contact got this e-mail."
        )
        + "\n\n"
        if escalation.outside_hours
        else ""
    )
    sent = 0
    for person in escalation.recipients:
        sent += send_mail(
            subject=_("%(community)s: a moderator needs your help with a review item")
            % {"community": community.name},
            # Translators: %(urgent)s and %(everyone)s are empty, or the sentences above
            # (each followed by a blank line).
            message=_(
                "Hello %(name)s,\n\n"
                "%(moderator)s (a moderator) escalated a review item to you. %(urgent)s"
                "Please open it as soon as you can — it says why, and what was written:\n\n"
                "%(link)s\n\n"
                "The link opens the admin, behind sign-in; if you can't sign in, please ask "
                "the community's staff for access.\n\n"
                "%(everyone)s"
                "You're getting this because staff named you as an escalation contact "
                "(%(role)s) in the admin. Staff can change the list there, under "
                "Escalation contacts."
            )
            % {
                "name": person["name"],
                "moderator": moderator,
                "urgent": urgent,
                "link": link,
                "everyone": everyone,
                "role": person["role"],
            },
            from_email=community.sender,
            recipient_list=[person["email"]],
        )
    Escalation.objects.filter(pk=escalation.pk).update(emailed_at=timezone.now())
    return sent
