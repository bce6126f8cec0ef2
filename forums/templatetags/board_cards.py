"""`{% board_groups groups %}`: the home page's boards, group by group.

A card's words (how many threads and posts, the latest thread, when) were a
{% blocktranslate %} each, three or four to a board, and Django's templates rendered
them at about a sixth of a millisecond a board: most of the home page's own cost.
Here the words are made in Python, once for each count, and the cards are rendered by
Jinja2 (templates/jinja2/forums/_board_groups.html), as a list's thread rows are
(forums/templatetags/thread_rows.py).

Nothing is kept between requests: what a card says of a board's latest thread is
this reader's alone (forums.views.home leaves out what they may not read or muted).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from core.jinja2 import per_number, render
from core.templatetags.when import ago

register = template.Library()


@register.simple_tag
def board_groups(groups: list[tuple[Any, list[Any]]]) -> SafeString:
    """`groups`: (group, its boards) in order, each board with `.url`, and `.latest`
    and `.latest_url` for the latest thread this reader may see (or None and "")."""
    threads = per_number(lambda n: ngettext("%(counter)s thread", "%(counter)s threads", n))
    posts = per_number(lambda n: ngettext("%(counter)s post", "%(counter)s posts", n))

    latest_in = gettext('latest in <a href="%(url)s">%(title)s</a>')
    for _group, boards in groups:
        for board in boards:
            board.threads_label = threads(board.thread_count)
            board.posts_label = posts(board.post_count)
            if board.latest is not None:
                words = latest_in % {
                    "url": escape(board.latest_url),
                    "title": escape(board.latest.title),
                }
                board.latest_label = mark_safe(words)  # noqa: S308 - both escaped above
            if board.last_post_at:
                board.last_ago = ago(board.last_post_at)
    return render("forums/_board_groups.html", {"groups": groups})
