"""Search costs the same however many posts match: it ranks, reads and cuts snippets
for the page shown alone, and counts no further than MAX_RESULTS ("1,000 or more").

Runs on both databases, like tests/forums/test_search.py: on PostgreSQL the snippets
are ts_headline's, on SQLite our own.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from forums import actions, search
from forums.models import Post, PostStatus, Thread
from tests.conftest import count_queries
from tests.factories import make_board, make_member, make_thread

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's full-text search; this run uses SQLite"
)


def shown_ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'search-result__title"><a href="/p/(\d+)/">', html)]


def heading_of(html: str) -> str:
    return re.search(r'<h2 id="results-heading">(.*?)</h2>', html).group(1)


def harbour_replies(thread: Thread, n: int) -> list[Post]:
    """`n` replies with the word "harbour", oldest first, written in bulk: as many as
    a test needs without a thousand trips through actions.post_reply."""
    now = timezone.now()
    start = Thread.objects.get(pk=thread.pk).last_number + 1
    posts = Post.objects.bulk_create(
        Post(
            thread=thread,
            number=start + i,
            author=thread.author,
            body=f"Harbour reply {i}.",
            body_html=f"<p>Harbour reply {i}.</p>",
            created_at=now,
            status=PostStatus.VISIBLE,
            language="en",
        )
        for i in range(n)
    )
    Thread.objects.filter(pk=thread.pk).update(last_number=start + n - 1)
    search.index_posts(Post.objects.filter(thread=thread))
    return sorted(posts, key=lambda p: p.pk)


@pytest.fixture
def small_pages(monkeypatch):
    """Three results a page, ten at most: the limits at a size a test can fill."""
    monkeypatch.setattr(search, "RESULTS_PER_PAGE", 3)
    monkeypatch.setattr(search, "MAX_RESULTS", 10)


# --- Only the page shown -------------------------------------------------------------------


@pytest.mark.django_db
def test_snippets_are_made_for_the_results_shown_and_no_others(
    client, board, alice, small_pages, monkeypatch
):
    thread = make_thread(board, alice, title="Evenings", body="Opening words.")
    replies = harbour_replies(thread, 8)
    made = []
    real_mark_up = search.mark_up

    def mark_up(raw: str):
        made.append(raw)
        return real_mark_up(raw)

    monkeypatch.setattr(search, "mark_up", mark_up)
    client.force_login(alice)
    client.get("/search/", {"q": "harbour"})  # the session's first page renews it
    made.clear()
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/search/", {"q": "harbour"}).content.decode()
    assert shown_ids(html) == [r.pk for r in replies[-3:]][::-1]
    assert len(made) == 3  # one snippet for each result on the page
    snipping = [q["sql"] for q in ctx.captured_queries if "ts_headline" in q["sql"]]
    if connection.vendor == "postgresql":
        # One ts_headline, over the three posts on the page: not the eight that match.
        (sql,) = snipping
        listed = re.search(r'"forums_post"\."id" IN \(([^)]*)\)', sql).group(1)
        assert sorted(int(pk) for pk in listed.split(",")) == sorted(shown_ids(html))
    else:
        assert snipping == []


@pytest.mark.django_db
def test_a_search_costs_the_same_queries_however_many_posts_match(
    client, board, alice, small_pages
):
    """Guards the count, the ranking and the snippets: none of them grows with the
    matches, up to the cap and past it."""
    thread = make_thread(board, alice, title="Evenings", body="A harbour at night.")
    client.force_login(alice)
    url = "/search/?q=harbour"
    one = count_queries(client, url)
    harbour_replies(thread, 5)  # more than a page
    assert count_queries(client, url) == one
    harbour_replies(thread, 20)  # past MAX_RESULTS
    assert count_queries(client, url) == one
    assert count_queries(client, url + "&page=2") == one
    # Nothing found costs one query fewer: there is no page of posts to read.
    assert count_queries(client, "/search/?q=lighthouse") == one - 1


@pytest.mark.django_db
def test_pages_of_a_capped_search_end_at_the_cap(client, board, alice, small_pages):
    thread = make_thread(board, alice, title="Evenings", body="Opening words.")
    replies = harbour_replies(thread, 14)
    client.force_login(alice)
    pages = [
        shown_ids(client.get("/search/", {"q": "harbour", "page": n}).content.decode())
        for n in (1, 2, 3, 4)
    ]
    # The ten most recent, three a page: 3 + 3 + 3 + 1, newest first.
    assert [pk for page in pages for pk in page] == [r.pk for r in replies[-10:]][::-1]
    assert [len(page) for page in pages] == [3, 3, 3, 1]
    for past in (5, 40):
        assert client.get("/search/", {"q": "harbour", "page": past}).status_code == 404
    for nonsense in (0, -1, "two"):
        assert client.get("/search/", {"q": "harbour", "page": nonsense}).status_code == 404


@postgres_only
@pytest.mark.django_db
def test_postgres_ranks_the_most_recent_matches_best_first(client, board, alice, small_pages):
    # A title match is the best; an older one past the ten most recent isn't ranked at all.
    too_old = make_thread(board, alice, title="Harbour days", body="Words.")
    thread = make_thread(board, alice, title="Evenings", body="Opening words.")
    older = harbour_replies(thread, 5)
    best = make_thread(board, alice, title="Harbour nights", body="Words.").posts.get()
    newer = harbour_replies(thread, 4)
    client.force_login(alice)
    html = client.get("/search/", {"q": "harbour"}).content.decode()
    assert shown_ids(html) == [best.pk, newer[-1].pk, newer[-2].pk]
    later = [
        pk
        for n in (2, 3, 4)
        for pk in shown_ids(client.get("/search/", {"q": "harbour", "page": n}).content.decode())
    ]
    assert too_old.posts.get().pk not in later
    assert later == [newer[1].pk, newer[0].pk, *(p.pk for p in older[::-1])]


# --- The count: "1,000 or more" ---------------------------------------------------------------


@pytest.mark.django_db
def test_a_thousand_matches_read_one_thousand_or_more_in_each_language(client, board, alice):
    thread = make_thread(board, alice, title="Evenings", body="Opening words.")
    harbour_replies(thread, search.MAX_RESULTS + 1)
    client.force_login(alice)
    english = client.get("/search/", {"q": "harbour"}).content.decode()
    assert heading_of(english) == "1,000 or more results for “harbour”"
    assert "these are the 1,000 most recent, best matches first" in english
    assert 'aria-current="page">Page 1 of 50<' in english
    with translation.override("es"):
        spanish = client.get(
            "/search/", {"q": "harbour"}, HTTP_ACCEPT_LANGUAGE="es"
        ).content.decode()
    assert heading_of(spanish) == "1\xa0000 resultados o más para “harbour”"
    assert "estos son los 1\xa0000 más recientes" in spanish


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cap", "english", "spanish"),
    [
        (1, "1 or more result for “harbour”", "1 resultado o más para “harbour”"),
        (4, "4 or more results for “harbour”", "4 resultados o más para “harbour”"),
    ],
)
def test_the_capped_count_takes_the_plural_its_number_needs(
    client, board, alice, monkeypatch, cap, english, spanish
):
    monkeypatch.setattr(search, "MAX_RESULTS", cap)
    thread = make_thread(board, alice, title="Evenings", body="Opening words.")
    harbour_replies(thread, cap + 2)
    client.force_login(alice)
    assert heading_of(client.get("/search/", {"q": "harbour"}).content.decode()) == english
    with translation.override("es"):
        html = client.get("/search/", {"q": "harbour"}, HTTP_ACCEPT_LANGUAGE="es")
    assert heading_of(html.content.decode()) == spanish


@pytest.mark.django_db
def test_under_the_cap_the_count_is_exact(client, board, alice, small_pages):
    thread = make_thread(board, alice, title="Evenings", body="Opening words.")
    harbour_replies(thread, 9)
    client.force_login(alice)
    html = client.get("/search/", {"q": "harbour"}).content.decode()
    assert heading_of(html) == "9 results for “harbour”"
    assert "That&#x27;s a lot" not in html and 'aria-current="page">Page 1 of 3<' in html


# --- The form's lists, written without templates ----------------------------------------------


@pytest.mark.django_db
def test_the_board_and_topic_lists_offer_what_the_reader_may_choose(client, board, alice):
    make_board("hidden-away", name="Members only")
    public = make_board("open-door", name="Open door", public=True)
    visitor = client.get("/search/", {"q": "harbour", "board": public.slug}).content.decode()
    boards = re.search(r'<select name="board" id="id_board">(.*?)</select>', visitor, re.S)
    assert re.findall(r'<option value="([^"]*)"', boards.group(1)) == ["", public.slug]
    assert f'<option value="{public.slug}" selected>Open door</option>' in visitor
    assert '<option value="sleep">Sleep</option>' in visitor  # the topics, by name
    client.force_login(make_member())
    member = client.get("/search/", {"q": "harbour", "topic": "nope"})
    html = member.content.decode()
    assert member.status_code == 400
    assert '<select name="topic" aria-invalid="true" aria-describedby="id_topic_error"' in html
    assert f'<option value="{board.slug}">' in html and 'value="hidden-away"' in html
    with translation.override("es"):
        spanish = client.get("/search/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<option value="" selected>Todos los tablones</option>' in spanish


@pytest.mark.django_db
def test_every_kind_of_result_is_shown_from_what_the_page_read(
    client, board, alice, bob, moderator
):
    """Results read only the columns they show (forums.search.SHOWN_FIELDS): a
    result that needed one more would cost a query of its own, so a page of every
    kind costs what a page of one plain result does."""
    from forums.models import Mute, MuteKind
    from tests.factories import make_peer_supporter, set_moderation

    plain = make_thread(board, alice, title="Evenings", body="A harbour at night.")
    client.force_login(alice)
    one = count_queries(client, "/search/?q=harbour")
    anon_board = make_board("speak-freely", name="Speak freely", allow_anonymous=True)
    actions.start_thread(
        board=anon_board, author=bob, title="Heavy", body="Harbour.", anonymous=True
    )
    warned = make_thread(
        board, bob, title="Hard night", body="Harbour.", content_warning="Self-harm"
    )
    actions.post_reply(thread=warned, author=bob, body="Harbour, warned.", content_warning="Grief")
    make_thread(board, moderator, title="From the team", body="Harbour rules.")
    make_peer_supporter(bob)
    actions.post_reply(thread=plain, author=bob, body="The harbour, and my lighthouse.")
    Mute.objects.create(member=alice, kind=MuteKind.WORD, phrase="lighthouse")
    set_moderation(new_member_hold_count=1)
    actions.post_reply(thread=plain, author=make_member("Newcomer"), body="Harbour too.")
    alice_held = make_member("Held")
    make_thread(board, alice_held, title="Harbour at dawn", body="My first words.")
    client.force_login(alice_held)
    html = client.get("/search/", {"q": "harbour"}).content.decode()
    for shown in (
        "Anonymous member",
        "Content warning: Self-harm",
        "Content warning: Grief",
        'badge--role">Moderator<',
        'badge--supporter">Peer supporter<',
        "Waiting for a moderator",
        "(a reply)",
    ):
        assert shown in html, shown
    assert count_queries(client, "/search/?q=harbour") == one
    client.force_login(alice)
    assert (
        "Collapsed because it mentions a word or phrase you muted"
        in client.get("/search/", {"q": "harbour"}).content.decode()
    )
    assert count_queries(client, "/search/?q=harbour") == one
