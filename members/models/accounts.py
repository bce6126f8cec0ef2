"""Accounts: sign-in by e-mail, and the rules every display name follows."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar, cast

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

if TYPE_CHECKING:
    from .profiles import Profile as ProfileModel

# What stands where an erased member's name stood, in every app.
FORMER_MEMBER = "A former member"

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


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email, password, display_name=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        email = self.normalize_email(email).lower()
        # A profile is made with every account (the model beside User, not an import).
        Profile = cast("type[ProfileModel]", self.model._meta.get_field("profile").related_model)

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

    # Django's stubs type these as text: we take them away, as Django's docs show.
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField("e-mail address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

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
