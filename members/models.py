from __future__ import annotations

import re
import secrets
import time
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import TaggableManager
from taggit.models import NaturalKeyManager, TagBase, TaggedItemBase

from core.markup import render_markdown

from . import defaults

BIO_MAX = 1_000

DISPLAY_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.\-]{0,28}[A-Za-z0-9_.]$")

# Names that would let someone pass as the people who run the community, or
# that read as the anonymous label. Compared without spaces, dots, dashes or
# underscores, so "Mod-Erator" is caught too.
RESERVED_NAMES = frozenset(
    {
        "admin",
        "administrator",
        "moderator",
        "moderators",
        "mod",
        "mods",
        "staff",
        "boomity",
        "support",
        "help",
        "helpdesk",
        "system",
        "root",
        "official",
        "anonymous",
        "anonymousmember",
        "formermember",
        "deletedmember",
        "peersupporter",
        "owner",
        "team",
        "security",
        "crisis",
        "crisisteam",
        "emergency",
        "nobody",
    }
)


def normalized_name(name: str) -> str:
    return re.sub(r"[\s._\-]+", "", name).casefold()


def validate_display_name(name: str) -> None:
    """The rules every display name follows, wherever it is chosen."""
    if not DISPLAY_NAME_RE.match(name):
        raise ValidationError(
            "Please choose a name of 2 to 30 characters using letters, numbers, spaces, "
            "dots, dashes or underscores, starting with a letter or number.",
            code="invalid",
        )
    if normalized_name(name) in RESERVED_NAMES:
        raise ValidationError(
            "That name is kept for the people who run the community, so nobody can be "
            "mistaken for them. Please choose another.",
            code="reserved",
        )


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, display_name=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        email = self.normalize_email(email).lower()
        with transaction.atomic():
            user = self.model(email=email, **extra)
            user.set_password(password)
            user.save(using=self._db)
            Profile.objects.create(
                user=user, display_name=display_name or Profile.objects.free_name_like(email)
            )
        return user

    def create_user(self, email, password=None, display_name=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, display_name, **extra)

    def create_superuser(self, email, password=None, display_name=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, display_name, **extra)


class User(AbstractUser):
    """An account: signs in with an e-mail address, appears under a profile's name."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("e-mail address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = "account"
        verbose_name_plural = "accounts"

    @property
    def is_new_member(self) -> bool:
        """Joined within BOOMITY_NEW_MEMBER_DAYS: some limits are stricter then."""
        days = settings.BOOMITY_NEW_MEMBER_DAYS
        return self.date_joined > timezone.now() - timedelta(days=days)

    def has_two_step_sign_in(self) -> bool:
        """Signs in with a code from an authenticator as well as the password (one query)."""
        from allauth.mfa.models import Authenticator

        return Authenticator.objects.filter(
            user_id=self.pk, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        ).exists()

    def __str__(self) -> str:
        # Never the e-mail: this string can reach admin pages and logs.
        profile = getattr(self, "profile", None)
        return profile.display_name if profile else f"account {self.pk}"


class ExperienceQuerySet(models.QuerySet):
    def offered_to(self, profile: Profile | None = None):
        """What a member may choose: the official experiences, and any they already have."""
        offered = models.Q(is_official=True)
        if profile is not None and profile.pk:
            offered |= models.Q(member_items__content_object=profile)
        return self.filter(offered).distinct().order_by("name")

    def resolve(self, slug: str) -> tuple[Experience | None, bool]:
        """(experience, whether `slug` is its own) — a merged name's slug lands on
        the experience it was merged into."""
        if not slug:
            return None, False
        experience = self.filter(slug=slug).first()
        if experience is not None:
            return experience, True
        synonym = ExperienceSynonym.objects.select_related("experience").filter(slug=slug).first()
        return (synonym.experience, False) if synonym else (None, False)


class Experience(TagBase):
    """A lived experience from the vocabulary staff keep. Members choose from it,
    never type their own: the words are chosen with care, once, by the team."""

    description = models.CharField(
        max_length=200,
        blank=True,
        help_text="One kind, plain sentence members see beside the name.",
    )
    is_official = models.BooleanField(
        "official",
        default=True,
        help_text="Official experiences are the ones members can choose on their profile. "
        "Untick to retire one without deleting it: members who chose it keep it.",
    )

    objects = NaturalKeyManager.from_queryset(ExperienceQuerySet)()

    class Meta:
        ordering = ["name"]
        verbose_name = "lived experience"
        verbose_name_plural = "lived experiences"

    def clean(self) -> None:
        # A name that is already a synonym would make the same words mean two things.
        if self.name and ExperienceSynonym.objects.filter(name__iexact=self.name).exists():
            raise ValidationError(
                {
                    "name": "That name is a synonym of another experience. Edit that "
                    "experience instead, or remove the synonym first."
                }
            )

    def get_directory_url(self) -> str:
        return f"{reverse('members:directory')}?{urlencode({'experience': self.slug})}"


class ExperienceSynonym(models.Model):
    """Another name for an experience, kept when staff merge one into another, so
    links and filters that use the old name still land on the kept one."""

    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="synonyms")
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, allow_unicode=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.slug = slugify(self.name, allow_unicode=True)
        if Experience.objects.filter(
            models.Q(name__iexact=self.name) | models.Q(slug=self.slug)
        ).exists():
            raise ValidationError({"name": "An experience already has that name."})


class ExperienceVisibility(models.TextChoices):
    MEMBERS = "members", "Other members"
    NOBODY = "nobody", "Nobody but me"


def shows_experiences(path_to_profile: str = "") -> models.Q:
    """The one rule for whose experiences others may see — or count: members who chose
    to show them. `path_to_profile` leads from the model being filtered to a Profile
    (e.g. "author__profile__")."""
    return models.Q(**{f"{path_to_profile}experiences_visibility": ExperienceVisibility.MEMBERS})


class MemberExperienceQuerySet(models.QuerySet):
    def shown(self):
        """Only experiences their member chose to show: the one way others see any."""
        return self.filter(
            shows_experiences("content_object__"), content_object__user__is_active=True
        )


class MemberExperience(TaggedItemBase):
    """One member has chosen one experience (taggit's through model, on our tag)."""

    tag = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="member_items")
    content_object = models.ForeignKey(
        "Profile", on_delete=models.CASCADE, related_name="experience_items"
    )

    objects = NaturalKeyManager.from_queryset(MemberExperienceQuerySet)()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="experience_once"),
        ]

    def __str__(self) -> str:
        return f"experience {self.tag_id} of profile {self.content_object_id}"


def shown_experiences(user_ids) -> dict[int, list[Experience]]:
    """{member id: the experiences they show other members}, in one query."""
    if not user_ids:
        return {}
    items = (
        MemberExperience.objects.shown()
        .filter(content_object__user_id__in=user_ids)
        .annotate(user_id=models.F("content_object__user_id"))
        .select_related("tag")
        .order_by("tag__name")
    )
    found: dict[int, list[Experience]] = {}
    for item in items:
        found.setdefault(item.user_id, []).append(item.tag)
    return found


def members_sharing(experience_ids):
    """Ids of members who show any of these experiences (a subquery, not a list)."""
    return (
        MemberExperience.objects.shown()
        .filter(tag_id__in=experience_ids)
        .values("content_object__user_id")
    )


def profile_url(display_name: str) -> str:
    # The profile page shows a member's posts, so forums serves it (see
    # forums/urls.py); members only needs its address, by name.
    if not DISPLAY_NAME_RE.match(display_name):
        return ""  # a name made by hand outside the rules: no address to give out
    return reverse("forums:member-profile", args=[display_name])


class EmailFrequency(models.TextChoices):
    """How often a member hears about their notifications by e-mail."""

    IMMEDIATE = "immediate", "Straight away — an e-mail for each new notification"
    DAILY = "daily", "Once a day — one summary, only when there's news"
    WEEKLY = "weekly", "Once a week — one summary, only when there's news"
    NEVER = "never", "Never — I'll look on the site"


class ProfileQuerySet(models.QuerySet):
    def with_name(self, name: str):
        return self.filter(display_name__iexact=name)

    def named_any(self, names):
        """Profiles whose name is one of `names` (lower case), through the name's index."""
        return self.alias(lower_name=Lower("display_name")).filter(lower_name__in=names)

    def in_directory(self):
        """Members who chose to be found: they show their experiences, or they are
        peer supporters. Everyone else stays out of the directory, as does anyone
        taking a break."""
        shares = models.Exists(
            MemberExperience.objects.filter(content_object=models.OuterRef("pk"))
        )
        return (
            self.filter(user__is_active=True)
            .exclude(break_until__gt=timezone.now())
            .filter((shows_experiences() & shares) | models.Q(is_peer_supporter=True))
        )

    def sharing(self, experience: Experience):
        return self.filter(shows_experiences(), experience_items__tag=experience)

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
        if len(base) < 2 or normalized_name(base) in RESERVED_NAMES:
            base = f"member{base}"
        candidate, n = base, 1
        while self.with_name(candidate).exists():
            n += 1
            candidate = f"{base}{n}"
        return candidate


class Profile(models.Model):
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


class Block(models.Model):
    """One member no longer wants to see or hear from another."""

    blocker = models.ForeignKey(User, on_delete=models.CASCADE, related_name="blocks")
    blocked = models.ForeignKey(User, on_delete=models.CASCADE, related_name="blocked_by")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(
                condition=~models.Q(blocker=models.F("blocked")), name="block_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"block {self.pk}"


def blocked_either_way(user_id: int) -> models.QuerySet:
    """Ids of members on the other side of any block with this member."""
    return (
        Block.objects.filter(blocker_id=user_id)
        .values("blocked_id")
        .union(Block.objects.filter(blocked_id=user_id).values("blocker_id"))
    )


def blocks_around(user) -> tuple[set[int], set[int]]:
    """(members `user` blocked, members on either side of a block with `user`).

    Blocking goes both ways: neither sees the other's posts uncollapsed, nor
    can quote, mention or notify the other. One query.
    """
    if not user.is_authenticated:
        return set(), set()
    pairs = Block.objects.filter(models.Q(blocker=user) | models.Q(blocked=user))
    mine, either = set(), set()
    for blocker, blocked in pairs.values_list("blocker_id", "blocked_id"):
        if blocker == user.pk:
            mine.add(blocked)
            either.add(blocked)
        else:
            either.add(blocker)
    return mine, either


class NotificationKind(models.TextChoices):
    MODERATION = "moderation", "From the moderators"
    REPLY = "reply", "A reply"
    NEW_THREAD = "new_thread", "A new thread"
    MENTION = "mention", "A mention"
    REACTION = "reaction", "Reactions to your post"


class NotificationQuerySet(models.QuerySet):
    def for_member(self, user):
        return self.filter(recipient=user).order_by("-created_at")

    def unread(self):
        return self.filter(read_at__isnull=True)

    def not_emailed(self):
        return self.filter(emailed_at__isnull=True)


class Notification(models.Model):
    """Something a member should know, shown on their notifications page.

    Lower layers can't point at objects above them, so a notification keeps the
    text and the address it needs (a snapshot), never a foreign key upwards.
    """

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    text = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    # For a grouped notification ("Sam and Alex reacted to …"), the last time it
    # gained news: it moves up the list, and is e-mailed again if it had been.
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    # Grouped notifications: while one with this key is unread, more news about
    # the same thing joins it (members/actions.py notify_grouped). `about` is
    # what it's about, e.g. 'your post in “Sleep when anxious”'; the text is
    # made from it and the actors.
    group_key = models.CharField(max_length=60, blank=True)
    about = models.CharField(max_length=200, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient", "group_key"],
                condition=~models.Q(group_key=""),
                name="notification_group",
            ),
            models.Index(
                fields=["recipient"],
                condition=models.Q(emailed_at__isnull=True),
                name="notification_not_emailed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} notification"

    def describe(self) -> str:
        """The grouped notification's text: who (two names at most), about what, and what."""
        actors = list(self.actors.select_related("member__profile").order_by("created_at", "pk"))
        names = list(dict.fromkeys(a.member.profile.display_name for a in reversed(actors)))
        did = ", ".join(dict.fromkeys(a.did for a in actors))
        return f"{_people(names)} reacted to {self.about}: {did}."


def _people(names: list[str]) -> str:
    """'Sam', 'Sam and Alex', 'Sam, Alex and 1 other', 'Sam, Alex and 3 others'."""
    if len(names) <= 2:
        return " and ".join(names)
    others = len(names) - 2
    return f"{names[0]}, {names[1]} and {others} other{'s' if others > 1 else ''}"


class NotificationActor(models.Model):
    """Someone who did something a grouped notification tells about."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="actors")
    member = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    did = models.CharField(max_length=60)  # e.g. "Sending support"
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "member", "did"], name="notification_actor_once"
            ),
        ]

    def __str__(self) -> str:
        return f"actor in notification {self.notification_id}"


# Check-ins are a concern of their own; their models live beside this module.
from .checkins import (  # noqa: E402, F401
    CheckIn,
    CheckInAnswer,
    CheckInItem,
    CheckInOptIn,
    CheckInSettings,
)

# --- The community, and who may join ------------------------------------------------


class SignupPolicy(models.TextChoices):
    OPEN = "open", "Open: anyone may join"
    INVITATION = "invitation", "By invitation: people need an invitation code"
    DOMAINS = "domains", "By e-mail address: only addresses at the domains listed below"


DOMAIN_RE = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")

# Each app process keeps the one row this long (see CommunitySettings.current).
_community_cache: dict[str, tuple[float, CommunitySettings]] = {}


def forget_community_settings() -> None:
    """Drop this process's copy, so the next read sees the database."""
    _community_cache.clear()


class CommunitySettings(models.Model):
    """The one row of settings that make this community its own, edited by staff.

    Every page shows the name, so it is read through `current()`, which keeps a
    copy per process: no query per page.
    """

    name = models.CharField(
        "community name",
        max_length=60,
        help_text="Shown at the top of every page, in page titles and in e-mails.",
    )
    tagline = models.CharField(
        max_length=200,
        blank=True,
        help_text="One sentence about who the community is for, under the name on the home page.",
    )
    welcome = models.TextField(
        "welcome text",
        blank=True,
        help_text="Shown on the home page to people who aren't signed in: what happens here "
        "and why they might join. Markdown.",
    )
    welcome_html = models.TextField(blank=True, editable=False)
    guidelines = models.TextField(
        "community guidelines",
        help_text="Shown on /guidelines/ and accepted by everyone who joins. Markdown: start "
        "each section with “# ” and its title, and keep them short and kind.",
    )
    guidelines_html = models.TextField(blank=True, editable=False)
    signup_policy = models.CharField(
        "who may join",
        max_length=12,
        choices=SignupPolicy.choices,
        default=SignupPolicy.OPEN,
        help_text="The sign-up page explains this to anyone who can't join, and what they "
        "can do instead.",
    )
    allowed_domains = models.TextField(
        "e-mail domains that may join",
        blank=True,
        help_text="For “By e-mail address”: one domain per line, e.g. example.org. Addresses "
        "at its subdomains (mail.example.org) count too. Also checked when a member changes "
        "their address.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "community settings"

    def __str__(self) -> str:
        return "Community settings"

    def save(self, *args, **kwargs):
        # Rendered once here, never per page view (like posts and board guidelines).
        self.welcome_html = render_markdown(self.welcome)
        self.guidelines_html = render_markdown(self.guidelines, top_heading=2)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "welcome_html",
                "guidelines_html",
                "updated_at",
            }
        super().save(*args, **kwargs)
        forget_community_settings()
        # A read inside this transaction may have kept values that a rollback undoes.
        transaction.on_commit(forget_community_settings)

    @classmethod
    def current(cls) -> CommunitySettings:
        """The settings, read from the database at most every
        BOOMITY_COMMUNITY_CACHE_SECONDS in each app process.

        The process that saves a change forgets its copy at once; other processes
        (gunicorn workers, the task worker) see it within that many seconds.
        """
        cached = _community_cache.get("row")
        if cached is not None and cached[0] > time.monotonic():
            return cached[1]
        row = cls.load()
        _community_cache["row"] = (time.monotonic() + settings.BOOMITY_COMMUNITY_CACHE_SECONDS, row)
        return row

    @classmethod
    def load(cls) -> CommunitySettings:
        """The row as the database has it now (made with the defaults the first time)."""
        return cls.objects.get_or_create(pk=1, defaults=cls.initial_values())[0]

    @staticmethod
    def initial_values() -> dict:
        return {
            "name": settings.BOOMITY_COMMUNITY_NAME,
            "tagline": settings.BOOMITY_TAGLINE,
            "welcome": defaults.WELCOME,
            "guidelines": defaults.GUIDELINES,
        }

    def clean(self) -> None:
        if self.signup_policy == SignupPolicy.DOMAINS and not self.domains:
            raise ValidationError(
                {
                    "allowed_domains": "Please list at least one domain, or "
                    "choose another way for people to join."
                }
            )

    @property
    def domains(self) -> list[str]:
        return [
            normalized_domain(line)
            for line in self.allowed_domains.split()
            if normalized_domain(line)
        ]

    def accepts_email(self, email: str) -> bool:
        """Whether this address may be used to join (or be changed to) under the policy."""
        if self.signup_policy != SignupPolicy.DOMAINS:
            return True
        domain = email.rpartition("@")[2].strip().lower().rstrip(".")
        return any(domain == allowed or domain.endswith(f".{allowed}") for allowed in self.domains)


def normalized_domain(text: str) -> str:
    """'@Example.org,' → 'example.org'."""
    return text.strip().strip(",;").lstrip("@").rstrip(".").lower()


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

    code = models.CharField(max_length=20, unique=True, default=new_invitation_code, editable=False)
    note = models.CharField(
        "who it's for",
        max_length=120,
        help_text="Only staff see this, e.g. “Riverside clinic, spring group”.",
    )
    max_uses = models.PositiveIntegerField(
        "how many people can join with it",
        default=10,
        validators=[MinValueValidator(1)],
    )
    uses = models.PositiveIntegerField("people who joined with it", default=0, editable=False)
    expires_at = models.DateTimeField(
        "stops working at",
        null=True,
        blank=True,
        help_text="Leave empty for a code that doesn't expire. Format: 2026-12-31 18:00",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
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

    def __str__(self) -> str:
        return self.note or self.code

    def clean(self) -> None:
        if self.max_uses is not None and self.max_uses < self.uses:
            raise ValidationError(
                {
                    "max_uses": f"{self.uses} people have already joined with "
                    f"this code, so the limit can't be lower. To stop it working "
                    f"now, set it to {self.uses}."
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
