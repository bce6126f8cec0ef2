"""Community-health figures: counts and medians over the whole community, by week.

Never lists of people. Weeks are ISO weeks (Monday to Sunday) in the site's time
zone. Each figure is one small function of a `Period` that runs a fixed number of
aggregate queries, whatever the size of the community. Medians are taken in
Python over the durations of the period (bounded by it), so SQLite and PostgreSQL
give the same answer.

Breakdowns (per board, and any other grouping) hide every cell about fewer than
`SMALL_CELL` members. A new grouping is one small function returning a `Grouping`.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from django.db.models import CharField, Count, OuterRef, Q, Subquery
from django.db.models.functions import Cast, TruncWeek
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop, pgettext

from core.charts import Series, bar_chart, line_chart
from core.vocabulary import reads_main_language
from forums.models import Post, Reaction, Thread
from members.models import Experience, User, shows_experiences
from moderation.models import AuditEntry, Priority, ReviewItem

from .figure import DEFAULT_DAYS, SMALL_CELL, Figure, Row, hidden

DAY = timedelta(hours=24)


# --- Weeks and the period ----------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    start: date  # a Monday
    partial: bool = False  # the current week, still going

    @property
    def iso(self) -> str:
        year, week, _ = self.start.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def label(self) -> str:
        """Short, for a chart's axis."""
        # Translators: a day and month on a chart's axis (Django's date format letters).
        text = date_format(self.start, pgettext("chart date", "j M"))
        return self._so_far(text) if self.partial else text

    @property
    def long_label(self) -> str:
        day = date_format(self.start, pgettext("chart date", "j M Y"))
        text = gettext("Week of %(day)s") % {"day": day}
        return self._so_far(text) if self.partial else text

    @staticmethod
    def _so_far(text: str) -> str:
        # Translators: the current week, still going: "23 Nov (so far)".
        return gettext("%(week)s (so far)") % {"week": text}


def monday_of(moment: datetime, tz: ZoneInfo) -> date:
    day = timezone.localtime(moment, tz).date()
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Period:
    """The whole ISO weeks that cover the last `days` days, up to `now`."""

    days: int
    now: datetime
    tz: ZoneInfo
    weeks: tuple[Week, ...]

    @classmethod
    def ending(cls, now: datetime | None = None, days: int = DEFAULT_DAYS) -> Period:
        now = now or timezone.now()
        tz = timezone.get_default_timezone()  # the site's, whoever is looking
        first = monday_of(now - timedelta(days=days - 1), tz)
        last = monday_of(now, tz)
        count = (last - first).days // 7 + 1
        weeks = tuple(
            Week(first + timedelta(weeks=i), partial=(i == count - 1)) for i in range(count)
        )
        return cls(days=days, now=now, tz=tz, weeks=weeks)

    def start_of(self, day: date) -> datetime:
        return datetime(day.year, day.month, day.day, tzinfo=self.tz)

    def once(self, key: str, compute: Callable[[], Any]) -> Any:
        """`compute()` the first time `key` is asked for over this period, then kept:
        figures that share a reading of the database don't read it twice."""
        memo = self.__dict__.setdefault("_memo", {})  # frozen: set beside the fields
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    @property
    def start(self) -> datetime:
        return self.start_of(self.weeks[0].start)

    def end_of(self, week: Week) -> datetime:
        """The week's last moment that has happened: Sunday midnight, or now."""
        return min(self.start_of(week.start + timedelta(weeks=1)), self.now)

    def week_of(self, moment: datetime) -> date:
        return monday_of(moment, self.tz)

    def during(self, field_name: str) -> Q:
        return Q(**{f"{field_name}__gte": self.start, f"{field_name}__lte": self.now})


# --- A figure by week, drawn as lines -------------------------------------------------------

WEEK_COLUMNS = (
    gettext_noop("Week starting (Monday)"),
    gettext_noop("ISO week"),
    gettext_noop("Partial week"),
)


def weekly_figure(
    slug: str,
    title: str,
    about: str,
    y_label: str,
    columns: list[str],
    weeks: tuple[Week, ...],
    values: Sequence[Sequence[float | None]],  # one row per week, one value per column
    charted: tuple[int, ...] = (0,),  # the columns drawn as lines
    y_max: float | None = None,
) -> Figure:
    by_week = list(zip(weeks, values, strict=True))
    series = [Series(columns[c], [(w.label, row[c]) for w, row in by_week]) for c in charted]
    return Figure(
        slug,
        title,
        about,
        gettext("Week"),
        columns,
        [
            Row(
                w.long_label,
                row,
                when=w.start,
                label_cells=(
                    w.start.isoformat(),
                    w.iso,
                    gettext("yes") if w.partial else gettext("no"),
                ),
            )
            for w, row in by_week
        ],
        [line_chart(series, title=title, y_label=y_label, y_min=0, y_max=y_max)],
        csv_label_columns=tuple(gettext(column) for column in WEEK_COLUMNS),
    )


def _weekly(period: Period, counts: Mapping[date, int], default: int = 0) -> list[int]:
    return [counts.get(w.start, default) for w in period.weeks]


def _count_by_week(period: Period, queryset, field_name: str) -> Counter:
    rows = (
        queryset.filter(period.during(field_name))
        .annotate(week=TruncWeek(field_name, tzinfo=period.tz))
        .values("week")
        .annotate(n=Count("pk"))
        .values_list("week", "n")
    )
    return Counter({period.week_of(week): n for week, n in rows})


def _group_by_week(period: Period, moments: Iterable[tuple[datetime, object]]) -> dict:
    groups: dict[date, list] = defaultdict(list)
    for moment, item in moments:
        groups[period.week_of(moment)].append(item)
    return groups


def median_hours(seconds: list[float]) -> float | None:
    return round(statistics.median(seconds) / 3600, 1) if seconds else None


def median_minutes(seconds: list[float]) -> float | None:
    return round(statistics.median(seconds) / 60, 1) if seconds else None


def share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


# --- Activity ------------------------------------------------------------------------------

# In English; translated where it is shown.
ACTIVE_DEFINITION = gettext_noop(
    "A member is active in a week if they started a thread, replied or reacted to a post "
    "that week. Reading alone is not counted: Boomity does not record when people read."
)


def active_members(period: Period) -> Figure:
    posting = (
        Post.objects.filter(period.during("created_at"), author__isnull=False)
        .annotate(week=TruncWeek("created_at", tzinfo=period.tz))
        .values_list("week", "author_id")
    )
    reacting = (
        Reaction.objects.filter(period.during("created_at"))
        .annotate(week=TruncWeek("created_at", tzinfo=period.tz))
        .values_list("week", "member_id")
    )
    # UNION removes duplicates: each (week, member) once, however busy they were.
    counts = Counter(period.week_of(week) for week, _ in posting.union(reacting))
    return weekly_figure(
        "active-members",
        gettext("Active members"),
        gettext(ACTIVE_DEFINITION),
        gettext("Members"),
        [gettext("Active members")],
        period.weeks,
        [[v] for v in _weekly(period, counts)],
    )


def new_members(period: Period) -> Figure:
    counts = _count_by_week(period, User.objects.all(), "date_joined")
    return weekly_figure(
        "new-members",
        gettext("New members"),
        gettext("Accounts created that week."),
        gettext("Members"),
        [gettext("New members")],
        period.weeks,
        [[v] for v in _weekly(period, counts)],
    )


def threads(period: Period) -> Figure:
    counts = _count_by_week(period, Thread.objects.listed(), "created_at")
    return weekly_figure(
        "threads",
        gettext("New threads"),
        gettext(
            "Threads started that week that the community can see now "
            "(not held, hidden or removed)."
        ),
        gettext("Threads"),
        [gettext("Threads")],
        period.weeks,
        [[v] for v in _weekly(period, counts)],
    )


def replies(period: Period) -> Figure:
    counts = _count_by_week(period, Post.objects.visible().filter(number__gt=1), "created_at")
    return weekly_figure(
        "replies",
        gettext("Replies"),
        gettext("Replies posted that week that the community can see now."),
        gettext("Replies"),
        [gettext("Replies")],
        period.weeks,
        [[v] for v in _weekly(period, counts)],
    )


# --- Answers -------------------------------------------------------------------------------


def _thread_times(period: Period) -> dict[date, list[tuple[datetime, datetime | None]]]:
    """(started, first answered) of the period's threads, by week: two figures use it,
    so it is read once per period."""
    return period.once(
        "thread_times",
        lambda: _group_by_week(
            period,
            (
                (c, (c, a))
                for c, a in Thread.objects.listed()
                .filter(period.during("created_at"))
                .values_list("created_at", "answered_at")
            ),
        ),
    )


def answer_stats(times: list[tuple[datetime, datetime | None]], now: datetime) -> tuple:
    """(threads a day old or more, answered within 24 hours, share %) for these threads."""
    settled = [(c, a) for c, a in times if c <= now - DAY]
    quick = sum(1 for c, a in settled if a is not None and a - c <= DAY)
    return len(settled), quick, share(quick, len(settled))


def first_reply_stats(times: list[tuple[datetime, datetime | None]]) -> tuple:
    """(threads answered, median hours from the opening post to the first answer)."""
    waits = [(a - c).total_seconds() for c, a in times if a is not None]
    return len(waits), median_hours(waits)


def answered_within_a_day(period: Period) -> Figure:
    by_week = _thread_times(period)
    values = [list(answer_stats(by_week.get(w.start, []), period.now)) for w in period.weeks]
    return weekly_figure(
        "answered-within-24h",
        gettext("Threads answered within 24 hours"),
        gettext(
            "Of the threads started that week, the share that someone other than their author "
            "answered within 24 hours (an anonymous reply counts whoever wrote it, as on Needs a "
            "reply). Threads less than a day old are not counted yet; a week "
            "without such threads has no share."
        ),
        gettext("%% of threads") % {},
        [
            gettext("Threads a day old or more"),
            gettext("Answered within 24 hours"),
            gettext("Share answered (%)"),
        ],
        period.weeks,
        values,
        charted=(2,),
        y_max=100,
    )


def time_to_first_reply(period: Period) -> Figure:
    by_week = _thread_times(period)
    values = [list(first_reply_stats(by_week.get(w.start, []))) for w in period.weeks]
    return weekly_figure(
        "time-to-first-reply",
        gettext("Median time to first reply"),
        gettext(
            "For the threads started that week that have an answer, the median time from the "
            "opening post to the first reply by someone else, in hours."
        ),
        gettext("Hours"),
        [gettext("Threads answered"), gettext("Median hours to first reply")],
        period.weeks,
        values,
        charted=(1,),
    )


# --- Moderation ----------------------------------------------------------------------------


def review_items(period: Period) -> Figure:
    opened = _count_by_week(period, ReviewItem.objects.all(), "created_at")
    resolved = _count_by_week(period, ReviewItem.objects.all(), "resolved_at")
    values = [[opened[w.start], resolved[w.start]] for w in period.weeks]
    return weekly_figure(
        "review-items",
        gettext("Review items opened and resolved"),
        gettext(
            "Posts that came to the review queue that week (flagged, held, or with crisis "
            "language), and items moderators resolved that week."
        ),
        gettext("Items"),
        [gettext("Opened"), gettext("Resolved")],
        period.weeks,
        values,
        charted=(0, 1),
    )


def time_to_resolve(period: Period) -> Figure:
    rows = ReviewItem.objects.filter(period.during("resolved_at")).values_list(
        "created_at", "resolved_at"
    )
    by_week = _group_by_week(
        period, ((r, (r - c).total_seconds()) for c, r in rows if r is not None)
    )
    values = [
        [len(by_week.get(w.start, [])), median_hours(by_week.get(w.start, []))]
        for w in period.weeks
    ]
    return weekly_figure(
        "time-to-resolve",
        gettext("Median time to resolve a review item"),
        gettext(
            "For the items resolved that week, the median time from entering the queue to a "
            "moderator's decision, in hours."
        ),
        gettext("Hours"),
        [gettext("Items resolved"), gettext("Median hours to resolve")],
        period.weeks,
        values,
        charted=(1,),
    )


def open_urgent_items(period: Period) -> Figure:
    rows = list(
        ReviewItem.objects.filter(priority=Priority.URGENT, created_at__lte=period.now)
        .filter(Q(resolved_at__isnull=True) | Q(resolved_at__gte=period.start))
        .values_list("created_at", "resolved_at")
    )

    def open_at(moment: datetime) -> int:
        return sum(1 for c, r in rows if c <= moment and (r is None or r > moment))

    values = [[open_at(period.end_of(w))] for w in period.weeks]
    return weekly_figure(
        "open-urgent-items",
        gettext("Open urgent items"),
        gettext(
            "Urgent review items (crisis language, or a member worried about someone's safety) "
            "still open at the end of the week, or now for the current week."
        ),
        gettext("Items"),
        [gettext("Open urgent items at the end of the week")],
        period.weeks,
        values,
    )


def _first_action() -> Subquery:
    """When a moderator first acted on the item's post (approve, hide, edit, escalate…)."""
    actions = (
        AuditEntry.objects.filter(
            actor__isnull=False,
            target_type__app_label="forums",
            target_type__model="post",
            target_id=Cast(OuterRef("post_id"), CharField()),
            created_at__gte=OuterRef("created_at"),
        )
        .order_by("created_at")
        .values("created_at")[:1]
    )
    return Subquery(actions)


def crisis_response(period: Period) -> Figure:
    rows = (
        ReviewItem.objects.filter(period.during("created_at"), crisis=True)
        .annotate(first_action=_first_action())
        .values_list("created_at", "first_action")
    )
    by_week = _group_by_week(period, ((c, (c, a)) for c, a in rows))
    values = []
    for w in period.weeks:
        items = by_week.get(w.start, [])
        waits = [(a - c).total_seconds() for c, a in items if a is not None]
        values.append([len(items), len(waits), median_minutes(waits)])
    return weekly_figure(
        "crisis-response",
        gettext("Median time from a crisis item to a moderator's action"),
        gettext(
            "For the posts with crisis language that came to the queue that week, the median time "
            "until a moderator first acted on them (any decision in the audit log), in minutes. "
            "Items nobody has acted on yet are counted in the table, not in the median."
        ),
        gettext("Minutes"),
        [
            gettext("Crisis items"),
            gettext("Acted on"),
            gettext("Median minutes to a moderator's action"),
        ],
        period.weeks,
        values,
        charted=(2,),
    )


WEEKLY: dict[str, Callable[[Period], Figure]] = {
    "active-members": active_members,
    "new-members": new_members,
    "threads": threads,
    "replies": replies,
    "answered-within-24h": answered_within_a_day,
    "time-to-first-reply": time_to_first_reply,
    "review-items": review_items,
    "time-to-resolve": time_to_resolve,
    "open-urgent-items": open_urgent_items,
    "crisis-response": crisis_response,
}


# --- Breakdowns ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Grouping:
    """How to put activity into groups: the path from a Post, and from a Reaction, to the
    group's row (a board, a tag…). A post may fall in several groups (a member's tags)."""

    slug: str  # the CSV is by-<slug>.csv
    name: str  # the column heading, e.g. "Board"
    post_path: str
    reaction_path: str
    label_field: str = "name"
    posts_counted: Q = field(default_factory=Q)  # which posts (and openings) may count
    reactions_counted: Q = field(default_factory=Q)
    # The figure's words, whole in each language ("By board", "Active members by board");
    # without them, made from `name` in English.
    title: str = ""
    about: str = ""
    chart_title: str = ""
    # {key: the group's name in the reader's language} for these keys, where the
    # group's name has translations (a lived experience's); else `label_field` as kept.
    local_labels: Callable[[set[Any]], dict[Any, str]] | None = None


def by_board() -> Grouping:
    return Grouping(
        "board",
        gettext("Board"),
        post_path="thread__board",
        reaction_path="post__thread__board",
        title=gettext("By board"),
        about=gettext(
            "Over the whole period. A board's active members are those who started a thread, "
            "replied or reacted there. Where fewer than %(count)s members were active, its "
            "figures are not shown, so nobody can be picked out."
        )
        % {"count": SMALL_CELL},
        chart_title=gettext("Active members by board"),
    )


def by_experience() -> Grouping:
    """By the lived experiences members chose to show other members, one by one. An
    experience kept to oneself is never counted (even beside one that is shown), and an
    anonymous post counts for no one."""
    return Grouping(
        "experience",
        gettext("Lived experience"),
        post_path="author__profile__experience_items__tag",
        reaction_path="member__profile__experience_items__tag",
        # In the same filter as the path above, so a post counts for an experience
        # only where that experience itself is shown.
        posts_counted=Q(is_anonymous=False)
        & shows_experiences("author__profile__experience_items__"),
        reactions_counted=shows_experiences("member__profile__experience_items__"),
        title=gettext("By lived experience"),
        about=gettext(
            "Over the whole period. A lived experience's active members are those who started "
            "a thread, replied or reacted there. Where fewer than %(count)s members were "
            "active, its figures are not shown, so nobody can be picked out."
        )
        % {"count": SMALL_CELL},
        chart_title=gettext("Active members by lived experience"),
        local_labels=_experience_names,
    )


def _experience_names(keys: set[int]) -> dict[int, str]:
    """The experiences' names in the reader's language (no query in the main language)."""
    if reads_main_language() or not keys:
        return {}
    found = Experience.objects.filter(pk__in=keys).only("name", "names")
    return {experience.pk: experience.local_name for experience in found}


GROUPINGS: list[Callable[[], Grouping]] = [by_board, by_experience]


BREAKDOWN_COLUMNS = [
    gettext_noop("Active members"),
    gettext_noop("Threads"),
    gettext_noop("Replies"),
    gettext_noop("Share of threads answered within 24 hours (%)"),
    gettext_noop("Median hours to first reply"),
]


def breakdown(period: Period, grouping: Grouping) -> Figure:
    """Over the whole period, by group: its active members, threads, replies and answers."""
    g, r, label = grouping.post_path, grouping.reaction_path, grouping.label_field
    posts = Post.objects.filter(grouping.posts_counted)
    posting = posts.filter(period.during("created_at"), author__isnull=False).values_list(
        g, f"{g}__{label}", "author_id"
    )
    reacting = Reaction.objects.filter(
        grouping.reactions_counted, period.during("created_at")
    ).values_list(r, f"{r}__{label}", "member_id")
    members = Counter((key, name) for key, name, _ in posting.union(reacting) if key is not None)
    opening = defaultdict(list)
    for key, name, created, answered in (
        posts.filter(number=1, thread__is_visible=True)
        .filter(period.during("thread__created_at"))
        .values_list(g, f"{g}__{label}", "thread__created_at", "thread__answered_at")
    ):
        opening[(key, name)].append((created, answered))
    replies_in = (
        posts.visible()
        .filter(period.during("created_at"), number__gt=1)
        .values(g, f"{g}__{label}")
        .annotate(n=Count("pk"))
        .values_list(g, f"{g}__{label}", "n")
    )
    reply_counts = {(key, name): n for key, name, n in replies_in}
    hide = hidden(members)
    labels = {key: name for key, name in members}
    if grouping.local_labels is not None:
        labels |= grouping.local_labels(set(labels))
    rows = []
    for group, active in sorted(members.items(), key=lambda item: labels[item[0][0]].casefold()):
        times = opening.get(group, [])
        values = [
            active,
            len(times),
            reply_counts.get(group, 0),
            answer_stats(times, period.now)[2],
            first_reply_stats(times)[1],
        ]
        rows.append(Row(labels[group[0]], None if group in hide else values))
    name = grouping.name.lower()
    return Figure(
        f"by-{grouping.slug}",
        grouping.title or f"By {name}",
        grouping.about
        or f"Over the whole period. A {name}'s active members are those who started a thread, "
        f"replied or reacted there. Where fewer than {SMALL_CELL} members were active, its "
        "figures are not shown, so nobody can be picked out.",
        grouping.name,
        [gettext(column) for column in BREAKDOWN_COLUMNS],
        rows,
        [
            bar_chart(
                [
                    (row.label, None if row.values is None else cast(int, row.values[0]))
                    for row in rows
                ],
                title=grouping.chart_title or f"Active members by {name}",
                y_label=gettext("Active members in the period"),
            )
        ],
    )


def breakdowns(period: Period) -> list[Figure]:
    return [breakdown(period, make()) for make in GROUPINGS]


def figure_for(slug: str, period: Period) -> Figure | None:
    """The figure whose CSV is <slug>.csv, computed alone."""
    if slug in WEEKLY:
        return WEEKLY[slug](period)
    for make in GROUPINGS:
        grouping = make()
        if slug == f"by-{grouping.slug}":
            return breakdown(period, grouping)
    return None
