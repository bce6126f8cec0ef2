"""Weekly hours as staff write them: when moderators are usually around, and when an
escalation contact can be reached.

One stretch a line, days then times, in the community's time zone (TIME_ZONE):

    Mon-Fri 09:00-17:00
    Sat, Sun 10:00-13:00

Pages say only what staff wrote: with no hours set, nothing promises a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The days as staff write them (in English: the lines are read back by `parse`); pages
# name them in the reader's language (WEEKDAYS).
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EVERY_DAY = tuple(range(7))
_DAY_WORDS = {"every day": EVERY_DAY, "daily": EVERY_DAY, "weekdays": (0, 1, 2, 3, 4)}
_DAY_WORDS["weekends"] = _DAY_WORDS["weekend"] = (5, 6)
_DASH = r"\s*(?:-|–|—|\bto\b)\s*"
_TIME = r"(\d{1,2})(?:[:.](\d{2}))?"
_LINE = re.compile(rf"^(?P<days>.*?)\s*,?\s+{_TIME}{_DASH}{_TIME}$", re.IGNORECASE)
# Translators: what staff type, with English day names: keep the days and times as they are.
EXAMPLE = gettext_lazy("For example: “Mon-Fri 09:00-17:00” or “Sat, Sun 10:00-13:00”.")


class HoursError(ValueError):
    """Said to staff, so written for them: what is wrong, and an example."""


@dataclass(frozen=True)
class Stretch:
    days: tuple[int, ...]  # 0 is Monday
    start: int  # minutes after midnight
    end: int  # minutes after midnight, up to 24:00

    def covers(self, local: datetime) -> bool:
        minute = local.hour * 60 + local.minute
        return local.weekday() in self.days and self.start <= minute < self.end

    def as_line(self) -> str:
        return f"{_days_short(self.days)} {_clock(self.start)}-{_clock(self.end)}"

    def describe(self) -> str:
        # Translators: e.g. "Monday to Friday from 09:00 to 17:00".
        return _("%(days)s from %(start)s to %(end)s") % {
            "days": _days_long(self.days),
            "start": _clock(self.start),
            "end": _clock(self.end),
        }


def parse(text: str) -> list[Stretch]:
    """Staff's lines → stretches. Raises HoursError, with the line at fault."""
    stretches = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        match = _LINE.match(line)
        if not match:
            raise HoursError(
                _(
                    "We couldn't read “%(line)s”. Please write the days, then the times from "
                    "and to, in 24-hour time. %(example)s"
                )
                % {"line": line, "example": EXAMPLE}
            )
        days = _parse_days(match.group("days"), line)
        start = _minutes(match.group(2), match.group(3), line)
        end = _minutes(match.group(4), match.group(5), line)
        if end <= start:
            raise HoursError(
                _(
                    "In “%(line)s” the time ends before it starts. For hours past midnight, "
                    "write two lines, for example “Fri 22:00-24:00” and “Sat 00:00-02:00”."
                )
                % {"line": line}
            )
        stretches.append(Stretch(days, start, end))
    return stretches


def as_text(stretches: list[Stretch]) -> str:
    """The tidy form staff see again after saving: one stretch a line."""
    return "\n".join(stretch.as_line() for stretch in stretches)


def describe(stretches: list[Stretch]) -> str:
    """ "Monday to Friday from 09:00 to 17:00, and Saturday from 10:00 to 13:00"."""
    parts = [stretch.describe() for stretch in stretches]
    if len(parts) < 2:
        return "".join(parts)
    # Translators: the last of several stretches of hours: "A, B, and C".
    return _("%(first)s, and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def zone_label() -> str:
    name = settings.TIME_ZONE
    # Translators: a time zone's name, e.g. "Europe/London time".
    return name if name == "UTC" else _("%(zone)s time") % {"zone": name.replace("_", " ")}


def is_open(stretches: list[Stretch], at: datetime | None = None) -> bool:
    local = timezone.localtime(at or timezone.now(), zone())
    return any(stretch.covers(local) for stretch in stretches)


def next_start(stretches: list[Stretch], at: datetime | None = None) -> datetime | None:
    """When the next stretch begins after `at`, in the community's time zone."""
    local = timezone.localtime(at or timezone.now(), zone())
    starts = []
    for offset in range(8):
        day = local.date() + timedelta(days=offset)
        for stretch in stretches:
            if day.weekday() in stretch.days and stretch.start < 24 * 60:
                hour, minute = divmod(stretch.start, 60)
                begins = datetime.combine(day, time(hour, minute), tzinfo=local.tzinfo)
                if begins > local:
                    starts.append(begins)
    return min(starts, default=None)


def when(moment: datetime, at: datetime | None = None) -> str:
    """ "today at 17:00", "tomorrow at 09:00", "on Monday at 09:00"."""
    local_now = timezone.localtime(at or timezone.now(), zone())
    local = timezone.localtime(moment, zone())
    days = (local.date() - local_now.date()).days
    clock = _clock(local.hour * 60 + local.minute)
    if days == 0:
        return _("today at %(time)s") % {"time": clock}
    if days == 1:
        return _("tomorrow at %(time)s") % {"time": clock}
    return _("on %(day)s at %(time)s") % {"day": WEEKDAYS[local.weekday()], "time": clock}


@dataclass(frozen=True)
class ModeratorHours:
    """When moderators are usually around, as staff set it, for pages and forms."""

    stretches: tuple[Stretch, ...]
    at: datetime

    @property
    def is_set(self) -> bool:
        return bool(self.stretches)

    @property
    def around_now(self) -> bool:
        """Usually around at this moment. False when staff set no hours: nobody promised."""
        return is_open(list(self.stretches), self.at)

    @property
    def next_around(self) -> str:
        """ "on Monday at 09:00" — empty if no hours are set or they're around now."""
        if not self.is_set or self.around_now:
            return ""
        begins = next_start(list(self.stretches), self.at)
        return when(begins, self.at) if begins else ""

    @property
    def described(self) -> str:
        """ "Monday to Friday from 09:00 to 17:00 (Europe/London time)", or empty."""
        if not self.is_set:
            return ""
        return _("%(hours)s (%(zone)s)") % {
            "hours": describe(list(self.stretches)),
            "zone": zone_label(),
        }

    @property
    def sentence(self) -> str:
        """One sentence for a page or a form, true to what staff set (empty if nothing)."""
        if not self.is_set:
            return ""
        if self.around_now:
            return _("Moderators are usually around at this time: %(hours)s.") % {
                "hours": self.described
            }
        return _("Moderators are usually around %(hours)s; next %(when)s.") % {
            "hours": self.described,
            "when": self.next_around,
        }


def _parse_days(text: str, line: str) -> tuple[int, ...]:
    text = re.sub(r"\s+", " ", text.strip().lower().rstrip(","))
    if text in _DAY_WORDS:
        return _DAY_WORDS[text]
    days: list[int] = []
    for part in re.split(r"\s*(?:,|\band\b|&)\s*", text):
        ends = re.split(_DASH, part)
        if len(ends) == 2:
            first, last = _day(ends[0], line), _day(ends[1], line)
            span = (last - first) % 7
            days += [(first + i) % 7 for i in range(span + 1)]
        elif len(ends) == 1 and part:
            days.append(_day(part, line))
        else:
            raise HoursError(
                _("We couldn't read the days in “%(line)s”. %(example)s")
                % {"line": line, "example": EXAMPLE}
            )
    return tuple(sorted(set(days)))


def _day(word: str, line: str) -> int:
    word = word.strip().lower().rstrip(".")
    matches = [n for n, name in enumerate(DAY_NAMES) if name.lower().startswith(word)]
    if len(word) >= 2 and len(matches) == 1:
        return matches[0]
    raise HoursError(
        _("We couldn't tell which day “%(word)s” is, in “%(line)s”. %(example)s")
        % {"word": word, "line": line, "example": EXAMPLE}
    )


def _minutes(hours: str, minutes: str | None, line: str) -> int:
    h, m = int(hours), int(minutes or 0)
    if h > 24 or m > 59 or (h == 24 and m):
        raise HoursError(
            _("“%(line)s” has a time that doesn't exist. Please use 00:00 to 24:00.")
            % {"line": line}
        )
    return h * 60 + m


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _days_short(days: tuple[int, ...]) -> str:
    return ", ".join(
        DAY_NAMES[run[0]][:3]
        if len(run) == 1
        else f"{DAY_NAMES[run[0]][:3]}-{DAY_NAMES[run[-1]][:3]}"
        for run in _runs(days)
    )


def _days_long(days: tuple[int, ...]) -> str:
    if days == EVERY_DAY:
        return _("every day")
    names = []
    for run in _runs(days):
        if len(run) > 2:
            # Translators: a run of days, e.g. "Monday to Friday".
            names.append(
                _("%(first)s to %(last)s") % {"first": WEEKDAYS[run[0]], "last": WEEKDAYS[run[-1]]}
            )
        else:
            names += [str(WEEKDAYS[day]) for day in run]
    if len(names) == 1:
        return names[0]
    # Translators: the last of several days: "Monday, Wednesday and Friday".
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _runs(days: tuple[int, ...]) -> list[list[int]]:
    """Consecutive days together: (0, 1, 2, 4) → [[0, 1, 2], [4]]."""
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs
