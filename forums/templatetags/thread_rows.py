"""`{% thread_rows threads show_board=True %}`: the rows of a list of threads.

A board page, Latest, Needs a reply, a topic and Getting started list 25 threads; done
by Django's templates for each row, a row's addresses (a reverse() each), its words
(a {% blocktranslate %} each), its badges (an {% include %} each) and the template
itself were most of a list page's cost. Here what differs from row to row is made
once for the whole list — addresses without reverse() (core/addresses.py), words and
badges made once for each kind — and the rows are rendered by Jinja2
(templates/jinja2/forums/_thread_rows.html), four times faster for them.

Nothing here is kept between requests: each reader's rows (what they haven't read,
what they folded, whose name they blocked) are made for them alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext

from core import addresses, jinja2
from core.jinja2 import per_number
from core.templatetags.when import ago

from ..models import Thread, warning_words

register = template.Library()


@register.simple_tag
def thread_rows(
    threads,
    *,
    show_board: bool = False,
    show_started: bool = False,
    plain: bool = False,
    highlight_newcomer: bool = False,
) -> SafeString:
    """`show_board`: say which board each thread is in (lists that span boards);
    `show_started`: when it was started rather than its latest post (Needs a reply);
    `plain`: no "Pinned" (lists other than a board's); `highlight_newcomer`: mark a
    newcomer's first thread."""
    rows = _made(list(threads), show_board=show_board, show_started=show_started)
    context = {
        "threads": rows,
        "show_board": show_board,
        "show_started": show_started,
        "plain": plain,
        "highlight_newcomer": highlight_newcomer,
        "never_opened": pgettext("badge: a thread never opened", "New"),
        "held_note": held_note(any(not thread.is_visible for thread in rows)),
    }
    return jinja2.render("forums/_thread_rows.html", context)


def held_note(needed: bool) -> str:
    """The note beside a reader's own post or thread that waits for a moderator, rendered
    once for a page that has one (and not at all for the many that don't)."""
    return render_to_string("forums/_held_note.html") if needed else ""


def in_board_maker() -> Callable[[str, str], SafeString]:
    """`in_board(url, name)`: 'In <a href="url">name</a>' in the request's language, both
    escaped. Make one for each page."""
    words = gettext('In <a href="%(url)s">%(name)s</a>')

    def in_board(url: str, name: str) -> SafeString:
        return mark_safe(words % {"url": escape(url), "name": escape(name)})  # noqa: S308

    return in_board


def badge_maker() -> Callable[[Any], str]:
    """`badge(profile)`: a person's badges (members/_badge.html), rendered once for each
    kind on a page. Make one for each page: the words are in the request's language."""
    badges: dict[tuple[str, bool], str] = {}

    def badge(profile: Any) -> str:
        # The badge partial shows a profile's role and whether they are a peer
        # supporter, nothing else: one rendering serves every profile alike.
        if profile is None:
            return ""
        kind = (profile.role, profile.is_peer_supporter)
        if kind not in badges:
            badges[kind] = render_to_string("members/_badge.html", {"profile": profile})
        return badges[kind]

    return badge


def _made(threads: list[Thread], *, show_board: bool, show_started: bool) -> list[Thread]:
    """Give each row what it shows that differs from row to row: its addresses (`.url`,
    `.latest_url`, each topic's `.url`), its words in the reader's language
    (`.started_by`, `.replies`, `.latest_by` — no name when the last poster is someone
    the reader blocked — `.latest_ago` or `.started_ago`, `.in_board`, `.unread_label`,
    `.warning_label`) and the people's badges (`.author_badges`, `.latest_badges`)."""
    thread_at = addresses.maker("forums:thread-detail", 2)
    post_at = addresses.maker("forums:post-permalink")
    board_at = addresses.maker("forums:board-detail")
    topic_at = addresses.maker("forums:topic-detail")
    started_by = gettext("Started by %(name)s")
    latest_by = gettext("latest by %(name)s")
    latest = pgettext("the time of a thread's latest post follows", "latest")
    in_board = in_board_maker()
    replies = per_number(lambda n: ngettext("%(counter)s reply", "%(counter)s replies", n))
    badge = badge_maker()
    for thread in threads:
        thread.url = thread_at(thread.pk, thread.slug)
        for topic in thread.row_topics:
            topic.url = topic_at(topic.slug)
        if show_board:
            thread.in_board = in_board(board_at(thread.board.slug), thread.board.name)
        unread = getattr(thread, "unread", None)
        if unread and unread != "new":
            words = ngettext(
                '%(counter)s new<span class="visually-hidden"> in %(title)s</span>',
                '%(counter)s new<span class="visually-hidden"> in %(title)s</span>',
                unread,
            )
            title = escape(thread.title)
            thread.unread_label = mark_safe(words % {"counter": unread, "title": title})  # noqa: S308
        if thread.content_warning:
            thread.warning_label = gettext("Content warning: %(warning)s") % {
                "warning": warning_words(thread.content_warning)
            }
        thread.started_by = started_by % {"name": thread.author_name}
        thread.author_badges = badge(thread.author_profile)
        thread.replies = replies(thread.reply_count)
        if show_started:
            thread.started_ago = ago(thread.created_at)
        elif thread.last_post is not None:
            thread.latest_url = post_at(thread.last_post_id)
            thread.latest_ago = ago(thread.last_post_at)
            if thread.last_poster_hidden:
                thread.latest_by, thread.latest_badges = latest, ""
            else:
                thread.latest_by = latest_by % {"name": thread.last_post.author_name}
                thread.latest_badges = badge(thread.last_post.author_profile)
    return threads
