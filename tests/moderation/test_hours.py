"""Weekly hours as staff write them (moderation/hours.py): read, tidied, described, and
asked "around now?" and "when next?" in the community's time zone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from moderation import hours

# --- Reading what staff write ------------------------------------------------------------


@pytest.mark.parametrize(
    "written,tidy,described",
    [
        ("Mon-Fri 09:00-17:00", "Mon-Fri 09:00-17:00", "Monday to Friday from 09:00 to 17:00"),
        ("mon to fri 9 to 17", "Mon-Fri 09:00-17:00", "Monday to Friday from 09:00 to 17:00"),
        ("every day 8-22", "Mon-Sun 08:00-22:00", "every day from 08:00 to 22:00"),
        (
            "Mon, Wed and Fri 18:00–20:00\nSat, Sun 10.30-13",
            "Mon, Wed, Fri 18:00-20:00\nSat-Sun 10:30-13:00",
            "Monday, Wednesday and Friday from 18:00 to 20:00, "
            "and Saturday and Sunday from 10:30 to 13:00",
        ),
        ("Fri-Mon 20:00-24:00", "Mon, Fri-Sun 20:00-24:00", "Monday and Friday to Sunday"),
        ("", "", ""),
    ],
)
def test_hours_are_read_as_people_write_them(written, tidy, described):
    stretches = hours.parse(written)
    assert hours.as_text(stretches) == tidy
    assert hours.describe(stretches).startswith(described)


@pytest.mark.parametrize(
    "written,says",
    [
        ("most days", "We couldn't read “most days”"),
        ("Mon 17:00-09:00", "ends before it starts"),
        ("Moonday 9-17", "We couldn't tell which day “moonday” is"),
        ("Mon 25:00-26:00", "a time that doesn't exist"),
        ("T 9-10", "which day “t” is"),
    ],
)
def test_hours_that_cant_be_read_say_why_with_an_example(written, says):
    with pytest.raises(hours.HoursError) as err:
        hours.parse(written)
    assert says in str(err.value)


def test_around_now_and_when_next_in_the_communitys_time_zone(settings):
    settings.TIME_ZONE = "Europe/London"
    weekdays = tuple(hours.parse("Mon-Fri 09:00-17:00"))
    monday_0930_bst = datetime(2026, 7, 6, 8, 30, tzinfo=UTC)
    assert hours.ModeratorHours(weekdays, monday_0930_bst).around_now
    saturday = datetime(2026, 7, 4, 12, 0, tzinfo=UTC)
    away = hours.ModeratorHours(weekdays, saturday)
    assert not away.around_now
    assert away.next_around == "on Monday at 09:00"
    assert away.sentence == (
        "Moderators are usually around Monday to Friday from 09:00 to 17:00 "
        "(Europe/London time); next on Monday at 09:00."
    )
    early = hours.ModeratorHours(weekdays, datetime(2026, 7, 6, 6, 0, tzinfo=UTC))
    assert early.next_around == "today at 09:00"
    late = hours.ModeratorHours(weekdays, datetime(2026, 7, 6, 18, 0, tzinfo=UTC))
    assert late.next_around == "tomorrow at 09:00"
    nothing = hours.ModeratorHours((), saturday)
    assert (nothing.is_set, nothing.around_now, nothing.sentence) == (False, False, "")
