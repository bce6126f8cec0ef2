"""A post on the thread page as HTML, at about the cost of copying it.

Rendering `forums/_post.html` twenty times was two-thirds of a thread page's cost
(issue 15). So each post is rendered from a `PostView`: plain values holding
everything the template shows — the parts every reader shares (author, badge,
dates, cooked body) and the parts that are this reader's (their reactions, whether
they blocked or muted the author, what they may do). The template is rendered with
nothing else in its context, so its HTML is a function of the view and the active
language alone, and is kept under a key made of exactly those: the same view in the
same language is the same HTML, whoever reads it. That is why no reader's page can
show another's: a block, a mute, an anonymous author, a hidden post, a content
warning or a language that differs makes a different view, hence a different key
(tests/forums/test_post_fragments.py proves it for each, reader against reader).

Nothing is ever invalidated: a post edited, hidden or reacted to makes a new view,
and the old HTML is simply never asked for again, until the cache drops it. The
cache is the process's own memory (the "fragments" cache in boomity/settings.py):
keys are contents, so processes and servers never disagree, and no deployment
needs a shared cache for correctness.

The one thing in a post that differs on every request, the CSRF token of its forms,
is rendered as a placeholder and put in when the page is assembled.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.core.cache import caches
from django.template import Context, loader
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from core.dates import moment_properties
from members.models import Role, profile_url

from .models import Post, Thread, warning_words

TEMPLATE = "forums/_post.html"
# The post's template and those it includes: what a kept post's HTML is made of.
TEMPLATES = (
    TEMPLATE,
    "members/_badge.html",
    "members/_experiences.html",
    "forums/_held_note.html",
)
# Stands for the CSRF token in kept HTML; it can't come from anything a member types
# (posts are escaped, and "\x00" never reaches a page).
CSRF_PLACEHOLDER = "\x00csrf\x00"


class Badge(NamedTuple):
    """What members/_badge.html reads of a profile."""

    role: str
    is_peer_supporter: bool

    @property
    def get_role_display(self) -> str:
        return str(Role(self.role).label)


class Experience(NamedTuple):
    """What members/_experiences.html reads of a lived experience."""

    get_directory_url: str
    local_name: str


class Reaction(NamedTuple):
    kind: str
    label: str
    total: int
    active: bool


class PostValues(NamedTuple):
    """Everything forums/_post.html shows of one post to one reader, as plain values."""

    pk: int
    number: int
    thread_pk: int
    # What the post is: one of "visible", "pending", "hidden", "removed".
    status: str
    hidden_by_members: bool
    # The byline: empty unless it is shown (a hidden or removed post says "Post 3").
    author_name: str
    linked: bool  # to the author's profile: never for a visitor or an anonymous post
    badge: Badge | None
    created_at: datetime
    edited_at: datetime | None  # shown only when set
    moderator_edited_at: datetime | None
    experiences: tuple[Experience, ...]
    # The body, and how it is folded for this reader: "blocked", "muted", "warning"
    # or "" (open); `warning` is the content warning's words, in the reader's language.
    body_html: str
    fold: str
    warning: str
    warning_closed: bool
    # What this reader may do.
    reactions: tuple[Reaction, ...]
    can_react: bool
    signed_in: bool
    saved: bool
    own: bool
    can_quote: bool
    can_edit: bool
    can_block: bool
    flag_url_name: str


class PostView(PostValues):
    """The values, and what the template works out from them only when it is rendered
    (the key is made of the values alone, so these cost nothing when the HTML is kept)."""

    __slots__ = ()

    @property
    def profile_url(self) -> str:
        return profile_url(self.author_name) if self.linked else ""

    created_iso, created_label = moment_properties("created_at")
    edited_iso, edited_label = moment_properties("edited_at")
    moderator_edited_iso, moderator_edited_label = moment_properties("moderator_edited_at")


def post_view(
    post: Post,
    *,
    thread: Thread,
    reader_pk: int | None,
    blocked: Collection[int],
    can_post: bool,
    flag_url_name: str,
) -> PostView | None:
    """What `post` shows the reader `reader_pk` (None for a visitor), or None when it
    has no place on their page. The thread view gives each post `.reaction_list`,
    `.muted_word`, `.warning_closed`, `.saved`, `.can_react` and
    `.author_experiences` first (forums/views.py thread_detail)."""
    own = reader_pk is not None and post.author_id == reader_pk
    if post.is_pending and not own:
        return None
    byline = post.is_visible or post.is_pending
    open_body = byline  # a hidden or removed post shows a placeholder instead
    profile = post.author_profile if byline else None
    signed_in = reader_pk is not None
    warning = warning_words(post.content_warning or thread.content_warning) if open_body else ""
    if not open_body:
        fold = ""
    elif not post.is_anonymous and post.author_id in blocked:
        fold = "blocked"
    elif post.muted_word:
        fold = "muted"
    else:
        fold = "warning" if warning else ""
    visible = post.is_visible
    return PostView(
        pk=post.pk,
        number=post.number,
        thread_pk=thread.pk,
        status=post.status,
        hidden_by_members=post.is_hidden and post.hidden_by_members,
        author_name=str(post.author_name) if byline else "",
        linked=profile is not None and signed_in,
        badge=Badge(profile.role, profile.is_peer_supporter) if profile else None,
        created_at=post.created_at,
        edited_at=post.edited_at if visible else None,
        moderator_edited_at=post.moderator_edited_at if byline else None,
        experiences=(
            tuple(Experience(e.get_directory_url(), str(e.local_name)) for e in experiences)
            if visible and (experiences := post.author_experiences)
            else ()
        ),
        body_html=post.body_html if open_body else "",
        fold=fold,
        warning=warning,
        warning_closed=fold == "warning" and post.warning_closed,
        reactions=(
            tuple(
                Reaction(kind, str(label), count, active)
                for kind, label, count, active in post.reaction_list
            )
            if visible
            else ()
        ),
        can_react=visible and post.can_react,
        signed_in=signed_in,
        saved=visible and post.saved,
        own=own,
        can_quote=visible and can_post and not thread.is_locked,
        can_edit=own and not thread.is_locked,
        can_block=(
            visible
            and signed_in
            and not own
            and not post.is_anonymous
            and post.author_id is not None
            and post.author_id not in blocked
        ),
        flag_url_name=flag_url_name if visible and signed_in and not own else "",
    )


def _key(view: PostView) -> str:
    """The view, the language, the time zone and the site's address prefix (the HTML's
    links start with it), and the template itself: everything the HTML is made of."""
    made_of = (
        _template_version(),
        translation.get_language(),
        timezone.get_current_timezone_name(),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
        view,
    )
    return "post:" + hashlib.blake2b(repr(made_of).encode(), digest_size=20).hexdigest()


def _template_version() -> str:
    """Changes when the post templates change on disk (while developing; a deployment
    starts new processes, whose caches start empty)."""
    if not settings.DEBUG:
        return ""
    stamps = []
    for name in TEMPLATES:
        origin = loader.get_template(name).origin.name  # type: ignore[attr-defined]
        stamps.append(str(Path(origin).stat().st_mtime_ns))
    return ",".join(stamps)


def render_post(view: PostView, csrf_token: str) -> SafeString:
    """`view` as HTML, from the cache when it was rendered before, with this request's
    CSRF token in its forms."""
    cache = caches["fragments"]
    key = _key(view)
    html = cache.get(key)
    if html is None:
        template = loader.get_template(TEMPLATE).template  # type: ignore[attr-defined]
        html = template.render(
            Context({"v": view, "csrf_token": CSRF_PLACEHOLDER}, autoescape=True)
        )
        cache.set(key, str(html))
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, csrf_token)
    return mark_safe(html)  # noqa: S308 - rendered by the template, which escapes
