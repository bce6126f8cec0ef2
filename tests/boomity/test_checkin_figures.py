"""Staff's check-in figures: aggregates over groups of 10 or more, never people."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from boomity.figures.checkins import ALL, CHANGE_COLUMNS, NEITHER, NOW_COLUMNS, POSTED, READ
from boomity.figures.figure import SUPPRESSED as HIDDEN
from checkins import actions
from checkins.models import CheckInItem
from forums.models import Post, ReadState
from tests.conftest import count_queries, make_member, make_thread
from tests.members.helpers import checked_in

pytestmark = pytest.mark.django_db

PAGE = "/staff/check-ins/"
# A hidden group's row: the note in every column, never a number.
HIDDEN_NOW = [HIDDEN] * len(NOW_COLUMNS)
HIDDEN_CHANGE = [HIDDEN] * len(CHANGE_COLUMNS)
FIGURES = ["confidence", "change", "questions", "question-change"]


def cohort(n: int, *, first: int = 5, latest: int = 7, name: str = "Member") -> list:
    """`n` opted-in members, each with a check-in 40 days ago (`first`) and 2 days ago."""
    members = []
    for i in range(n):
        member = make_member(f"{name} {i}")
        actions.opt_in_to_check_ins(member)
        checked_in(member, days_ago=40, score=first)
        checked_in(member, days_ago=2, score=latest)
        members.append(member)
    return members


class _Tables(HTMLParser):
    """{table id: rows of cell texts} from the page, as a person would read them: a cell
    that spans columns is read in each of them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self._table = self._row = self._cell = None
        self._span = 1

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._table = self.tables.setdefault(dict(attrs).get("id", ""), [])
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
            self._span = int(dict(attrs).get("colspan") or 1)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row += [" ".join("".join(self._cell).split())] * self._span
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def page_tables(client, days: int = 90) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(client.get(f"{PAGE}?days={days}").content.decode())
    return {k.removeprefix("table-"): v for k, v in parser.tables.items() if k.startswith("table-")}


def csv_rows(client, slug: str, days: int = 90) -> list[list[str]]:
    response = client.get(f"/staff/check-ins/{slug}.csv?days={days}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def row(table: list[list[str]], label: str) -> list[str]:
    return next(r for r in table if r[0] == label)


# --- Who may see it --------------------------------------------------------------------


def test_only_staff_see_the_figures(client, alice, moderator, staff):
    urls = [PAGE, "/staff/check-ins/confidence.csv"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/admin/login/"), url
    client.force_login(alice)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/admin/login/"), url
    # Moderators reach the admin, but not these figures.
    client.force_login(moderator)
    for url in urls:
        assert client.get(url).status_code == 403, url
    client.force_login(staff)
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_figures_refuse_writes(client, staff):
    client.force_login(staff)
    assert client.post(PAGE).status_code == 405
    assert client.post("/staff/check-ins/confidence.csv").status_code == 405


def test_unknown_figure_is_not_found(client, staff):
    client.force_login(staff)
    assert client.get("/staff/check-ins/names.csv").status_code == 404


def test_admin_index_links_staff_but_not_moderators_to_the_figures(client, moderator, staff):
    client.force_login(staff)
    assert f'href="{PAGE}"' in client.get("/admin/").content.decode()
    client.force_login(moderator)
    assert f'href="{PAGE}"' not in client.get("/admin/").content.decode()


def test_page_looks_like_the_admin_and_explains_itself(client, staff):
    client.force_login(staff)
    html = client.get(PAGE).content.decode()
    assert 'id="site-name"' in html and "Boomity administration" in html
    assert "How these figures are made" in html
    assert "BMC Psychiatry</cite> 2014;14:272" in html
    assert "Only read:</strong> wrote nothing, but read at least one post published" in html


# --- Small groups are hidden, never counted ----------------------------------------------


def test_nine_members_are_hidden_and_never_counted(client, staff):
    cohort(9)
    client.force_login(staff)
    tables = page_tables(client)
    assert row(tables["confidence"], ALL)[1:] == HIDDEN_NOW
    assert row(tables["change"], ALL)[1:] == HIDDEN_CHANGE
    assert row(tables["questions"], tables["questions"][1][0])[1:] == HIDDEN_NOW
    html = client.get(PAGE).content.decode()
    assert "<td>9</td>" not in html and "9 members" not in html
    assert row(csv_rows(client, "confidence"), ALL) == [ALL, *HIDDEN_NOW]


def test_ten_members_are_shown(client, staff):
    cohort(10, first=4, latest=7)
    client.force_login(staff)
    tables = page_tables(client)
    assert row(tables["confidence"], ALL)[1:] == [
        "10",
        "7.0",
        "7.0",
        "0%",
        "0%",
        "0%",
        "100%",
        "0%",
    ]
    assert row(tables["change"], ALL)[1:] == ["10", "+3.0", "+3.0", "100%", "0%", "0%"]
    question_1 = tables["questions"][1]
    assert question_1[0].startswith("Question 1: How confident")
    assert question_1[1:4] == ["10", "7.0", "7.0"]
    assert tables["question-change"][1][1:3] == ["10", "+3.0"]


def test_members_who_turned_check_ins_off_are_not_counted(client, staff):
    members = cohort(10)
    actions.opt_out_of_check_ins(members[0])
    client.force_login(staff)
    assert row(page_tables(client)["confidence"], ALL)[1:] == HIDDEN_NOW


def test_the_period_chooses_the_check_ins(client, staff):
    cohort(10, first=2, latest=9)
    client.force_login(staff)
    # 30 days: only the latest check-in, so no change to show.
    tables = page_tables(client, days=30)
    assert row(tables["confidence"], ALL)[1:3] == ["10", "9.0"]
    assert row(tables["change"], ALL)[1:] == HIDDEN_CHANGE
    assert row(page_tables(client, days=90)["change"], ALL)[1:3] == ["10", "+7.0"]


def test_latest_and_first_come_from_the_period_in_order(client, staff):
    members = cohort(10, first=3, latest=6)
    for member in members:
        checked_in(member, days_ago=20, score=10)  # between the two
    client.force_login(staff)
    tables = page_tables(client)
    assert row(tables["confidence"], ALL)[1:3] == ["10", "6.0"]
    assert row(tables["change"], ALL)[1:3] == ["10", "+3.0"]


# --- Participation -----------------------------------------------------------------------


def test_posters_and_readers_are_split(client, staff, board):
    posters = cohort(10, latest=8, name="Poster")
    readers = cohort(10, latest=4, name="Reader")
    thread = make_thread(board, posters[0], replies=0)
    for member in posters[1:]:
        make_thread(board, member, title="Hello")
    for member in readers:
        ReadState.objects.create(member=member, thread=thread, number=thread.last_number)
    client.force_login(staff)
    table = page_tables(client)["confidence"]
    assert row(table, ALL)[1:3] == ["20", "6.0"]
    assert row(table, POSTED)[1:3] == ["10", "8.0"]
    assert row(table, READ)[1:3] == ["10", "4.0"]
    assert row(table, NEITHER)[1:] == HIDDEN_NOW


def test_reading_only_old_posts_is_not_reading_in_the_period(client, staff, board):
    writer = make_member("Writer")
    old = make_thread(board, writer, title="An old thread")
    Post.objects.filter(thread=old).update(created_at=timezone.now() - timedelta(days=200))
    readers = cohort(10, name="Reader")
    for member in readers:
        ReadState.objects.create(member=member, thread=old, number=old.last_number)
    client.force_login(staff)
    table = page_tables(client)["confidence"]
    assert row(table, NEITHER)[1] == "10"
    assert row(table, READ)[1:] == HIDDEN_NOW
    # Over a year, those posts were published in the period: the same members read.
    assert row(page_tables(client, days=365)["confidence"], READ)[1] == "10"


def test_a_lone_small_group_cant_be_worked_out_from_the_total(client, staff, board):
    """12 posted and 3 only read: showing 'all' (15) and 'posted' (12) would give away the
    3 readers' mean by subtraction, so 'posted' is hidden too."""
    posters = cohort(12, latest=8, name="Poster")
    readers = cohort(3, latest=2, name="Reader")
    thread = make_thread(board, posters[0])
    for member in posters[1:]:
        make_thread(board, member, title="Hello")
    for member in readers:
        ReadState.objects.create(member=member, thread=thread, number=thread.last_number)
    client.force_login(staff)
    table = page_tables(client)["confidence"]
    assert row(table, ALL)[1] == "15"
    assert row(table, POSTED)[1:] == HIDDEN_NOW
    assert row(table, READ)[1:] == HIDDEN_NOW


def test_hidden_groups_that_add_up_to_ten_leave_the_rest_shown(client, staff, board):
    posters = cohort(10, latest=8, name="Poster")
    readers = cohort(5, latest=2, name="Reader")
    cohort(5, latest=5, name="Quiet")
    thread = make_thread(board, posters[0])
    for member in posters[1:]:
        make_thread(board, member, title="Hello")
    for member in readers:
        ReadState.objects.create(member=member, thread=thread, number=thread.last_number)
    client.force_login(staff)
    table = page_tables(client)["confidence"]
    assert row(table, POSTED)[1:3] == ["10", "8.0"]
    assert row(table, READ)[1:] == HIDDEN_NOW and row(table, NEITHER)[1:] == HIDDEN_NOW


# --- CSV and privacy ----------------------------------------------------------------------


@pytest.mark.parametrize("days", [30, 90])
def test_each_csv_matches_its_table_on_the_page(client, staff, board, days):
    posters = cohort(10, latest=8, name="Poster")
    cohort(4, first=6, latest=3, name="Other")
    for member in posters:
        make_thread(board, member, title="Hello")
    CheckInItem.objects.filter(position=10).update(is_active=False)
    client.force_login(staff)
    tables = page_tables(client, days=days)
    assert sorted(tables) == sorted(FIGURES)
    for slug in FIGURES:
        assert csv_rows(client, slug, days=days) == tables[slug], slug


def test_no_names_emails_or_ids_on_the_page_or_in_the_csv(client, staff, board):
    members = cohort(10, name="Secretname")
    for member in members:
        make_thread(board, member, title="Hello")
    client.force_login(staff)
    html = client.get(PAGE).content.decode()
    downloads = "".join(
        client.get(f"/staff/check-ins/{slug}.csv").content.decode() for slug in FIGURES
    )
    for text in (html, downloads):
        assert "Secretname" not in text
        assert not any(member.email in text for member in members)
        assert "/admin/members/user/" not in text
    # Every cell of every CSV is a label we wrote or a rounded number.
    for slug in FIGURES:
        for cells in csv_rows(client, slug)[1:]:
            for cell in cells[1:]:
                assert (
                    cell in ("", HIDDEN)
                    or cell.rstrip("%").lstrip("+-").replace(".", "", 1).isdigit()
                ), cell


def test_figures_page_query_count_does_not_grow_with_members(client, staff, board):
    """Guards an N+1 over members, their check-ins or their answers."""
    cohort(10, name="First")
    client.force_login(staff)
    few = count_queries(client, PAGE)
    more = cohort(15, name="Second")
    for member in more:
        make_thread(board, member, title="Hello")
    assert count_queries(client, PAGE) == few


def test_a_period_we_do_not_offer_is_kindly_refused(client, staff):
    """As on the health page: the page says so and shows 90 days; a file can't say so,
    so its download is refused rather than quietly given for another period."""
    cohort(10)
    client.force_login(staff)
    html = client.get(f"{PAGE}?days=7").content.decode()
    assert "Please choose 30, 90 or 365 days. For now, this page shows the last 90 days." in html
    assert '<option value="90" selected>' in html
    response = client.get("/staff/check-ins/confidence.csv?days=7")
    assert response.status_code == 400
    assert "Please choose 30, 90 or 365 days." in response.content.decode()
