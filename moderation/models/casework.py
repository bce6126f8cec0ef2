"""The moderators' casework that is about people, not posts: notes on a member, and
notes from one shift to the next."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MemberNoteQuerySet(models.QuerySet):
    def with_authors(self):
        return self.select_related("written_by__profile")


class MemberNote(models.Model):
    """A moderator's note on a member, for the other moderators. Never shown on a
    member-facing page; it is the member's data all the same: it is in their data
    download (moderation/privacy.py), and it goes when they erase their account.

    Why it goes rather than staying without the person: the note is *about* them, so
    a copy "without the person" would either say nothing or still say who they are;
    and we promise a member that the download holds everything kept about them, which
    would no longer be true of a note we kept after they asked us to forget them. The
    audit log keeps that a note was written (who, when, on which account number), never
    its words.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderator_notes",
        verbose_name=_("member"),
    )
    text = models.TextField(_("note"), max_length=4000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = MemberNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["member", "-created_at"], name="member_note_recent")]
        verbose_name = _("note on a member")
        verbose_name_plural = _("notes on members")

    def __str__(self) -> str:
        return _("Note %(number)s on account %(account)s") % {
            "number": self.pk,
            "account": self.member_id,
        }


class HandoverNoteQuerySet(models.QuerySet):
    def open(self):
        """Notes nobody has dismissed yet: every moderator sees them."""
        return self.filter(dismissed_at__isnull=True)

    def with_people(self):
        return self.select_related("written_by__profile", "dismissed_by__profile")


class HandoverNote(models.Model):
    """A note from one shift to the next ("what the next shift should know"), shown to
    every moderator until one dismisses it. Dismissed notes stay, with who dismissed
    them and when."""

    text = models.TextField(_("what the next shift should know"), max_length=2000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("dismissed by"),
    )
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)

    objects = HandoverNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("handover note")
        verbose_name_plural = _("handover notes")

    def __str__(self) -> str:
        return _("Handover note %(number)s") % {"number": self.pk}
