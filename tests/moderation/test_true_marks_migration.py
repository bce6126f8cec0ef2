"""Posts hidden or edited before the marks existed get the true one from the audit log
(moderation/migrations/0003_true_marks_on_posts.py)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from forums import actions as forum_actions
from forums.models import Post
from moderation import actions

backfill = importlib.import_module("moderation.migrations.0003_true_marks_on_posts").backfill


@pytest.mark.django_db
def test_backfill_says_who_hid_and_who_edited(thread, bob, moderator):
    by_flags = forum_actions.post_reply(thread=thread, author=bob, body="One")
    by_moderator = forum_actions.post_reply(thread=thread, author=bob, body="Two")
    edited = forum_actions.post_reply(thread=thread, author=bob, body="Three")
    for post in (by_flags, by_moderator):
        forum_actions.hide_post(post=post)
        actions.record(None, "auto-hide", post, "3 members flagged it")
    actions.record(moderator, "hide", by_moderator, "Unkind.")
    entry = actions.record(moderator, "edit", edited, "A phone number.")
    # As they were before the marks existed.
    Post.objects.update(hidden_by_members=False, moderator_edited_at=None)

    backfill(apps, None)

    marks = dict(Post.objects.values_list("pk", "hidden_by_members"))
    assert marks[by_flags.pk] is True and marks[by_moderator.pk] is False
    edited.refresh_from_db()
    assert edited.moderator_edited_at == entry.created_at
    assert Post.objects.filter(moderator_edited_at__isnull=False).count() == 1
