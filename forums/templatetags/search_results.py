"""`{% search_results posts %}`: a page of search results, as a list's thread rows are
made (forums/templatetags/thread_rows.py): what differs from result to result is made
in Python, words and badges once for each kind, and the results are rendered by Jinja2
(templates/jinja2/forums/_search_results.html). Done by Django's templates, with a
{% blocktranslate %} and an {% include %} for each result, they were a third of a
results page's time.

Nothing is kept between requests: each reader's results (what they muted, their own
held posts) are made for them alone.
"""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core import jinja2

from ..models import Post, warning_words
from .thread_rows import badge_maker, held_note, in_board_maker

register = template.Library()


@register.simple_tag
def search_results(posts: list[Post]) -> SafeString:
    """`posts`: the page's results, each with `.url`, `.board_url`, `.snippet` and
    `.muted_word` (forums.search.find, forums.views.search)."""
    in_board = in_board_maker()
    warned = gettext("Content warning: %(cw)s. Show the match")
    badge = badge_maker()
    for post in posts:
        post.in_board = in_board(post.board_url, post.thread.board.name)
        post.author_badges = badge(post.author_profile)
        cw = warning_words(post.content_warning or post.thread.content_warning)
        post.warning_summary = mark_safe(warned % {"cw": escape(cw)}) if cw else ""  # noqa: S308
    context = {
        "posts": posts,
        "held_note": held_note(any(post.is_pending for post in posts)),
    }
    return jinja2.render("forums/_search_results.html", context)
