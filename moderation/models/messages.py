"""What the moderation team writes to members: the templates staff keep.

The conversations themselves are members' (members/models/conversations.py): the team
is one side of them, as "The moderation team".
"""

from __future__ import annotations

from django.db import models


class MessageTemplate(models.Model):
    """A starting point for a message to a member: staff write them, moderators pick
    one and change what they need before sending."""

    name = models.CharField(
        max_length=80, unique=True, help_text="What moderators choose it by, e.g. “Checking in”."
    )
    subject = models.CharField(max_length=150)
    body = models.TextField(
        help_text="Write it as the team, warmly and plainly. Moderators can change it "
        "before they send it."
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "message template"

    def __str__(self) -> str:
        return self.name
