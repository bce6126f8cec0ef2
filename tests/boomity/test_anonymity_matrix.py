"""Anonymity holds in every count, badge and list, not only in bylines.

A generated matrix: (thread under a name / anonymous) × (reply under a name /
anonymous) × every surface that shows threads, replies or people. For each cell
the same community is built twice — once where the thread's starter writes the
reply, once where another member does — and everything a third member, a visitor
and a follower can see is compared. Wherever the thread or the reply is
anonymous, the two worlds must look the same: nobody can tell that the starter
answered themselves. Where both are under a name they may differ (everyone can
see who wrote what), and the matrix checks that they do, so it can fail.

The "First post" badge gets the same treatment over the starter's history
(never posted / posted only anonymously / posted under their name).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client

from boomity.figures.health import Period, answered_within_a_day, time_to_first_reply
from forums import actions
from forums.models import ThreadFollow
from tests.conftest import page, without_form_tokens
from tests.factories import make_board, make_member

pytestmark = pytest.mark.django_db

STARTER, OTHER = "Quokka", "Wombat"  # names no page uses for anything else
TITLE = "Nights are the hardest"


class _Rollback(Exception):
    pass


def _norm(text: str) -> str:
    """A page with what differs between any two builds taken out: ids in addresses,
    times, CSRF tokens."""
    text = html.unescape(text)
    text = re.sub(r"<time[^>]*>.*?</time>", "<time>", text, flags=re.S)
    text = re.sub(r'(href|action)="[^"]*"', lambda m: re.sub(r"\d+", "N", m.group(0)), text)
    text = without_form_tokens(text)
    text = re.sub(r'id="id_[^"]*"|for="id_[^"]*"', "", text)
    return text


def _main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def _row(page: str, title: str) -> str | None:
    """The thread list's row for `title`, or None when it isn't listed."""
    for row in re.findall(r"<li class=\"thread-row.*?</li>", page, flags=re.S):
        if title in row:
            return row
    return None


def _get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return page(response)


@dataclass(frozen=True)
class Cell:
    thread_anonymous: bool
    reply_anonymous: bool

    @property
    def anonymity_involved(self) -> bool:
        return self.thread_anonymous or self.reply_anonymous

    def __str__(self) -> str:
        thread = "anonymous thread" if self.thread_anonymous else "named thread"
        reply = "anonymous reply" if self.reply_anonymous else "named reply"
        return f"{thread}, {reply}"


def _observe(cell: Cell, *, starter_replies: bool) -> dict[str, object]:
    """Build the community, look at every surface, then undo it all."""
    seen: dict[str, object] = {}
    try:
        with transaction.atomic():
            board = make_board("evenings", public=True, allow_anonymous=True, name="Evenings")
            starter, other = make_member(STARTER), make_member(OTHER)
            viewer, follower = make_member("Viewer"), make_member("Follower")
            opening = actions.start_thread(
                board=board,
                author=starter,
                title=TITLE,
                body="I can't switch off at night.",
                anonymous=cell.thread_anonymous,
            )
            thread = opening.thread
            ThreadFollow.objects.create(member=follower, thread=thread)
            replier = starter if starter_replies else other
            actions.post_reply(
                thread=thread,
                author=replier,
                body="A warm drink and a podcast help me.",
                anonymous=cell.reply_anonymous,
            )
            replier_name = replier.profile.display_name

            def same(text: str) -> str:
                # The reply's own byline names whoever wrote it when it is under a
                # name: that is the point of a named reply, not a leak.
                text = _norm(text)
                return text.replace(replier_name, "REPLIER") if not cell.reply_anonymous else text

            member, visitor = Client(), Client()
            member.force_login(viewer)
            home = _get(member, "/")
            waiting = re.search(r"(\d+) threads? (is|are) waiting", home)
            seen["home: waiting count"] = waiting.group(1) if waiting else "0"
            seen["needs a reply: row"] = same(_row(_get(member, "/needs-reply/"), TITLE) or "-")
            seen["board: row"] = same(_row(_get(member, board.get_absolute_url()), TITLE))
            seen["latest: row"] = same(_row(_get(member, "/latest/"), TITLE))
            seen["thread page: member"] = same(_main(_get(member, thread.get_absolute_url())))
            seen["board: row, visitor"] = same(_row(_get(visitor, board.get_absolute_url()), TITLE))
            seen["latest: row, visitor"] = same(_row(_get(visitor, "/latest/"), TITLE))
            seen["thread page: visitor"] = same(_main(_get(visitor, thread.get_absolute_url())))
            seen["follower's notifications"] = same(
                _main(_get(_signed_in(follower), "/notifications/"))
            )
            period = Period.ending()
            seen["health: threads answered"] = time_to_first_reply(period).rows[-1].values[0]
            seen["health: answered within 24h"] = answered_within_a_day(period).rows[-1].values
            seen["starter's profile"] = same(
                _main(_get(member, f"/members/{STARTER}/")).replace(STARTER, "NAME")
            )
            seen["search by the starter's name"] = same(
                _main(_get(member, f"/search/?q=podcast&author={STARTER}"))
            )
            seen["search for the words"] = same(_main(_get(member, "/search/?q=podcast")))
            seen["replier's profile"] = same(
                _main(_get(member, f"/members/{replier_name}/")).replace(replier_name, "NAME")
            )
            seen["search by the replier's name"] = same(
                _main(_get(member, f"/search/?q=podcast&author={replier_name}"))
            )
            raise _Rollback
    except _Rollback:
        pass
    return seen


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# What a named reply legitimately shows about whoever wrote it (their profile
# lists it; searching their name finds it), and what an anonymous reply's writer
# legitimately shows about themselves (a named thread on the starter's profile).
_BY_NAME = {"replier's profile", "search by the replier's name"}
_ABOUT_STARTER = {"starter's profile", "search by the starter's name"}

CELLS = [Cell(t, r) for t in (False, True) for r in (False, True)]
SURFACES = [
    "home: waiting count",
    "needs a reply: row",
    "board: row",
    "latest: row",
    "thread page: member",
    "board: row, visitor",
    "latest: row, visitor",
    "thread page: visitor",
    "follower's notifications",
    "health: threads answered",
    "health: answered within 24h",
    "search for the words",
    *sorted(_ABOUT_STARTER),
    *sorted(_BY_NAME),
]
_seen: dict[tuple[Cell, bool], dict[str, object]] = {}


def _world(cell: Cell, starter_replies: bool) -> dict[str, object]:
    # Each world is plain data once seen: every surface of a cell compares the same two.
    key = (cell, starter_replies)
    if key not in _seen:
        _seen[key] = _observe(cell, starter_replies=starter_replies)
    return _seen[key]


def _compared(cell: Cell, surface: str) -> bool:
    if not cell.anonymity_involved:
        return False
    if cell.reply_anonymous:
        return surface not in _BY_NAME
    return surface not in _ABOUT_STARTER


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("cell", CELLS, ids=str)
def test_nobody_can_tell_whether_the_starter_wrote_it(cell, surface):
    if not _compared(cell, surface):
        pytest.skip("everyone may see who wrote this: it is under their name")
    by_starter = _world(cell, True)[surface]
    by_other = _world(cell, False)[surface]
    assert by_starter == by_other, f"{surface} gives away who wrote the reply ({cell})"


def test_the_matrix_can_tell_when_everything_is_under_a_name():
    """Both under a name, the starter answering themselves is plain to see: the thread
    still needs a reply. The matrix sees that, so it would see a leak too."""
    named = Cell(False, False)
    by_starter, by_other = _world(named, True), _world(named, False)
    assert by_starter["home: waiting count"] == "1" and by_other["home: waiting count"] == "0"
    assert by_starter["needs a reply: row"] != "-" and by_other["needs a reply: row"] == "-"


def test_every_surface_is_in_the_matrix():
    assert set(SURFACES) == set(_world(Cell(True, True), True))


@pytest.mark.parametrize("reply_anonymous", [False, True], ids=["named", "anonymous"])
def test_an_anonymous_reply_takes_the_thread_off_needs_a_reply_whoever_wrote_it(
    client, reply_anonymous
):
    board = make_board(allow_anonymous=True)
    starter, viewer = make_member(), make_member()
    thread = actions.start_thread(board=board, author=starter, title=TITLE, body="Hi").thread
    actions.post_reply(thread=thread, author=starter, body="Anyone?", anonymous=reply_anonymous)
    client.force_login(viewer)
    listed = TITLE in client.get("/needs-reply/").content.decode()
    assert listed is not reply_anonymous


# The "First post" badge --------------------------------------------------------------

HISTORIES = ["never posted", "posted only anonymously", "posted under their name"]


def _needs_reply_row(history: str, anonymous: bool) -> str:
    seen = ""
    try:
        with transaction.atomic():
            board = make_board("evenings", allow_anonymous=True, name="Evenings")
            starter = make_member(STARTER)
            if history != "never posted":
                earlier = actions.start_thread(
                    board=board,
                    author=make_member(OTHER),
                    title="Hello all",
                    body="Hi",
                ).thread
                actions.post_reply(
                    thread=earlier,
                    author=starter,
                    body="Welcome!",
                    anonymous=history == "posted only anonymously",
                )
            actions.start_thread(
                board=board, author=starter, title=TITLE, body="Hi", anonymous=anonymous
            )
            seen = _norm(_row(_get(_signed_in(make_member("Viewer")), "/needs-reply/"), TITLE))
            raise _Rollback
    except _Rollback:
        pass
    return seen


@pytest.mark.parametrize("anonymous", [False, True], ids=["named thread", "anonymous thread"])
def test_the_first_post_badge_never_tells_who_is_new_or_who_wrote_anonymously(anonymous):
    rows = {history: _needs_reply_row(history, anonymous) for history in HISTORIES}
    badged = {history for history, row in rows.items() if "First post</span>" in row}
    if anonymous:
        # Never on an anonymous thread: it would say that its author is new.
        assert badged == set()
        assert len(set(rows.values())) == 1
    else:
        # Writing anonymously before leaves no trace on a thread under one's name.
        assert badged == {"never posted", "posted only anonymously"}
        assert rows["never posted"] == rows["posted only anonymously"]


@pytest.mark.parametrize("starter_replies", [True, False], ids=["starter", "someone else"])
@pytest.mark.parametrize("cell", CELLS, ids=str)
def test_the_rule_at_reply_time_and_the_recount_agree(cell, starter_replies):
    """A reply sets answered_at as it arrives (Thread.is_answered_by); hiding and
    approving posts, backfills and the bench work it out again in SQL (recount).
    Both must follow one rule, or a moderator's decision would bring the leak back."""
    board = make_board(allow_anonymous=True)
    starter, other = make_member(), make_member()
    thread = actions.start_thread(
        board=board, author=starter, title=TITLE, body="Hi", anonymous=cell.thread_anonymous
    ).thread
    reply = actions.post_reply(
        thread=thread,
        author=starter if starter_replies else other,
        body="Hello",
        anonymous=cell.reply_anonymous,
    )
    thread.refresh_from_db()
    at_reply = thread.answered_at is not None
    assert at_reply is thread.is_answered_by(reply)
    assert at_reply is (cell.anonymity_involved or not starter_replies)
    actions.recount(type(thread).objects.filter(pk=thread.pk))
    thread.refresh_from_db()
    assert (thread.answered_at is not None) is at_reply
    actions.hide_post(post=reply)
    actions.publish_post(post=reply)
    thread.refresh_from_db()
    assert (thread.answered_at is not None) is at_reply
