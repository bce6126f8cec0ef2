"""The words screening looks for: crisis phrases and watched words."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models


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
