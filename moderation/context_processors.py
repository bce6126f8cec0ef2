from django.urls import reverse_lazy
from django.utils.functional import SimpleLazyObject

from .models import ModerationSettings


def links(request):
    """The moderation pages that the templates of the apps below link to: they may not
    name them (tests/boomity/test_layers.py), so moderation hands them over
    (boomity/settings.py). A post's flag page needs the post, so forums gets its URL's
    name for `{% url flag_post_url_name post.pk %}`."""
    return {
        "help_url": reverse_lazy("moderation:help"),
        "flag_post_url_name": "moderation:flag-post",
    }


def moderation_hours(request):
    """`moderation_hours`: when moderators are usually around, as staff set it
    (moderation.hours.ModeratorHours: is_set, around_now, next_around, described,
    sentence), for any template — forums' post forms too, which can't import
    moderation. Read from the database only by a template that uses it."""
    return {
        "moderation_hours": SimpleLazyObject(lambda: ModerationSettings.load().moderator_hours())
    }
