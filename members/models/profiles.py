"""Profiles: how a member appears to others, and where they stand."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from core.markup import render_markdown

from .accounts import DISPLAY_NAME_RE, User, is_reserved_name, validate_display_name
from .blocks import blocked_by
from .experiences import (
    Experience,
    ExperienceVisibility,
    MemberExperience,
    may_see_experiences,
    members_sharing,
    shows_experiences,
)

BIO_MAX = 1_000


def profile_url(display_name: str) -> str:
    # The profile page shows a member's posts, so forums serves it; members only
    # needs its address, by name, through the seam the settings name.
    if not DISPLAY_NAME_RE.match(display_name):
        return ""  # a name made by hand outside the rules: no address to give out
    return reverse(settings.BOOMITY_MEMBER_PROFILE_URL, args=[display_name])


class EmailFrequency(models.TextChoices):
    """How often a member hears about their notifications by e-mail."""

    IMMEDIATE = "immediate", "Straight away — an e-mail for each new notification"
    DAILY = "daily", "Once a day — one summary, only when there's news"
    WEEKLY = "weekly", "Once a week — one summary, only when there's news"
    NEVER = "never", "Never — I'll look on the site"


class Role(models.TextChoices):
    """Who someone is in running the community: a badge beside their name wherever they
    write as themselves, so nobody can pass for them. Kept by moderation's roles code
    from the Moderators and Staff groups (moderation/roles.py), never typed."""

    MODERATOR = "moderator", "Moderator"
    STAFF = "staff", "Staff"


class ProfileQuerySet(models.QuerySet):
    def with_name(self, name: str):
        return self.filter(display_name__iexact=name)

    def named_any(self, names):
        """Profiles whose name is one of `names` (lower case), through the name's index."""
        return self.alias(lower_name=Lower("display_name")).filter(lower_name__in=names)

    def in_directory(self, viewer):
        """The members `viewer` finds in the directory: those who chose to be found —
        they show their experiences, or they are peer supporters. Everyone else stays
        out, as does anyone taking a break or blocked by the viewer; a visitor finds
        nobody."""
        if not may_see_experiences(viewer):
            return self.none()
        shares = models.Exists(
            MemberExperience.objects.filter(content_object=models.OuterRef("pk"))
        )
        return (
            self.filter(user__is_active=True)
            .exclude(break_until__gt=timezone.now())
            .exclude(user_id__in=blocked_by(viewer))
            .filter((shows_experiences() & shares) | models.Q(is_peer_supporter=True))
        )

    def sharing(self, experience: Experience, *, viewer):
        """Members who show `viewer` this experience (see MemberExperienceQuerySet.shown_to)."""
        return self.filter(user_id__in=members_sharing([experience.pk], viewer=viewer))

    def not_suspended(self):
        now = timezone.now()
        return self.filter(
            models.Q(suspended_at__isnull=True)
            | models.Q(suspended_until__isnull=False, suspended_until__lte=now)
        )

    def on_break(self):
        return self.filter(break_until__gt=timezone.now())

    def free_name_like(self, seed: str) -> str:
        """A display name derived from `seed` that nobody has yet."""
        base = re.sub(r"[^A-Za-z0-9]", "", seed.split("@")[0])[:20] or "member"
        if len(base) < 2 or is_reserved_name(base):
            base = "member"
        candidate, n = base, 1
        while self.with_name(candidate).exists():
            n += 1
            candidate = f"{base}{n}"
        return candidate


class Profile(models.Model):  # type: ignore[django-manager-missing]  # taggit is untyped
    """How a member appears to others, and where they stand. Created with the account."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(max_length=30, validators=[validate_display_name])
    guidelines_accepted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    # Standing, set only by moderation's actions (which also keep the sanction
    # and its audit row). Kept here so every app can ask "may this member post?"
    # from the profile it already has in hand, without reaching upwards.
    silenced_until = models.DateTimeField(null=True, blank=True, editable=False)
    silence_reason = models.TextField(blank=True, editable=False)
    suspended_at = models.DateTimeField(null=True, blank=True, editable=False)
    suspended_until = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Empty while suspended: indefinitely."
    )
    suspension_reason = models.TextField(blank=True, editable=False)

    # Denormalized for the header's bell: no extra query per page.
    unread_notifications = models.PositiveIntegerField(default=0, editable=False)
    # "Take a break": until then no notifications are sent, and the member is
    # not shown as around (see `on_break`).
    break_until = models.DateTimeField(null=True, blank=True, editable=False)

    bio = models.TextField(
        max_length=BIO_MAX,
        blank=True,
        help_text="Markdown. Shown on the member's profile to signed-in members.",
    )
    bio_html = models.TextField(blank=True, editable=False)
    experiences = TaggableManager(
        "lived experiences",
        through=MemberExperience,
        blank=True,
        help_text="Chosen by the member from the vocabulary of lived experiences.",
    )
    experiences_visibility = models.CharField(
        "who sees the experiences",
        max_length=10,
        choices=ExperienceVisibility.choices,
        default=ExperienceVisibility.NOBODY,
    )
    # On the profile, so every byline that has the profile has the role: no query more.
    role = models.CharField(
        max_length=10,
        choices=Role.choices,
        blank=True,
        editable=False,
        help_text="Set from the account's groups (Moderators, Staff): shown as a badge.",
    )
    is_peer_supporter = models.BooleanField(
        "peer supporter",
        default=False,
        help_text="A member the organization has trained to support others. A “Peer "
        "supporter” badge shows beside their name.",
    )
    # Notification e-mails (members/mail.py). Daily by default: enough to know
    # someone answered, without an inbox full of a community's news.
    email_frequency = models.CharField(
        "e-mail me about notifications",
        max_length=10,
        choices=EmailFrequency.choices,
        default=EmailFrequency.DAILY,
    )
    digest_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("display_name"),
                name="profile_display_name_unique_ci",
                violation_error_message="Someone is already using that name.",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        # The bio is rendered once here, like posts, never on every page view.
        fields = kwargs.get("update_fields")
        if fields is None or "bio" in fields:
            self.bio_html = render_markdown(self.bio)
            if fields is not None:
                kwargs["update_fields"] = {*fields, "bio_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return profile_url(self.display_name)

    @property
    def shows_experiences(self) -> bool:
        return self.experiences_visibility == ExperienceVisibility.MEMBERS

    def accept_guidelines(self) -> None:
        self.guidelines_accepted_at = timezone.now()
        self.save(update_fields=["guidelines_accepted_at"])

    @property
    def is_silenced(self) -> bool:
        return self.silenced_until is not None and self.silenced_until > timezone.now()

    @property
    def is_suspended(self) -> bool:
        if self.suspended_at is None:
            return False
        return self.suspended_until is None or self.suspended_until > timezone.now()

    @property
    def on_break(self) -> bool:
        return self.break_until is not None and self.break_until > timezone.now()

    @property
    def can_post(self) -> bool:
        return not (self.is_silenced or self.is_suspended)
