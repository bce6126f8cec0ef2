"""Profiles: how a member appears to others, and where they stand."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from core.markup import render_markdown

from .accounts import DISPLAY_NAME_RE, User, is_reserved_name, name_skeleton, validate_display_name
from .blocks import blocked_by
from .experiences import (
    Experience,
    MemberExperience,
    may_see_experiences,
    members_sharing,
    shows_experiences,
)

BIO_MAX = 1_000

# Room for any skeleton of a 30-character name: NFKC can make one character several.
SKELETON_MAX = 120
NAME_TAKEN = _(
    "Someone in the community is already using that name. Please try another "
    "— adding a number or a word often works."
)
# Never names the other member: someone choosing a name learns only that it's close.
NAME_TOO_CLOSE = _(
    "That name is too close to another member's name. Please choose a different one."
)


def skeleton_of(display_name: str) -> str:
    """What is stored beside a display name to find names that look like it."""
    return name_skeleton(display_name)[:SKELETON_MAX]


def profile_url(display_name: str) -> str:
    # The profile page shows a member's posts, so forums serves it; members only
    # needs its address, by name, through the seam the settings name.
    if not DISPLAY_NAME_RE.match(display_name):
        return ""  # a name made by hand outside the rules: no address to give out
    return reverse(settings.BOOMITY_MEMBER_PROFILE_URL, args=[display_name])


class ColourScheme(models.TextChoices):
    SYSTEM = "system", _("The same as my device (light or dark, as it's set)")
    LIGHT = "light", _("Light")
    DARK = "dark", _("Dark")


class EmailFrequency(models.TextChoices):
    """How often a member hears about their notifications by e-mail."""

    IMMEDIATE = "immediate", _("Straight away — an e-mail for each new notification")
    DAILY = "daily", _("Once a day — one summary, only when there's news")
    WEEKLY = "weekly", _("Once a week — one summary, only when there's news")
    NEVER = "never", _("Never — I'll look on the site")


class Role(models.TextChoices):
    """Who someone is in running the community: a badge beside their name wherever they
    write as themselves, so nobody can pass for them. Kept by moderation's roles code
    from the Moderators and Staff groups (moderation/roles.py), never typed."""

    MODERATOR = "moderator", _("Moderator")
    STAFF = "staff", _("Staff")


class ProfileQuerySet(models.QuerySet):
    def with_name(self, name: str):
        return self.filter(display_name__iexact=name)

    def looking_like(self, name: str):
        """Profiles whose name is `name` ignoring case, or reads the same (the same
        skeleton: "R0bin" and "Robin", "kettle-on" and "kettle_on"). One query, through
        the indexes of both."""
        same = models.Q(lower_name=name.lower())
        if skeleton := skeleton_of(name):
            # A name of letters the skeleton doesn't know has none: compared as written.
            same |= models.Q(display_name_skeleton=skeleton)
        return self.alias(lower_name=Lower("display_name")).filter(same)

    def named_any(self, names):
        """Profiles whose name is one of `names` (lower case), through the name's index."""
        return self.alias(lower_name=Lower("display_name")).filter(lower_name__in=names)

    def in_directory(self, viewer):
        """The members `viewer` finds in the directory: those who chose to be found —
        they show at least one of their experiences, or they are peer supporters.
        Everyone else stays out, as does anyone taking a break or blocked by the viewer;
        a visitor finds nobody."""
        if not may_see_experiences(viewer):
            return self.none()
        shares = models.Exists(
            MemberExperience.objects.filter(
                shows_experiences(), content_object=models.OuterRef("pk")
            )
        )
        return (
            self.filter(user__is_active=True)
            .exclude(break_until__gt=timezone.now())
            .exclude(user_id__in=blocked_by(viewer))
            .filter(shares | models.Q(is_peer_supporter=True))
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

    def not_on_break(self):
        return self.exclude(break_until__gt=timezone.now())

    def free_name_like(self, seed: str) -> str:
        """A display name derived from `seed` that nobody has yet."""
        base = re.sub(r"[^A-Za-z0-9]", "", seed.split("@")[0])[:20] or "member"
        if len(base) < 2 or is_reserved_name(base):
            base = "member"
        candidate, n = base, 1
        while self.looking_like(candidate).exists():
            n += 1
            candidate = f"{base}{n}"
        return candidate


class Profile(models.Model):  # type: ignore[django-manager-missing]  # taggit is untyped
    """How a member appears to others, and where they stand. Created with the account."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="profile", verbose_name=_("user")
    )
    display_name = models.CharField(
        _("display name"), max_length=30, validators=[validate_display_name]
    )
    # How the name looks (`name_skeleton`), kept by `save`: a new name that looks like
    # someone else's is refused (`name_problem`). Not unique in the database: names
    # chosen before this rule may already look alike, and they stay.
    display_name_skeleton = models.CharField(
        _("display name skeleton"),
        max_length=SKELETON_MAX,
        blank=True,
        editable=False,
        db_index=True,
    )
    guidelines_accepted_at = models.DateTimeField(
        _("guidelines accepted at"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    # Standing, set only by moderation's actions (which also keep the sanction
    # and its audit row). Kept here so every app can ask "may this member post?"
    # from the profile it already has in hand, without reaching upwards.
    silenced_until = models.DateTimeField(
        _("silenced until"), null=True, blank=True, editable=False
    )
    silence_reason = models.TextField(_("silence reason"), blank=True, editable=False)
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True, editable=False)
    suspended_until = models.DateTimeField(
        _("suspended until"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Empty while suspended: indefinitely."),
    )
    suspension_reason = models.TextField(_("suspension reason"), blank=True, editable=False)

    # Denormalized for the header's bell: no extra query per page.
    unread_notifications = models.PositiveIntegerField(
        _("unread notifications"), default=0, editable=False
    )
    # "Take a break": until then no notifications are sent, and the member is
    # not shown as around (see `on_break`).
    break_until = models.DateTimeField(_("break until"), null=True, blank=True, editable=False)

    bio = models.TextField(
        _("bio"),
        max_length=BIO_MAX,
        blank=True,
        help_text=_("Markdown. Shown on the member's profile to signed-in members."),
    )
    bio_html = models.TextField(_("bio html"), blank=True, editable=False)
    experiences = TaggableManager(
        _("lived experiences"),
        through=MemberExperience,
        blank=True,
        help_text=_("Chosen by the member from the vocabulary of lived experiences."),
    )
    # Who sees each experience is on the experience itself (MemberExperience.is_shown).
    # On the profile, so every byline that has the profile has the role: no query more.
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=Role.choices,
        blank=True,
        editable=False,
        help_text=_("Set from the account's groups (Moderators, Staff): shown as a badge."),
    )
    is_peer_supporter = models.BooleanField(
        _("peer supporter"),
        default=False,
        help_text=_(
            "A member the organization has trained to support others. A “Peer "
            "supporter” badge shows beside their name."
        ),
    )
    # Notification e-mails (members/mail.py). Daily by default: enough to know
    # someone answered, without an inbox full of a community's news.
    email_frequency = models.CharField(
        _("e-mail me about notifications"),
        max_length=10,
        choices=EmailFrequency.choices,
        default=EmailFrequency.DAILY,
    )
    digest_sent_at = models.DateTimeField(
        _("digest sent at"), null=True, blank=True, editable=False
    )
    # Applied on every page as <html data-theme> (base.html, boomity.css): no script needed.
    colour_scheme = models.CharField(
        _("colours"), max_length=6, choices=ColourScheme.choices, default=ColourScheme.SYSTEM
    )
    # Peer supporters hear of these anyway (forums/notices.py welcome_newcomer): the
    # choice is for any member who would like to welcome people too.
    hears_of_newcomers = models.BooleanField(
        _("tell me when someone new posts for the first time"),
        default=False,
        help_text=_(
            "A notification with a link to their first thread, so you can welcome "
            "them. It never says who they are, and never comes for anonymous threads."
        ),
    )

    objects = ProfileQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("display_name"),
                name="profile_display_name_unique_ci",
                violation_error_message=_("Someone is already using that name."),
            )
        ]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        # The bio is rendered once here, like posts, never on every page view; the
        # name's skeleton follows the name the same way.
        fields = kwargs.get("update_fields")
        if fields is None or "bio" in fields:
            self.bio_html = render_markdown(self.bio)
            if fields is not None:
                fields = kwargs["update_fields"] = {*fields, "bio_html"}
        if fields is None or "display_name" in fields:
            self.display_name_skeleton = skeleton_of(self.display_name)
            if fields is not None:
                kwargs["update_fields"] = {*fields, "display_name_skeleton"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return profile_url(self.display_name)

    def validate_constraints(self, exclude=None) -> None:
        # Beside the database's rule (one name, ignoring case), the rule it can't keep:
        # no name that looks like another member's. Model forms (the admin's) ask here.
        errors: dict = {}
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        checks_name = "display_name" not in (exclude or ()) and "display_name" not in errors
        if checks_name and (problem := name_problem(self.display_name, other_than=self)):
            errors["display_name"] = [ValidationError(problem, code="too_close")]
        if errors:
            raise ValidationError(errors)

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


def name_problem(name: str, *, other_than: Profile | None = None) -> str:
    """Why `name` can't be chosen because of other members' names ("" if it can): taken
    already, or too close to one of them (a look-alike). `other_than` is the member
    choosing: their own name never stands in their way, and a name they already have
    stays theirs, even one chosen before this rule that looks like someone else's.
    One query."""
    same = Profile.objects.looking_like(name)
    if other_than is None or other_than.pk is None:
        taken = list(same.values_list("display_name", flat=True)[:1])
    else:
        # Their stored row comes first, to see whether the name is the one they have.
        own = models.Q(pk=other_than.pk)
        rows = dict(
            Profile.objects.filter(models.Q(pk__in=same) | own)
            .order_by(models.Case(models.When(own, then=0), default=1))
            .values_list("pk", "display_name")[:2]
        )
        if rows.pop(other_than.pk, None) == name:
            return ""
        taken = list(rows.values())
    if not taken:
        return ""
    return str(NAME_TAKEN if taken[0].lower() == name.lower() else NAME_TOO_CLOSE)
