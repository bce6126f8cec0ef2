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
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


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

    @property
    def needs_review(self) -> bool:
        return self.hold or self.crisis or self.flag


class Screener(Protocol):
    def screen(self, screening: Screening) -> None: ...

    def after_save(self, post, screening: Screening) -> None: ...

    # Optional: `turned_away(post, screening, because)` hears of an edit with crisis
    # language that couldn't be saved (see `turned_away` below).
    # A screener may also have `holds_first_posts(author) -> bool` (see held_as_new).


class PostRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@cache
def _load(path: str) -> Screener:
    return import_string(path)()


def screeners() -> list[Screener]:
    return [_load(path) for path in getattr(settings, "BOOMITY_POST_SCREENERS", [])]


def screen(*, author, board, title: str | None, body: str, post=None) -> Screening:
    """Run every screener; raise PostRefused if the post is refused."""
    screening = Screening(title=title, body=body, author=author, board=board, post=post)
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


def crisis_in(*, author, board, title: str | None, body: str) -> bool:
    """Whether the screeners hear crisis language in this text, without saving it.

    Used where a post would otherwise be turned away (a posting limit): a person
    who may be in crisis is never turned away.
    """
    screening = Screening(title=title, body=body, author=author, board=board)
    for screener in screeners():
        screener.screen(screening)
    return screening.crisis


def turned_away(*, post, body: str, title: str | None = None, because: str) -> Screening:
    """An edit that can't be saved (the author's posting is paused, or the thread is
    locked): if its words have crisis language, the screeners that define
    `turned_away` hear of it, with the words, so that a moderator reads them. Nothing
    is saved to the post."""
    thread = post.thread
    screening = Screening(
        title=title if post.is_opening else None,
        body=body,
        author=post.author,
        board=thread.board,
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
