"""The seam through which upper layers hear of every moderator's change to a thread.

Locking, unlocking, pinning, unpinning, moving a thread and changing its topics are
moderators' decisions, and every moderator's decision belongs in the audit log — which
lives in moderation, above forums. Like BOOMITY_POST_SCREENERS (forums/screening.py), the setting
BOOMITY_THREAD_CHANGE_RECORDERS lists classes (dotted paths) that forums tells of each
change, with `thread_changed(change)`, inside the transaction that made it: the change
and its record are written together or not at all. moderation provides the one that
writes the audit row; tests may list others.

forums.actions.switch_thread, move_thread and change_thread_topics are the one home of
"a moderator changed a thread": they tell the recorders through `changed`, and only when
something changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from .models import Board, Thread

ThreadAction = Literal["pin", "unpin", "lock", "unlock", "move", "topics"]


@dataclass(frozen=True)
class ThreadChange:
    thread: Thread  # as it is now
    by: object  # the moderator
    action: ThreadAction
    reason: str = ""  # when the form asked for one
    from_board: Board | None = None  # a move: where it was…
    to_board: Board | None = None  # …and where it is now
    detail: str = ""  # what changed, in words, where the fields above don't say it


class ThreadChangeRecorder(Protocol):
    def thread_changed(self, change: ThreadChange) -> None: ...


@cache
def _load(path: str) -> ThreadChangeRecorder:
    return import_string(path)()


def recorders() -> list[ThreadChangeRecorder]:
    return [_load(path) for path in getattr(settings, "BOOMITY_THREAD_CHANGE_RECORDERS", [])]


def changed(change: ThreadChange) -> None:
    for recorder in recorders():
        recorder.thread_changed(change)
