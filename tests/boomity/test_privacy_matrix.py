"""The privacy matrix: every private thing of a member × every page, fragment and e-mail
that shows members × every kind of viewer.

Generated from three tables, so a new page or a new private thing is one line:

- SECRETS: what a member keeps private (their e-mail address, lived experiences by who
  may see them — one by one: the subject shows two and keeps one —, anonymous
  authorship, blocks, mutes, check-ins, a break, flags they raised, held posts,
  sanctions, notes from the moderators, the moderators' notes about them), each with
  the text that would give it away, who may see it, and where it must show for them (so
  no check passes by looking at an empty page);
- PAGES: every page, fragment and e-mail that can show a member, as one of the viewers
  reaches it;
- VIEWERS: a visitor (on a public board), another member, the member the subject
  blocked, a member who blocked the subject, a moderator and staff. Moderators see who
  wrote anonymous posts, flags and held posts in the admin only: on the pages members
  use, they see what a member sees.

`test_every_member_facing_route_is_in_the_matrix` fails when a named route of ours is
neither a page here nor in NO_MEMBER_DATA with the reason it shows nobody's data.

The world is built once for the module (in a transaction rolled back at the end); each
page is fetched once per viewer and every secret checked against it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import transaction
from django.test import Client, TestCase
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone, translation

from checkins import actions as checkin_actions
from checkins.models import CheckIn
from forums import actions
from forums.models import (
    Board,
    BoardGroup,
    Mute,
    Post,
    PostVersion,
    SavedPost,
    Thread,
    ThreadFollow,
    Topic,
    Visibility,
    save_draft,
)
from members import actions as member_actions
from members import mail as member_mail
from members.conversations import write_as_member
from members.models import Block, EmailFrequency, Profile, User
from moderation import actions as moderation_actions
from moderation.models import (
    FlagReason,
    MemberNote,
    ModerationSettings,
    WatchedAction,
    WatchedWord,
)
from moderation.roles import MODERATORS, STAFF
from tests.conftest import page as html_of
from tests.conftest import without_form_tokens  # `page` names a page of the matrix here
from tests.factories import experience, make_member, share

# --- The people -----------------------------------------------------------------------------

SUBJECT = "Wrenna"  # whose private things are planted; never one of the viewers
KEEPER = "Kestrel"  # keeps her experiences to herself; silenced; told off by a moderator
RESTING = "Ravenna"  # taking a break
VIEWERS = ["visitor", "member", "blocked", "blocker", "moderator", "staff"]
VIEWER_NAMES = {
    "member": "Cordelia",
    "blocked": "Beatrix",  # the subject blocked her
    "blocker": "Bonnie",  # she blocked the subject
    "moderator": "Marisol",
    "staff": "Solveig",
}
SIGNED_IN = set(VIEWERS) - {"visitor"}

SHOWN_EXPERIENCE = "Tidal grief"  # the subject shows it to other members
HIDDEN_EXPERIENCE = "Quiet hoarding"  # the keeper shows it to nobody
# The subject keeps this one to herself beside the two she shows; staff show it, so a
# match through it (the board's shared filter, the directory) would find her.
KEPT_EXPERIENCE = "Sea-glass worry"
WORD = "tidewater"  # in every post, so one search finds them all

NAMED_THREAD = "Lanterns on the quay"
PUBLIC_THREAD = "Hello from the lighthouse"
ANON_THREAD = "A nameless harbour"
HELD_THREAD = "Held heron thread"
HOST = "Oriel"  # starts the thread everyone meets in
OPEN_THREAD = "Open thread by Oriel"
NAMED_REPLY = "named kelp words"
ANON_REPLY = "anonymous driftwood words"
ANON_OPENING = "anonymous opening words"
HELD_REPLY = "heronhold words in a held reply"
BIO = "Bio marker: harbour lanterns"
FLAG_NOTE = "Flag note marker: gulls"
SILENCE_REASON = "Silence reason marker: cormorant"
WARN_NOTE = "Warn note marker: albatross"
MEMBER_NOTE = "Moderators' note marker: petrel"
DRAFT_WORDS = "Unsent draft marker: seafoam"
DRAFT_TITLE = "Draft title marker: brine"
MUTED_PHRASE = "Muted marker: selkie"
MESSAGE_SUBJECT = "Message subject marker: puffin"
TEAM_MESSAGE = "Team message marker: lighthouse keeper"
MEMBER_MESSAGE = "Member message marker: tern"
EARLIER_WORDS = "Earlier version marker: barnacle"
CHECKIN_DAY = datetime(2021, 2, 3, 10, 0, tzinfo=UTC)
BLOCK_WORDS = ["You blocked", "hidden from you", "block between", "blocked you"]


def _build_world() -> dict:
    ModerationSettings.objects.update_or_create(pk=1, defaults={"new_member_hold_count": 0})
    WatchedWord.objects.create(pattern="heronhold", action=WatchedAction.HOLD)
    group = BoardGroup.objects.create(name="Matrix", slug="matrix")
    private = Board.objects.create(
        group=group, slug="matrix-private", name="Matrix private", allow_anonymous=True
    )
    public = Board.objects.create(
        group=group,
        slug="matrix-public",
        name="Matrix public",
        visibility=Visibility.PUBLIC,
        allow_anonymous=True,
    )
    sleep = Topic.objects.get(slug="sleep")

    people = {role: make_member(name) for role, name in VIEWER_NAMES.items()}
    people["moderator"].groups.add(Group.objects.get(name=MODERATORS))
    people["staff"].groups.add(Group.objects.get(name=STAFF))
    # As they are in life: the admin is open to them (is_staff), with its two-step sign-in.
    User.objects.filter(pk__in=[people["moderator"].pk, people["staff"].pk]).update(is_staff=True)
    for role in ("moderator", "staff"):
        people[role].refresh_from_db()
    subject, keeper, resting = make_member(SUBJECT), make_member(KEEPER), make_member(RESTING)
    host = make_member(HOST)
    share(
        subject,
        SHOWN_EXPERIENCE,
        "Anxiety",
        KEPT_EXPERIENCE,
        shown=[SHOWN_EXPERIENCE, "Anxiety"],
        bio=BIO,
    )
    share(people["staff"], KEPT_EXPERIENCE)
    share(keeper, HIDDEN_EXPERIENCE, shown=False)
    share(resting, "Anxiety")
    for role in ("member", "blocked", "blocker"):
        share(people[role], "Anxiety")

    # The blocks come first: what follows is what each side sees and hears from then on.
    # (Notifications that reached the blocker *before* the block keep their text: they
    # are snapshots with no reference to who acted, until notifications get one.)
    Block.objects.create(blocker=subject, blocked=people["blocked"])
    member_actions.block(people["blocker"], subject)

    mentions = " ".join(f"@{name}" for name in VIEWER_NAMES.values())
    with TestCase.captureOnCommitCallbacks(execute=True):
        opening = actions.start_thread(
            board=private,
            author=host,
            title=OPEN_THREAD,
            body=f"{WORD} open to all",
            topics=[sleep],
        )
        open_thread = opening.thread
        for role in SIGNED_IN:
            ThreadFollow.objects.get_or_create(member=people[role], thread=open_thread)
        named = actions.start_thread(
            board=private,
            author=subject,
            title=NAMED_THREAD,
            body=f"{WORD} my named thread",
            topics=[sleep],
        )
        public_post = actions.start_thread(
            board=public, author=subject, title=PUBLIC_THREAD, body=f"{WORD} hello in public"
        )
        anon = actions.start_thread(
            board=private,
            author=subject,
            title=ANON_THREAD,
            body=f"{WORD} {ANON_OPENING}",
            anonymous=True,
            topics=[sleep],
        )
        keepers = actions.post_reply(
            thread=open_thread, author=keeper, body=f"{WORD} Kestrel's reply"
        )
        actions.post_reply(thread=open_thread, author=resting, body=f"{WORD} Ravenna's reply")
        anon_reply = actions.post_reply(
            thread=open_thread,
            author=subject,
            body=f"{WORD} {ANON_REPLY} {mentions}",
            anonymous=True,
        )
        named_reply = actions.post_reply(
            thread=open_thread, author=subject, body=f"{WORD} {NAMED_REPLY} {mentions}"
        )
        held_reply = actions.post_reply(
            thread=open_thread, author=subject, body=f"{WORD} {HELD_REPLY}"
        )
        held_thread = actions.start_thread(
            board=private, author=subject, title=HELD_THREAD, body=f"{WORD} heronhold"
        )
    assert held_reply.is_pending and held_thread.is_pending

    # Words the subject hasn't posted: in the thread everyone meets in, and a new thread.
    save_draft(member=subject, thread=open_thread, body=f"{WORD} {DRAFT_WORDS}")
    save_draft(member=subject, board=private, title=DRAFT_TITLE, body=f"{WORD} {DRAFT_WORDS}")

    # What the subject muted: a phrase of her own, the word in every post, the thread
    # everyone meets in and its board. Nobody else sees any of it, or anything folded for it.
    actions.mute_phrase(member=subject, phrase=MUTED_PHRASE)
    actions.mute_phrase(member=subject, phrase=WORD)
    actions.toggle_mute(member=subject, target=open_thread)
    actions.toggle_mute(member=subject, target=private)
    # Posts the subject saved: another member's, and the first of the thread everyone meets.
    SavedPost.objects.create(member=subject, post=keepers)
    SavedPost.objects.create(member=subject, post=open_thread.posts.get(number=1))

    moderation_actions.flag_post(
        post=keepers, member=subject, reason=FlagReason.OTHER, note=FLAG_NOTE
    )
    keeper_silence = moderation_actions.silence(
        keeper, by=people["moderator"], reason=SILENCE_REASON, period="24h"
    )
    # A post whose earlier words only moderators may read, in the admin: the subject
    # edited it, then a moderator did.
    edited = actions.post_reply(
        thread=named.thread, author=subject, body=f"{WORD} {EARLIER_WORDS} (author)"
    )
    actions.edit_post(post=edited, body=f"{WORD} {EARLIER_WORDS} (moderator)")
    actions.rewrite_post(post=edited, body=f"{WORD} edited kindly", by=people["moderator"])
    moderation_actions.warn(subject, by=people["moderator"], reason=WARN_NOTE)
    moderation_actions.write_member_note(subject, by=people["moderator"], text=MEMBER_NOTE)
    moderation_actions.write_member_note(keeper, by=people["staff"], text=MEMBER_NOTE)
    checkin_actions.opt_in_to_check_ins(subject)
    checkin = checkin_actions.record_check_in(subject, {})
    CheckIn.objects.filter(pk=checkin.pk).update(created_at=CHECKIN_DAY)
    # The moderation team writes to the subject, and she answers: private to the two.
    conversation = moderation_actions.write_to_member(
        subject, by=people["moderator"], subject=MESSAGE_SUBJECT, body=TEAM_MESSAGE
    ).conversation
    write_as_member(conversation, member=subject, body=MEMBER_MESSAGE)
    break_until = timezone.now() + timedelta(days=9, hours=3)
    member_actions.take_a_break(resting, break_until)

    return {
        "people": {"visitor": None, **people},
        "subject": subject,
        "keeper": keeper,
        "resting": resting,
        "private": private,
        "public": public,
        "open_thread": open_thread,
        "named_thread": named.thread,
        "public_thread": public_post.thread,
        "anon_thread": anon.thread,
        "named_reply": named_reply,
        "anon_reply": anon_reply,
        "held_reply": held_reply,
        "checkin": checkin,
        "conversation": conversation,
        "keeper_silence": keeper_silence,
        "break_until": break_until,
        "shown_slug": experience(SHOWN_EXPERIENCE).slug,
        "hidden_slug": experience(HIDDEN_EXPERIENCE).slug,
        "kept_slug": experience(KEPT_EXPERIENCE).slug,
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = _build_world()
        yield built
        transaction.set_rollback(True)


# --- The pages ------------------------------------------------------------------------------


def _get(path: Callable[[dict], str]) -> Callable:
    def fetch(client: Client, world: dict, user) -> str:
        response = client.get(path(world))
        return html_of(response) if response.status_code == 200 else ""

    return fetch


def _in_spanish(path: str) -> Callable:
    def fetch(client: Client, world: dict, user) -> str:
        with translation.override("es"):
            response = client.get(path, HTTP_ACCEPT_LANGUAGE="es")
        return html_of(response) if response.status_code == 200 else ""

    return fetch


def _export(client: Client, world: dict, user) -> str:
    if user is None:
        return ""
    return html_of(client.post("/account/privacy/export/"))


def _emails(frequency: str) -> Callable:
    """The notification e-mails this viewer would get: each on its own, or a summary."""

    def fetch(client: Client, world: dict, user) -> str:
        if user is None:
            return ""
        Profile.objects.filter(user=user).update(email_frequency=frequency)
        sent = len(mail.outbox)
        if frequency == EmailFrequency.IMMEDIATE:
            for pk in user.notifications.values_list("pk", flat=True):
                member_mail.send_notification(pk)
        else:
            member_mail.send_digest(user.pk, frequency)
        return "\n\n".join(f"{m.subject}\n{m.body}" for m in mail.outbox[sent:])

    return fetch


@dataclass(frozen=True)
class Page:
    name: str
    route: str | None  # the URL name it stands for, namespaced; None for an e-mail
    fetch: Callable[[Client, dict, User | None], str]
    about_subject: bool = False  # everything on it is about the subject
    lists: bool = False  # a list of threads, posts, people or notifications


def _quote(key: str) -> Callable[[dict], str]:
    return lambda w: f"/t/{w['open_thread'].pk}/reply/?quote={w[key].pk}"


PAGES = [
    Page("home", "forums:home", _get(lambda w: "/"), lists=True),
    Page("latest", "forums:latest", _get(lambda w: "/latest/"), lists=True),
    Page("needs reply", "forums:needs-reply", _get(lambda w: "/needs-reply/"), lists=True),
    Page("getting started", "forums:welcome", _get(lambda w: "/welcome/"), lists=True),
    Page("board", "forums:board-detail", _get(lambda w: f"/b/{w['private'].slug}/"), lists=True),
    Page(
        "public board",
        "forums:board-detail",
        _get(lambda w: f"/b/{w['public'].slug}/"),
        lists=True,
    ),
    # An older page, as the Older link reaches it (core/paging.py): a cursor after
    # every thread here, so the page lists them all but the pinned.
    Page(
        "board, older page",
        "forums:board-detail",
        _get(lambda w: f"/b/{w['private'].slug}/?before=2999-01-01T00:00:00.000000Z_999999999"),
        lists=True,
    ),
    Page(
        "latest, older page",
        "forums:latest",
        _get(lambda w: "/latest/?before=2999-01-01T00:00:00.000000Z_999999999"),
        lists=True,
    ),
    Page(
        "board, shared experiences",
        "forums:board-detail",
        _get(lambda w: f"/b/{w['private'].slug}/?shared=1"),
        lists=True,
    ),
    Page(
        "thread with everyone",
        "forums:thread-detail",
        _get(lambda w: w["open_thread"].get_absolute_url()),
    ),
    Page(
        "subject's thread",
        "forums:thread-detail",
        _get(lambda w: w["named_thread"].get_absolute_url()),
    ),
    Page(
        "subject's public thread",
        "forums:thread-detail",
        _get(lambda w: w["public_thread"].get_absolute_url()),
    ),
    Page(
        "anonymous thread",
        "forums:thread-detail",
        _get(lambda w: w["anon_thread"].get_absolute_url()),
    ),
    Page("topics", "forums:topic-list", _get(lambda w: "/topics/"), lists=True),
    Page("topic", "forums:topic-detail", _get(lambda w: "/topics/sleep/"), lists=True),
    Page("search", "forums:search", _get(lambda w: f"/search/?q={WORD}"), lists=True),
    # Read in another language, a query is stemmed by its rules too (forums/search.py).
    Page("search in Spanish", "forums:search", _in_spanish(f"/search/?q={WORD}"), lists=True),
    Page(
        "search by the subject's name",
        "forums:search",
        _get(lambda w: f"/search/?q={WORD}&author={SUBJECT}"),
        about_subject=True,
        lists=True,
    ),
    Page(
        "subject's profile",
        "forums:member-profile",
        _get(lambda w: f"/members/{SUBJECT}/"),
        about_subject=True,
    ),
    Page("keeper's profile", "forums:member-profile", _get(lambda w: f"/members/{KEEPER}/")),
    Page("resting profile", "forums:member-profile", _get(lambda w: f"/members/{RESTING}/")),
    Page("directory", "members:directory", _get(lambda w: "/members/"), lists=True),
    Page(
        "directory, shown experience",
        "members:directory",
        _get(lambda w: f"/members/?experience={w['shown_slug']}"),
        lists=True,
    ),
    Page(
        "directory, hidden experience",
        "members:directory",
        _get(lambda w: f"/members/?experience={w['hidden_slug']}"),
        lists=True,
    ),
    Page(
        "directory, an experience the subject keeps",
        "members:directory",
        _get(lambda w: f"/members/?experience={w['kept_slug']}"),
        lists=True,
    ),
    Page("notifications", "members:notifications", _get(lambda w: "/notifications/"), lists=True),
    Page(
        "notification e-mails",
        None,
        _emails(EmailFrequency.IMMEDIATE),
        lists=True,
    ),
    Page("daily summary e-mail", None, _emails(EmailFrequency.DAILY), lists=True),
    # One's own blocks: the blocker's list names whom she blocked, as it should.
    Page("blocked members", "members:blocked", _get(lambda w: "/account/blocked/")),
    Page("quoting the subject", "forums:thread-reply", _get(_quote("named_reply"))),
    Page("quoting an anonymous post", "forums:thread-reply", _get(_quote("anon_reply"))),
    Page(
        "flagging the subject's post",
        "moderation:flag-post",
        _get(lambda w: f"/p/{w['named_reply'].pk}/flag/"),
    ),
    Page(
        "flagging an anonymous post",
        "moderation:flag-post",
        _get(lambda w: f"/p/{w['anon_reply'].pk}/flag/"),
    ),
    Page(
        "editing the subject's held post",
        "forums:post-edit",
        _get(lambda w: f"/p/{w['held_reply'].pk}/edit/"),
    ),
    Page(
        "removing the subject's held post",
        "forums:post-delete",
        _get(lambda w: f"/p/{w['held_reply'].pk}/delete/"),
    ),
    Page(
        "the subject's check-in",
        "checkins:checkin-delete",
        _get(lambda w: f"/check-in/{w['checkin'].pk}/delete/"),
    ),
    Page("own check-ins", "checkins:checkin-history", _get(lambda w: "/check-in/history/")),
    Page("own profile form", "members:profile-edit", _get(lambda w: "/account/profile/")),
    Page("own break", "members:break", _get(lambda w: "/account/break/")),
    Page(
        "own e-mail choices",
        "members:email-preferences",
        _get(lambda w: "/account/email-preferences/"),
    ),
    Page("own colours", "members:colours", _get(lambda w: "/account/colours/")),
    Page("own language", "members:language", _get(lambda w: "/account/language/")),
    Page("own data and privacy", "members:privacy", _get(lambda w: "/account/privacy/")),
    Page("own drafts", "forums:drafts", _get(lambda w: "/drafts/")),
    Page("own mutes", "forums:mutes", _get(lambda w: "/mutes/")),
    Page("own saved posts", "forums:saved", _get(lambda w: "/saved/")),
    Page(
        "a new thread, where the subject has a draft",
        None,
        _get(lambda w: "/b/matrix-private/new/"),
    ),
    Page("own data, downloaded", "members:export", _export),
    Page(
        "the subject's conversation with the team",
        "members:conversation",
        _get(lambda w: w["conversation"].get_absolute_url()),
    ),
    Page("own messages", "members:conversations", _get(lambda w: "/messages/"), lists=True),
    # Only the keeper may ask for a second look at her silence (nobody here is her).
    Page(
        "a second look at the keeper's silence",
        "moderation:second-look",
        _get(lambda w: f"/second-look/{w['keeper_silence'].pk}/"),
    ),
]

# Routes of ours that show no member's data, each with the reason. A route in neither
# list fails test_every_member_facing_route_is_in_the_matrix.
NO_MEMBER_DATA = {
    "forums:thread-detail-short": "a redirect to the thread's full address",
    "forums:post-permalink": "a redirect to the post's page",
    "forums:thread-new": "an empty form for one's own new thread",
    "forums:follow-thread": "POST only; redirects",
    "forums:follow-board": "POST only; redirects",
    "forums:block-author": "POST only; redirects",
    "forums:react": "POST only; answers with a count",
    "forums:draft-delete": "POST only; redirects",
    "forums:mute-warning": "POST only; redirects",
    "forums:mute-remove": "POST only; redirects",
    "forums:mute-board": "POST only; redirects",
    "forums:mute-topic": "POST only; redirects",
    "forums:mute-thread": "POST only; redirects",
    "forums:save-post": "POST only; redirects, or answers whether it is saved",
    "moderation:help": "the organization's crisis resources",
    "members:unblock": "POST only; redirects",
    "members:set-language": "POST only; redirects",
    "checkins:checkin": "one's own check-in settings",
    "checkins:checkin-new": "the questions, for one's own answers",
    "checkins:checkin-delete-all": "one's own count of check-ins",
    "checkins:checkin-opt-in": "POST only; redirects",
    "checkins:checkin-opt-out": "POST only; redirects",
    "checkins:checkin-not-now": "POST only; redirects",
    "members:two-step-needed": "one's own sign-in settings",
    "members:erase": "one's own account, and a password box",
    "members:goodbye": "a farewell to whoever just left",
    "members:unsubscribe": "one button; names nobody, whoever holds the link",
    "figures:health": "staff figures: aggregates only (tests/boomity/test_health.py)",
    "figures:health-csv": "staff figures: aggregates only (tests/boomity/test_health.py)",
    "figures:checkins": "staff figures over 10+ members (tests/boomity/test_checkin_figures.py)",
    "figures:checkins-csv": "staff figures over 10+ members (test_checkin_figures.py)",
    "members:guidelines": "the community guidelines",
    "moderation:second-look-signed": "a signed link given only to a suspended member, on "
    "the page that turns them away; it stands for their own suspension "
    "(tests/moderation/test_second_look.py)",
    "favicon": "an icon",
    "bench-ceiling": "a bare page for measuring, only with BOOMITY_BENCH",
}


# Libraries' own routes: the admin (where moderators see private things by design, behind
# two-step sign-in) and allauth's account pages (one's own sign-in settings).
LIBRARY_PREFIXES = ("admin:", "account_", "socialaccount_", "mfa_")


def our_routes() -> set[str]:
    """Every named route of the project but the libraries' own, in every namespace — so
    a new app's routes are counted without anyone having to list the app."""
    names: set[str] = set()

    def walk(patterns, namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and entry.name:
                names.add(f"{namespace}:{entry.name}" if namespace else entry.name)

    walk(get_resolver().url_patterns, "")
    return {n for n in names if not n.startswith(LIBRARY_PREFIXES)}


# --- The private things ---------------------------------------------------------------------


@dataclass
class Seen:
    """One page as one viewer saw it, with what the checks may need."""

    page: Page
    viewer: str
    text: str
    world: dict
    as_member: Callable[[], str]  # the same page, as the unrelated member sees it


def _link_to(slug: str, name: str) -> re.Pattern:
    # An experience shown as someone's (beside a post, on a profile, in the directory) is
    # a link to the directory; the directory's own filter lists every name in a <select>.
    return re.compile(rf'experience={re.escape(slug)}">{re.escape(name)}</a>')


def _present(text: str, marker: str | re.Pattern) -> bool:
    if isinstance(marker, re.Pattern):
        return bool(marker.search(text))
    return marker in text


@dataclass(frozen=True)
class Secret:
    name: str
    markers: Callable[[dict], list]  # text (or patterns) that would give it away
    may_see: frozenset = frozenset()  # viewers who may see it
    shown_on: frozenset = frozenset()  # pages where those viewers must see it
    check: Callable[[Seen], list[str]] | None = None  # what a marker can't express

    def problems(self, seen: Seen) -> list[str]:
        found = [m for m in self.markers(seen.world) if _present(seen.text, m)]
        wrong = []
        if seen.viewer not in self.may_see:
            wrong += [f"shows {m!r}" for m in found]
        elif seen.page.name in self.shown_on and not found:
            wrong.append("should show it, and doesn't (is the check looking at the right page?)")
        if self.check is not None:
            wrong += self.check(seen)
        return wrong


class _Chunks(HTMLParser):
    """The text (and link addresses) of each outermost <article>, <li> and <details> of a
    page: one post, one row of a list, one notification."""

    TAGS = {"article", "li", "details"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._depth = 0
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.TAGS:
            if self._depth == 0:
                self._open = []
            self._depth += 1
        if self._depth:
            self._open += [v for k, v in attrs if k == "href" and v]

    def handle_endtag(self, tag):
        if tag in self.TAGS and self._depth:
            self._depth -= 1
            if self._depth == 0:
                self.chunks.append(" ".join(self._open))

    def handle_data(self, data):
        if self._depth:
            self._open.append(data)


def _records(data) -> list[str]:
    """Each innermost object of a JSON download (one post, one notification, …)."""
    if isinstance(data, list):
        return [r for item in data for r in _records(item)]
    if isinstance(data, dict):
        inner = [r for value in data.values() for r in _records(value)]
        nested = any(isinstance(v, dict | list) for v in data.values())
        return inner if nested else [json.dumps(data, ensure_ascii=False)]
    return []


def chunks(text: str) -> list[str]:
    """Posts, rows and notifications of a page; the records of a download; the
    paragraphs of an e-mail."""
    if text.startswith("{"):
        return _records(json.loads(text))
    if "<html" not in text:
        return re.split(r"\n\s*\n|\n- ", text)
    parser = _Chunks()
    parser.feed(text)
    return parser.chunks


ANON_MARKERS = [ANON_THREAD, ANON_OPENING, ANON_REPLY, "An anonymous member", "Anonymous member"]


def _anonymity(seen: Seen) -> list[str]:
    """Whatever shows an anonymous post never shows who wrote it beside it, and a page
    about the subject never shows their anonymous posts at all."""
    wrong = []
    if seen.page.about_subject:
        wrong += [
            f"lists the subject's anonymous {m!r}" for m in ANON_MARKERS[:3] if m in seen.text
        ]
    for chunk in chunks(seen.text):
        if any(m in chunk for m in ANON_MARKERS) and (
            SUBJECT in chunk or f"/members/{SUBJECT}/" in chunk
        ):
            wrong.append(f"names the author of an anonymous post: {chunk[:160]!r}")
    return wrong


def _silent_block(seen: Seen) -> list[str]:
    """The member the subject blocked sees exactly what an unrelated member sees."""
    if seen.viewer != "blocked" or seen.page.name == "own data, downloaded":
        return []  # the download holds one's own ids and times: checked by markers
    if _as_anyone(seen.text) != _as_anyone(seen.as_member()):
        return ["the blocked member's page differs from an unrelated member's"]
    return []


def _as_anyone(text: str) -> str:
    """A page with what is particular to the viewer taken out: their name, form tokens,
    the microseconds between two notifications made in the same moment."""
    text = without_form_tokens(text)
    text = re.sub(r'datetime="[^"]+"', "", text)
    text = re.sub(r'nonce="[^"]+"', "", text)
    text = re.sub(r"/unsubscribe/[^/\s]+/", "/unsubscribe/TOKEN/", text)
    names = "|".join([VIEWER_NAMES["member"], VIEWER_NAMES["blocked"]])
    return re.sub(rf"\b({names})\b", "VIEWER", text)


LIST_PAGES_WITH_SUBJECT = {
    "latest",
    "board",
    "search",
    "search in Spanish",
    "directory",
    "public board",
}


def _blockers_view(seen: Seen) -> list[str]:
    """Whoever blocked the subject no longer sees their threads or name in lists, nor
    hears from them; on a thread page the subject's posts stay folded. Everyone else
    still finds them."""
    wrong = []
    if seen.viewer == "blocker":
        if seen.page.lists:
            # What she typed herself (a search by the name) isn't the page showing it.
            shown = re.sub(r'value="[^"]*"', "", seen.text)
            for marker in (SUBJECT, NAMED_THREAD, PUBLIC_THREAD):
                if marker in shown:
                    wrong.append(f"lists {marker!r} to the member who blocked them")
        for chunk in chunks(seen.text):
            if NAMED_REPLY in chunk and "You blocked this member" not in chunk:
                wrong.append("shows the blocked member's post unfolded")
    elif (
        seen.viewer in SIGNED_IN
        and seen.page.name in LIST_PAGES_WITH_SUBJECT
        and SUBJECT not in seen.text
    ):
        wrong.append("should list the subject, and doesn't")
    return wrong


def _break(w: dict) -> list:
    day = timezone.localtime(w["break_until"])
    return [f"{day:%Y-%m-%d}", f"{day.day} {day:%B}", f"{day.day} {day:%b}"]


def _resting_out_of_directory(seen: Seen) -> list[str]:
    if seen.page.name.startswith("directory") and RESTING in seen.text:
        return ["lists a member who is taking a break"]
    return []


def _kept_beside_shown(seen: Seen) -> list[str]:
    """The subject shows two experiences and keeps one: the kept one is never hers on any
    page, row, e-mail or download another person gets, and never finds her."""
    slug = seen.world["kept_slug"]
    wrong = []
    if (seen.page.about_subject or seen.page.name == "subject's profile") and (
        KEPT_EXPERIENCE in seen.text or f"experience={slug}" in seen.text
    ):
        wrong.append("shows the experience the subject keeps on a page about her")
    for chunk in chunks(seen.text):
        if (SUBJECT in chunk or f"/members/{SUBJECT}/" in chunk) and (
            KEPT_EXPERIENCE in chunk or f"experience={slug}" in chunk
        ):
            wrong.append(f"shows the subject's kept experience beside her: {chunk[:160]!r}")
    if seen.page.name == "directory, an experience the subject keeps" and SUBJECT in seen.text:
        wrong.append("finds the subject by an experience she keeps")
    if seen.page.name == "board, shared experiences":
        # Staff share only what the subject keeps: none of her threads match for them.
        # Cordelia shares Anxiety, which the subject shows: hers are there (not an empty page).
        if seen.viewer == "staff" and NAMED_THREAD in seen.text:
            wrong.append("matches the subject's thread through an experience she keeps")
        if seen.viewer == "member" and NAMED_THREAD not in seen.text:
            wrong.append("should match the subject's thread through what she shows")
    return wrong


OTHERS = frozenset({"member", "blocked", "moderator", "staff"})  # signed in, not blocking


def _only_on_its_page(seen: Seen, markers: list[str]) -> list[str]:
    """What only moderators may see, they see on its own page, nowhere else."""
    if seen.page.name == "the subject's conversation with the team":
        return []
    return [f"shows {m!r} off its own page" for m in markers if m in seen.text]


SECRETS = [
    Secret(
        "e-mail address",
        lambda w: [w["subject"].email, w["keeper"].email, w["resting"].email],
    ),
    Secret(
        "lived experiences shown to other members",
        lambda w: [_link_to(w["shown_slug"], SHOWN_EXPERIENCE)],
        may_see=OTHERS,
        shown_on=frozenset(
            {
                "thread with everyone",
                "subject's thread",
                "subject's public thread",
                "subject's profile",
                "directory",
                "directory, shown experience",
            }
        ),
    ),
    Secret(
        "lived experiences kept to oneself",
        lambda w: [_link_to(w["hidden_slug"], HIDDEN_EXPERIENCE)],
    ),
    Secret("an experience kept beside ones shown", lambda w: [], check=_kept_beside_shown),
    Secret(
        "bio (for signed-in members)",
        lambda w: [BIO],
        may_see=OTHERS,
        shown_on=frozenset({"subject's profile"}),
    ),
    Secret("anonymous authorship", lambda w: [], check=_anonymity),
    Secret(
        "blocks",
        lambda w: BLOCK_WORDS,
        may_see=frozenset({"blocker"}),  # her own block, on her own side
        check=_silent_block,
    ),
    Secret("what a block hides from the blocker", lambda w: [], check=_blockers_view),
    Secret("check-ins", lambda w: [f"{CHECKIN_DAY:%-d %b %Y}", f"{CHECKIN_DAY:%Y-%m-%d}"]),
    Secret(
        "taking a break (only that, on the profile)",
        lambda w: [f"{RESTING} is taking a break"],
        may_see=OTHERS | {"blocker"},
        shown_on=frozenset({"resting profile"}),
    ),
    Secret("when a break ends", _break, check=_resting_out_of_directory),
    Secret("flags raised", lambda w: [FLAG_NOTE]),
    # Never anyone's but its author's and the moderators' (staff moderate too), wherever
    # a held post is shown to its author in place.
    Secret(
        "held posts",
        lambda w: [HELD_REPLY, HELD_THREAD, "heronhold"],
        may_see=frozenset({"moderator", "staff"}),
    ),
    Secret("sanctions", lambda w: [SILENCE_REASON]),
    Secret("notes from the moderators", lambda w: [WARN_NOTE]),
    # Nobody reads a member's drafts: not other members, not moderators or staff.
    Secret("drafts", lambda w: [DRAFT_WORDS, DRAFT_TITLE]),
    # Nobody learns what a member muted, nor sees anything folded or left out for it.
    Secret("mutes", lambda w: [MUTED_PHRASE, "you muted", "Muted — unmute", "you keep closed"]),
    # Nobody sees what a member saved: not the button pressed for them, not their list.
    Secret(
        "saved posts",
        lambda w: [
            re.compile(r'aria-pressed="true">Save<'),
            f"in “{w['open_thread'].title}”</a></h2>",
        ],
    ),
    # How many urgent items wait in the review queue: moderators' business (staff work
    # the queue too), in the member-facing header; never shown to members or visitors.
    Secret(
        "the review queue's urgent count",
        lambda w: [re.compile(r"\d+ urgent in the queue"), "/admin/moderation/reviewitem/"],
        may_see=frozenset({"moderator", "staff"}),
        shown_on=frozenset({"home"}),
    ),
    # The moderators' notes on a member: in the admin, and in that member's own download
    # (tests/moderation/test_member_page.py); on no page members use, not even for the
    # moderators who wrote them.
    Secret("moderators' notes on a member", lambda w: [MEMBER_NOTE]),
    # A conversation between the moderation team and a member: the moderators (staff
    # moderate too) read it on its own page, and nobody else anywhere.
    Secret(
        "messages with the moderation team",
        lambda w: [MESSAGE_SUBJECT, TEAM_MESSAGE, MEMBER_MESSAGE],
        may_see=frozenset({"moderator", "staff"}),
        shown_on=frozenset({"the subject's conversation with the team"}),
        check=lambda seen: _only_on_its_page(seen, [MESSAGE_SUBJECT, TEAM_MESSAGE, MEMBER_MESSAGE]),
    ),
    # A post's earlier versions are for moderators, in the admin only: no member-facing
    # page, e-mail or download shows them, not to its author either.
    Secret("earlier versions of a post", lambda w: [EARLIER_WORDS]),
]


# --- The matrix -----------------------------------------------------------------------------

_seen: dict[tuple[str, str], str] = {}


def _fetch(page: Page, viewer: str, world: dict) -> str:
    """The page as `viewer` sees it, fetched once for the whole module."""
    key = (page.name, viewer)
    if key not in _seen:
        client = Client()
        user = world["people"][viewer]
        if user is not None:
            client.force_login(user)
            client.get("/")  # a first page after signing in renews the session
        _seen[key] = page.fetch(client, world, user)
    return _seen[key]


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("secret", SECRETS, ids=lambda s: s.name)
def test_privacy_matrix(world, secret, page, viewer):
    seen = Seen(
        page=page,
        viewer=viewer,
        text=_fetch(page, viewer, world),
        world=world,
        as_member=lambda: _fetch(page, "member", world),
    )
    wrong = secret.problems(seen)
    assert not wrong, f"{secret.name} × {page.name} × {viewer}: " + "; ".join(wrong)


def test_every_member_facing_route_is_in_the_matrix():
    covered = {page.route for page in PAGES} | set(NO_MEMBER_DATA)
    missing = our_routes() - covered
    assert not missing, (
        f"Routes neither in PAGES nor in NO_MEMBER_DATA: {sorted(missing)}. Add a page "
        "(and it is checked against every private thing), or say why it shows nobody's data."
    )
    stale = set(NO_MEMBER_DATA) - our_routes() - {"bench-ceiling"}
    assert not stale, f"NO_MEMBER_DATA names routes that no longer exist: {sorted(stale)}"


@pytest.mark.django_db
def test_the_world_is_what_the_matrix_assumes(world):
    """The planted things are really there, so no row passes by finding nothing."""
    assert Post.objects.get(pk=world["held_reply"].pk).is_pending
    assert not Thread.objects.get(title=HELD_THREAD).is_visible
    assert world["anon_reply"].is_anonymous and world["anon_thread"].is_anonymous
    assert Block.objects.filter(blocker=world["subject"], blocked=world["people"]["blocked"])
    assert Block.objects.filter(blocker=world["people"]["blocker"], blocked=world["subject"])
    assert Profile.objects.get(user=world["resting"]).on_break
    assert SavedPost.objects.filter(member=world["subject"]).count() == 2
    assert Profile.objects.get(user=world["keeper"]).is_silenced
    assert any(WARN_NOTE in n.message for n in world["subject"].notifications.all())
    cordelia = world["people"]["member"]
    assert cordelia.notifications.filter(text__startswith="An anonymous member").exists()
    assert cordelia.notifications.filter(actor=world["subject"]).exists()
    assert not world["people"]["blocker"].notifications.filter(actor=world["subject"]).exists()
    assert Mute.objects.filter(member=world["subject"]).count() == 4
    assert MemberNote.objects.filter(member=world["subject"], text=MEMBER_NOTE).exists()
    earlier = PostVersion.objects.filter(body__contains=EARLIER_WORDS)
    assert earlier.count() == 2 and earlier.filter(by_moderator=True).count() == 1
