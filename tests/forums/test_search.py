"""Search: finds what the searcher may see, never anything else, never who wrote anonymously.

Runs on both databases: CI runs the suite on SQLite and again on PostgreSQL. Tests of
one database's own search are skipped on the other, so each pass exercises its path.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.utils import translation

from forums import actions, search
from forums.models import Board, Post, PostStatus, Thread, Topic
from members.models import Block
from tests.conftest import count_queries, dangerous_markup, page
from tests.factories import make_board, make_member, make_thread

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's full-text search; this run uses SQLite"
)
sqlite_only = pytest.mark.skipif(
    connection.vendor == "postgresql", reason="the SQLite search; this run uses PostgreSQL"
)


def found(client, q: str, **filters) -> list[int]:
    """Ids of the posts a search lists, in order."""
    response = client.get("/search/", {"q": q, **filters})
    assert response.status_code == 200, response.content.decode()[-2000:]
    return [
        int(pk)
        for pk in re.findall(
            r'<h3 class="search-result__title"><a href="/p/(\d+)/">', response.content.decode()
        )
    ]


def heading(client, q: str, **filters) -> str:
    html = client.get("/search/", {"q": q, **filters}).content.decode()
    return re.search(r'<h2 id="results-heading">(.*?)</h2>', html).group(1)


def opening(thread: Thread) -> Post:
    return thread.posts.get(number=1)


@pytest.fixture
def anon_board(db) -> Board:
    return make_board("anonymous-ok", name="Speak freely", allow_anonymous=True)


# --- Who may find what -----------------------------------------------------------------------


@pytest.mark.django_db
def test_visitors_search_public_boards_only(client, board, public_board, alice):
    private = make_thread(board, alice, title="Lighthouse at night", body="Members only.")
    public = make_thread(public_board, alice, title="Lighthouse by day", body="Anyone can read.")
    assert found(client, "lighthouse") == [opening(public).pk]
    html = client.get("/search/", {"q": "lighthouse"}).content.decode()
    assert "Sign in</a> to search the members-only boards too" in html
    assert "Lighthouse at night" not in html and "1 result for" in html
    client.force_login(make_member())
    assert set(found(client, "lighthouse")) == {opening(private).pk, opening(public).pk}


@pytest.mark.django_db
def test_visitors_cannot_narrow_to_a_members_only_board(client, board, alice):
    make_thread(board, alice, title="Lighthouse at night")
    response = client.get("/search/", {"q": "lighthouse", "board": board.slug})
    html = response.content.decode()
    assert response.status_code == 400
    assert "We couldn&#x27;t find that board" in html
    assert 'value="lighthouse"' in html  # what they typed stays
    assert f'value="{board.slug}"' not in html  # not even offered
    assert "Lighthouse at night" not in html


@pytest.mark.django_db
def test_posts_that_are_not_visible_are_never_found(client, board, alice, bob, moderator):
    thread = make_thread(board, alice, title="Harbour thread", body="Opening words.")
    kept = actions.post_reply(thread=thread, author=bob, body="A harbour reply that stays.")
    hidden = actions.post_reply(thread=thread, author=bob, body="A harbour reply, hidden.")
    removed = actions.post_reply(thread=thread, author=bob, body="A harbour reply, removed.")
    actions.hide_post(post=hidden)
    actions.remove_post(post=removed)
    client.force_login(moderator)  # not even moderators find them here
    assert set(found(client, "harbour")) == {opening(thread).pk, kept.pk}
    assert heading(client, "harbour").startswith("2 results")


HELD_NOTE = "Waiting for a moderator — only you can see it"


@pytest.fixture
def held(board, alice) -> dict:
    """A newcomer's held thread and their held reply in alice's thread."""
    from tests.factories import set_moderation

    others = make_thread(board, alice, title="Evenings", body="How are your evenings?")
    set_moderation(new_member_hold_count=2)
    newcomer = make_member("Newcomer")
    thread = make_thread(board, newcomer, title="Harbour at dawn", body="My first lanterns.")
    reply = actions.post_reply(thread=others, author=newcomer, body="Lanterns help me too.")
    assert opening(thread).status == PostStatus.PENDING and reply.is_pending
    return {"newcomer": newcomer, "opening": opening(thread), "reply": reply, "board": board}


@pytest.mark.django_db
def test_the_author_finds_their_own_held_posts_marked_as_waiting(client, held):
    client.force_login(held["newcomer"])
    assert found(client, "harbour") == [held["opening"].pk]  # by the thread's title
    assert set(found(client, "lanterns")) == {held["opening"].pk, held["reply"].pk}  # bodies
    html = client.get("/search/", {"q": "lanterns"}).content.decode()
    assert html.count(HELD_NOTE) == 2 and "2 results" in heading(client, "lanterns")
    assert found(client, "harbour", author="Newcomer", board=held["board"].slug) == [
        held["opening"].pk
    ]


@pytest.mark.django_db
def test_nobody_else_finds_a_held_post(client, held, alice, moderator):
    blocker, blocked = make_member("Blocker"), make_member("Blocked")
    Block.objects.create(blocker=blocker, blocked=held["newcomer"])
    Block.objects.create(blocker=held["newcomer"], blocked=blocked)
    for viewer in (alice, moderator, blocker, blocked):  # alice: the held reply is in her thread
        client.force_login(viewer)
        for q in ("harbour", "lanterns", "dawn"):
            assert found(client, q) == [], (viewer, q)
            assert heading(client, q) == f"Nothing found for “{q}”", (viewer, q)
        assert HELD_NOTE not in client.get("/search/", {"q": "lanterns"}).content.decode()


@pytest.mark.django_db
def test_visitors_never_find_a_held_post_on_a_public_board(client, public_board, hold_first_posts):
    newcomer = make_member("Newcomer")
    make_thread(public_board, newcomer, title="Harbour at dawn", body="My first lanterns.")
    assert found(client, "harbour") == [] and found(client, "lanterns") == []


@pytest.mark.django_db
def test_a_held_post_rejected_by_the_moderators_is_found_by_nobody(client, held):
    actions.hide_post(post=held["reply"])
    client.force_login(held["newcomer"])
    assert found(client, "lanterns") == [held["opening"].pk]


@pytest.mark.django_db
def test_nothing_in_a_hidden_thread_is_found(client, board, alice, bob):
    thread = make_thread(board, alice, title="Quiet harbour", body="Opening.")
    actions.post_reply(thread=thread, author=bob, body="A visible harbour reply.")
    actions.hide_post(post=opening(thread))  # the whole thread leaves every list
    client.force_login(make_member())
    assert found(client, "harbour") == []


@pytest.mark.django_db
def test_members_one_blocked_are_not_found(client, board, alice, bob):
    carol = make_member("Carol")
    carols = make_thread(board, carol, title="Starting out", body="Carol says harbour.")
    theirs = make_thread(board, bob, title="Bob's thread", body="Bob says harbour.")
    Block.objects.create(blocker=alice, blocked=carol)  # alice blocked carol
    Block.objects.create(blocker=alice, blocked=bob)  # and bob
    client.force_login(alice)
    assert found(client, "harbour") == []
    assert heading(client, "harbour") == "Nothing found for “harbour”"
    client.force_login(make_member("Dana"))
    assert len(found(client, "harbour")) == 2
    client.force_login(bob)
    assert set(found(client, "harbour")) == {opening(carols).pk, opening(theirs).pk}


@pytest.mark.django_db
def test_a_block_is_silent_in_search(client, board, alice, bob):
    by_bob = make_thread(board, bob, title="Bob's harbour", body="Words.")
    by_alice = make_thread(board, alice, title="Alice's harbour", body="Words.")
    Block.objects.create(blocker=alice, blocked=bob)
    client.force_login(alice)
    assert found(client, "harbour") == [opening(by_alice).pk]
    client.force_login(bob)  # the one who was blocked finds the blocker as before
    assert set(found(client, "harbour")) == {opening(by_bob).pk, opening(by_alice).pk}


@pytest.mark.django_db
def test_anonymous_posts_by_a_blocked_member_are_found_as_on_the_thread_page(
    client, anon_board, alice, bob
):
    # The thread page shows an anonymous post uncollapsed whoever wrote it: hiding it
    # from search would tell alice that bob wrote it.
    thread = actions.start_thread(
        board=anon_board,
        author=bob,
        title="A heavy week",
        body="Harbour lights help me.",
        anonymous=True,
    ).thread
    Block.objects.create(blocker=alice, blocked=bob)
    client.force_login(alice)
    assert found(client, "harbour") == [opening(thread).pk]
    html = client.get("/search/", {"q": "harbour"}).content.decode()
    assert "Anonymous member" in html and "Bob" not in html


@pytest.mark.django_db
def test_search_never_reveals_an_anonymous_author(client, anon_board, alice, moderator):
    thread = actions.start_thread(
        board=anon_board, author=alice, title="Harbour", body="Words.", anonymous=True
    ).thread
    signed = actions.post_reply(thread=thread, author=alice, body="Harbour again, as me.")
    for viewer in (make_member("Reader"), moderator):
        client.force_login(viewer)
        html = client.get("/search/", {"q": "harbour"}).content.decode()
        assert "· Anonymous member ·" in html
        # By name, only the post she signed is found: the filter can't unmask her.
        assert found(client, "harbour", author="Alice") == [signed.pk]
        assert found(client, "harbour", author="alice") == [signed.pk]


# --- Filters ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_filters_by_board_topic_and_author(client, board, alice, bob):
    other = make_board("grief", name="Grief")
    sleep = Topic.objects.get(slug="sleep")
    a = make_thread(board, alice, title="Harbour one", body="Words.")
    actions.set_topics(a, [sleep])
    b = make_thread(other, bob, title="Harbour two", body="Words.")
    reply = actions.post_reply(thread=a, author=bob, body="Harbour reply from Bob.")
    client.force_login(make_member())
    assert set(found(client, "harbour", board=board.slug)) == {opening(a).pk, reply.pk}
    assert found(client, "harbour", board="grief") == [opening(b).pk]
    assert set(found(client, "harbour", topic="sleep")) == {opening(a).pk, reply.pk}
    assert set(found(client, "harbour", author="BOB")) == {opening(b).pk, reply.pk}
    assert found(client, "harbour", author="Bob", board=board.slug) == [reply.pk]
    assert found(client, "harbour", author="Nobody by that name") == []
    assert client.get("/search/", {"q": "harbour", "topic": "nope"}).status_code == 400


# --- What a result shows -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_result_shows_title_board_byline_date_and_links_to_the_post(client, board, alice, bob):
    thread = make_thread(board, alice, title="Sleep when anxious", body="Opening.")
    reply = actions.post_reply(thread=thread, author=bob, body="The harbour at night helps.")
    client.force_login(alice)
    html = client.get("/search/", {"q": "harbour"}).content.decode()
    assert (
        f'<a href="/p/{reply.pk}/">Sleep when anxious</a> <span class="muted">(a reply)</span>'
        in html
    )
    assert f'In <a href="/b/{board.slug}/">Anxiety</a> · Bob · <time datetime=' in html
    assert reply.created_label in html
    assert "<mark>harbour</mark>" in html.lower()
    # The permalink takes the reader to the post in its thread.
    response = client.get(f"/p/{reply.pk}/")
    assert response.url == f"{thread.get_absolute_url()}#p2"


@pytest.mark.django_db
def test_snippets_are_escaped_with_only_our_own_marks(client, board, alice):
    body = (
        'Harbour <script>alert("x")</script> <img src=x onerror=alert(1)> '
        "<mark>fake</mark> \x02harbour\x03 [a](javascript:alert(1)) and more harbour."
    )
    make_thread(board, alice, title="Harbour", body=body)
    client.force_login(alice)
    html = client.get("/search/", {"q": "harbour"}).content.decode()
    snippet = re.search(r'<p class="search-result__snippet">(.*?)</p>', html, re.S).group(1)
    assert dangerous_markup(snippet) == []
    # Every tag left is one of our own <mark>s, around a match; the member's own
    # <mark> is shown as text (SQLite) or left out (ts_headline drops tag-like words).
    assert set(re.findall(r"<[^>]*>", snippet)) == {"<mark>", "</mark>"}
    assert re.findall(r"<mark>(.*?)</mark>", snippet, re.I) and all(
        m.lower() == "harbour" for m in re.findall(r"<mark>(.*?)</mark>", snippet)
    )
    assert "<script" not in snippet and "\x02" not in snippet and "\x03" not in snippet


def test_mark_up_escapes_everything_and_keeps_only_whole_pairs():
    s, e = search.START, search.STOP
    assert search.mark_up(f"<b>{s}sleep{e}</b> & {s}rest{e}") == (
        "&lt;b&gt;<mark>sleep</mark>&lt;/b&gt; &amp; <mark>rest</mark>"
    )
    assert search.mark_up(f"stray {e}end and {s}start") == "stray end and start"
    assert search.mark_up(f"{s}<i>{e}") == "<mark>&lt;i&gt;</mark>"


@pytest.mark.django_db
def test_content_warnings_keep_a_snippet_closed(client, board, alice, bob):
    thread = make_thread(
        board, alice, title="A hard night", body="Harbour.", content_warning="Self-harm"
    )
    actions.post_reply(thread=thread, author=bob, body="Harbour reply.")
    other = make_thread(board, alice, title="Plain", body="Words.")
    actions.post_reply(
        thread=other, author=bob, body="Harbour with a warning.", content_warning="Grief"
    )
    client.force_login(alice)
    html = client.get("/search/", {"q": "harbour"}).content.decode()
    assert html.count("<summary>Content warning: Self-harm. Show the match</summary>") == 2
    assert html.count("<summary>Content warning: Grief. Show the match</summary>") == 1
    assert '<p class="search-result__snippet">' not in html.split("<details")[0]


@pytest.mark.django_db
def test_results_are_paginated_and_pages_keep_the_search(client, board, alice):
    thread = make_thread(board, alice, title="Harbour", body="Harbour opening.")
    for i in range(search.RESULTS_PER_PAGE + 3):
        actions.post_reply(thread=thread, author=alice, body=f"Harbour reply {i}.")
    client.force_login(alice)
    first = client.get("/search/", {"q": "harbour", "board": board.slug}).content.decode()
    assert f"{search.RESULTS_PER_PAGE + 4} results" in first
    assert len(found(client, "harbour")) == search.RESULTS_PER_PAGE
    assert f'href="/search/?q=harbour&amp;board={board.slug}&amp;page=2" rel="next"' in first
    second = client.get("/search/", {"q": "harbour", "board": board.slug, "page": 2})
    assert len(re.findall(r'class="search-result"', second.content.decode())) == 4
    assert client.get("/search/", {"q": "harbour", "page": 9}).status_code == 404


@pytest.mark.django_db
def test_a_very_common_word_is_capped_and_says_so(client, board, alice, settings, monkeypatch):
    monkeypatch.setattr(search, "MAX_RESULTS", 5)
    thread = make_thread(board, alice, title="Harbour", body="Harbour.")
    replies = [
        actions.post_reply(thread=thread, author=alice, body=f"Harbour {i}.") for i in range(7)
    ]
    client.force_login(alice)
    html = client.get("/search/", {"q": "harbour"}).content.decode()
    assert "5 or more results" in html and "these are the 5 most recent" in html
    assert set(found(client, "harbour")) == {r.pk for r in replies[-5:]}


# --- The form ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_first_visit_shows_the_form_without_complaint(client, alice):
    response = client.get("/search/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="search"' in html and "Type a few words above" in html
    assert "We couldn&#x27;t save that yet" not in html and "results-heading" not in html


@pytest.mark.django_db
def test_empty_and_overlong_searches_are_explained_and_kept(client, alice):
    client.force_login(alice)
    empty = client.get("/search/", {"q": "   "})
    assert empty.status_code == 400
    assert "Please type a word or two to search for." in empty.content.decode()
    long = "harbour " * 40
    response = client.get("/search/", {"q": long})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Please keep your search to 200 characters" in html
    assert f'value="{long}"' in html


@pytest.mark.django_db
def test_search_refuses_writes(client, alice):
    assert client.post("/search/", {"q": "x"}).status_code == 405
    client.force_login(alice)
    assert client.post("/search/", {"q": "x"}).status_code == 405


@pytest.mark.django_db
def test_search_boxes_in_the_header_and_on_the_board(client, board, alice):
    home = client.get("/").content.decode()
    assert '<form class="site-search" method="get" action="/search/" role="search"' in home
    assert '<label for="site-search-q" class="visually-hidden">Search posts</label>' in home
    client.force_login(alice)
    page = client.get(f"/b/{board.slug}/").content.decode()
    assert f'<input type="hidden" name="board" value="{board.slug}">' in page
    assert '<label for="board-search">Search this board</label>' in page


@pytest.mark.django_db
def test_search_pages_are_never_indexed(client, public_board, alice):
    make_thread(public_board, alice, title="Harbour")
    html = client.get("/search/", {"q": "harbour"}).content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html


@pytest.mark.django_db
def test_search_costs_the_same_as_results_grow(client, board, alice):
    """Guards the N+1 of each result's thread, board, author profile and snippet."""
    client.force_login(alice)
    thread = make_thread(board, alice, title="Harbour", body="Harbour.")
    url = "/search/?q=harbour&topic=sleep"
    actions.set_topics(thread, [Topic.objects.get(slug="sleep")])
    few = count_queries(client, "/search/?q=harbour")
    few_filtered = count_queries(client, url)
    for i in range(12):
        other = make_board(name=f"Board {i}")
        t = make_thread(other, make_member(), title=f"Harbour {i}", body="Harbour words.")
        actions.set_topics(t, [Topic.objects.get(slug="sleep")])
        actions.post_reply(thread=t, author=make_member(), body="Harbour reply.")
    assert len(found(client, "harbour")) == search.RESULTS_PER_PAGE
    assert count_queries(client, "/search/?q=harbour") == few
    assert count_queries(client, url) == few_filtered


# --- SQLite: every word, in the title or the body ----------------------------------------------


@sqlite_only
@pytest.mark.django_db
def test_sqlite_needs_every_word_whatever_the_capitals(client, board, alice):
    both = make_thread(board, alice, title="Harbour LIGHTS", body="Words.")
    body_only = make_thread(board, alice, title="Other", body="harbour and lights")
    make_thread(board, alice, title="Just the harbour", body="Nothing else.")
    client.force_login(alice)
    assert set(found(client, "lights HARBOUR")) == {opening(both).pk, opening(body_only).pk}


@sqlite_only
@pytest.mark.django_db
def test_sqlite_lists_title_matches_first(client, board, alice):
    in_title = make_thread(board, alice, title="Harbour walks", body="Words.")
    in_body = make_thread(board, alice, title="Later thread", body="A harbour walk.")
    client.force_login(alice)
    assert found(client, "harbour") == [opening(in_title).pk, opening(in_body).pk]


@sqlite_only
@pytest.mark.django_db
def test_sqlite_title_words_find_only_the_opening_post(client, board, alice, bob):
    thread = make_thread(board, alice, title="Harbour walks", body="Words.")
    actions.post_reply(thread=thread, author=bob, body="Me too.")
    client.force_login(alice)
    assert found(client, "harbour") == [opening(thread).pk]


# --- PostgreSQL: ranked full-text search, kept current on every write ---------------------------


def vector_of(post: Post) -> str | None:
    return Post.objects.filter(pk=post.pk).values_list("search_vector", flat=True).get()


@postgres_only
@pytest.mark.django_db
def test_postgres_has_a_gin_index_on_the_search_vector():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'post_search_vector'")
        (definition,) = cursor.fetchone()
    assert "USING gin (search_vector)" in definition


@postgres_only
@pytest.mark.django_db
def test_postgres_ranks_title_matches_above_body_matches(client, board, alice, bob):
    in_body = make_thread(board, alice, title="Evenings", body="Walking by the harbour.")
    in_title = make_thread(board, alice, title="Harbour walks", body="Words.")
    client.force_login(bob)
    assert found(client, "harbour") == [opening(in_title).pk, opening(in_body).pk]


@postgres_only
@pytest.mark.django_db
def test_postgres_stems_and_understands_phrases_and_not(client, board, alice):
    walking = make_thread(board, alice, title="One", body="I was walking to the harbour.")
    walks = make_thread(board, alice, title="Two", body="Harbour walks, no lights.")
    client.force_login(alice)
    assert set(found(client, "walk harbour")) == {opening(walking).pk, opening(walks).pk}
    assert found(client, '"harbour walks"') == [opening(walks).pk]
    assert found(client, "harbour -lights") == [opening(walking).pk]


@postgres_only
@pytest.mark.django_db
def test_postgres_snippet_comes_from_ts_headline(client, board, alice):
    before = " ".join(f"before{i}" for i in range(80))
    after = " ".join(f"after{i}" for i in range(80))
    make_thread(board, alice, title="Long", body=f"{before} harbour & {after}")
    client.force_login(alice)
    html = client.get("/search/", {"q": "harbour"}).content.decode()
    snippet = re.search(r'<p class="search-result__snippet">(.*?)</p>', html, re.S).group(1)
    assert "<mark>harbour</mark> &amp; after0" in snippet
    # A window around the match, not the whole post.
    assert "before0 " not in snippet and "after79" not in snippet


@postgres_only
@pytest.mark.django_db
def test_postgres_index_follows_every_write(client, board, alice, bob, moderator):
    thread = make_thread(board, alice, title="Lanterns", body="Old words.")
    first = opening(thread)
    reply = actions.post_reply(thread=thread, author=bob, body="Reply about beacons.")
    client.force_login(moderator)
    assert found(client, "lanterns") == [first.pk]
    assert found(client, "beacons") == [reply.pk]
    # An edit: new words in, old words out; a new title is found too.
    actions.edit_post(post=Post.objects.get(pk=first.pk), body="New words.", title="Candles")
    assert found(client, "lanterns") == [] and found(client, "old") == []
    assert found(client, "candles") == [first.pk] and found(client, "new") == [first.pk]
    # A status change: hidden posts leave the index, and come back when approved.
    actions.hide_post(post=Post.objects.get(pk=reply.pk))
    assert vector_of(reply) is None and found(client, "beacons") == []
    actions.publish_post(post=Post.objects.get(pk=reply.pk))
    assert found(client, "beacons") == [reply.pk]
    actions.remove_post(post=Post.objects.get(pk=reply.pk))
    assert vector_of(reply) is None


@postgres_only
@pytest.mark.django_db
def test_postgres_index_follows_a_moderators_edit(board, alice, moderator):
    from moderation.actions import edit, open_review
    from moderation.models import Priority

    post = opening(make_thread(board, alice, title="Title", body="Phone 0123 here."))
    item = open_review(post, priority=Priority.FLAGGED, reasons=["test"])
    edit(item, by=moderator, body="Number removed.", reason="Personal details stay private.")
    assert "phone" not in vector_of(post) and "remov" in vector_of(post)


@postgres_only
@pytest.mark.django_db
def test_postgres_held_posts_are_indexed_for_their_author_and_cleared_when_hidden(
    board, alice, hold_first_posts
):
    newcomer = make_member("Newcomer")
    post = opening(make_thread(board, newcomer, title="Lanterns", body="First words."))
    assert "lantern" in vector_of(post)  # findable_posts lets only the author find it
    actions.publish_post(post=post)
    assert "lantern" in vector_of(post)
    actions.hide_post(post=Post.objects.get(pk=post.pk))
    assert vector_of(post) is None


@postgres_only
@pytest.mark.django_db
def test_postgres_migration_indexes_the_posts_already_held_as_the_app_would(board, alice):
    import importlib

    from django.apps import apps

    from tests.factories import set_moderation

    migration = importlib.import_module("forums.migrations.0014_index_held_posts")
    visible = opening(make_thread(board, alice, title="Beacons", body="Other words."))
    set_moderation(new_member_hold_count=1)
    held = opening(make_thread(board, make_member(), title="Lanterns at dusk", body="First."))
    assert held.is_pending and "lantern" in vector_of(held)
    written = {p.pk: vector_of(p) for p in (held, visible)}
    Post.objects.filter(pk=held.pk).update(search_vector=None)  # as before the migration
    with connection.schema_editor() as editor:
        migration.index_held_posts(apps, editor)
        assert "lantern" in vector_of(held)
        _post_language_migration().backfill_language(apps, editor)  # its own words since
    assert {p.pk: vector_of(p) for p in (held, visible)} == written


@postgres_only
@pytest.mark.django_db
def test_postgres_migration_fills_posts_written_before_it_as_the_app_would(board, alice, bob):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("forums.migrations.0009_topics_search")
    thread = make_thread(board, alice, title="Lanterns at dusk", body="Opening words.")
    reply = actions.post_reply(thread=thread, author=bob, body="A reply about beacons.")
    hidden = actions.post_reply(thread=thread, author=bob, body="Hidden words.")
    actions.hide_post(post=hidden)
    written = {p.pk: vector_of(p) for p in (opening(thread), reply, hidden)}
    Post.objects.update(search_vector=None)  # as before the migration
    with connection.schema_editor() as editor:
        migration.fill_search_vectors(apps, editor)
        assert "lantern" in vector_of(opening(thread)) and vector_of(hidden) is None
        _post_language_migration().backfill_language(apps, editor)  # its own words since
    assert {p.pk: vector_of(p) for p in (opening(thread), reply, hidden)} == written
    assert written[hidden.pk] is None and "lantern" in written[opening(thread).pk]


# --- Languages: a post is stemmed by its author's language, read in the reader's --------------


def _post_language_migration():
    import importlib

    return importlib.import_module("forums.migrations.0019_post_language")


def found_in(language: str, client, q: str) -> list[int]:
    """What a reader in `language` finds: the language their request runs in."""
    with translation.override(language):
        response = client.get("/search/", {"q": q}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    return [int(pk) for pk in re.findall(r'search-result__title"><a href="/p/(\d+)/">', html)]


def snippet_in(language: str, client, q: str) -> str:
    with translation.override(language):
        html = client.get("/search/", {"q": q}, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return re.search(r'<p class="search-result__snippet">(.*?)</p>', html, re.S).group(1)


def written_in(language: str, board, author, **kwargs) -> Post:
    with translation.override(language):
        return opening(make_thread(board, author, **kwargs))


@pytest.mark.django_db
def test_a_post_keeps_the_language_it_was_written_in_through_edits(board, alice, bob):
    spanish = written_in("es", board, alice, title="Noches", body="Estoy cansada de todo.")
    with translation.override("es"):
        reply = actions.post_reply(thread=spanish.thread, author=bob, body="Te entiendo.")
    assert spanish.language == "es" and reply.language == "es"
    with translation.override("en"):  # an edit, read in another language, changes nothing
        actions.edit_post(post=Post.objects.get(pk=spanish.pk), body="Sigo cansada.", title="N")
    assert Post.objects.get(pk=spanish.pk).language == "es"
    with translation.override(None):  # outside any request: the site's language
        assert written_in("en", board, alice).language == "en"
        translation.deactivate_all()
        assert opening(make_thread(board, alice)).language == "en"


def test_each_language_has_one_configuration():
    assert search.config_for("es") == search.config_for("es-mx") == "spanish"
    assert search.config_for("en") == search.config_for("en-GB") == "english"
    assert search.config_for("fr") == search.config_for("ar") == "simple"


@pytest.fixture
def unseen_in(board, public_board, alice, bob, moderator):
    """For an author's language: a post everyone finds, and every kind nobody else may."""

    def build(language: str) -> dict:
        from tests.factories import set_moderation

        def post(body: str, **kwargs) -> Post:
            return written_in(language, kwargs.pop("on", board), alice, body=body, **kwargs)

        words = "Tidewater: estoy cansada." if language == "es" else "Tidewater: I am tired."
        seen = post(words, title="Seen", on=public_board)
        hidden, removed, in_hidden_thread = post(words), post(words), post(words)
        with translation.override(language):
            reply = actions.post_reply(thread=in_hidden_thread.thread, author=bob, body=words)
        actions.hide_post(post=hidden)
        actions.remove_post(post=removed)
        actions.hide_post(post=in_hidden_thread)  # the whole thread, its reply too
        members_only = post(words)  # a visitor never finds it
        set_moderation(new_member_hold_count=1)
        with translation.override(language):
            newcomer = make_member(f"Newcomer {language}")
            held = opening(make_thread(public_board, newcomer, title="Held", body=words))
        set_moderation(new_member_hold_count=0)
        assert held.is_pending
        never = {hidden.pk, removed.pk, in_hidden_thread.pk, reply.pk, held.pk}
        return {"seen": seen.pk, "members_only": members_only.pk, "never": never}

    return build


@pytest.mark.django_db
@pytest.mark.parametrize("reader", ["en", "es"])
@pytest.mark.parametrize("author", ["en", "es", "fr"])
def test_nothing_unseen_is_found_in_any_language(client, unseen_in, moderator, author, reader):
    posts = unseen_in(author)
    queries = ["tidewater", "Tidewater cansada" if author == "es" else "tidewater tired"]
    if connection.vendor == "postgresql" and author == reader == "es":
        queries.append("cansado")  # stemmed: the Spanish reader's own word
    for viewer in (None, make_member("Reader"), moderator):
        if viewer:
            client.force_login(viewer)
        for q in queries:
            got = set(found_in(reader, client, q))
            assert not got & posts["never"], (viewer, q)
            assert posts["seen"] in got, (viewer, q)
            assert (posts["members_only"] in got) == (viewer is not None), (viewer, q)


@postgres_only
@pytest.mark.django_db
def test_postgres_a_spanish_reader_finds_spanish_words_by_their_stem(client, board, alice, bob):
    # The Spanish stemmer takes "cansada" and "cansado" to one stem, "dormir" and "dormía"
    # to another; the English one leaves both Spanish words as they are.
    post = written_in("es", board, alice, title="Noches sin dormir", body="Estoy cansada de todo.")
    assert "'cans'" in vector_of(post) and "'cansada'" in vector_of(post)  # stem, and as written
    client.force_login(bob)
    assert found_in("es", client, "cansado") == [post.pk]
    assert found_in("es", client, "dormía") == [post.pk]  # the title, stemmed too
    assert "<mark>cansada</mark>" in snippet_in("es", client, "cansado")
    # Another reader finds it by its words as written, and nothing stemmed.
    assert found_in("en", client, "cansada") == [post.pk]
    assert "<mark>cansada</mark>" in snippet_in("en", client, "cansada")
    assert found_in("en", client, "cansado") == []


@postgres_only
@pytest.mark.django_db
def test_postgres_english_words_are_stemmed_in_english_only(client, board, alice, bob):
    post = written_in("en", board, alice, title="One", body="I was walking to the harbour.")
    client.force_login(bob)
    assert found_in("en", client, "walk") == found_in("en", client, "harbours") == [post.pk]
    assert found_in("es", client, "walking") == [post.pk]  # as written
    # A Spanish reader's query isn't stemmed in English ("harbours" stays as it is).
    assert found_in("es", client, "harbours") == []


@postgres_only
@pytest.mark.django_db
def test_postgres_a_language_without_a_stemmer_is_indexed_as_written(board, alice):
    post = written_in("fr", board, alice, title="Nuit", body="Je suis fatiguée.")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('simple', 'Nuit')::text, to_tsvector('simple', 'Je suis fatiguée.')"
        )
        title, body = cursor.fetchone()
    assert post.language == "fr"
    assert set(re.findall(r"'(\w+)'", vector_of(post))) == set(re.findall(r"'(\w+)'", title + body))


@postgres_only
@pytest.mark.django_db
def test_postgres_migration_gives_posts_written_before_it_the_sites_language(board, alice, bob):
    import importlib

    from django.apps import apps

    before = importlib.import_module("forums.migrations.0009_topics_search")
    thread = make_thread(board, alice, title="Lanterns at dusk", body="Opening words.")
    reply = actions.post_reply(thread=thread, author=bob, body="A reply about beacons.")
    hidden = actions.post_reply(thread=thread, author=bob, body="Hidden words.")
    actions.hide_post(post=hidden)
    posts = (opening(thread), reply, hidden)
    written = {p.pk: vector_of(p) for p in posts}
    assert (
        "'lantern'" in written[opening(thread).pk] and "'lanterns'" in written[opening(thread).pk]
    )
    # As before it: no language, the vectors English alone.
    Post.objects.update(language="")
    with connection.schema_editor() as editor:
        before.fill_search_vectors(apps, editor)
        assert "'lanterns'" not in vector_of(opening(thread))
        _post_language_migration().backfill_language(apps, editor)
    assert set(Post.objects.values_list("language", flat=True)) == {"en"}
    assert {p.pk: vector_of(p) for p in posts} == written


@sqlite_only
@pytest.mark.django_db
def test_sqlite_migration_gives_posts_written_before_it_the_sites_language(board, alice):
    from django.apps import apps

    post = opening(make_thread(board, alice))
    Post.objects.update(language="")
    editor = SimpleNamespace(connection=connection)  # SQLite's own can't open in a test
    _post_language_migration().backfill_language(apps, editor)
    assert Post.objects.get(pk=post.pk).language == "en"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "words", ["%", "!!!", "-", "...", "?", "'", '"', "*", "&", "\\", "—", "😀"]
)
def test_words_without_letters_find_nothing_kindly(client, board, alice, words):
    """Only punctuation or an emoji: nothing can match, and the page says so — never
    an error page (found by the stranger walking as an attacker)."""
    make_thread(board, alice, title="Sleep", body="Sleep is hard? Yes!!! 😀")
    client.force_login(alice)
    response = client.get("/search/", {"q": words})
    assert response.status_code in (200, 400)
    assert "Something went wrong" not in page(response)
    client.logout()
    assert client.get("/search/", {"q": words}).status_code in (200, 400)
