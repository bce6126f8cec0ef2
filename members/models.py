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
    """How a member appears to others. Created with the account, in one transaction."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(max_length=30, validators=[validate_display_name])
    guidelines_accepted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

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
