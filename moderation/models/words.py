"""The words screening looks for: crisis phrases and watched words."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class CrisisPhrase(models.Model):
    """Staff's own crisis phrases, added to the defaults in moderation/screening.py.

    Matched as whole words, any case."""

    phrase = models.CharField(_("phrase"), max_length=120, unique=True)

    class Meta:
        ordering = ["phrase"]
        verbose_name = _("crisis phrase")
        verbose_name_plural = _("crisis phrases")

    def __str__(self) -> str:
        return self.phrase


class WatchedAction(models.TextChoices):
    BLOCK = "block", _("Block: the post is refused, the author keeps their text")
    HOLD = "hold", _("Hold: published only after review")
    REPLACE = "replace", _("Replace: the word is replaced with the replacement text")
    FLAG = "flag", _("Flag: published, and a review item is opened")


class WatchedWord(models.Model):
    pattern = models.CharField(
        _("pattern"),
        max_length=200,
        help_text=_(
            "A word or phrase (matched as whole words, any case), or a regular "
            "expression if the box below is ticked."
        ),
    )
    is_regex = models.BooleanField(_("regular expression"), default=False)
    action = models.CharField(_("action"), max_length=10, choices=WatchedAction.choices)
    replacement = models.CharField(_("replacement"), max_length=200, blank=True)
    explanation = models.CharField(
        _("explanation"),
        max_length=200,
        blank=True,
        help_text=_(
            "Shown to the author when a post is blocked, e.g. “Please don't share "
            "phone numbers: our guidelines keep personal details private to protect you.”"
        ),
    )

    class Meta:
        ordering = ["pattern"]
        verbose_name = _("watched word")
        verbose_name_plural = _("watched words")

    def __str__(self) -> str:
        return self.pattern

    def clean(self) -> None:
        try:
            self.compiled()
        except re.error as err:
            raise ValidationError(
                {"pattern": _("This regular expression doesn't work: %(error)s.") % {"error": err}}
            ) from None
        if self.action == WatchedAction.REPLACE and not self.replacement:
            raise ValidationError({"replacement": _("Please say what to replace it with.")})

    def compiled(self) -> re.Pattern:
        if self.is_regex:
            return re.compile(self.pattern, re.IGNORECASE)
        # Whole words, any spacing between them, symbols allowed at either end.
        words = r"\s+".join(re.escape(word) for word in self.pattern.split())
        return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)
