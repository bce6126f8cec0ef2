"""The queue list, one row per item: priority, which post, board, author, why in words,
age and open flags — never the distressing words, and no two crisis rows alike. Its
query count is the same at 20 open items and at 2,000."""

from __future__ import annotations

import re
from html import unescape

import pytest

from moderation.models import ReviewItem
from tests.conftest import count_queries, page
from tests.moderation.queue_world import CRISIS_WORDS, fill_queue

QUEUE = "/admin/moderation/reviewitem/"
ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.S)
CELL = re.compile(r'<t[dh][^>]*? class="field-([a-z_]+)[^"]*"[^>]*>(.*?)</t[dh]>', re.S)


def rows(html: str) -> list[dict[str, str]]:
    """Each row of the queue as {column: its text}."""
    found = []
    for row in ROW.findall(html):
        cells = {name: unescape(re.sub(r"<[^>]+>", " ", text)) for name, text in CELL.findall(row)}
        if cells:
            found.append({k: " ".join(v.split()) for k, v in cells.items()})
    return found


@pytest.mark.django_db
def test_each_row_says_what_who_where_why_and_how_long(client, moderator):
    fill_queue(10)
    client.force_login(moderator)
    html = page(client.get(QUEUE))
    shown = rows(html)
    assert len(shown) == 10
    first = shown[0]
    assert set(first) >= {
        "what",
        "where",
        "author",
        "reason_lines",
        "age",
        "flag_count",
    }
    assert first["age"].split()[1] in {"minute", "minutes", "hour", "hours", "day", "days"}
    # The words never; the reasons in words, the anonymous post marked with who wrote it.
    assert CRISIS_WORDS.lower() not in html.lower() and "end my life" not in html
    assert any(r["author"].startswith("Lee (posted anonymously") for r in shown)
    assert any(r["reason_lines"] == "Crisis language" for r in shown)
    assert any(r["where"].startswith("Opening post in thread") for r in shown)
    assert any(
        r["where"] == "Post #2 in “Evening routines that help” Board: Sleep and rest" for r in shown
    )
    ages = [r["age"] for r in shown]
    assert "3 minutes" in ages and "12 minutes" in ages and "1 day" in ages


@pytest.mark.django_db
def test_no_two_crisis_rows_read_the_same(client, moderator):
    fill_queue(10)
    client.force_login(moderator)
    urgent = [r for r in rows(page(client.get(QUEUE))) if r["priority_label"].startswith("Urgent")]
    assert len(urgent) == 4
    told_apart = {(r["what"], r["where"], r["author"], r["age"]) for r in urgent}
    assert {"Board: Hard days", "Board: Sleep and rest"} <= {
        "Board: " + r["where"].rpartition("Board: ")[2] for r in urgent
    }
    assert len(told_apart) == 4
    # A crisis thread's title is named by number and why, never spelled out here.
    assert any("(title not shown: crisis language)" in r["where"] for r in urgent)


@pytest.mark.django_db
def test_the_queues_query_count_is_the_same_at_20_and_at_2000_items(client, moderator):
    """Guards the N+1 of each row's post, thread, board, author, flags and folds."""
    client.force_login(moderator)
    fill_queue(20)
    at_20 = count_queries(client, QUEUE)
    fill_queue_more = 2000 - ReviewItem.objects.open().count()
    _more_items(fill_queue_more)
    assert ReviewItem.objects.open().count() == 2000
    at_2000 = count_queries(client, QUEUE)
    print(f"queue list queries: {at_20} at 20 open items, {at_2000} at 2,000")
    assert at_2000 == at_20


def _more_items(count: int) -> None:
    from django.utils import timezone

    from forums.models import Post, Thread
    from moderation.models import Priority

    thread = Thread.objects.get(title="Evening routines that help")
    last = thread.posts.order_by("-number").first().number
    posts = Post.objects.bulk_create(
        Post(thread=thread, number=last + 1 + i, author=thread.author, body="r", body_html="r")
        for i in range(count)
    )
    ReviewItem.objects.bulk_create(
        ReviewItem(
            post=post,
            priority=Priority.URGENT if i % 7 == 0 else Priority.FLAGGED,
            crisis=i % 7 == 0,
            reasons="Crisis language" if i % 7 == 0 else "Flagged: Unkind or harassment",
            snapshot_body="r",
            snapshot_html="r",
            created_at=timezone.now(),
        )
        for i, post in enumerate(posts)
    )
