from __future__ import annotations

import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from forums.models import Post

from . import hours

# --- Settings staff control -----------------------------------------------------


class CrisisPostBehaviour(models.TextChoices):
    PUBLISH = "publish", "Publish it, and alert the moderators (recommended)"
    HOLD = "hold", "Hold it until a moderator has looked, and alert them"


class ModerationSettings(models.Model):
    """The one row of moderation settings, edited by staff in the admin."""

    crisis_post_behaviour = models.CharField(
        "when a post contains crisis language",
        max_length=10,
        choices=CrisisPostBehaviour.choices,
        default=CrisisPostBehaviour.PUBLISH,
        help_text="Either way the author is shown crisis resources at once, and an urgent "
        "review item is opened.",
    )
    oncall_emails = models.TextField(
        "on-call moderator e-mail addresses",
        blank=True,
        help_text="One address per line. They are e-mailed when a post may come from someone "
        "in crisis, with a link to the review item (never the post itself).",
    )
    new_member_hold_count = models.PositiveSmallIntegerField(
        "first posts held for review",
        default=1,
        help_text="How many of a new member's first posts wait for a moderator. 0 to hold none.",
    )
    flag_hide_threshold = models.PositiveSmallIntegerField(
        "flags that hide a post",
        default=3,
        help_text="When this many different members flag one post, it is hidden until a "
        "moderator decides.",
    )
    break_after_minutes = models.PositiveSmallIntegerField(
        "suggest a break after (minutes)",
        default=60,
        help_text="After this long working the review queue without a pause, the admin gently "
        "suggests a break.",
    )
    moderation_hours = models.TextField(
        "when moderators are usually around",
        blank=True,
        help_text="One stretch a line, days then times, in the community's time zone: for "
        "example “Mon-Fri 09:00-17:00” and “Sat 10:00-13:00”. /help/ and the message someone "
        "sees after a post with crisis language say when moderators are around, and that "
        "outside those hours the crisis resources are the way to get help now. Leave it empty "
        "and no page mentions times.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "moderation settings"

    def __str__(self) -> str:
        return "Moderation settings"

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

    name = models.CharField(max_length=120)
    description = models.CharField("what it offers", max_length=300)
    phone = models.CharField(max_length=40, blank=True)
    text_number = models.CharField("text/SMS number", max_length=40, blank=True)
    text_instructions = models.CharField(
        max_length=120, blank=True, help_text='For example: Text "HOME" to this number.'
    )
    web_url = models.URLField("web link", blank=True)
    hours = models.CharField(max_length=120, blank=True, help_text="For example: 24/7.")
    regions = models.CharField(
        max_length=60,
        blank=True,
        help_text="Two-letter country codes separated by commas (US, GB, IE, …), or empty "
        "for everywhere. People are shown the resources for their country first.",
    )
    region_name = models.CharField(
        max_length=60, blank=True, help_text="Shown to people, e.g. “UK and Ireland”."
    )
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def region_codes(self) -> set[str]:
        return {code.strip().upper() for code in self.regions.split(",") if code.strip()}

    @property
    def tel(self) -> str:
        return re.sub(r"[^\d+]", "", self.phone)

    @property
    def sms(self) -> str:
        return re.sub(r"[^\d+]", "", self.text_number)


# --- Screening ----------------------------------------------------------------------


class CrisisPhrase(models.Model):
    """Staff's own crisis phrases, added to the defaults in moderation/screening.py.

    Matched as whole words, any case."""

    phrase = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["phrase"]

    def __str__(self) -> str:
        return self.phrase


class WatchedAction(models.TextChoices):
    BLOCK = "block", "Block: the post is refused, the author keeps their text"
    HOLD = "hold", "Hold: published only after review"
    REPLACE = "replace", "Replace: the word is replaced with the replacement text"
    FLAG = "flag", "Flag: published, and a review item is opened"


class WatchedWord(models.Model):
    pattern = models.CharField(
        max_length=200,
        help_text="A word or phrase (matched as whole words, any case), or a regular "
        "expression if the box below is ticked.",
    )
    is_regex = models.BooleanField("regular expression", default=False)
    action = models.CharField(max_length=10, choices=WatchedAction.choices)
    replacement = models.CharField(max_length=200, blank=True)
    explanation = models.CharField(
        max_length=200,
        blank=True,
        help_text="Shown to the author when a post is blocked, e.g. “Please don't share "
        "phone numbers: our guidelines keep personal details private to protect you.”",
    )

    class Meta:
        ordering = ["pattern"]

    def __str__(self) -> str:
        return self.pattern

    def clean(self) -> None:
        try:
            self.compiled()
        except re.error as err:
            raise ValidationError(
                {"pattern": f"This regular expression doesn't work: {err}."}
            ) from None
        if self.action == WatchedAction.REPLACE and not self.replacement:
            raise ValidationError({"replacement": "Please say what to replace it with."})

    def compiled(self) -> re.Pattern:
        if self.is_regex:
            return re.compile(self.pattern, re.IGNORECASE)
        # Whole words, any spacing between them, symbols allowed at either end.
        words = r"\s+".join(re.escape(word) for word in self.pattern.split())
        return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


# --- Flags and the review queue -------------------------------------------------------


class FlagReason(models.TextChoices):
    JUDGMENTAL = "judgmental", "Judgmental or stigmatizing"
    UNKIND = "unkind", "Unkind or harassment"
    SAFETY = "safety", "I'm worried about this person's safety"
    SPAM = "spam", "Spam or advertising"
    MISINFORMATION = "misinformation", "Misinformation"
    OTHER = "other", "Something else"


class FlagQuerySet(models.QuerySet):
    def open(self):
        """Flags no moderator has dismissed yet: the ones that still count."""
        return self.filter(dismissed_at__isnull=True)

    def dismiss(self) -> int:
        return self.open().update(dismissed_at=timezone.now())


class Flag(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags"
    )
    reason = models.CharField(max_length=20, choices=FlagReason.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "member"], name="flag_once_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} (post {self.post_id})"


class Priority(models.IntegerChoices):
    # Lower sorts first: urgent items head the queue.
    URGENT = 0, "Urgent"
    FLAGGED = 1, "Flagged"
    HELD = 2, "Held for review"


class ReviewState(models.TextChoices):
    OPEN = "open", "Open"
    ESCALATED = "escalated", "Escalated to staff"
    RESOLVED = "resolved", "Resolved"


class ReviewItemQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(state=ReviewState.RESOLVED)

    def in_queue_order(self):
        return self.order_by("priority", "created_at")


class ReviewItem(models.Model):
    """Everything about one post that needs a moderator. One open item per post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="review_items")
    priority = models.PositiveSmallIntegerField(choices=Priority.choices)
    state = models.CharField(max_length=10, choices=ReviewState.choices, default=ReviewState.OPEN)
    crisis = models.BooleanField("crisis language", default=False)
    held = models.BooleanField("held for review", default=False)
    reasons = models.TextField(blank=True, help_text="Why it is here, one per line.")
    # The post as it was when it came here, so a later edit can't hide it.
    snapshot_title = models.CharField(max_length=120, blank=True)
    snapshot_body = models.TextField()
    snapshot_html = models.TextField()
    snapshot_content_warning = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.TextField(blank=True)
    open_flags: int  # not a column: the review queue counts them (moderation.admin)

    objects = ReviewItemQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post"],
                condition=~models.Q(state="resolved"),
                name="one_open_review_item_per_post",
            ),
        ]
        indexes = [models.Index(fields=["state", "priority", "created_at"], name="review_queue")]
        permissions = [("work_queue", "Can work the review queue")]
        verbose_name = "review item"
        verbose_name_plural = "review queue"

    def __str__(self) -> str:
        return f"{self.get_priority_display()}: post {self.post_id}"

    def add_reason(self, reason: str) -> None:
        lines = self.reasons.splitlines()
        if reason not in lines:
            self.reasons = "\n".join([*lines, reason])


# --- Escalation: the people a moderator can hand an item to -----------------------------


class EscalationContact(models.Model):
    """Someone staff name to hear about escalated review items, e.g. a clinical lead."""

    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120, help_text="For example: Clinical lead.")
    email = models.EmailField(
        "e-mail address",
        help_text="Escalations are e-mailed here: a link to the review item, never the post.",
    )
    phone = models.CharField(
        max_length=40,
        blank=True,
        help_text="Optional. Moderators see it on an escalated item, to call when it can't wait.",
    )
    hours = models.TextField(
        "hours they can be reached",
        blank=True,
        help_text="One stretch a line, days then times, in the community's time zone: for "
        "example “Mon-Fri 09:00-17:00”. Leave empty if they can be reached at any time. An "
        "escalation goes to everyone who can be reached then; if nobody can, to everyone.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

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
            return "any time"
        return f"{hours.describe(stretches)} ({hours.zone_label()})"

    def as_recipient(self) -> dict[str, str]:
        """What an escalation keeps of them, so it still says who had it after edits."""
        return {"name": self.name, "role": self.role, "email": self.email, "phone": self.phone}


class Escalation(models.Model):
    """One "Escalate to staff": who was e-mailed about the item, and when."""

    item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="escalations")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The contacts as they were: [{"name", "role", "email", "phone"}]. Empty when staff
    # had named nobody, so nobody was e-mailed.
    recipients = models.JSONField(default=list, blank=True)
    # Nobody was reachable at that hour, so every contact was e-mailed.
    outside_hours = models.BooleanField(default=False)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"escalation of review item {self.item_id}"

    @property
    def people(self) -> list[dict[str, str]]:
        """The recipients, each with a number to tap (tel:) if they gave a phone."""
        return [{**r, "tel": re.sub(r"[^\d+]", "", r.get("phone", ""))} for r in self.recipients]


# --- Sanctions and the audit log -------------------------------------------------------


class SanctionKind(models.TextChoices):
    WARNING = "warning", "Warning"
    SILENCE = "silence", "Silenced (can read, not post)"
    SUSPENSION = "suspension", "Suspended (cannot sign in)"


class Sanction(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions"
    )
    kind = models.CharField(max_length=12, choices=SanctionKind.choices)
    reason = models.TextField()
    # The post it was decided on, when there was one: its reason may quote it, so the
    # reason folds in the admin as that post does (moderation/folding.py).
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.starts_at:%Y-%m-%d})"


class AuditEntryQuerySet(models.QuerySet):
    # Bulk writes skip save() and delete(): they are refused here too.
    def update(self, **kwargs):
        raise ValueError("The audit log is append-only: entries are never changed.")

    def delete(self):
        raise ValueError("The audit log is append-only: entries are never deleted.")


class AuditEntry(models.Model):
    """Append-only: who did what to what, why and when. Never edited, never deleted."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    target_type = models.ForeignKey(ContentType, null=True, on_delete=models.SET_NULL)
    target_id = models.CharField(max_length=40, blank=True)
    target_repr = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "audit log"

    def __str__(self) -> str:
        return f"{self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The audit log is append-only: entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The audit log is append-only: entries are never deleted.")
