"""What the moderation team writes to members: the templates staff keep.

The conversations themselves are members' (members/models/conversations.py): the team
is one side of them, as "The moderation team".
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageTemplate(models.Model):
    """A starting point for a message to a member: staff write them, moderators pick
    one and change what they need before sending."""

    name = models.CharField(
        _("name"),
        max_length=80,
        unique=True,
        help_text=_("What moderators choose it by, e.g. “Checking in”."),
    )
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(
        _("body"),
        help_text=_(
            "Write it as the team, warmly and plainly. Moderators can change it "
            "before they send it."
        ),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower comes first.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")

    def __str__(self) -> str:
        return self.name
