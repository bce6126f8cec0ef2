"""The safety matrix: every way words get in × (crisis language, a safety flag).

Generated, not hand-picked: each row is one way a member's words reach the community
(WAYS_IN), each column one thing that must bring a moderator closer without hiding
the person (COLUMNS). Every cell asserts the same promises (design.md, "Which rule
wins"):

- the author sees help first: the page after posting is reached without a '#' jump,
  and the crisis message comes before any post on it (crisis-language columns);
- peers can read the post unless staff chose to hold crisis posts — or the words
  could never be posted (a silenced member, a locked thread: they are kept,
  unpublished, for the author and the moderators);
- exactly one open urgent review item, about the author's post;
- the on-call moderators are e-mailed exactly once;
- nothing hides a person at risk: no flag threshold, hold, limit or watched word.

The safety-flag column flags words the screening doesn't catch, as members read
them: posted the row's way, approved first where the row holds them, and where the
row turns such words away (a blocked word, the limit, a pause, a lock) the author's
earlier post in the thread. Three members say they're worried about the author's
safety and two find it unkind: with the hide threshold at 2, only the rule that a
person at risk is never hidden keeps it up.

A new way in (a new form, a new screening rule) belongs in WAYS_IN.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.utils.html import escape

from forums import actions as forum_actions
from forums.models import Post, PostStatus, Thread
from forums.views import crisis_message
from members.models import Notification
from moderation import actions
from moderation.models import (
    AuditEntry,
    FlagReason,
    Priority,
    ReviewItem,
    ReviewState,
    WatchedAction,
    WatchedWord,
)
from tests.conftest import page
from tests.factories import make_board, make_member, make_thread, set_moderation

# What someone at risk writes (one of the issue's own examples): the defaults hear it.
CRISIS = "Nobody would notice if I disappeared. I feel like such a burden lately."
# Another member's crisis post, which the author quotes (the quote row).
SOMEONE_ELSES_CRISIS = "I don't want to be here anymore."
# What worries other members, though no phrase list hears it.
QUIET = "I've sorted out who gets my books. Thank you all for everything, truly."
WATCHED = "casino"
PHONE = "Text me on 07700 900123."
MODERATOR_REASON = "Personal details stay private, to protect you."


@dataclass
class World:
    board: object
    thread: object  # Alice's thread, where most words go
    author: object
    earlier: Post | None  # the author's visible post in the thread, before anything else
    peer: object
    moderator: object
    settings: object
    extra: dict = field(default_factory=dict)


def _reply(client, w: World, body: str, **extra):
    return client.post(f"/t/{w.thread.pk}/reply/", {"body": body, **extra})


def _items_about(post: Post) -> list[tuple]:
    return list(
        ReviewItem.objects.filter(post=post)
        .order_by("pk")
        .values_list("pk", "state", "priority", "crisis", "reasons")
    )


def _latest_post(w: World) -> Post | None:
    return Post.objects.filter(author=w.author).exclude(pk=getattr(w.earlier, "pk", None)).last()


class WayIn:
    """One way words get in. `write` sends `words` as the author, the way a browser
    would, and returns the response to that request (not followed)."""

    name = ""
    ordinary_words_refused = False  # without crisis language, these words don't get in
    kept_unpublished = False  # crisis words are kept for moderators, never published

    def prepare(self, w: World) -> None:
        pass

    def words(self, text: str) -> str:
        return text

    def write(self, client, w: World, text: str):
        return _reply(client, w, self.words(text))

    def post(self, w: World) -> Post | None:
        return _latest_post(w)

    def after(self, client, w: World, post: Post) -> None:
        """Anything that happens to the words after they're in (a moderator's edit)."""

    def also_urgent(self, w: World) -> list[int]:
        """Others' posts whose urgent items were open before the author wrote."""
        return []


class NewThread(WayIn):
    name = "new thread"

    def write(self, client, w, text):
        return client.post(f"/b/{w.board.slug}/new/", {"title": "A long night", "body": text})


class Reply(WayIn):
    name = "reply"


class Quote(WayIn):
    name = "quote"

    def write(self, client, w, text):
        opening = w.thread.posts.get(number=1)
        form = client.get(f"/t/{w.thread.pk}/reply/?quote={opening.pk}")
        quoted = form.context["form"].initial["body"]
        assert "Does anyone else lie awake?" in quoted
        return _reply(client, w, f"{quoted}\n\n{text}")


class QuoteOfSomeoneInCrisis(WayIn):
    """The author quotes another member's crisis post, then writes their own words: the
    quoted words are that member's (and that post's own item), never the author's."""

    name = "quote of someone else's crisis"

    def prepare(self, w):
        quoted = forum_actions.post_reply(
            thread=w.thread, author=make_member("Kit"), body=SOMEONE_ELSES_CRISIS
        )
        item = ReviewItem.objects.get(post=quoted)
        if quoted.is_pending:  # staff hold crisis posts: a moderator published it
            actions.approve(item, by=w.moderator)
        w.extra["quoted"] = quoted
        w.extra["its items"] = _items_about(quoted)

    def write(self, client, w, text):
        quoted = w.extra["quoted"]
        form = client.get(f"/t/{w.thread.pk}/reply/?quote={quoted.pk}")
        quote = form.context["form"].initial["body"]
        assert SOMEONE_ELSES_CRISIS in quote
        return _reply(client, w, f"{quote}\n\n{text}")

    def after(self, client, w, post):
        assert _items_about(w.extra["quoted"]) == w.extra["its items"]

    def also_urgent(self, w):
        is_open = any(state != ReviewState.RESOLVED for _, state, *_ in w.extra["its items"])
        return [w.extra["quoted"].pk] if is_open else []


class Edit(WayIn):
    name = "edit"

    def write(self, client, w, text):
        return client.post(f"/p/{w.earlier.pk}/edit/", {"body": text})

    def post(self, w):
        return Post.objects.get(pk=w.earlier.pk)


class Anonymous(WayIn):
    name = "anonymous post"

    def prepare(self, w):
        w.board.allow_anonymous = True
        w.board.save(update_fields=["allow_anonymous"])

    def write(self, client, w, text):
        return _reply(client, w, text, anonymous="on")


class FirstPost(WayIn):
    name = "a new member's first post"

    def prepare(self, w):
        set_moderation(new_member_hold_count=1)
        w.author = make_member("Newcomer")  # has never posted
        w.earlier = None

    def write(self, client, w, text):
        client.force_login(w.author)
        return NewThread().write(client, w, text)


class OverTheLimit(WayIn):
    name = "over the posting limit"
    ordinary_words_refused = True

    def prepare(self, w):
        w.settings.BOOMITY_RATE_LIMITS = {
            **w.settings.BOOMITY_RATE_LIMITS,
            "reply": {"new": "1/h", "member": "1/h"},
        }

    def write(self, client, w, text):
        assert _reply(client, w, "Thanks, that helps.").status_code == 302  # the one allowed
        return _reply(client, w, text)

    def post(self, w):
        return Post.objects.filter(author=w.author).order_by("pk").last()


class Silenced(WayIn):
    name = "silenced member"
    ordinary_words_refused = True
    kept_unpublished = True

    def prepare(self, w):
        actions.silence(w.author, by=w.moderator, reason="A pause.", period="24h")
        w.author.refresh_from_db()


class WatchedBlock(WayIn):
    name = "watched word: block"
    ordinary_words_refused = True

    def prepare(self, w):
        WatchedWord.objects.create(pattern=WATCHED, action=WatchedAction.BLOCK)

    def words(self, text):
        return f"{text} The {WATCHED} took everything."


class WatchedHold(WatchedBlock):
    name = "watched word: hold"
    ordinary_words_refused = False

    def prepare(self, w):
        WatchedWord.objects.create(pattern=WATCHED, action=WatchedAction.HOLD)


class WatchedReplace(WatchedBlock):
    name = "watched word: replace"
    ordinary_words_refused = False

    def prepare(self, w):
        WatchedWord.objects.create(
            pattern=WATCHED, action=WatchedAction.REPLACE, replacement="[a gambling site]"
        )


class Locked(WayIn):
    name = "locked thread"
    ordinary_words_refused = True
    kept_unpublished = True

    def prepare(self, w):
        w.thread.lock()


class ModeratorEdit(WayIn):
    """The author's words, then a moderator's edit of them in the admin (a phone number
    taken out): the words stay where the crisis setting put them, and say who edited."""

    name = "moderator edit"

    def words(self, text):
        return f"{text} {PHONE}"

    def after(self, client, w, post):
        item = ReviewItem.objects.open().filter(post=post).first()
        if item is None:  # nothing brought it to the queue yet: a member flags the number
            actions.flag_post(post=post, member=make_member(), reason=FlagReason.OTHER)
            item = ReviewItem.objects.open().get(post=post)
        client.force_login(w.moderator)
        response = client.post(
            f"/admin/moderation/reviewitem/{item.pk}/change/",
            {
                "decision": "edit",
                "reason": MODERATOR_REASON,
                "body": post.body.replace(PHONE, "").strip(),
                "silence_for": "24h",
            },
        )
        assert response.status_code == 302, response.status_code
        post.refresh_from_db()
        assert "07700" not in post.body and post.moderator_edited_at is not None
        client.force_login(w.author)


WAYS_IN = [
    NewThread(),
    Reply(),
    Quote(),
    QuoteOfSomeoneInCrisis(),
    Edit(),
    Anonymous(),
    FirstPost(),
    OverTheLimit(),
    Silenced(),
    WatchedBlock(),
    WatchedHold(),
    WatchedReplace(),
    Locked(),
    ModeratorEdit(),
]

# (column id, the staff's crisis setting, what happens)
COLUMNS = [
    ("crisis language, staff publish crisis posts", "publish", "crisis"),
    ("crisis language, staff hold crisis posts", "hold", "crisis"),
    ("safety flags on words screening misses", "publish", "safety flag"),
]


@pytest.fixture
def world(db, settings, oncall, moderator):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    board = make_board("hard-days", name="Hard days")
    alice = make_member("Alice")
    thread = make_thread(
        board, alice, title="Sleep when anxious", body="Does anyone else lie awake?"
    )
    author = make_member("Sam")
    earlier = forum_actions.post_reply(thread=thread, author=author, body="Same here, most nights.")
    set_moderation(flag_hide_threshold=2, new_member_hold_count=0)
    return World(board, thread, author, earlier, make_member("Robin"), moderator, settings)


def oncall_mails(mailoutbox, oncall) -> list:
    return [mail for mail in mailoutbox if sorted(mail.to) == sorted(oncall)]


def help_comes_first(client, response) -> None:
    """The contract with the thread page: no '#' jump, and the crisis message and
    resources before any post."""
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    assert "#" not in location, f"the browser would jump past the help to {location}"
    landed = client.get(location, follow=True)
    for url, _ in landed.redirect_chain:
        assert "#" not in url, f"the browser would jump past the help to {url}"
    html = page(landed)
    message = escape(crisis_message())
    assert message in html, "the crisis message must be on the page they land on"
    assert 'class="crisis-panel"' in html
    if "<article" in html:
        assert html.index(message) < html.index("<article"), "help must come before any post"


def peer_reads(client, w: World, post: Post, marker: str) -> bool:
    client.force_login(w.peer)
    response = client.get(Thread.objects.get(pk=post.thread_id).page_url(post.page))
    client.force_login(w.author)
    return response.status_code == 200 and marker in page(response)


def flag_as_members(client, w: World, post: Post) -> None:
    """Three members worried about the author, two who found it unkind; each is thanked
    and returned to the thread, never to "not found"."""
    reasons = [FlagReason.SAFETY] * 3 + [FlagReason.UNKIND] * 2
    for n, reason in enumerate(reasons):
        client.force_login(make_member(f"Flagger {n}"))
        response = client.post(f"/p/{post.pk}/flag/", {"reason": reason, "note": ""})
        assert response.status_code == 302
        landed = client.get(response["Location"], follow=True)
        assert landed.status_code == 200
        assert "Thank you" in page(landed)
    client.force_login(w.author)


def case_id(value) -> str:
    return value.name if isinstance(value, WayIn) else value[0]


@pytest.mark.django_db
@pytest.mark.parametrize("column", COLUMNS, ids=case_id)
@pytest.mark.parametrize("way", WAYS_IN, ids=case_id)
def test_a_person_at_risk_is_never_hidden(
    client, world, way, column, oncall, mailoutbox, django_capture_on_commit_callbacks
):
    w = world
    _, setting, what = column
    set_moderation(crisis_post_behaviour=setting)
    way.prepare(w)
    client.force_login(w.author)

    with django_capture_on_commit_callbacks(execute=True):
        if what == "crisis":
            response = way.write(client, w, CRISIS)
            help_comes_first(client, response)
            post = way.post(w)
            assert post is not None and "Nobody would notice" in post.body
        else:
            response = way.write(client, w, QUIET)
            post = None if way.ordinary_words_refused else way.post(w)
            if post is None:
                assert response.status_code in (400, 403, 429), response.status_code
                post = w.earlier
            elif post.is_pending:  # held for review: readable once a moderator approves
                actions.approve(ReviewItem.objects.open().get(post=post), by=w.moderator)
            assert Post.objects.get(pk=post.pk).is_visible
    # The post's own commit first, as on the site: its page to the on-call list goes
    # before a moderator decides on the item (deciding claims it, which acknowledges).
    with django_capture_on_commit_callbacks(execute=True):
        way.after(client, w, post)
        if what == "safety flag":
            flag_as_members(client, w, post)

    post.refresh_from_db()
    marker = next(
        words
        for words in ("Nobody would notice", "who gets my books", "Same here, most nights.")
        if words in post.body
    )

    # Peers read it unless staff hold crisis posts, or the words could never be posted.
    readable = what == "safety flag" or (setting == "publish" and not way.kept_unpublished)
    assert post.status == (PostStatus.VISIBLE if readable else PostStatus.PENDING)
    assert peer_reads(client, w, post, marker) is readable
    if readable and isinstance(way, ModeratorEdit):
        assert "Edited by a moderator" in page(client.get(post.get_absolute_url(), follow=True))

    # Exactly one open urgent item about this post, and none new about anyone else's.
    urgent = ReviewItem.objects.open().filter(priority=Priority.URGENT)
    assert sorted(item.post_id for item in urgent) == sorted([post.pk, *way.also_urgent(w)])
    assert urgent.get(post=post).crisis is (what == "crisis")

    # The on-call moderators heard once.
    assert len(oncall_mails(mailoutbox, oncall)) == 1

    # Nothing hid a person at risk, nor told them anything that reads as rejection.
    assert not AuditEntry.objects.filter(action="auto-hide").exists()
    assert Thread.objects.get(pk=post.thread_id).is_visible or not readable
    told = " ".join(Notification.objects.filter(recipient=w.author).values_list("text", flat=True))
    assert "hidden" not in told.lower()


def test_the_matrix_covers_every_way_in_and_both_settings():
    """Its size, for the record: rows × columns = cases run."""
    assert len(WAYS_IN) == 14 and len({way.name for way in WAYS_IN}) == 14
    assert {setting for _, setting, what in COLUMNS if what == "crisis"} == {"publish", "hold"}
    assert len(WAYS_IN) * len(COLUMNS) == 42
