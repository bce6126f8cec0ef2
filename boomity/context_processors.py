from django.utils.functional import SimpleLazyObject

from members.models import CommunitySettings
from moderation.models import ModerationSettings


def community(request):
    # Kept in memory per process for a short while: no query per page.
    current = CommunitySettings.current()
    return {
        "community": current,
        "community_name": current.name,
        "community_tagline": current.tagline,
    }


def moderation_hours(request):
    """`moderation_hours`: when moderators are usually around, as staff set it
    (moderation.hours.ModeratorHours: is_set, around_now, next_around, described,
    sentence). For pages of lower apps (forums' post forms) that can't import
    moderation; read only by a template that uses it, so no query otherwise."""
    return {
        "moderation_hours": SimpleLazyObject(lambda: ModerationSettings.load().moderator_hours())
    }
