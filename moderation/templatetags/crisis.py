from django import template

from moderation.help import resources_for, shown_words
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


@register.filter
def in_reader_language(text: str) -> str:
    return shown_words(text)


@register.filter
def crisis_message(messages):
    """The kind words shown after a post with crisis language (the message tagged
    "crisis"), or None. base.html puts them first, apart from the other messages."""
    return next((m for m in messages if _is_crisis(m)), None)


@register.filter
def without_crisis(messages) -> list:
    """Every other message, for the ordinary status area."""
    return [m for m in messages if not _is_crisis(m)]


def _is_crisis(message) -> bool:
    return "crisis" in (message.extra_tags or "").split()
