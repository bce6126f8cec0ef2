"""Check-in figures for staff: aggregates over groups of at least 10 members, never people.

It reads members' check-ins and forums' posts and read state, so it lives above
both apps. What leaves this module is tables of labels and rounded numbers: no
names, no ids, and no group of fewer than SMALL_CELL members (figure.hidden). Each
figure is one `Figure`, drawn as a table (and a chart) on the page and written as-is
to CSV, so the two can't disagree.

Units: each member counts once. "Confidence" is the mean of the answers in one
check-in; "now" is a member's latest check-in in the period; "change" is latest
minus first, for members with two or more check-ins in the period. Only members
who are opted in today count: turning check-ins off takes a member out.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta
from statistics import fmean, median

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, ngettext

from checkins.models import CheckIn, CheckInAnswer, CheckInItem
from core.charts import bar_chart
from forums.models import Post, ReadState

from .figure import Figure, Row, hidden

BANDS = ((1, 2), (3, 4), (5, 6), (7, 8), (9, 10))
# How far a member's confidence must move to count as higher or lower.
STEP = 1.0

# The groups: each name is also its label, translated when a page or file is made.
ALL, POSTED, READ, NEITHER = (
    gettext_noop("All members who checked in"),
    gettext_noop("Posted or replied"),
    gettext_noop("Only read"),
    gettext_noop("Neither posted nor read new posts"),
)


def _now_columns(say: Callable[[str], str]) -> list[str]:
    band = say(gettext_noop("%(low)s–%(high)s (%% of members)"))
    return [
        say(gettext_noop("Members")),
        say(gettext_noop("Mean (1–10)")),
        say(gettext_noop("Median (1–10)")),
        *(band % {"low": lo, "high": hi} for lo, hi in BANDS),
    ]


def _change_columns(say: Callable[[str], str]) -> list[str]:
    return [
        say(gettext_noop("Members with 2+ check-ins")),
        say(gettext_noop("Mean change")),
        say(gettext_noop("Median change")),
        say(gettext_noop("Higher by 1+ (%% of members)")) % {},
        say(gettext_noop("Within 1 point (%% of members)")) % {},
        say(gettext_noop("Lower by 1+ (%% of members)")) % {},
    ]


# In English (the pages and files use the reader's language).
NOW_COLUMNS, CHANGE_COLUMNS = _now_columns(str), _change_columns(str)


# --- Reading the data ------------------------------------------------------------


def _checkins_by_member(since) -> dict[int, list[dict[int | None, int]]]:
    """{member: [{item id: score} per check-in, oldest first]}: one query.

    Member ids stay inside this module; they only group answers.
    """
    answers = (
        CheckInAnswer.objects.filter(
            checkin__created_at__gte=since, checkin__member__checkin_opt_in__isnull=False
        )
        .order_by("checkin__created_at", "checkin_id")
        .values_list("checkin__member_id", "checkin_id", "item_id", "score")
    )
    members: dict[int, dict[int, dict[int | None, int]]] = defaultdict(dict)
    for member, checkin, item, score in answers:
        members[member].setdefault(checkin, {})[item] = score
    return {member: list(checkins.values()) for member, checkins in members.items()}


def _participation(since) -> dict[str, set[int]]:
    """Members who checked in, split by what they did in the forums in the period.

    Posted: wrote any post (a thread or a reply). Read: has read, in some thread,
    up to a post published in the period — Boomity keeps how far each member has
    read each thread, not when, and reading a post can only happen after it was
    published. Two queries.
    """
    checked_in = CheckIn.objects.filter(
        created_at__gte=since, member__checkin_opt_in__isnull=False
    ).values("member_id")
    posted = set(
        Post.objects.filter(created_at__gte=since, author_id__in=checked_in)
        .values_list("author_id", flat=True)
        .distinct()
    )
    read = set(
        ReadState.objects.filter(
            member_id__in=checked_in,
            thread__posts__created_at__gte=since,
            thread__posts__number__lte=F("number"),
        )
        .values_list("member_id", flat=True)
        .distinct()
    )
    return {POSTED: posted, READ: read - posted}


# --- Arithmetic -------------------------------------------------------------------


def _average(checkin: dict[int | None, int]) -> float:
    return fmean(checkin.values())


def _number(value: float) -> str:
    return f"{value:.1f}"


def _signed(value: float) -> str:
    value = round(value, 1) + 0.0  # no "-0.0"
    return f"{value:+.1f}" if value else "0.0"


def _share(count: int, total: int) -> str:
    return f"{round(100 * count / total)}%"


def _band(value: float) -> int:
    whole = math.floor(value + 0.5)  # half up: 6.5 is in 7–8
    return next(i for i, (lo, hi) in enumerate(BANDS) if lo <= whole <= hi)


def _now_cells(values: list[float]) -> list[str]:
    bands = [0] * len(BANDS)
    for value in values:
        bands[_band(value)] += 1
    return [
        str(len(values)),
        _number(fmean(values)),
        _number(median(values)),
        *(_share(count, len(values)) for count in bands),
    ]


def _change_cells(changes: list[float]) -> list[str]:
    up = sum(1 for c in changes if c >= STEP)
    down = sum(1 for c in changes if c <= -STEP)
    n = len(changes)
    return [
        str(n),
        _signed(fmean(changes)),
        _signed(median(changes)),
        _share(up, n),
        _share(n - up - down, n),
        _share(down, n),
    ]


def _rows(groups: dict[str, list[float]], cells, *, split: bool) -> list[Row]:
    """One row per group; `split`: the groups after the first add up to the first."""
    sizes = {label: len(values) for label, values in groups.items()}
    if split:
        first, *parts = sizes
        hide = hidden({first: sizes[first]}) | hidden(
            {label: sizes[label] for label in parts}, parts_of_a_total=True
        )
    else:
        hide = hidden(sizes)
    return [
        Row(label, None if label in hide else cells(values)) for label, values in groups.items()
    ]


def _mean_or_none(row: Row) -> float | None:
    mean = None if row.values is None else row.values[1]
    return None if mean is None else float(mean)


# --- The figures ------------------------------------------------------------------


def _by_participation(members: dict, split: dict[str, set[int]], value) -> dict[str, list]:
    """{group label: [value per member]} for all members and each participation group;
    `value(check-ins)` is a member's number, or None to leave them out."""
    groups: dict[str, list[float]] = {ALL: [], POSTED: [], READ: [], NEITHER: []}
    for member, checkins in members.items():
        number = value(checkins)
        if number is None:
            continue
        groups[ALL].append(number)
        group = next((g for g in (POSTED, READ) if member in split[g]), NEITHER)
        groups[group].append(number)
    return groups


def _latest(checkins) -> float:
    return _average(checkins[-1])


def _change(checkins) -> float | None:
    return _average(checkins[-1]) - _average(checkins[0]) if len(checkins) > 1 else None


def _item_values(members: dict, item_id: int) -> tuple[list[float], list[float]]:
    """(latest score, change) per member who answered this question in the period."""
    now, changes = [], []
    for checkins in members.values():
        scores = [c[item_id] for c in checkins if item_id in c]
        if scores:
            now.append(scores[-1])
        if len(scores) > 1:
            changes.append(scores[-1] - scores[0])
    return now, changes


def _items(members: dict) -> list[CheckInItem]:
    answered = {item for checkins in members.values() for c in checkins for item in c}
    return [
        item
        for item in CheckInItem.objects.order_by("position", "pk")
        if item.pk in answered or item.is_active
    ]


def _item_label(n: int, item: CheckInItem) -> str:
    if item.is_active:
        return gettext("Question %(number)s: %(question)s") % {
            "number": n,
            "question": item.local_text,
        }
    return gettext("Question %(number)s: %(question)s (no longer asked)") % {
        "number": n,
        "question": item.local_text,
    }


def _translated_groups(groups: dict[str, list[float]]) -> dict[str, list[float]]:
    return {gettext(group): values for group, values in groups.items()}


def figures(days: int) -> list[Figure]:
    since = timezone.now() - timedelta(days=days)
    members = _checkins_by_member(since)
    split = _participation(since)
    now = _rows(
        _translated_groups(_by_participation(members, split, _latest)), _now_cells, split=True
    )
    change = _rows(
        _translated_groups(_by_participation(members, split, _change)), _change_cells, split=True
    )
    now_columns, change_columns = _now_columns(gettext), _change_columns(gettext)

    items = _items(members)
    per_item = {
        _item_label(n, item): _item_values(members, item.pk)
        for n, item in enumerate(items, start=1)
    }
    item_now = _rows({label: v[0] for label, v in per_item.items()}, _now_cells, split=False)
    item_change = _rows({label: v[1] for label, v in per_item.items()}, _change_cells, split=False)
    short = [gettext("Question %(number)s") % {"number": n} for n in range(1, len(items) + 1)]
    period = ngettext("the last %(days)s day", "the last %(days)s days", days) % {"days": days}
    mean_change = gettext("Mean change (points on the 1 to 10 scale)")

    all_row = now[0]
    distribution = (
        []
        if all_row.values is None
        else [
            (f"{lo}–{hi}", float(str(share).rstrip("%")))
            for (lo, hi), share in zip(BANDS, all_row.values[3:], strict=True)
        ]
    )
    return [
        Figure(
            "confidence",
            gettext("Confidence now, by participation"),
            gettext(
                "Each member's latest check-in in %(period)s: the mean of its answers. The "
                "bands round that mean to the nearest whole number."
            )
            % {"period": period},
            gettext("Group"),
            now_columns,
            now,
            [
                bar_chart(
                    [(r.label, _mean_or_none(r)) for r in now],
                    title=gettext("Mean confidence by participation, %(period)s")
                    % {"period": period},
                    y_label=gettext("Mean confidence (1 to 10)"),
                ),
                bar_chart(
                    distribution or [(f"{lo}–{hi}", None) for lo, hi in BANDS],
                    title=gettext("How confident members feel now, %(period)s")
                    % {"period": period},
                    y_label=gettext("%% of members who checked in") % {},
                ),
            ],
        ),
        Figure(
            "change",
            gettext("Change, by participation"),
            gettext(
                "For members with two or more check-ins in %(period)s: their latest "
                "check-in's mean minus their first one's. Positive numbers mean more confident."
            )
            % {"period": period},
            gettext("Group"),
            change_columns,
            change,
            [
                bar_chart(
                    [(r.label, _mean_or_none(r)) for r in change],
                    title=gettext("Mean change in confidence by participation, %(period)s")
                    % {"period": period},
                    y_label=mean_change,
                )
            ],
        ),
        Figure(
            "questions",
            gettext("Confidence now, per question"),
            gettext("Each member's latest answer to each question in %(period)s.")
            % {"period": period},
            gettext("Question"),
            now_columns,
            item_now,
            [
                bar_chart(
                    [(s, _mean_or_none(r)) for s, r in zip(short, item_now, strict=True)],
                    title=gettext("Mean confidence per question, %(period)s") % {"period": period},
                    y_label=gettext("Mean answer (1 to 10)"),
                )
            ],
        ),
        Figure(
            "question-change",
            gettext("Change, per question"),
            gettext(
                "For members who answered a question two or more times in %(period)s: their "
                "latest answer minus their first."
            )
            % {"period": period},
            gettext("Question"),
            change_columns,
            item_change,
            [
                bar_chart(
                    [(s, _mean_or_none(r)) for s, r in zip(short, item_change, strict=True)],
                    title=gettext("Mean change per question, %(period)s") % {"period": period},
                    y_label=mean_change,
                )
            ],
        ),
    ]


def figure(slug: str, days: int) -> Figure | None:
    return next((f for f in figures(days) if f.slug == slug), None)
