"""The members app's models, one concern a module; imported from here as before."""

# Check-ins are a concern of their own; their models live beside this package.
from ..checkins import (  # noqa: E402
    CheckIn,
    CheckInAnswer,
    CheckInItem,
    CheckInOptIn,
    CheckInSettings,
)
from .accounts import (
    DISPLAY_NAME_RE,
    FORMER_MEMBER,
    RESERVED_NAMES,
    User,
    UserManager,
    normalized_name,
    validate_display_name,
)
from .blocks import Block, blocked_by, blockers_of, has_blocked
from .community import (
    DOMAIN_RE,
    CommunitySettings,
    SignupPolicy,
    forget_community_settings,
    normalized_domain,
)
from .experiences import (
    Experience,
    ExperienceQuerySet,
    ExperienceSynonym,
    ExperienceVisibility,
    MemberExperience,
    may_see_experiences,
    members_sharing,
    shown_experiences,
    shows_experiences,
)
from .invitations import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Invitation,
    new_invitation_code,
    normalized_code,
)
from .notifications import (
    Notification,
    NotificationActor,
    NotificationKind,
    NotificationQuerySet,
)
from .profiles import BIO_MAX, EmailFrequency, Profile, ProfileQuerySet, profile_url

__all__ = [
    "BIO_MAX",
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "DISPLAY_NAME_RE",
    "DOMAIN_RE",
    "FORMER_MEMBER",
    "RESERVED_NAMES",
    "Block",
    "CheckIn",
    "CheckInAnswer",
    "CheckInItem",
    "CheckInOptIn",
    "CheckInSettings",
    "CommunitySettings",
    "EmailFrequency",
    "Experience",
    "ExperienceQuerySet",
    "ExperienceSynonym",
    "ExperienceVisibility",
    "Invitation",
    "MemberExperience",
    "Notification",
    "NotificationActor",
    "NotificationKind",
    "NotificationQuerySet",
    "Profile",
    "ProfileQuerySet",
    "SignupPolicy",
    "User",
    "UserManager",
    "blocked_by",
    "blockers_of",
    "forget_community_settings",
    "has_blocked",
    "may_see_experiences",
    "members_sharing",
    "new_invitation_code",
    "normalized_code",
    "normalized_domain",
    "normalized_name",
    "profile_url",
    "shown_experiences",
    "shows_experiences",
    "validate_display_name",
]
