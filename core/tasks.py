"""After-commit work: the one way every app hands a job to the task worker."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction


def enqueue_on_commit(task: Any, *args: Any) -> None:
    """Enqueue `task(*args)` once the surrounding transaction commits.

    Never awaited, and robust: a broken queue is logged, never raised, so a post
    or a decision is never lost because an e-mail could not be queued. Outside a
    transaction the job is enqueued at once.
    """
    transaction.on_commit(partial(task.enqueue, *args), robust=True)
