"""What staff set about moderation, and the crisis services shown to members."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import hours


class CrisisPostBehaviour(models.TextChoices):
    PUBLISH = "publish", _("Publish it, and alert the moderators (recommended)")
    HOLD = "hold", _("Hold it until a moderator has looked, and alert them")


class ModerationSettings(models.Model):
    """The one row of moderation settings, edited by staff in the admin."""

    crisis_post_behaviour = models.CharField(
        _("when a post contains crisis language"),
        max_length=10,
        choices=CrisisPostBehaviour.choices,
        default=CrisisPostBehaviour.PUBLISH,
        help_text=_(
            "Either way the author is shown crisis resources at once, and an urgent "
            "review item is opened."
        ),
    )
    oncall_emails = models.TextField(
        _("on-call moderator e-mail addresses"),
        blank=True,
        help_text=_(
            "One address per line. They are e-mailed when a post may come from someone "
            "in crisis, with a link to the review item (never the post itself)."
        ),
    )
    new_member_hold_count = models.PositiveSmallIntegerField(
        _("first posts held for review"),
        default=1,
        help_text=_("How many of a new member's first posts wait for a moderator. 0 to hold none."),
    )
    flag_hide_threshold = models.PositiveSmallIntegerField(
        _("flags that hide a post"),
        default=3,
        help_text=_(
            "When this many different members flag one post, it is hidden until a "
            "moderator decides."
        ),
    )
    repage_after_minutes = models.PositiveSmallIntegerField(
        _("page again after (minutes)"),
        default=15,
        help_text=_(
            "If nobody has opened or claimed an urgent review item this long after the "
            "last e-mail about it, the people on call are e-mailed again. Within moderation "
            "hours that is the on-call list; outside them, the escalation contacts who can be "
            "reached."
        ),
    )
    repage_limit = models.PositiveSmallIntegerField(
        _("page again at most (times)"),
        default=3,
        help_text=_(
            "How many more e-mails one urgent item may send after the first. 0 to send "
            "only the first."
        ),
    )
    break_after_minutes = models.PositiveSmallIntegerField(
        _("suggest a break after (minutes)"),
        default=60,
        help_text=_(
            "After this long working the review queue without a pause, the admin gently "
            "suggests a break."
        ),
    )
    moderation_hours = models.TextField(
        _("when moderators are usually around"),
        blank=True,
        # Translators: the days and times in the example are what staff type (English
        # day names): keep them as they are.
        help_text=_(
            "One stretch a line, days then times, in the community's time zone: for "
            "example “Mon-Fri 09:00-17:00” and “Sat 10:00-13:00”. /help/ and the message "
            "someone sees after a post with crisis language say when moderators are around, "
            "and that outside those hours the crisis resources are the way to get help now. "
            "Leave it empty and no page mentions times."
        ),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("moderation settings")

    def __str__(self) -> str:
        return str(_("Moderation settings"))

    @classmethod
    def load(cls) -> ModerationSettings:
        return cls.objects.get_or_create(pk=1)[0]

    @property
    def oncall_addresses(self) -> list[str]:
        return [line.strip() for line in self.oncall_emails.splitlines() if line.strip()]

    def moderator_hours(self, at=None) -> hours.ModeratorHours:
        try:
            stretches = hours.parse(self.moderation_hours)
        except hours.HoursError:
            stretches = []  # the form refuses these; never promise from a garbled line
        return hours.ModeratorHours(tuple(stretches), at or timezone.now())


class CrisisResource(models.Model):
    """A service someone can reach right now, shown on /help/ and after crisis posts."""

    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("what it offers"), max_length=300)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    text_number = models.CharField(_("text/SMS number"), max_length=40, blank=True)
    text_instructions = models.CharField(
        _("text instructions"),
        max_length=120,
        blank=True,
        help_text=_('For example: Text "HOME" to this number.'),
    )
    web_url = models.URLField(_("web link"), blank=True)
    hours = models.CharField(
        _("hours"), max_length=120, blank=True, help_text=_("For example: 24/7.")
    )
    regions = models.CharField(
        _("regions"),
        max_length=60,
        blank=True,
        help_text=_(
            "Two-letter country codes separated by commas (US, GB, IE, …), or empty "
            "for everywhere. People are shown the resources for their country first."
        ),
    )
    region_name = models.CharField(
        _("region name"),
        max_length=60,
        blank=True,
        help_text=_("Shown to people, e.g. “UK and Ireland”."),
    )
    languages = models.CharField(
        _("languages it answers in"),
        max_length=60,
        blank=True,
        validators=[
            RegexValidator(
                r"^\s*[A-Za-z]{2,3}(\s*,\s*[A-Za-z]{2,3})*\s*,?\s*$",
                _(
                    "Please write two-letter language codes separated by commas, for "
                    "example “en, es”."
                ),
            )
        ],
        help_text=_(
            "Two-letter language codes separated by commas (en, es, …), or empty if it "
            "answers in the community's own language. Among the resources for a person's "
            "country, those in their language come first."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("is active"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("crisis resource")
        verbose_name_plural = _("crisis resources")

    def __str__(self) -> str:
        return self.name

    @property
    def region_codes(self) -> set[str]:
        return {code.strip().upper() for code in self.regions.split(",") if code.strip()}

    @property
    def language_codes(self) -> set[str]:
        """The languages it answers in, as two-letter codes; empty means the
        community's own (LANGUAGE_CODE)."""
        codes = {code.strip().lower() for code in self.languages.split(",") if code.strip()}
        return codes or {settings.LANGUAGE_CODE.split("-")[0].lower()}

    @property
    def tel(self) -> str:
        return re.sub(r"[^\d+]", "", self.phone)

    @property
    def sms(self) -> str:
        return re.sub(r"[^\d+]", "", self.text_number)
