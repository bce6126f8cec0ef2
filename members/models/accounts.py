"""Accounts: sign-in by e-mail, and the rules every display name follows."""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar, cast

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.markup import NAME_LETTERS

if TYPE_CHECKING:
    from .profiles import Profile as ProfileModel

# What stands where an erased member's name stood, in every app.
# Lazy: said in the language of whoever reads it (typed as the text it stands for).
FORMER_MEMBER = cast(str, _("A former member"))

# Letters of the Latin alphabets, accents included (Lucía, Zoë, Łukasz, Nguyễn's base
# letters): every such name has a skeleton (name_skeleton) to tell look-alikes apart.
DISPLAY_NAME_RE = re.compile(
    rf"^[{NAME_LETTERS}0-9][{NAME_LETTERS}0-9 _.\-]{{0,28}}[{NAME_LETTERS}0-9_.]$"
)

# Names that would let someone pass as the people who run the community, as a crisis
# service, or as one of the labels the site itself writes. Every name is compared in
# its look-alike form (`name_skeleton`), so spacing, capitals, digits for letters
# ("M0derator") and letters that look alike ("rnoderator", a Cyrillic "о") change
# nothing. Three rules, from the strictest to the narrowest:

# 1. A name that *contains* one of these, anywhere, is refused: no ordinary name
#    has them inside it ("The Moderators", "Crisis Support", "ModeratorTeam").
RESERVED_INSIDE = (
    "moderator",
    "moderating",
    "moderation",
    "administrator",
    "crisis",
    "hotline",
    "helpline",
    "lifeline",
    "samaritan",
    "helpdesk",
    "peersupporter",
    "staffmember",
    "staffteam",
    "supportteam",
    "supportstaff",
    "modteam",
    "adminteam",
    "communityteam",
    "communitymanager",
    "safetyteam",
    "trustandsafety",
    # The same in Spanish (names may now carry accents: "Moderadór" is "moderador").
    "moderador",
    "moderacion",
    "administrador",
    "equipodemoderacion",
    "lineadecrisis",
    "lineadeayuda",
)
# 2. A name with one of these as a *word* of its own is refused ("Staff Member",
#    "Mod Squad", "Official Sam"), while names that merely start with the same
#    letters pass ("Staffordshire Sam", "Modesty", "Supportive Sue", "Unofficial").
RESERVED_WORDS = (
    "admin",
    "admins",
    "mod",
    "mods",
    "staff",
    "official",
    "officials",
    "team",
    "support",
    "sysop",
    "moderadores",
    "moderadoras",
    "equipo",
    "oficial",
    "soporte",
)
# 3. A name that is, as a whole, one of these (kept from the start: the site's own
#    words, and the people behind it).
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
        "gethelp",
        "helpteam",
        "system",
        "root",
        "official",
        "anonymous",
        "anonymousmember",
        "formermember",
        "aformermember",
        "deletedmember",
        "peersupporter",
        "owner",
        "team",
        "security",
        "crisis",
        "crisisteam",
        "emergency",
        "emergencyservices",
        "nobody",
    }
)
RESERVED_MESSAGE = _(
    "That name could be mistaken for the people who run the community or for a crisis "
    "service, so it's kept back to keep everyone safe. Please choose another — a "
    "nickname or a word you like works well."
)

# Letters from other scripts that look like Latin ones, after NFKC and casefold
# (a small confusables map: the Cyrillic and Greek letters people use to disguise).
# Each letter of the first string reads as the letter under it in the second.
# Capitals first, before case is folded: a Greek capital Mu looks like M, its
# small letter like u.
_LOOK_ALIKE_CAPITALS = str.maketrans(
    "АВЕКМНОРСТУХЅІЈ" + "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "ABEKMHOPCTYXSIJ" + "ABEZHIKMNOPTYX",
)
_LOOK_ALIKES = str.maketrans(
    # Cyrillic, then Greek, then Latin letters that look like plainer ones.
    "авеёіїјкмнопрстухшьѕԁһԛԝӏг"
    + "αβγεηθικμνοπρσςτυχωϲϳ"
    + "ıłøđħŧɡ"
    # Small capitals, which NFKC leaves alone.
    + "ᴀʙᴄᴅᴇғɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ"
    # Digits and signs typed for letters. 1, l, i, | and ! all become "l": which
    # of them was meant can't be known, so here they are one letter.
    + "01il|!23456789@$+",
    "abeeiijkmhonpctyxwbsdhqwlr"
    + "abyenoikuvonpoctuxwcj"
    + "llodhtg"
    + "abcdefghljklmnoprstuvwyz"
    + "olllllzeasbtbgast",
)
_PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"))
_REPEATS = re.compile(r"(.)\1+")
_WORD_BREAKS = re.compile(r"[\s._\-]+|(?<=[a-z])(?=[A-Z])")


def name_skeleton(text: str) -> str:
    """What `text` looks like, reduced to plain lower-case Latin letters.

    NFKC (fullwidth and styled letters become plain ones), accents dropped,
    look-alike letters, digits and signs mapped ("M0derat0r", "Мoderator" with a
    Cyrillic М, "rnoderator"), and letters doubled for show made single. Two names
    with the same skeleton look the same to a reader.
    """
    text = unicodedata.normalize("NFKC", text).translate(_LOOK_ALIKE_CAPITALS).casefold()
    text = "".join(
        c
        for c in unicodedata.normalize("NFD", text)
        if unicodedata.category(c) not in {"Mn", "Me", "Cf"}
    )
    text = text.translate(_LOOK_ALIKES)
    text = re.sub(r"[^a-z]", "", text)
    for pair, single in _PAIRS:
        text = text.replace(pair, single)
    return _REPEATS.sub(r"\1", text)


_INSIDE = tuple(name_skeleton(w) for w in RESERVED_INSIDE)
_WORDS = frozenset(name_skeleton(w) for w in RESERVED_WORDS)
_WHOLE = frozenset(name_skeleton(w) for w in RESERVED_NAMES)
_LEADS = tuple(name_skeleton(w) for w in ("the", "our", "your", "ask", "contact", "official"))


def _words_of(name: str) -> list[str]:
    """The words of a name, as a reader sees them: between spaces, dots, dashes and
    underscores, and where capitals start a word ("StaffMember"); each also without
    the digits stuck to it ("Mods4U" has the word "Mods")."""
    words = [w for w in _WORD_BREAKS.split(name) if w]
    letters_only = [p for w in words for p in re.split(r"[0-9]+", w) if p]
    return [name_skeleton(w) for w in [*words, *letters_only]]


def is_reserved_name(name: str) -> bool:
    """Whether `name` passes for a role, a team, a crisis service or one of the site's
    own labels, once reduced to how it looks (`name_skeleton`)."""
    whole = name_skeleton(name)
    if not whole:
        return False
    if whole in _WHOLE or any(word in whole for word in _INSIDE):
        return True
    # "themods", "YourAdmins": a role word behind a little word, all run together.
    for lead in _LEADS:
        if whole.startswith(lead) and whole[len(lead) :] in _WORDS | _WHOLE:
            return True
    return any(word in _WORDS for word in _words_of(name))


def normalized_name(name: str) -> str:
    return re.sub(r"[\s._\-]+", "", name).casefold()


def _every_letter_readable(name: str) -> bool:
    """Each letter has a skeleton: accented letters are read as their base ("é" as "e",
    "ø" as "o"), so look-alike checks see through them. A rarer letter the skeleton can't
    read ("ƌ", "ŋ") could hide a look-alike ("Moƌerator"): it is refused."""
    return all(name_skeleton(c) for c in name if c.isalpha())


def validate_display_name(name: str) -> None:
    """The rules every display name follows, wherever it is chosen."""
    if not DISPLAY_NAME_RE.match(name) or not _every_letter_readable(name):
        raise ValidationError(
            _(
                "Please choose a name of 2 to 30 characters using letters, numbers, spaces, "
                "dots, dashes or underscores, starting with a letter or number."
            ),
            code="invalid",
        )
    if is_reserved_name(name):
        raise ValidationError(RESERVED_MESSAGE, code="reserved")


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
    email = models.EmailField(_("e-mail address"), unique=True)
    # Blank: the language of their browser (members/languages.py). No choices here: the
    # languages on offer are the staff's (settings.LANGUAGES), and may change.
    language = models.CharField(_("language"), max_length=15, blank=True, default="")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

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

    def get_short_name(self) -> str:
        """The name every page calls them by (the profile's display name): the admin's
        "Welcome, …" greets a moderator by it, not by their e-mail address. Blank
        without a profile (the admin then falls back to the address, as before)."""
        profile = getattr(self, "profile", None)
        return profile.display_name if profile else ""

    def get_full_name(self) -> str:
        # AbstractUser's would say "None None": there are no first and last names here.
        return self.get_short_name()

    def __str__(self) -> str:
        # Never the e-mail: this string can reach admin pages and logs.
        profile = getattr(self, "profile", None)
        return profile.display_name if profile else f"account {self.pk}"


def stand_in_member(user_id: int) -> User:
    """A signed-in member with this id, never read from the database: to write a rule
    about a viewer into a query built once for every viewer (core.queries.Compiled)."""
    return User(pk=user_id)
