"""Private conversations: a subject, the people in it, and their messages.

The first ones are between a member and a *team* (the moderators): the team is one
side, named as the team, never as the person who wrote for it. A conversation with no
team, between members only, is the same rows: who is in it (`Participant`) and what
they wrote (`Message`). Nobody outside the conversation ever sees it: not its subject,
not that it exists (members.views._conversation_for).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .accounts import User


class ConversationQuerySet(models.QuerySet):
    def of(self, member):
        """The conversations `member` is in, newest news first."""
        return self.filter(participants__member=member).order_by("-last_message_at", "-pk")


class Conversation(models.Model):
    subject = models.CharField(max_length=150)
    # The team that is one side of it ("moderators"), or "" between members only. The
    # teams are named in the settings (BOOMITY_CONVERSATION_TEAMS): members knows none.
    team = models.CharField(max_length=30, blank=True, db_index=True)
    started_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Who wrote last: the team (the member may answer) or a member (the team may answer).
    last_from_team = models.BooleanField(default=False)
    message_count = models.PositiveIntegerField(default=0)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        verbose_name = _("conversation")

    def __str__(self) -> str:
        return f"conversation {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("members:conversation", args=[self.pk])


class Participant(models.Model):
    """A member in a conversation, and how far they have read. A team's people are not
    participants: the team is, through `Conversation.team`."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    member = models.ForeignKey(User, on_delete=models.CASCADE, related_name="conversations")
    joined_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "member"], name="participant_once_per_conversation"
            ),
        ]

    def __str__(self) -> str:
        return f"member {self.member_id} in conversation {self.conversation_id}"


class MessageQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("created_at", "pk")


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    # Who wrote it; kept for the team's record when `from_team` (never shown to the
    # member), and gone when the member who wrote it erases their account.
    author = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_team = models.BooleanField(default=False)
    body = models.TextField()
    body_html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    # Its author erased their account: the words went with it.
    erased = models.BooleanField(default=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["conversation", "created_at"], name="message_order")]

    def __str__(self) -> str:
        return f"message {self.pk} in conversation {self.conversation_id}"
