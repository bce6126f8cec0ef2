"""A silenced or suspended member's one request for a second look at their sanction."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .record import Sanction


class SecondLookOutcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld: the sanction stays")
    LIFTED = "lifted", _("Lifted: the sanction ends now")


class SecondLookQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(decided_at__isnull=True)


class SecondLook(models.Model):
    """One per sanction (the member asks once); decided by a moderator other than the
    one who gave the sanction."""

    sanction = models.OneToOneField(
        Sanction,
        on_delete=models.CASCADE,
        related_name="second_look",
        editable=False,
        verbose_name=_("sanction"),
    )
    text = models.TextField(_("what the member wrote"), editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("decided by"),
    )
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=SecondLookOutcome.choices, blank=True
    )
    reason = models.TextField(_("reason"), blank=True, help_text=_("The member reads this."))

    objects = SecondLookQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("request for a second look")
        verbose_name_plural = _("requests for a second look")

    def __str__(self) -> str:
        return _("Second look at %(sanction)s") % {"sanction": self.sanction}

    @property
    def is_decided(self) -> bool:
        return self.decided_at is not None
