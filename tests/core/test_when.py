"""The |ago filter: Django's timesince() in its own words, in the reader's language."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.timesince import timesince

from core.templatetags.when import ago

SPANS = [
    timedelta(seconds=5),
    timedelta(seconds=59),
    timedelta(minutes=1, seconds=1),
    timedelta(minutes=2),
    timedelta(hours=1),
    timedelta(hours=3, minutes=5),
    timedelta(days=1, hours=1),
    timedelta(days=9),
    timedelta(days=40),
    timedelta(days=400),
    timedelta(days=800, hours=3),
]


@pytest.mark.parametrize("language", ["en", "es"])
def test_ago_says_what_timesince_says(language):
    now = timezone.now()
    with translation.override(language):
        for span in SPANS:
            moment = now - span
            said = ago(moment)
            if span < timedelta(minutes=1):
                assert said == translation.gettext("just now")
            else:
                expected = translation.gettext("%(time)s ago") % {"time": timesince(moment)}
                assert said == expected, span


def test_ago_follows_the_language_from_one_call_to_the_next():
    moment = timezone.now() - timedelta(days=2, hours=1)
    with translation.override("es"):
        spanish = ago(moment)
    with translation.override("en"):
        english = ago(moment)
    assert spanish.startswith("hace 2") and "días" in spanish
    assert english == "2\xa0days, 1\xa0hour ago"
    assert ago(None) == ""
