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
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core import jinja2

from ..models import Post, warning_words
from .thread_rows import badge_maker

register = template.Library()


@register.simple_tag
def search_results(posts: list[Post]) -> SafeString:
    """`posts`: the page's results, each with `.url`, `.board_url`, `.snippet` and
    `.muted_word` (forums.search.find, forums.views.search)."""
    in_board = gettext('In <a href="%(url)s">%(name)s</a>')
    warned = gettext("Content warning: %(cw)s. Show the match")
    badge = badge_maker()
    for post in posts:
        url, name = escape(post.board_url), escape(post.thread.board.name)
        post.in_board = mark_safe(in_board % {"url": url, "name": name})  # noqa: S308
        post.author_badges = badge(post.author_profile)
        cw = warning_words(post.content_warning or post.thread.content_warning)
        post.warning_summary = mark_safe(warned % {"cw": escape(cw)}) if cw else ""  # noqa: S308
    context = {
        "posts": posts,
        "held_note": (
            render_to_string("forums/_held_note.html")
            if any(post.is_pending for post in posts)
            else ""
        ),
    }
    return jinja2.render("forums/_search_results.html", context)
