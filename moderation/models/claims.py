"""An item's history: claims, take-overs, acknowledgement and each page about it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .queue import ReviewItem


class ItemEventKind(models.TextChoices):
    CLAIMED = "claimed", _("Claimed")
    TAKEN_OVER = "taken over", _("Taken over")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    PAGED = "paged", _("Paged")


class ReviewItemEvent(models.Model):
    """One line of a review item's history, shown on its page. Never changed afterwards.

    Moderators' own steps (claim, take-over, acknowledgement) are in the audit log too;
    pages are the worker's doing, so they live here only.
    """

    item = models.ForeignKey(
        ReviewItem, on_delete=models.CASCADE, related_name="events", verbose_name=_("item")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ItemEventKind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    # For a take-over: the moderator who had it.
    previous = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("previous"),
    )
    reason = models.TextField(_("reason"), blank=True)
    # For a page: which one (1 is the first alert), and to whom, in words.
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("review item event")
        verbose_name_plural = _("review item events")

    def __str__(self) -> str:
        return _("%(kind)s (review item %(item)s)") % {
            "kind": self.get_kind_display(),
            "item": self.item_id,
        }
