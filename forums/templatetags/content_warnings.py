from django import template

from ..models import warning_words as _warning_words

register = template.Library()


@register.filter
def warning_words(label: str) -> str:
    """A content warning as posts keep it, in the reader's language (no query per post)."""
    return _warning_words(label or "")
