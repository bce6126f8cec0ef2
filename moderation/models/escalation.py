"""Escalation: the people a moderator can hand an item to."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import hours
from .queue import ReviewItem


class EscalationContact(models.Model):
    """Someone staff name to hear about escalated review items, e.g. a clinical lead."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=120, help_text=_("For example: Clinical lead."))
    email = models.EmailField(
        _("e-mail address"),
        help_text=_("Escalations are e-mailed here: a link to the review item, never the post."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_(
            "Optional. Moderators see it on an escalated item, to call when it can't wait."
        ),
    )
    hours = models.TextField(
        _("hours they can be reached"),
        blank=True,
        # Translators: the days and times in the example are what staff type (English
        # day names): keep them as they are.
        help_text=_(
            "One stretch a line, days then times, in the community's time zone: for "
            "example “Mon-Fri 09:00-17:00”. Leave empty if they can be reached at any time. "
            "An escalation goes to everyone who can be reached then; if nobody can, to "
            "everyone."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("escalation contact")
        verbose_name_plural = _("escalation contacts")

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"

    def clean(self) -> None:
        try:
            self.hours = hours.as_text(hours.parse(self.hours))
        except hours.HoursError as err:
            raise ValidationError({"hours": str(err)}) from None

    def reachable_at(self, at) -> bool:
        try:
            stretches = hours.parse(self.hours)
        except hours.HoursError:
            return True  # better an e-mail out of hours than none
        return not stretches or hours.is_open(stretches, at)

    @property
    def hours_described(self) -> str:
        try:
            stretches = hours.parse(self.hours)
        except hours.HoursError:
            return self.hours
        if not stretches:
            return str(_("any time"))
        return _("%(hours)s (%(zone)s)") % {
            "hours": hours.describe(stretches),
            "zone": hours.zone_label(),
        }

    def as_recipient(self) -> dict[str, str]:
        """What an escalation keeps of them, so it still says who had it after edits."""
        return {"name": self.name, "role": self.role, "email": self.email, "phone": self.phone}


class Escalation(models.Model):
    """One "Escalate to staff": who was e-mailed about the item, and when."""

    item = models.ForeignKey(
        ReviewItem, on_delete=models.CASCADE, related_name="escalations", verbose_name=_("item")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # The contacts as they were: [{"name", "role", "email", "phone"}]. Empty when staff
    # had named nobody, so nobody was e-mailed.
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    # Nobody was reachable at that hour, so every contact was e-mailed.
    outside_hours = models.BooleanField(_("outside hours"), default=False)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")

    def __str__(self) -> str:
        return _("escalation of review item %(number)s") % {"number": self.item_id}

    @property
    def people(self) -> list[dict[str, str]]:
        """The recipients, each with a number to tap (tel:) if they gave a phone."""
        return [{**r, "tel": re.sub(r"[^\d+]", "", r.get("phone", ""))} for r in self.recipients]
