"""An item's history: claims, take-overs, acknowledgement and each page about it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from .queue import ReviewItem


class ItemEventKind(models.TextChoices):
    CLAIMED = "claimed", "Claimed"
    TAKEN_OVER = "taken over", "Taken over"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    PAGED = "paged", "Paged"


class ReviewItemEvent(models.Model):
    """One line of a review item's history, shown on its page. Never changed afterwards.

    Moderators' own steps (claim, take-over, acknowledgement) are in the audit log too;
    pages are the worker's doing, so they live here only.
    """

    item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=ItemEventKind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # For a take-over: the moderator who had it.
    previous = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    # For a page: which one (1 is the first alert), and to whom, in words.
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "review item event"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} (review item {self.item_id})"
