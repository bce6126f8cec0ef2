from django import template

from moderation.help import resources_for
from moderation.models import ModerationSettings

register = template.Library()


@register.inclusion_tag("moderation/_crisis_resources.html", takes_context=True)
def crisis_resources(context, limit: int = 3):
    """The two or three resources that fit this person best, never a wall of numbers,
    and what the moderators can and can't do at this hour."""
    return {
        "resources": resources_for(context.get("request"), limit),
        "compact": True,
        "hours": ModerationSettings.load().moderator_hours(),
    }
