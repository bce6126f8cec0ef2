from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext

register = template.Library()


@register.filter
def ago(moment: datetime | None) -> str:
    """ "just now" for the last minute (not "0 minutes ago"), else "3 hours ago"."""
    if moment is None:
        return ""
    if (timezone.now() - moment).total_seconds() < 60:
        return gettext("just now")
    # Translators: how long ago something happened, e.g. "3 hours ago".
    return gettext("%(time)s ago") % {"time": timesince(moment)}
