"""Moderators read a post's earlier versions on its review item, folded, at a cost that
doesn't grow with the number of versions."""

from __future__ import annotations

import pytest

from forums import actions as forum_actions
from moderation import actions
from moderation.models import Priority
from tests.conftest import count_queries, page

QUEUE = "/admin/moderation/reviewitem/"
REPLY_BODY = "I feel like I want to kill myself tonight."  # crisis language


def edits(post, n: int, by=None) -> None:
    for i in range(n):
        forum_actions.edit_post(post=post, body=f"Edit number {i} of a hard night.")


@pytest.mark.django_db
def test_the_item_page_lists_every_earlier_version_folded(client, moderator, reply):
    item = actions.open_review(reply, priority=Priority.URGENT, reasons=["Crisis language"])
    forum_actions.edit_post(post=reply, body="Never mind, I'm fine.")
    forum_actions.rewrite_post(post=reply, body="[A moderator removed this]", by=moderator)
    client.force_login(moderator)
    html = page(client.get(f"{QUEUE}{item.pk}/change/"))
    history = html[html.index('id="history"') : html.index("Just before it in the thread")]
    assert "2 earlier versions, newest first" in history
    assert "by a moderator (Mara)" in history and "by the author" in history
    # The crisis version is closed behind a summary that says why, never its words.
    assert "may be distressing (crisis language" in history
    assert history.count("<details") == 2 and "<details open" not in history
    summaries = [part.split("</summary>")[0] for part in history.split("<summary>")[1:]]
    assert all("kill myself" not in s for s in summaries)
    assert "kill myself" in history  # inside the fold, for when they open it


@pytest.mark.django_db
def test_an_unedited_post_says_so(client, moderator, reply):
    item = actions.open_review(reply, priority=Priority.FLAGGED, reasons=["Flagged: Unkind"])
    client.force_login(moderator)
    assert "None: the post hasn't been edited." in page(client.get(f"{QUEUE}{item.pk}/change/"))


@pytest.mark.django_db
def test_the_item_page_costs_the_same_with_1_or_10_versions(client, moderator, reply):
    """The N+1 it guards: each version's editor (and their profile) looked up one by one."""
    item = actions.open_review(reply, priority=Priority.FLAGGED, reasons=["Flagged: Unkind"])
    client.force_login(moderator)
    edits(reply, 1)
    forum_actions.rewrite_post(post=reply, body="Moderated.", by=moderator)
    one = count_queries(client, f"{QUEUE}{item.pk}/change/")
    edits(reply, 9)
    forum_actions.rewrite_post(post=reply, body="Moderated again.", by=moderator)
    assert reply.versions.count() == 12
    assert count_queries(client, f"{QUEUE}{item.pk}/change/") == one
