"""Members' flags and the review queue."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from forums.models import Post
from members.models import Message


class FlagReason(models.TextChoices):
    JUDGMENTAL = "judgmental", _("Judgmental or stigmatizing")
    UNKIND = "unkind", _("Unkind or harassment")
    SAFETY = "safety", _("I'm worried about this person's safety")
    SPAM = "spam", _("Spam or advertising")
    MISINFORMATION = "misinformation", _("Misinformation")
    OTHER = "other", _("Something else")


# Why an item is in the queue: one line each in ReviewItem.reasons, kept in English (the
# source language) whoever wrote them, and put into the reader's language when shown
# (moderation/folding.py `reasons_in_words`). The words after a colon are data: the
# phrases found, a watched word, a flag's reason, a moderator's reason.
REASON_CRISIS = gettext_noop("Crisis language: %(phrases)s")
REASON_NEW_MEMBER = gettext_noop("One of a new member's first posts")
REASON_NEW_MEMBER_CRISIS = gettext_noop(
    "One of a new member's first posts (crisis language: the crisis setting decides)"
)
REASON_WATCHED_BLOCK_CRISIS = gettext_noop(
    "Watched word (block; crisis language is never refused): %(pattern)s"
)
REASON_WATCHED_HOLD_CRISIS = gettext_noop(
    "Watched word (hold; crisis language: the crisis setting decides): %(pattern)s"
)
REASON_WATCHED_HOLD = gettext_noop("Watched word (hold): %(pattern)s")
REASON_WATCHED_FLAG = gettext_noop("Watched word (flag): %(pattern)s")
REASON_FLAGGED = gettext_noop("Flagged: %(reason)s")
REASON_ESCALATED = gettext_noop("Escalated: %(reason)s")


def flagged_reason(reason: str) -> str:
    """The reason line for a member's flag, in English whatever the page's language."""
    with translation.override("en"):
        return REASON_FLAGGED % {"reason": FlagReason(reason).label}


class FlagQuerySet(models.QuerySet):
    def open(self):
        """Flags no moderator has dismissed yet: the ones that still count."""
        return self.filter(dismissed_at__isnull=True)

    def dismiss(self) -> int:
        return self.open().update(dismissed_at=timezone.now())


class Flag(models.Model):
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="flags", verbose_name=_("post")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="flags",
        verbose_name=_("member"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "member"], name="flag_once_per_member"),
        ]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")

    def __str__(self) -> str:
        return _("%(reason)s (post %(post)s)") % {
            "reason": self.get_reason_display(),
            "post": self.post_id,
        }


class Priority(models.IntegerChoices):
    # Lower sorts first: urgent items head the queue.
    URGENT = 0, _("Urgent")
    FLAGGED = 1, _("Flagged")
    HELD = 2, _("Held for review")


class ReviewState(models.TextChoices):
    OPEN = "open", pgettext_lazy("state of a review item", "Open")
    ESCALATED = "escalated", _("Escalated to staff")
    RESOLVED = "resolved", _("Resolved")


class ReviewItemQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(state=ReviewState.RESOLVED)

    def in_queue_order(self):
        return self.order_by("priority", "created_at")

    def waiting_by_priority(self) -> dict[str, int]:
        """How many items wait, by priority ({"urgent": 2, "flagged": 5, "held": 0}):
        one aggregate query."""
        return self.open().aggregate(
            **{
                priority.name.lower(): models.Count("pk", filter=models.Q(priority=priority))
                for priority in Priority
            }
        )


class ReviewItem(models.Model):
    """Everything about one post — or one message a member wrote to the moderation
    team — that needs a moderator. One open item per post, and per message."""

    post = models.ForeignKey(
        Post,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_items",
        verbose_name=_("post"),
    )
    # A member's message to the team (crisis language in a private conversation): the
    # item points at it instead of a post. Exactly one of the two is set.
    message = models.ForeignKey(
        Message,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_items",
        verbose_name=_("message"),
    )
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=ReviewState.choices, default=ReviewState.OPEN
    )
    crisis = models.BooleanField(_("crisis language"), default=False)
    held = models.BooleanField(_("held for review"), default=False)
    reasons = models.TextField(
        _("reasons"), blank=True, help_text=_("Why it is here, one per line.")
    )
    # The post as it was when it came here, so a later edit can't hide it.
    snapshot_title = models.CharField(_("snapshot title"), max_length=120, blank=True)
    snapshot_body = models.TextField(_("snapshot body"))
    snapshot_html = models.TextField(_("snapshot html"))
    snapshot_content_warning = models.CharField(
        _("snapshot content warning"), max_length=60, blank=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolution = models.TextField(_("resolution"), blank=True)
    # Claims and acknowledgement (moderation/claims.py): who owns it, since when; for an
    # urgent item, who first opened or claimed it (acknowledged it), who first opened
    # it, and how often people were paged.
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("claimed by"),
    )
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    # Who first opened an urgent item's page, and when: what they saw, told apart from
    # acknowledging it (claiming from the queue acknowledges without opening it).
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("first opened by"),
    )
    opened_at = models.DateTimeField(_("first opened at"), null=True, blank=True)
    pages_sent = models.PositiveSmallIntegerField(_("pages sent"), default=0)
    last_paged_at = models.DateTimeField(_("last paged at"), null=True, blank=True)
    open_flags: int  # not a column: the review queue counts them (moderation/admin/queue.py)
    # Not columns either: the queue's last decision on each row (admin/history.py).
    last_action: str | None
    last_action_by: str | None
    last_action_at: datetime | None

    objects = ReviewItemQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post"],
                condition=~models.Q(state="resolved"),
                name="one_open_review_item_per_post",
            ),
            models.UniqueConstraint(
                fields=["message"],
                condition=~models.Q(state="resolved"),
                name="one_open_review_item_per_message",
            ),
            models.CheckConstraint(
                condition=models.Q(post__isnull=False, message__isnull=True)
                | models.Q(post__isnull=True, message__isnull=False),
                name="review_item_about_a_post_or_a_message",
            ),
        ]
        indexes = [models.Index(fields=["state", "priority", "created_at"], name="review_queue")]
        permissions = [("work_queue", "Can work the review queue")]
        # "6 items to review", never "6 review queue".
        verbose_name = _("item to review")
        verbose_name_plural = _("items to review")

    def __str__(self) -> str:
        if self.message_id is not None:
            return _("%(priority)s: message %(message)s") % {
                "priority": self.get_priority_display(),
                "message": self.message_id,
            }
        return _("%(priority)s: post %(post)s") % {
            "priority": self.get_priority_display(),
            "post": self.post_id,
        }

    @property
    def the_post(self) -> Post:
        """The post this item is about. Every decision on a post goes through here: an
        item about a member's message to the team has none (they have their own page)."""
        if self.post is None:
            raise ValueError(f"Review item {self.pk} is about a message, not a post.")
        return self.post

    def add_reason(self, reason: str) -> None:
        lines = self.reasons.splitlines()
        if reason not in lines:
            self.reasons = "\n".join([*lines, reason])
