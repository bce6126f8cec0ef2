"""The members app's models, one concern a module; imported from here as before."""

from .accounts import (
    DISPLAY_NAME_RE,
    FORMER_MEMBER,
    RESERVED_NAMES,
    User,
    UserManager,
    normalized_name,
    validate_display_name,
)
from .blocks import Block, blocked_either_way, blocks_around
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
    "blocked_either_way",
    "blocks_around",
    "forget_community_settings",
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
