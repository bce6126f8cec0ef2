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
    subject = models.CharField(_("subject"), max_length=150)
    # The team that is one side of it ("moderators"), or "" between members only. The
    # teams are named in the settings (BOOMITY_CONVERSATION_TEAMS): members knows none.
    team = models.CharField(_("team"), max_length=30, blank=True, db_index=True)
    started_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_message_at = models.DateTimeField(
        _("last message at"), default=timezone.now, db_index=True
    )
    # Who wrote last: the team (the member may answer) or a member (the team may answer).
    last_from_team = models.BooleanField(_("last from team"), default=False)
    message_count = models.PositiveIntegerField(_("message count"), default=0)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return f"conversation {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("members:conversation", args=[self.pk])


class Participant(models.Model):
    """A member in a conversation, and how far they have read. A team's people are not
    participants: the team is, through `Conversation.team`."""

    conversation = models.ForeignKey(
        Conversation,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("conversation"),
    )
    member = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="conversations", verbose_name=_("member")
    )
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "member"], name="participant_once_per_conversation"
            ),
        ]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"member {self.member_id} in conversation {self.conversation_id}"


class MessageQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("created_at", "pk")


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("conversation"),
    )
    # Who wrote it; kept for the team's record when `from_team` (never shown to the
    # member), and gone when the member who wrote it erases their account.
    author = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    from_team = models.BooleanField(_("from team"), default=False)
    body = models.TextField(_("body"))
    body_html = models.TextField(_("body html"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Its author erased their account: the words went with it.
    erased = models.BooleanField(_("erased"), default=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["conversation", "created_at"], name="message_order")]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"message {self.pk} in conversation {self.conversation_id}"
