"""Invitation codes: how people join while joining is by invitation."""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .accounts import User

# No 0/O or 1/I/L: codes are read out and typed by hand.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_invitation_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalized_code(text: str) -> str:
    """What a person typed, the way codes are stored: no spaces or dashes, capitals."""
    return re.sub(r"[^A-Za-z0-9]", "", text).upper()


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        now = timezone.now()
        return self.filter(uses__lt=F("max_uses")).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class Invitation(models.Model):
    """A code that lets a number of people join while joining is by invitation."""

    code = models.CharField(
        _("code"), max_length=20, unique=True, default=new_invitation_code, editable=False
    )
    note = models.CharField(
        _("who it's for"),
        max_length=120,
        help_text=_("Only staff see this, e.g. “Riverside clinic, spring group”."),
    )
    max_uses = models.PositiveIntegerField(
        _("how many people can join with it"),
        default=10,
        validators=[MinValueValidator(1)],
    )
    uses = models.PositiveIntegerField(_("people who joined with it"), default=0, editable=False)
    expires_at = models.DateTimeField(
        _("stops working at"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a code that doesn't expire. Format: 2026-12-31 18:00"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # The conditional UPDATE in take_one() keeps to this; the database makes sure.
            models.CheckConstraint(
                condition=Q(uses__lte=F("max_uses")), name="invitation_uses_within_limit"
            ),
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.note or self.code

    def clean(self) -> None:
        if self.max_uses is not None and self.max_uses < self.uses:
            raise ValidationError(
                {
                    "max_uses": ngettext(
                        "%(uses)s person has already joined with this code, so the "
                        "limit can't be lower. To stop it working now, set it to %(uses)s.",
                        "%(uses)s people have already joined with this code, so the "
                        "limit can't be lower. To stop it working now, set it to %(uses)s.",
                        self.uses,
                    )
                    % {"uses": self.uses}
                }
            )

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_used_up(self) -> bool:
        return self.uses >= self.max_uses

    def take_one(self) -> bool:
        """Count one person joining with this code, unless it ran out meanwhile.

        One conditional UPDATE: when two people take the last use at the same
        moment, the database lets exactly one of them have it.
        """
        taken = Invitation.objects.usable().filter(pk=self.pk).update(uses=F("uses") + 1)
        return taken == 1

    def signup_url(self) -> str:
        return f"{settings.BOOMITY_SITE_URL}{reverse('account_signup')}?code={self.code}"
