"""Who finds what, as one grid: every kind of post a reader may or may not find × every
kind of reader, through the page and through `findable_posts` (the one place that
decides). Search leaves out the threads a reader may not see rather than joining the
ones they may (ThreadQuerySet.unlisted_for): the grid holds whichever way it asks.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from forums import actions, search
from forums.models import Thread
from members.models import Block
from tests.factories import make_board, make_member, make_thread, set_moderation

WORD = "tidewater"


@pytest.fixture
def grid(board, public_board, alice, bob, moderator):
    """Every kind of post, each with WORD; alice blocked bob; a newcomer's posts wait."""
    anon_board = make_board("speak-freely", name="Speak freely", allow_anonymous=True)
    newcomer = make_member("Newcomer")

    def opening(on, author, **kwargs):
        kwargs.setdefault("title", "A thread")
        return make_thread(on, author, body=f"{WORD} words.", **kwargs).posts.get(number=1)

    posts = {
        "public": opening(public_board, alice),
        "members only": opening(board, alice),
        "by bob": opening(board, bob),
        "by bob, anonymously": actions.start_thread(
            board=anon_board, author=bob, title="Heavy", body=f"{WORD}.", anonymous=True
        ),
        "hidden": opening(board, alice),
        "removed": opening(board, alice),
    }
    actions.hide_post(post=posts["hidden"])
    actions.remove_post(post=posts["removed"])
    hidden_thread = opening(board, alice)
    posts["reply in a hidden thread"] = actions.post_reply(
        thread=hidden_thread.thread, author=bob, body=f"A {WORD} reply."
    )
    actions.hide_post(post=hidden_thread)  # the thread goes, with its reply
    posts["opening of a hidden thread"] = hidden_thread
    set_moderation(new_member_hold_count=5)
    posts["held opening"] = opening(public_board, newcomer, title="My first")
    posts["held reply"] = actions.post_reply(
        thread=posts["members only"].thread, author=newcomer, body=f"My {WORD} too."
    )
    posts["reply in the held thread"] = actions.post_reply(
        thread=posts["held opening"].thread, author=newcomer, body=f"More {WORD}."
    )
    Block.objects.create(blocker=alice, blocked=bob)
    everyone = {"public", "members only", "by bob", "by bob, anonymously"}
    readers = {
        "visitor": (None, {"public"}),
        "alice, who blocked bob": (alice, everyone - {"by bob"}),
        "bob, whom alice blocked": (bob, everyone),
        "the newcomer, whose posts wait": (
            newcomer,
            everyone | {"held opening", "held reply", "reply in the held thread"},
        ),
        "a moderator": (moderator, everyone),
    }
    return {"posts": {k: v.pk for k, v in posts.items()}, "readers": readers}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "reader",
    [
        "visitor",
        "alice, who blocked bob",
        "bob, whom alice blocked",
        "the newcomer, whose posts wait",
        "a moderator",
    ],
)
def test_each_reader_finds_exactly_what_they_may(client, grid, reader):
    user, may = grid["readers"][reader]
    expected = {grid["posts"][name] for name in may}
    if user is not None:
        client.force_login(user)
    html = client.get("/search/", {"q": WORD}).content.decode()
    listed = {int(pk) for pk in re.findall(r'search-result__title"><a href="/p/(\d+)/">', html)}
    named = {pk: name for name, pk in grid["posts"].items()}
    assert {named[pk] for pk in listed} == may
    assert re.search(rf"<h2 id=\"results-heading\">{len(may)} results? for", html)
    findable = search.findable_posts(user or AnonymousUser()).filter(pk__in=named)
    assert set(findable.values_list("pk", flat=True)) == expected


@pytest.mark.django_db
def test_unlisted_for_is_the_mirror_of_listed_for(grid):
    """Search leaves out `unlisted_for`; the lists show `listed_for`: between them,
    every thread once, for every reader."""
    every = set(Thread.objects.values_list("pk", flat=True))
    for user, _ in grid["readers"].values():
        reader = user or AnonymousUser()
        listed = set(Thread.objects.listed_for(reader).values_list("pk", flat=True))
        unlisted = set(Thread.objects.unlisted_for(reader).values_list("pk", flat=True))
        assert listed | unlisted == every and not listed & unlisted, reader
        assert unlisted  # the hidden thread at least, for everyone


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL plan")
@pytest.mark.django_db
def test_postgres_reads_the_unlisted_threads_from_their_small_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'thread_unlisted'")
        (definition,) = cursor.fetchone()
    assert "(id) WHERE (NOT is_visible)" in definition
