"""Finding posts by their words: only what the searcher may see, never who wrote anonymously.

On PostgreSQL, full-text search: each visible post keeps a weighted tsvector
(its thread's title for an opening post, above its body) in a GIN-indexed
column, written by `index_posts` wherever a post, its status or its thread's
title changes (visible posts, and posts waiting for a moderator, which only
their author may find); results are ranked and get highlighted snippets from
ts_headline. Words are stemmed by the rules of the language the post was
written in (`Post.language`, see `config_for`) and also kept as they were
written (`simple`); a query is read in the searcher's language and word for
word, so "cansado" finds "cansada" for a Spanish reader, and anyone finds a
post in another language by its exact words. Elsewhere (SQLite, the embedded
default) a simpler search that is still correct: every word must appear in the
title or the body, whatever the capitals; title matches come first.

What may be found is decided once, in `findable_posts`, for both databases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import (
    CombinedSearchQuery,
    SearchHeadline,
    SearchQuery,
    SearchQueryField,
    SearchVector,
    SearchVectorField,
)
from django.core.exceptions import EmptyResultSet
from django.core.paginator import EmptyPage, Page, Paginator
from django.db import connections
from django.db.models import (
    Case,
    Expression,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import CombinedExpression
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.markup import markdown_to_text
from members.models import blocked_by

from .models import Board, Post, PostStatus, Thread, Topic

# PostgreSQL's text-search configuration (stemmer and stop words) for the languages
# it has one for; any other language is indexed and searched word for word. The one
# place that says so: migrations freeze their own copy, as history.
CONFIGS = {"en": "english", "es": "spanish"}
SIMPLE = "simple"  # words as written, lower-cased: no stemming, no stop words
# Held posts too: their author finds them (migration 0014 indexed those already waiting).
INDEXED = [PostStatus.VISIBLE, PostStatus.PENDING]
RESULTS_PER_PAGE = 20
# Ranking reads every match, so a very common word would rank tens of thousands
# of posts: only the most recent this-many matches are ranked (and counted: "1,000
# or more").
MAX_RESULTS = 1_000
MAX_QUERY_LENGTH = 200
MAX_WORDS = 8  # SQLite: each word is one more LIKE over every post
SNIPPET_CHARS = 240

# ts_headline marks matches with these; they can't be typed into a browser form,
# and are turned into our own <mark> only after everything else is escaped.
START, STOP = "\x02", "\x03"
_MARKED = re.compile(f"{START}(.*?){STOP}", re.DOTALL)


def is_full_text(using: str = "default") -> bool:
    return connections[using].vendor == "postgresql"


def config_for(language: str | None) -> str:
    """The text-search configuration for a language code ("es", "es-mx", "fr")."""
    code = (language or settings.LANGUAGE_CODE).lower().split("-")[0]
    return CONFIGS.get(code, SIMPLE)


def _written_in(config: str) -> Q:
    """Posts whose language `config_for` turns into `config`: `config_for` in SQL."""

    def speaks(code: str) -> Q:
        return Q(language=code) | Q(language__startswith=f"{code}-")

    if config != SIMPLE:
        return Q.create(
            [speaks(code) for code, c in CONFIGS.items() if c == config], connector=Q.OR
        )
    return ~Q.create([speaks(code) for code in CONFIGS], connector=Q.OR)


def index_posts(posts: QuerySet) -> None:
    """Write the search vector of these posts as they are now (PostgreSQL only).

    Called after every write that changes what a post can be found by: a new
    post, an edit (body or thread title), a change of status. Visible posts and
    posts waiting for a moderator are indexed (`findable_posts` lets only its
    author find a held one); any other status clears the vector.
    """
    if not is_full_text(posts.db):
        return
    title = Case(
        When(
            number=1,
            then=Subquery(Thread.objects.filter(pk=OuterRef("thread_id")).values("title")[:1]),
        ),
        default=Value(""),
    )
    # Stemmed by the post's language, then as written; a post in a language without
    # a stemmer only as written.
    stemmed = Case(
        *[
            When(_written_in(config), then=Value(config))
            for config in dict.fromkeys(CONFIGS.values())
        ],
        default=Value(SIMPLE),
    )
    posts.update(
        search_vector=Case(
            When(Q(status__in=INDEXED) & _written_in(SIMPLE), then=_vector(title, "body", SIMPLE)),
            When(status__in=INDEXED, then=_both(title, "body", stemmed)),
            default=None,
            output_field=SearchVectorField(),
        )
    )


def _vector(title, body, config: str | Expression) -> CombinedExpression:
    return SearchVector(title, weight="A", config=config) + SearchVector(
        body, weight="B", config=config
    )


def _both(title, body, config: str | Expression) -> CombinedExpression:
    return _vector(title, body, config) + _vector(title, body, SIMPLE)


def new_post_vector(post: Post, using: str = "default") -> Expression | None:
    """What `index_posts` would write for `post`, which isn't saved yet: for its INSERT,
    so a new post is written once, and costs no second statement in the transaction
    that numbers it (forums.actions.post_reply holds its thread's row lock meanwhile).
    None where there is no full-text index, or the post isn't findable."""
    if not is_full_text(using) or post.status not in INDEXED:
        return None
    title = Value(post.thread.title if post.number == 1 else "")
    body = Value(post.body)
    config = config_for(post.language)
    return _vector(title, body, SIMPLE) if config == SIMPLE else _both(title, body, config)


def reindex(post: Post) -> None:
    index_posts(Post.objects.filter(pk=post.pk))


@dataclass(frozen=True)
class Search:
    words: str
    board: Board | None = None
    topic: Topic | None = None
    author: str = ""


def findable_posts(user) -> QuerySet:
    """Posts this person may find: visible, in threads they may read, and not
    written under their own name by a member this person blocked. Their author
    alone also finds their own posts waiting for a moderator, where the lists show
    them those (a held reply, a held thread), marked so on the results page.

    One way only: a member someone blocked finds that person's posts as before,
    since a block is silent. Anonymous posts stay findable whoever wrote them, as
    on the thread page (templates/forums/_post.html collapses only non-anonymous
    posts of blocked members): leaving them out would tell a member that someone
    they blocked wrote that anonymous post.

    The threads are left out, not joined: the few a person may not see come from a
    small index (`ThreadQuerySet.unlisted_for`), where joining every thread they may
    see cost 6-15 ms on 20,000 threads, however few the matches.
    """
    posts = Post.objects.visible_or_held_for(user).exclude(
        thread__in=Thread.objects.unlisted_for(user)
    )
    readable = Thread.objects.in_boards_readable_by(user)
    if readable.query.has_filters():  # a visitor: the public boards' threads only
        posts = posts.filter(thread__in=readable)
    if user.is_authenticated:
        posts = posts.exclude(Q(is_anonymous=False) & Q(author_id__in=blocked_by(user)))
    return posts


class ResultsPage(Page):
    """A page of results; `more`: there are at least MAX_RESULTS matches, and only the
    MAX_RESULTS most recent were ranked ("1,000 or more")."""

    more: bool = False


def find(user, search: Search, number: int = 1) -> ResultsPage:
    """Page `number` of the posts matching `search` that `user` may see, best first,
    each with its `.snippet`. Raises InvalidPage for a page that isn't there.

    Two queries, however many posts match: one ranks the MAX_RESULTS most recent
    matches and counts them, and returns this page's ids alone; the other reads those
    posts with their snippets. Nothing is ranked, read or cut into a snippet for a
    result on another page.
    """
    offset = (number - 1) * RESULTS_PER_PAGE
    if number < 1 or offset >= MAX_RESULTS:
        raise EmptyPage(number)
    ids, total = _ranked_page(
        _matching(user, search), search.words, offset, min(RESULTS_PER_PAGE, MAX_RESULTS - offset)
    )
    paginator = Paginator(range(total), RESULTS_PER_PAGE)  # the count, and nothing to read
    page = ResultsPage(_shown(ids, search.words), paginator.validate_number(number), paginator)
    page.more = total >= MAX_RESULTS
    return page


def _matching(user, search: Search) -> QuerySet:
    posts = findable_posts(user)
    if search.board is not None:
        posts = posts.filter(thread__board=search.board)
    if search.topic is not None:
        posts = posts.filter(thread__topic_links__tag=search.topic)
    if search.author:
        # Never an anonymous post: the filter would reveal who wrote it.
        posts = posts.filter(
            is_anonymous=False, author__profile__display_name__iexact=search.author
        )
    if is_full_text(posts.db):
        return posts.filter(search_vector=_query(search.words))
    return _matching_words(posts, _words(search.words))


def _ranked_page(matches: QuerySet, words: str, offset: int, limit: int) -> tuple[list[int], int]:
    """The ids on one page of the MAX_RESULTS most recent matches ranked best first, and
    how many those are, in one query.

    Newest first by id (ids follow time) is what an index gives cheaply, and a very
    common word stops there; only those are ranked, and only the page's ids come back.
    Django can't select from a subquery, so the ranking wraps the query Django
    compiled for the matches (privacy and filters included) in plain SQL: ranking as
    `pk__in` instead read every match a second time (sleep on the bench: 6.5 ms
    against 3.9 ms).
    """
    recent: QuerySet
    if is_full_text(matches.db):
        query: Expression = ExpressionWrapper(_query(words), output_field=SearchQueryField())
        recent = matches.values(rid=F("pk"), vector=F("search_vector"), query=query)
        best = "ts_rank(r.vector, r.query)"
    else:
        recent = matches.values(rid=F("pk"), score=_title_hit(_words(words)))
        best = "r.score"
    recent = recent.order_by("-pk")[:MAX_RESULTS]
    try:
        sql, params = recent.query.get_compiler(using=recent.db).as_sql()
    except EmptyResultSet:  # words that can match nothing ("?", "…", an emoji)
        return [], 0
    with connections[recent.db].cursor() as cursor:
        cursor.execute(
            f"SELECT r.rid, COUNT(*) OVER () FROM ({sql}) r "  # noqa: S608 - our SQL, params apart
            f"ORDER BY {best} DESC, r.rid DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        rows = cursor.fetchall()
    return [pk for pk, _ in rows], rows[0][1] if rows else 0


# What a result shows (templates/forums/search.html, Mutes): nothing more is read.
SHOWN_FIELDS = [
    "thread_id",
    "number",
    "author_id",
    "body",
    "content_warning",
    "is_anonymous",
    "status",
    "created_at",
    "thread__title",
    "thread__content_warning",
    "thread__board__name",
    "thread__board__slug",
    "author__profile__display_name",
    "author__profile__role",
    "author__profile__is_peer_supporter",
]


def _shown(ids: list[int], words: str) -> list[Post]:
    """The posts with these ids, in this order, each with its `.snippet`: a short,
    escaped piece of its text (Markdown's marks taken out) with the matches marked."""
    if not ids:
        return []
    posts = (
        Post.objects.filter(pk__in=ids)
        .select_related("thread__board", "author__profile")
        .only(*SHOWN_FIELDS)
    )
    if is_full_text(posts.db):
        # The reader's stemmer finds their words in posts of their language; in any
        # other post, only the words as written can have matched.
        reader = config_for(get_language())
        config = Case(When(_written_in(reader), then=Value(reader)), default=Value(SIMPLE))
        posts = posts.annotate(
            headline=SearchHeadline(
                "body",
                _query(words),
                config=config,
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
    by_pk = {post.pk: post for post in posts}
    shown = [by_pk[pk] for pk in ids if pk in by_pk]  # one gone since: left out
    _add_addresses(shown)
    for post in shown:
        if is_full_text(posts.db):
            # ts_headline cuts from the Markdown source: the marks go, the words stay.
            raw = markdown_to_text(post.headline)  # type: ignore[attr-defined]  # annotated
        else:
            raw = _plain_snippet(post.body, _words(words))
        post.snippet = mark_up(raw)
    return shown


def _add_addresses(posts: list[Post]) -> None:
    """Give each post `.url` (Post.get_absolute_url) and `.board_url` (its board's),
    from two calls to reverse() where the page made two for every result (a seventh of
    the time the results took to render)."""
    stand_in = 9_999_999_999  # a post's id: stands where each one goes
    permalink = reverse("forums:post-permalink", args=[stand_in])
    boards: dict[int, str] = {}
    for post in posts:
        post.url = permalink.replace(str(stand_in), str(post.pk))
        board = post.thread.board
        if board.pk not in boards:
            boards[board.pk] = board.get_absolute_url()
        post.board_url = boards[board.pk]


def mark_up(marked: str) -> SafeString:
    """HTML for text with START…STOP around matches: all of it escaped, and only
    whole pairs turned into <mark>. A stray marker is dropped."""
    pieces = _MARKED.split(marked)
    html = []
    for i, piece in enumerate(pieces):
        piece = piece.replace(START, "").replace(STOP, "")
        html.append(format_html("<mark>{}</mark>", piece) if i % 2 else escape(piece))
    return mark_safe("".join(html))  # noqa: S308 - every piece escaped above


def _query(words: str) -> SearchQuery | CombinedSearchQuery:
    """The words read in the searcher's language, or word for word (see `index_posts`).

    websearch syntax: "a phrase", or, -not; every other word is required."""
    as_written = SearchQuery(words, search_type="websearch", config=SIMPLE)
    reader = config_for(get_language())
    if reader == SIMPLE:
        return as_written
    return SearchQuery(words, search_type="websearch", config=reader) | as_written


def _words(words: str) -> list[str]:
    found = re.findall(r"\w[\w'’]*", words)
    return list(dict.fromkeys(w.casefold() for w in found))[:MAX_WORDS]


def _matching_words(posts: QuerySet, words: list[str]) -> QuerySet:
    if not words:
        return posts.none()
    for word in words:
        posts = posts.filter(Q(body__icontains=word) | Q(number=1, thread__title__icontains=word))
    return posts


def _title_hit(words: list[str]) -> Case:
    in_title = Q(number=1)
    for word in words:
        in_title &= Q(thread__title__icontains=word)
    return Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField())


def _plain_snippet(body: str, words: list[str]) -> str:
    """SQLite's stand-in for ts_headline: a window of the body around the first
    match, matches between START and STOP."""
    text = markdown_to_text(body)  # the words a reader sees, not the Markdown
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
    first = pattern.search(text) if pattern else None
    start = 0
    if first and first.start() > SNIPPET_CHARS // 3:
        start = text.rfind(" ", 0, first.start() - SNIPPET_CHARS // 3) + 1
    window = text[start : start + SNIPPET_CHARS]
    if start + SNIPPET_CHARS < len(text):
        window = window.rsplit(" ", 1)[0] + " …"
    if start:
        window = "… " + window
    window = window.replace(START, "").replace(STOP, "")
    return pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", window) if pattern else window
