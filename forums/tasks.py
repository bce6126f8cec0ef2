"""Background work for forums: run by the task worker, never inside a posting transaction."""

from __future__ import annotations

from django.tasks import task

from . import notices
from .models import Post


@task
def announce_post(post_id: int) -> int:
    """Tell the followers about a newly visible post. Returns how many were told."""
    post = (
        Post.objects.select_related("thread__board", "author__profile")
        .filter(pk=post_id, status="visible")
        .first()
    )
    return notices.announce(post) if post is not None else 0


@task
def tell_mentioned(post_id: int) -> int:
    """Tell the members newly mentioned in an edited post. Returns how many it mentions."""
    post = (
        Post.objects.select_related("thread", "author__profile")
        .filter(pk=post_id, status="visible")
        .first()
    )
    return len(notices.tell_mentioned(post)) if post is not None else 0
