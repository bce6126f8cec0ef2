"""The staff page of community-health figures (/staff/health/) and its CSV files."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from boomity.figures import health as figures
from boomity.figures.figure import SUPPRESSED, Row
from boomity.figures.health import Period
from forums import actions
from forums.models import Post, PostStatus, Reaction, Thread
from members.models import User
from moderation.models import AuditEntry, Priority, ReviewItem, ReviewState
from tests.conftest import count_queries
from tests.factories import make_board, make_member, make_thread

PAGE = "/staff/health/"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday
# The weeks covering the 30 days before NOW, Mondays in Berlin.
WEEKS = ["2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]


def utc(month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def dated_thread(board, author, when, *replies):
    """A thread opened at `when`, with replies given as (author, when[, status])."""
    thread = make_thread(board, author, title="A thread")
    Thread.objects.filter(pk=thread.pk).update(created_at=when)
    Post.objects.filter(thread=thread, number=1).update(created_at=when)
    for reply in replies:
        author_, at, *status = reply
        post = actions.post_reply(thread=thread, author=author_, body="I hear you.")
        Post.objects.filter(pk=post.pk).update(
            created_at=at, status=status[0] if status else PostStatus.VISIBLE
        )
    actions.refresh_answered_at(thread)
    thread.refresh_from_db()
    return thread


def joined(user: User, when: datetime) -> User:
    User.objects.filter(pk=user.pk).update(date_joined=when)
    return user


def review_item(
    post, *, created, resolved=None, priority=Priority.FLAGGED, crisis=False, state=None
) -> ReviewItem:
    return ReviewItem.objects.create(
        post=post,
        priority=priority,
        crisis=crisis,
        snapshot_body="x",
        snapshot_html="x",
        created_at=created,
        resolved_at=resolved,
        state=state or (ReviewState.RESOLVED if resolved else ReviewState.OPEN),
    )


def acted(actor, post, when) -> None:
    AuditEntry.objects.create(
        actor=actor,
        action="hide",
        target_type=ContentType.objects.get_for_model(Post),
        target_id=str(post.pk),
        created_at=when,
    )


@pytest.fixture
def berlin(settings):
    settings.TIME_ZONE = "Europe/Berlin"


@pytest.fixture
def community(db, berlin, moderator):
    """A small community with known figures, week by week (see each test)."""
    board = make_board("feelings", name="Feelings")
    alice, bob, carol, dave, erin = (
        make_member(n) for n in ("Zanzibar Quill", "Bob", "Carol", "Dave", "Erin")
    )
    joined(alice, utc(10, 20))  # before the period
    joined(bob, utc(10, 27))
    joined(carol, utc(11, 10))
    joined(erin, utc(11, 18))
    joined(dave, utc(11, 22, 23, 30))  # Sunday night in UTC, Monday in Berlin
    for staff_account in User.objects.filter(is_staff=True):
        joined(staff_account, utc(1, 5))
    # Week of 26 Oct: answered after 2 hours; Carol reacts.
    t1 = dated_thread(board, alice, utc(10, 26, 10), (bob, utc(10, 26, 12)))
    Reaction.objects.create(
        post=t1.posts.get(number=1), member=carol, kind="support", created_at=utc(10, 27)
    )
    # Week of 2 Nov: nothing at all.
    # Week of 9 Nov: answered after 30 hours, after 4 hours, and only by its own author.
    t2 = dated_thread(board, alice, utc(11, 9, 9), (bob, utc(11, 10, 15)))
    t3 = dated_thread(board, alice, utc(11, 10, 9), (bob, utc(11, 10, 13)))
    t4 = dated_thread(board, bob, utc(11, 11, 9), (bob, utc(11, 11, 10)))
    # Week of 16 Nov: Dave's reply was hidden: he was active, the reply doesn't count.
    hidden = actions.post_reply(thread=t1, author=dave, body="x")
    Post.objects.filter(pk=hidden.pk).update(created_at=utc(11, 17), status=PostStatus.HIDDEN)
    # Week of 23 Nov (so far): a reply on Sunday 23:30 UTC — Monday in Berlin — and a thread
    # 4 hours old, not answered yet.
    late = actions.post_reply(thread=t1, author=erin, body="Still here.")
    Post.objects.filter(pk=late.pk).update(created_at=utc(11, 22, 23, 30))
    t5 = dated_thread(board, alice, utc(11, 25, 8))

    # The review queue.
    posts = list(Post.objects.order_by("pk"))
    review_item(posts[0], created=utc(10, 27, 10), resolved=utc(10, 27, 16))  # 6 hours
    review_item(
        posts[1],
        created=utc(11, 10, 10),
        resolved=utc(11, 11, 10),
        priority=Priority.URGENT,
        crisis=True,
    )  # resolved after 24 h
    acted(moderator, posts[1], utc(11, 9, 10))  # before the item: not an answer to it
    acted(None, posts[1], utc(11, 10, 10, 5))  # the community's rules, not a moderator
    acted(moderator, posts[1], utc(11, 10, 10, 45))  # 45 minutes
    acted(moderator, posts[1], utc(11, 10, 11, 0))
    review_item(
        posts[2],
        created=utc(11, 12, 10),
        priority=Priority.URGENT,
        crisis=True,
        state=ReviewState.ESCALATED,
    )
    acted(moderator, posts[2], utc(11, 12, 12))  # 120 minutes; still open (escalated)
    review_item(posts[3], created=utc(11, 17, 10), resolved=utc(11, 23, 10))  # 144 hours
    review_item(posts[4], created=utc(11, 24, 10), priority=Priority.URGENT)  # a safety flag
    review_item(posts[5], created=utc(11, 25, 11), priority=Priority.URGENT, crisis=True)
    return {"board": board, "threads": [t1, t2, t3, t4, t5]}


def weekly(figure) -> dict[str, list]:
    return {row.when.isoformat(): row.values for row in figure.rows}


def by_label(figure) -> dict[str, list | None]:
    return {row.label: row.values for row in figure.rows}


def period() -> Period:
    return Period.ending(now=NOW, days=30)


# --- The period ------------------------------------------------------------------------


def test_weeks_are_iso_weeks_in_the_site_time_zone_and_the_last_is_partial(berlin):
    p = period()
    assert [w.start.isoformat() for w in p.weeks] == WEEKS
    assert [w.partial for w in p.weeks] == [False, False, False, False, True]
    assert p.weeks[0].iso == "2026-W44" and p.weeks[-1].label == "23 Nov (so far)"
    assert p.start == datetime(2026, 10, 26, tzinfo=p.tz)
    assert len(Period.ending(now=NOW, days=365).weeks) == 53
    assert len(Period.ending(now=NOW, days=90).weeks) == 14


# --- Every figure, on the hand-built community -------------------------------------------


def test_active_members(community):
    # Alice & Bob & Carol's reaction; nobody; Alice & Bob; Dave (hidden reply); Erin & Alice.
    assert weekly(figures.active_members(period())) == dict(
        zip(WEEKS, [[3], [0], [2], [1], [2]], strict=True)
    )


def test_new_members(community):
    assert weekly(figures.new_members(period())) == dict(
        zip(WEEKS, [[1], [0], [1], [1], [1]], strict=True)
    )


def test_threads_and_replies(community):
    assert weekly(figures.threads(period())) == dict(
        zip(WEEKS, [[1], [0], [3], [0], [1]], strict=True)
    )
    assert weekly(figures.replies(period())) == dict(
        zip(WEEKS, [[1], [0], [3], [0], [1]], strict=True)
    )


def test_share_answered_within_a_day(community):
    # The 4-hour-old thread is too young to count; an empty week has no share, not 0 %.
    assert weekly(figures.answered_within_a_day(period())) == {
        WEEKS[0]: [1, 1, 100.0],
        WEEKS[1]: [0, 0, None],
        WEEKS[2]: [3, 1, 33.3],
        WEEKS[3]: [0, 0, None],
        WEEKS[4]: [0, 0, None],
    }


def test_median_time_to_first_reply(community):
    # 2 hours; then 30 and 4 hours: median 17 (the self-answered thread has no answer).
    assert weekly(figures.time_to_first_reply(period())) == {
        WEEKS[0]: [1, 2.0],
        WEEKS[1]: [0, None],
        WEEKS[2]: [2, 17.0],
        WEEKS[3]: [0, None],
        WEEKS[4]: [0, None],
    }


def test_review_items_opened_resolved_and_time_to_resolve(community):
    assert weekly(figures.review_items(period())) == dict(
        zip(WEEKS, [[1, 1], [0, 0], [2, 1], [1, 0], [2, 1]], strict=True)
    )
    assert weekly(figures.time_to_resolve(period())) == {
        WEEKS[0]: [1, 6.0],
        WEEKS[1]: [0, None],
        WEEKS[2]: [1, 24.0],
        WEEKS[3]: [0, None],
        WEEKS[4]: [1, 144.0],
    }


def test_open_urgent_items_at_the_end_of_each_week(community):
    assert weekly(figures.open_urgent_items(period())) == dict(
        zip(WEEKS, [[0], [0], [1], [1], [3]], strict=True)
    )


def test_crisis_response_counts_the_first_moderator_action(community):
    # 45 and 120 minutes (the earlier entry and the automatic one don't count); the newest
    # crisis item has had no action yet: counted, not in the median.
    assert weekly(figures.crisis_response(period())) == {
        WEEKS[0]: [0, 0, None],
        WEEKS[1]: [0, 0, None],
        WEEKS[2]: [2, 2, 82.5],
        WEEKS[3]: [0, 0, None],
        WEEKS[4]: [1, 0, None],
    }


def test_an_empty_community_shows_zeros_not_gaps(db, berlin):
    p = period()
    for make in figures.WEEKLY.values():
        figure = make(p)
        assert len(figure.rows) == 5
    assert weekly(figures.threads(p)) == dict.fromkeys(WEEKS, [0])
    assert weekly(figures.active_members(p)) == dict.fromkeys(WEEKS, [0])


# --- Breakdowns and small cells -------------------------------------------------------


def board_with_members(name: str, count: int, when: datetime):
    """A board where `count` members were active: one thread, the rest replied."""
    board = make_board(name=name)
    people = [make_member() for _ in range(count)]
    dated_thread(
        board,
        people[0],
        when,
        *[(m, when + timedelta(hours=i + 1)) for i, m in enumerate(people[1:])],
    )
    return board, people


def test_breakdown_by_board_hides_groups_of_fewer_than_ten(db, berlin):
    ten, _ = board_with_members("Ten of us", 10, utc(11, 10))
    nine, _ = board_with_members("Nine of us", 9, utc(11, 10))
    by_board = figures.breakdown(period(), figures.by_board())
    rows = by_label(by_board)
    assert rows["Ten of us"] == [10, 1, 9, 100.0, 1.0]
    assert rows["Nine of us"] is None
    # One more member reacts there: now ten members, and the figures show.
    Reaction.objects.create(
        post=Post.objects.get(thread__board=nine, number=1),
        member=make_member(),
        kind="support",
        created_at=utc(11, 11),
    )
    rows = by_label(figures.breakdowns(period())[0])
    assert rows["Nine of us"] == [10, 1, 8, 100.0, 1.0]


def test_small_cells_say_fewer_than_ten_never_the_number(client, staff):
    board_with_members("Nine of us", 9, datetime.now(UTC) - timedelta(days=2))
    client.force_login(staff)
    html = client.get(PAGE).content.decode()
    section = tables(html)["by-board"]
    assert ["Nine of us", SUPPRESSED[0].upper() + SUPPRESSED[1:]] in section
    response = client.get("/staff/health/by-board.csv")
    assert list(csv.reader(io.StringIO(response.content.decode())))[1] == (
        ["Nine of us"] + [SUPPRESSED] * 5
    )


def test_a_new_grouping_is_one_small_function(db, berlin, monkeypatch):
    """The seam the experience-tag breakdown will use: a path from posts and reactions."""

    def by_group() -> figures.Grouping:
        return figures.Grouping(
            "group",
            "Board group",
            post_path="thread__board__group",
            reaction_path="post__thread__board__group",
        )

    board_with_members("One", 6, utc(11, 10))
    board_with_members("Two", 5, utc(11, 10))
    monkeypatch.setattr(figures, "GROUPINGS", [figures.by_board, by_group])
    by_board, by_group_ = figures.breakdowns(period())
    assert [row.values for row in by_board.rows] == [None, None]
    assert by_group_.rows == [Row("Support", [11, 2, 9, 100.0, 1.0])]
    assert by_group_.slug == "by-group" and figures.figure_for("by-group", period()) is not None


# --- The page and its CSV files ----------------------------------------------------------


class _Tables(HTMLParser):
    """Cell texts of each section's table: {section id: [[cell, …], …]}."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.section = None
        self.row = None
        self.cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.section = attrs.get("id")
            self.tables[self.section] = []
        elif tag == "tr" and self.section:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables[self.section].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def tables(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def as_number(text: str):
    return None if text in ("", "–") else float(text)


@pytest.fixture
def live_community(db, moderator):
    """Activity in the last few weeks, in real time, for the page itself."""
    now = datetime.now(UTC)
    board = make_board("sleep", name="Sleep")
    alice, bob = make_member("Zanzibar Quill"), make_member("Bob")
    for weeks_ago in (0, 1, 3):
        when = now - timedelta(weeks=weeks_ago, hours=30)
        thread = dated_thread(board, alice, when, (bob, when + timedelta(hours=5)))
    review_item(
        thread.posts.first(),
        created=now - timedelta(hours=3),
        priority=Priority.URGENT,
        crisis=True,
    )
    return board


def test_csv_has_the_same_numbers_as_the_page(client, staff, live_community):
    client.force_login(staff)
    html = client.get(PAGE + "?days=30").content.decode()
    page_tables = tables(html)
    for slug in figures.WEEKLY:
        response = client.get(f"/staff/health/{slug}.csv?days=30")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        header, *rows = csv.reader(io.StringIO(response.content.decode()))
        head, *body = page_tables[slug]
        assert header[3:] == head[1:], slug
        assert [[as_number(c) for c in row[3:]] for row in rows] == [
            [as_number(c) for c in row[1:]] for row in body
        ], slug
        assert [row[0] for row in rows] == sorted(row[0] for row in rows)
        assert rows[-1][2] == "yes" and {row[2] for row in rows[:-1]} == {"no"}
    assert sum(float(r[1]) for r in page_tables["threads"][1:]) == 3


def test_csv_escapes_spreadsheet_formulas(client, staff, db):
    now = datetime.now(UTC)
    for name in ('=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "Plain"):
        board_with_members(name, 1, now - timedelta(days=1))
    client.force_login(staff)
    body = client.get("/staff/health/by-board.csv?days=30").content.decode()
    cells = [row[0] for row in csv.reader(io.StringIO(body))][1:]
    # "-2" is a number to a spreadsheet, not a formula: it stays as it is.
    assert sorted(cells) == sorted(
        ['\'=HYPERLINK("http://x")', "'+1+1", "-2", "'@SUM(A1)", "Plain"]
    )
    assert SUPPRESSED in body


def test_page_and_csv_name_nobody(client, staff, live_community):
    client.force_login(staff)
    people = User.objects.exclude(pk=staff.pk)
    secrets = [u.email for u in people] + [u.profile.display_name for u in people]
    html = client.get(PAGE).content.decode()
    # The staff member's own name is in the admin's header; nobody else's anywhere.
    outputs = [html] + [
        client.get(f"/staff/health/{slug}.csv").content.decode()
        for slug in [*figures.WEEKLY, "by-board"]
    ]
    for output in outputs:
        for secret in secrets:
            assert secret not in output
        assert "/t/" not in output and "/p/" not in output and "/admin/members/user/" not in output
    assert "Zanzibar" not in "".join(outputs)


def test_page_shows_charts_tables_definitions_and_the_period(client, staff, live_community):
    client.force_login(staff)
    response = client.get(PAGE + "?days=365")
    html = response.content.decode()
    assert response.status_code == 200
    # Each figure, and the breakdowns by board and by lived experience.
    assert html.count('role="img"') == len(figures.WEEKLY) + 2
    assert figures.ACTIVE_DEFINITION in html
    assert "(so far)" in html
    assert '<option value="365" selected>' in html
    assert html.count("<table") >= len(figures.WEEKLY) + 1
    ours = html.split('<div class="health">')[1]
    assert "<script" not in ours and "style=" not in ours  # the CSP allows neither
    assert "by-board.csv?days=365" in html


def test_a_period_we_do_not_offer_is_kindly_refused(client, staff, live_community):
    client.force_login(staff)
    response = client.get(PAGE + "?days=7")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please choose 30, 90 or 365 days. For now, this page shows the last 90 days." in html
    assert '<option value="90" selected>' in html
    assert client.get("/staff/health/threads.csv?days=7").status_code == 400
    assert client.get("/staff/health/nothing-like-this.csv").status_code == 404


# --- Who may see it ----------------------------------------------------------------------


@pytest.mark.parametrize("url", [PAGE, "/staff/health/threads.csv"])
def test_only_staff(client, url, alice, moderator, staff):
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(alice)
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(moderator)  # has staff status for the admin, but isn't staff
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    client.force_login(staff)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405


def test_admin_index_links_the_page_for_staff_only(client, moderator, staff):
    client.force_login(staff)
    assert f'href="{PAGE}"' in client.get("/admin/").content.decode()
    client.force_login(moderator)
    assert f'href="{PAGE}"' not in client.get("/admin/").content.decode()


# --- Cost --------------------------------------------------------------------------------


def test_query_count_does_not_grow_with_the_community(client, staff, live_community, moderator):
    """Guards against a query per week, per board or per item: every figure is a fixed
    handful of aggregate queries."""
    client.force_login(staff)
    few = count_queries(client, PAGE + "?days=365")
    now = datetime.now(UTC)
    for i in range(6):
        board, people = board_with_members(f"Board {i}", 3 + 2 * i, now - timedelta(weeks=i * 7))
        post = Post.objects.filter(thread__board=board).first()
        item = review_item(
            post, created=now - timedelta(weeks=i), crisis=True, priority=Priority.URGENT
        )
        acted(moderator, post, item.created_at + timedelta(minutes=10))
        Reaction.objects.create(post=post, member=people[-1], kind="thanks")
    assert count_queries(client, PAGE + "?days=365") == few
    p = Period.ending(days=365)
    with CaptureQueriesContext(connection) as ctx:
        [make(p) for make in figures.WEEKLY.values()], figures.breakdowns(p)
    # 10 for the weekly figures (review items opened and resolved are two; the two
    # answer figures share one reading of the threads), 3 for each breakdown (by board,
    # by lived experience).
    assert len(ctx) == 16
    # The rest is the admin's: session, user, profile, two permission reads, its
    # sidebar asking whether the two settings singletons (moderation, check-ins) exist,
    # the review queue's counts in its header (one aggregate query), and the members'
    # answers waiting for the team beside them (one).
    assert few - len(ctx) <= 9, few


@pytest.mark.django_db
def test_breakdown_by_experience_counts_only_experiences_shown_and_hides_small_groups():
    from members.actions import update_profile
    from members.models import Experience

    anxiety = Experience.objects.get(name="Anxiety")
    grief = Experience.objects.get(name="Grief and loss")
    lonely = Experience.objects.get(name="Loneliness")
    board = make_board()
    when = datetime.now(UTC) - timedelta(days=2)
    for i in range(12):
        member = make_member(f"Shows{i}")
        update_profile(member.profile, experiences=[anxiety], shown=[anxiety], bio="")
        thread = make_thread(board, member, title="Hello")
        Thread.objects.filter(pk=thread.pk).update(created_at=when)
        Post.objects.filter(thread=thread).update(created_at=when)
    for i in range(12):  # they keep grief to themselves: never counted, though they
        # show another experience beside it
        member = make_member(f"Keeps{i}")
        update_profile(member.profile, experiences=[grief, lonely], shown=[lonely], bio="")
        thread = make_thread(board, member, title="Hello")
        Post.objects.filter(thread=thread).update(created_at=when)
    for i in range(4):  # shown, but too few to show
        member = make_member(f"Few{i}")
        update_profile(member.profile, experiences=[grief], shown=[grief], bio="")
        Post.objects.filter(thread=make_thread(board, member)).update(created_at=when)

    rows = by_label(figures.breakdown(Period.ending(days=30), figures.by_experience()))

    assert rows["Anxiety"][0] == 12  # active members
    assert rows["Anxiety"][1] == 12  # threads
    assert rows["Grief and loss"] is None  # 4 shown; the 12 who keep it private don't count
    assert rows["Loneliness"][0] == 12  # what those 12 show counts as it should
