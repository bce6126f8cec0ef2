import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone

DISPLAY_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.\-]{0,28}[A-Za-z0-9_.]$")

# Names that would let someone pass as the people who run the community, or
# that read as the anonymous label. Compared without spaces, dots, dashes or
# underscores, so "Mod-Erator" is caught too.
RESERVED_NAMES = frozenset(
    {
        "admin", "administrator", "moderator", "moderators", "mod", "mods", "staff",
        "boomity", "support", "help", "helpdesk", "system", "root", "official",
        "anonymous", "anonymousmember", "formermember", "deletedmember", "peersupporter",
        "owner", "team", "security", "crisis", "crisisteam", "emergency", "nobody",
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

    def __str__(self) -> str:
        # Never the e-mail: this string can reach admin pages and logs.
        profile = getattr(self, "profile", None)
        return profile.display_name if profile else f"account {self.pk}"


class ProfileQuerySet(models.QuerySet):
    def with_name(self, name: str):
        return self.filter(display_name__iexact=name)

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
    return Block.objects.filter(blocker_id=user_id).values("blocked_id").union(
        Block.objects.filter(blocked_id=user_id).values("blocker_id")
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


class NotificationQuerySet(models.QuerySet):
    def for_member(self, user):
        return self.filter(recipient=user).order_by("-created_at")


class Notification(models.Model):
    """Something a member should know, shown on their notifications page.

    Lower layers can't point at objects above them, so a notification keeps the
    text and the address it needs (a snapshot), never a foreign key upwards.
    """

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    text = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["recipient", "-created_at"], name="notification_inbox")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} notification"
