"""The languages a community offers (BOOMITY_LANGUAGES), and one style of dates and
times per language, the same in pages and the admin."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import formats, timezone, translation

from core.dates import moment_label
from tests.boomity.test_settings import run

SHOW_LANGUAGES = (
    "import django; django.setup()\nfrom django.conf import settings\nprint(settings.LANGUAGES)\n"
)


def languages(value: str | None):
    env = {"BOOMITY_LANGUAGES": value} if value is not None else {}
    return run("-c", SHOW_LANGUAGES, DJANGO_SETTINGS_MODULE="boomity.settings", **env)


def test_english_and_spanish_by_default():
    result = languages(None)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[('en', 'English'), ('es', 'español')]"


def test_staff_choose_the_languages_each_named_in_itself():
    result = languages(" en , PT_br,ar,en ")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "[('en', 'English'), ('pt-br', 'Português Brasileiro'), ('ar', 'العربيّة')]"
    )


@pytest.mark.parametrize("value", ["en,klingon", "en,spanish", "en,zh-cn"])
def test_an_unknown_language_stops_start_up_and_says_why(value):
    result = languages(value)
    assert result.returncode != 0
    assert "BOOMITY_LANGUAGES lists" in result.stderr
    assert "not a language code Django knows" in result.stderr


def test_the_communitys_own_language_must_be_offered():
    result = languages("es,fr")
    assert result.returncode != 0
    assert "BOOMITY_LANGUAGES must include en" in result.stderr


# --- Dates and times ----------------------------------------------------------------------

MOMENT = datetime(2026, 12, 7, 3, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "7 Dec 2026, 03:09"), ("es", "7 dic 2026, 03:09")],
)
def test_pages_and_the_admin_write_a_moment_the_same_way(language, expected, settings):
    settings.TIME_ZONE = "UTC"
    with translation.override(language), timezone.override("UTC"):
        assert moment_label(MOMENT) == expected  # a post's time on a thread page
        assert formats.localize(MOMENT) == expected  # the admin's lists (and |date)
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "7 December 2026"), ("es", "7 de diciembre de 2026")],
)
def test_a_date_alone_in_each_language(language, expected):
    with translation.override(language):
        assert formats.localize(MOMENT.date()) == expected


def test_a_moment_is_in_the_communitys_time_zone():
    with translation.override("en"), timezone.override("America/New_York"):
        assert moment_label(MOMENT) == "6 Dec 2026, 22:09"


MOMENTS = [
    datetime(year, month, day, hour, minute, tzinfo=UTC)
    for year, day, hour, minute in [(5, 1, 0, 0), (999, 9, 9, 5), (2026, 28, 23, 59)]
    for month in range(1, 13)
]


@pytest.mark.parametrize("language", ["en", "es", "de", "ar"])
@pytest.mark.parametrize(
    "format_name", ["DATETIME_FORMAT", "DATE_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT"]
)
def test_the_fast_label_says_exactly_what_djangos_formatter_says(language, format_name):
    """core.dates reads each format once: whatever the language and its format (Django's
    own for German and Arabic, letters it handles or not), the words are Django's."""
    with translation.override(language), timezone.override("Europe/Madrid"):
        for moment in MOMENTS:
            expected = formats.date_format(timezone.localtime(moment), format_name)
            assert moment_label(moment, format_name) == expected, moment
