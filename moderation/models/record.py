"""Sanctions and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forums.models import Post

from .queue import ReviewItem


class SanctionKind(models.TextChoices):
    WARNING = "warning", _("Warning")
    SILENCE = "silence", _("Silenced (can read, not post)")
    SUSPENSION = "suspension", _("Suspended (cannot sign in)")


class Sanction(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sanctions",
        verbose_name=_("member"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=SanctionKind.choices)
    reason = models.TextField(_("reason"))
    # The post it was decided on, when there was one: its reason may quote it, so the
    # reason folds in the admin as that post does (moderation/folding.py).
    post = models.ForeignKey(
        Post,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("post"),
    )
    starts_at = models.DateTimeField(_("starts at"), default=timezone.now)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")

    def __str__(self) -> str:
        return _("%(kind)s (%(day)s)") % {
            "kind": self.get_kind_display(),
            "day": f"{self.starts_at:%Y-%m-%d}",
        }


class AuditEntryQuerySet(models.QuerySet):
    # Bulk writes skip save() and delete(): they are refused here too.
    def update(self, **kwargs):
        raise ValueError("The audit log is append-only: entries are never changed.")

    def delete(self):
        raise ValueError("The audit log is append-only: entries are never deleted.")


class AuditAction(models.TextChoices):
    """Every moderator decision the audit log records (and its "By action" filter lists)."""

    APPROVE = "approve", _("Approve a post")
    HIDE = "hide", _("Hide a post")
    AUTO_HIDE = "auto-hide", _("Post hidden by members' flags")
    EDIT = "edit", _("Edit a post")
    DISMISS_FLAGS = "dismiss flags", _("Dismiss flags")
    ESCALATE = "escalate", _("Escalate")
    WARN = "warn", _("Warn")
    SILENCE = "silence", _("Silence")
    SUSPEND = "suspend", _("Suspend")
    LIFT = "lift", _("Lift a sanction")
    LOCK = "lock", _("Lock a thread")
    UNLOCK = "unlock", _("Unlock a thread")
    PIN = "pin", _("Pin a thread")
    UNPIN = "unpin", _("Unpin a thread")
    MOVE = "move", _("Move a thread")
    TOPICS = "topics", _("Change a thread's topics")
    # Owning a review item (moderation/claims.py)
    CLAIM = "claim", _("Claim a review item")
    TAKE_OVER = "take over", _("Take over a review item")
    ACKNOWLEDGE = "acknowledge", _("Acknowledge an urgent item")
    # The moderators' casework (i12-member-page): never the words, which the note keeps.
    MEMBER_NOTE = "member note", _("Write a note on a member")
    HANDOVER_NOTE = "handover note", _("Write a handover note")
    DISMISS_HANDOVER_NOTE = "dismiss handover note", _("Dismiss a handover note")
    # Messages between the moderation team and a member (never their words here: the
    # log is never changed, and a member's words must go when they erase their account).
    MESSAGE_START = "message start", _("Start a conversation with a member")
    MESSAGE_TEAM = "message team", _("Write to a member as the team")
    MESSAGE_MEMBER = "message member", _("A member wrote to the team")
    CLOSE_MESSAGE_ITEM = "close message item", _("Close a review item about a message")
    # Decisions that fit the case, and a member's second look (i12-decisions).
    RESOLVE = "resolve", _("Close a review item")
    SECOND_LOOK_ASKED = "second look asked", _("A member asked for a second look")
    SECOND_LOOK_UPHELD = "second look upheld", _("Second look: sanction upheld")
    SECOND_LOOK_LIFTED = "second look lifted", _("Second look: sanction lifted")


class AuditEntry(models.Model):
    """Append-only: who did what to what, why and when. Never edited, never deleted."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("moderator"),
    )
    action = models.CharField(_("what they did"), max_length=40, choices=AuditAction.choices)
    target_type = models.ForeignKey(
        ContentType, null=True, on_delete=models.SET_NULL, verbose_name=_("kind of thing")
    )
    target_id = models.CharField(_("its number"), max_length=40, blank=True)
    target_repr = models.CharField(_("about"), max_length=200, blank=True)
    # Whom, which post and which review item the action concerns, to link and filter by.
    # SET_NULL: erasing a member, or a post with them, keeps the row without the person.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries_about",
        verbose_name=_("member"),
    )
    post = models.ForeignKey(
        Post,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("post"),
    )
    review_item = models.ForeignKey(
        ReviewItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
        verbose_name=_("review item"),
    )
    reason = models.TextField(_("reason"), blank=True)
    # What changed, where the action alone doesn't say: a move's boards, from and to.
    detail = models.CharField(_("details"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log entries")

    def __str__(self) -> str:
        return _("%(action)s: %(about)s") % {
            "action": self.get_action_display(),
            "about": self.target_repr,
        }

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The audit log is append-only: entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The audit log is append-only: entries are never deleted.")
