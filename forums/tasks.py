"""Background work for forums: run by the task worker, never inside a posting transaction."""

from __future__ import annotations

from django.tasks import task


@task
def announce_post(post_id: int) -> int:
    """Tell the followers about a newly visible post. Returns how many were told."""
    from .actions import announce
    from .models import Post

    post = (
        Post.objects.select_related("thread__board", "author__profile")
        .filter(pk=post_id, status="visible")
        .first()
    )
    return announce(post) if post is not None else 0


@task
def tell_mentioned(post_id: int) -> int:
    """Tell the members newly mentioned in an edited post. Returns how many it mentions."""
    from .actions import tell_mentioned as tell
    from .models import Post

    post = (
        Post.objects.select_related("thread", "author__profile")
        .filter(pk=post_id, status="visible")
        .first()
    )
    return len(tell(post)) if post is not None else 0
