from datetime import datetime
from functools import lru_cache
from typing import cast

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import get_language, gettext, gettext_noop, ngettext

register = template.Library()

JUST_NOW = gettext_noop("just now")
# Translators: how long ago something happened, e.g. "3 hours ago".
AGO = gettext_noop("%(time)s ago")


@register.filter
def ago(moment: datetime | None) -> str:
    """ "just now" for the last minute (not "0 minutes ago"), else "3 hours ago"."""
    if moment is None:
        return ""
    language = get_language()
    if (timezone.now() - moment).total_seconds() < 60:
        return _words(language, JUST_NOW)
    units = cast(dict[str, str], _UNITS)  # strings, once `%` has filled them in
    return _words(language, AGO) % {"time": timesince(moment, time_strings=units)}


# Django's timesince() in Django's own words, each looked up in the catalogues once for
# a language and number rather than every time: a list of 25 threads' times spent half
# its cost finding "2 years" and "1 month" again. The words never change while a
# process runs, and they are the same for every reader of a language.
@lru_cache(maxsize=64)
def _words(language: str | None, words: str) -> str:
    return gettext(words)


@lru_cache(maxsize=4096)
def _counted(language: str | None, one: str, many: str, number: int) -> str:
    return ngettext(one, many, number) % {"num": number}


class _Unit:
    __slots__ = ("one", "many")

    def __init__(self, one: str, many: str) -> None:
        self.one, self.many = one, many

    def __mod__(self, values: dict[str, int]) -> str:
        return _counted(get_language(), self.one, self.many, values["num"])


_UNITS = {
    "year": _Unit("%(num)d year", "%(num)d years"),
    "month": _Unit("%(num)d month", "%(num)d months"),
    "week": _Unit("%(num)d week", "%(num)d weeks"),
    "day": _Unit("%(num)d day", "%(num)d days"),
    "hour": _Unit("%(num)d hour", "%(num)d hours"),
    "minute": _Unit("%(num)d minute", "%(num)d minutes"),
}
