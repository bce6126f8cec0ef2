"""The seam through which upper layers screen every new or edited post.

forums knows nothing of moderation. Like AUTH_PASSWORD_VALIDATORS, the
setting BOOMITY_POST_SCREENERS lists classes (dotted paths) that forums runs on
every post before it is saved (`screen`) and, inside the same transaction,
after (`after_save`). moderation provides them; tests may list others.

A screener may change the text (replace words), refuse the post with a message
for its author, hold it for review, or mark it as crisis language.

Which rule wins is decided here, once every screener has spoken (`settle`): a
person at risk is never hidden or turned away. With crisis language, nothing
refuses the post, and it is held only if a screener says staff chose to hold
crisis posts (`hold_crisis`) — whatever else asked to hold it (a new member's
first posts, a watched word). The author is shown help; the screener opens an
urgent review.

A screener may also say, before anything is written, that a member's first
posts will be held (`holds_first_posts`), so the forms can tell them.

A screener may also say which posts are by someone who may be at risk now (`at_risk`:
an urgent review item for crisis language): the thread page shows the other members
who can reply how to respond, and that the moderators know.

A screener may also say which posts' words could distress the moderators who read
them in the admin (`distressing`): the admin keeps those folded until opened.

Screeners judge the author's own words: `Screening.own_body`, never words they quote
from someone else's post in the thread (`quoted_lines` decides which those are), so a
supporter who quotes a person in crisis isn't taken for one, nor refused or held for
a watched word that person wrote. A screener that rewrites words uses `rewrite_own`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

from django.conf import settings
from django.db.models import Q
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from .models import Post


@dataclass
class Screening:
    """What screeners decided about one post. Screeners fill it in, in order."""

    title: str | None  # None for replies
    body: str
    author: object
    board: object
    post: object | None = None  # the post being edited, if any
    refusal: str = ""  # said to the author; the post is not saved
    hold: bool = False  # saved, but waits for a moderator
    crisis: bool = False  # the author may be in crisis: show help now
    hold_crisis: bool = False  # staff hold posts with crisis language (else published)
    reasons: list[str] = field(default_factory=list)  # for the moderators
    flag: bool = False  # published, and a moderator should look
    # Lines of `body` quoting someone else's post in the thread (see quoted_lines).
    quoted: frozenset[str] = frozenset()

    @property
    def needs_review(self) -> bool:
        return self.hold or self.crisis or self.flag

    @property
    def own_body(self) -> str:
        """The body as the author's own words: without the lines they quoted from
        someone else's post. What screeners look in for crisis language and watched words."""
        if not self.quoted:
            return self.body
        return "\n".join(line for line in self.body.splitlines() if line not in self.quoted)

    def rewrite_own(self, change: Callable[[str], str]) -> None:
        """Change the author's own words in the body (`change` gets each run of their
        lines); quoted lines stay as the person quoted wrote them."""
        if not self.quoted:
            self.body = change(self.body)
            return
        written: list[str] = []
        own: list[str] = []
        for line, ended in zip(
            self.body.splitlines(), self.body.splitlines(keepends=True), strict=True
        ):
            if line in self.quoted:
                written += [change("".join(own)), ended] if own else [ended]
                own = []
            else:
                own.append(ended)
        if own:
            written.append(change("".join(own)))
        self.body = "".join(written)


class Screener(Protocol):
    def screen(self, screening: Screening) -> None: ...

    def after_save(self, post, screening: Screening) -> None: ...

    # Optional: `turned_away(post, screening, because)` hears of an edit with crisis
    # language that couldn't be saved (see `turned_away` below).
    # A screener may also have `holds_first_posts(author) -> bool` (see held_as_new).
    # Optional: `rewrite(screening)` changes the words as `screen` would (replaced
    # words) and decides nothing else, with no side effects (see as_saved).
    # Optional: {post pk: [a few plain words on why its words may distress a reader]}.
    # def distressing(self, posts: list) -> dict[int, list[str]]: ...
    # Optional: the pks of those posts whose author may be at risk now, in one query.
    # def at_risk(self, posts: list) -> set[int]: ...


class PostRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@cache
def _load(path: str) -> Screener:
    return import_string(path)()


def screeners() -> list[Screener]:
    return [_load(path) for path in getattr(settings, "BOOMITY_POST_SCREENERS", [])]


# A Markdown blockquote line, and the ">" marks (nested quotes too) before its text.
_QUOTE_LINE = re.compile(r"^ {0,3}>")
_QUOTE_MARKS = re.compile(r"^(?:[ \t]*>)+")
# Past this many different quoted lines, the posts are read without narrowing them in
# SQL: one OR per line would outgrow what a database takes in one statement.
_NARROWED_LINES = 50


def _quoted_text(line: str) -> str:
    """The words of a blockquote line ("" for any other line)."""
    return _QUOTE_MARKS.sub("", line).strip() if _QUOTE_LINE.match(line) else ""


def quoted_lines(body: str, *, thread, author, post=None) -> frozenset[str]:
    """The lines of `body` that are someone else's words: blockquote lines whose text
    is in a visible post of the same thread by another member (what Quote writes).
    Every other line is the author's own — a "> " line quoting nothing in the thread
    too, and words quoted from their own posts. One query, only if there are quotes."""
    wanted = {line: text for line in body.splitlines() if (text := _quoted_text(line))}
    if not wanted or thread is None:
        return frozenset()
    others = Post.objects.visible().filter(thread=thread)
    if author is not None:
        others = others.exclude(author=author)
    if post is not None:
        others = others.exclude(pk=post.pk)
    texts = set(wanted.values())
    if len(texts) <= _NARROWED_LINES:
        any_of = Q()
        for text in texts:
            any_of |= Q(body__contains=text)
        others = others.filter(any_of)
    bodies = list(others.values_list("body", flat=True))
    return frozenset(line for line, text in wanted.items() if any(text in b for b in bodies))


def _screening(*, author, board, title, body, thread, post=None) -> Screening:
    return Screening(
        title=title,
        body=body,
        author=author,
        board=board,
        post=post,
        quoted=quoted_lines(body, thread=thread, author=author, post=post),
    )


def as_saved(*, author, board, title: str | None, body: str, thread=None, post=None) -> Screening:
    """The words as saving would keep them (a preview): only the screeners' `rewrite`
    runs, so words are replaced and nothing else happens — nothing refused, held or
    flagged, no crisis help, nothing written, nobody told."""
    screening = _screening(
        author=author, board=board, title=title, body=body, thread=thread, post=post
    )
    for screener in screeners():
        if hasattr(screener, "rewrite"):
            screener.rewrite(screening)
    return screening


def screen(*, author, board, title: str | None, body: str, thread=None, post=None) -> Screening:
    """Run every screener; raise PostRefused if the post is refused. `thread` is the
    one the post is in (None for a new thread): words quoted from it aren't the author's."""
    screening = _screening(
        author=author, board=board, title=title, body=body, thread=thread, post=post
    )
    for screener in screeners():
        screener.screen(screening)
    settle(screening)
    if screening.refusal:
        raise PostRefused(screening.refusal)
    return screening


def settle(screening: Screening) -> Screening:
    """Where screeners disagree, a person at risk wins: crisis language follows the
    crisis setting alone. Nothing refuses the post, and nothing holds it unless
    staff chose to hold crisis posts."""
    if screening.crisis:
        screening.refusal = ""
        screening.hold = screening.hold_crisis
    return screening


def after_save(post, screening: Screening) -> None:
    for screener in screeners():
        screener.after_save(post, screening)


def held_as_new(author) -> bool:
    """Whether a new post by this member would wait for a moderator because they are
    new. The forms say so before they write: a held post should never come as a surprise."""
    return any(
        screener.holds_first_posts(author)
        for screener in screeners()
        if hasattr(screener, "holds_first_posts")
    )


def crisis_in(*, author, board, title: str | None, body: str, thread=None) -> bool:
    """Whether the screeners hear crisis language in this text, without saving it.

    Used where a post would otherwise be turned away (a posting limit): a person
    who may be in crisis is never turned away.
    """
    screening = _screening(author=author, board=board, title=title, body=body, thread=thread)
    for screener in screeners():
        screener.screen(screening)
    return screening.crisis


def turned_away(*, post, body: str, title: str | None = None, because: str) -> Screening:
    """An edit that can't be saved (the author's posting is paused, or the thread is
    locked): if its words have crisis language, the screeners that define
    `turned_away` hear of it, with the words, so that a moderator reads them. Nothing
    is saved to the post."""
    thread = post.thread
    screening = _screening(
        title=title if post.is_opening else None,
        body=body,
        author=post.author,
        board=thread.board,
        thread=thread,
        post=post,
    )
    for screener in screeners():
        screener.screen(screening)
    settle(screening)
    if screening.crisis:
        for screener in screeners():
            if hook := getattr(screener, "turned_away", None):
                hook(post, screening, because)
    return screening


def distressing(posts) -> dict[int, list[str]]:
    """Why each post's words (an opening post's title too) may distress a moderator:
    {post pk: ["crisis language", "content warning: self-harm", …]}. Posts not in it
    can be shown open. Content warnings are forums' own; the screeners add theirs.
    Each post needs its thread loaded (select_related)."""
    posts = list(posts)
    found: dict[int, list[str]] = {}
    for screener in screeners():
        check = getattr(screener, "distressing", None)
        for pk, why in (check(posts) if check and posts else {}).items():
            found.setdefault(pk, []).extend(why)
    for post in posts:
        warning = post.content_warning or post.thread.content_warning
        if warning:
            found.setdefault(post.pk, []).append(
                gettext("content warning: %(warning)s") % {"warning": warning}
            )
    return found


def at_risk(posts) -> set[int]:
    """The pks of these posts whose author may be at risk now: the moderators have an
    urgent review item for their crisis language. No query for no posts."""
    posts = list(posts)
    found: set[int] = set()
    for screener in screeners() if posts else []:
        if check := getattr(screener, "at_risk", None):
            found |= set(check(posts))
    return found


def distressing_titles(thread_ids) -> dict[int, list[str]]:
    """The same for threads' titles, which are their opening posts' words."""
    openings = Post.objects.filter(thread__in=set(thread_ids), number=1).select_related("thread")
    by_post = {post.pk: post.thread_id for post in openings}
    return {by_post[pk]: why for pk, why in distressing(openings).items()}
