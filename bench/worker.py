"""The task worker beside the bench's servers, and how long it takes to tell followers.

`make bench` runs as production does with BOOMITY_TASKS=database: a reply is saved
in the request, and `manage.py db_worker` tells its thread's followers afterwards.
So the reply row's figures are the request's alone, the worker's work shares the
cores with the servers, and the bench reports what a member waits for: from posting
a reply to each of a thread's followers having its notification.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from forums import actions
from forums.models import Board, Thread, ThreadFollow
from forums.tasks import announce_post
from members.models import Notification, NotificationKind, User

# Members who follow the thread the follower figure is measured on.
FOLLOWERS = 200
FOLLOWED_THREAD_TITLE = "Bench: followers hear of each reply here"
FOLLOWED_THREAD_BODY = "The bench replies here once a run, and times telling the followers."
STOP_TIMEOUT = 20.0
# The longest the worker may take to catch up after the reply load, and to tell the
# followers of one reply; a check fails beyond.
CATCH_UP_TIMEOUT = 300.0
TELL_TIMEOUT = 60.0
POLL_SECONDS = 0.02


class WorkerFailed(Exception):
    pass


class FollowedThreadHeld(WorkerFailed):
    """The followed thread waits for a moderator: nobody would be told of its replies."""


@dataclass(frozen=True)
class TaskWorker:
    process: subprocess.Popen[bytes]
    log_path: Path
    started_at: datetime

    def check_alive(self) -> None:
        if self.process.poll() is not None:
            raise WorkerFailed(
                f"The task worker exited ({self.process.returncode}).\n{self.log_tail()}"
            )

    def log_tail(self, lines: int = 30) -> str:
        text = self.log_path.read_text(errors="replace").splitlines()
        return f"Last lines of {self.log_path}:\n" + "\n".join(text[-lines:])

    def waiting(self) -> int:
        """Tasks ready to run now, or running in this worker."""
        ready = DBTaskResult.objects.ready().count()
        return (
            ready + DBTaskResult.objects.running().filter(started_at__gte=self.started_at).count()
        )

    def wait_until_idle(self, timeout: float = CATCH_UP_TIMEOUT) -> float | None:
        """Seconds until no task waits (None if some still do after `timeout`)."""
        clock = time.monotonic()
        while self.waiting():
            self.check_alive()
            if time.monotonic() - clock > timeout:
                return None
            time.sleep(POLL_SECONDS * 5)
        return time.monotonic() - clock


def worker_command() -> list[str]:
    """`manage.py db_worker` as docs/deploy.md runs it, without the reloader DEBUG
    would start and without the random start-up delay meant for many workers."""
    manage = str(settings.BASE_DIR / "manage.py")
    return [sys.executable, manage, "db_worker", "--no-reload", "--no-startup-delay"]


@contextmanager
def task_worker(
    env: Mapping[str, str], log_dir: Path, *, command: Sequence[str] | None = None
) -> Iterator[TaskWorker]:
    """A task worker running while this is open, always stopped when it closes."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / "db_worker.log"
    started_at = timezone.now()
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - our own arguments, no shell
            list(command or worker_command()),
            cwd=settings.BASE_DIR,
            env=dict(env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield TaskWorker(process, log_path, started_at)
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()  # db_worker finishes the task it is running, then exits
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def followed_thread(board: Board, followers: Sequence[User]) -> Thread:
    """The thread the follower figure is measured on, started through the app by the
    first follower the first time, and followed by every one of `followers`."""
    thread = Thread.objects.filter(board=board, title=FOLLOWED_THREAD_TITLE).first()
    if thread is None:
        post = actions.start_thread(
            board=board, author=followers[0], title=FOLLOWED_THREAD_TITLE, body=FOLLOWED_THREAD_BODY
        )
        thread = post.thread
    if not thread.is_visible:
        raise FollowedThreadHeld(
            f"The bench's thread {thread.pk} ({thread.title}) waits for a moderator."
        )
    ThreadFollow.objects.bulk_create(
        [ThreadFollow(member=member, thread=thread) for member in followers],
        ignore_conflicts=True,
    )
    return thread


@dataclass(frozen=True)
class FollowersTold:
    followers: int
    told: int
    # From sending the reply to the last follower's notification (None: not all in time).
    ms: float | None
    # The worker's own time on the reply's task, when the database backend ran it.
    task_ms: float | None = None
    # Why the reply wasn't posted, if it wasn't.
    problem: str = ""

    @property
    def passed(self) -> bool:
        return self.followers > 0 and self.told == self.followers and self.ms is not None

    def line(self) -> str:
        if self.problem:
            return f"follower notifications: none, the reply wasn't posted ({self.problem})"
        if self.ms is None:
            return (
                f"follower notifications: {self.told} of {self.followers} told "
                f"in {TELL_TIMEOUT:.0f} s"
            )
        task = f" (the task itself ran {self.task_ms:.0f} ms)" if self.task_ms is not None else ""
        return f"follower notifications: {self.told} told in {self.ms:.0f} ms{task}"


def time_followers_told(
    reply: Callable[[], str | None],
    thread: Thread,
    author: User,
    *,
    timeout: float = TELL_TIMEOUT,
) -> FollowersTold:
    """Post a reply to `thread` as `author` (`reply` does it, e.g. through a server, and
    says what went wrong if it couldn't) and time until every other follower of the
    thread has a reply notification since."""
    followers = list(
        ThreadFollow.objects.filter(thread=thread)
        .exclude(member=author)
        .values_list("member_id", flat=True)
    )
    since = timezone.now()
    clock = time.monotonic()
    problem = reply()
    if problem:
        return FollowersTold(len(followers), 0, None, problem=problem)
    # A notification made for this reply, or an unread one it joined: both are dated now.
    told_since = Notification.objects.filter(
        recipient_id__in=followers, kind=NotificationKind.REPLY, created_at__gte=since
    )
    told = told_since.count()
    while told < len(followers) and time.monotonic() - clock < timeout:
        time.sleep(POLL_SECONDS)
        told = told_since.count()
    ms = (time.monotonic() - clock) * 1000 if told == len(followers) else None
    return FollowersTold(len(followers), told, ms, _task_ms(thread, author, since))


def _task_ms(thread: Thread, author: User, since: datetime) -> float | None:
    """How long the worker ran the task that announced the author's reply."""
    post = thread.posts.filter(author=author, created_at__gte=since).order_by("-number").first()
    if post is None:
        return None
    deadline = time.monotonic() + STOP_TIMEOUT
    while time.monotonic() < deadline:
        results = DBTaskResult.objects.filter(
            task_path=announce_post.module_path, enqueued_at__gte=since
        )
        for result in results:
            if result.args_kwargs.get("args") == [post.pk]:
                if result.finished_at is not None and result.started_at is not None:
                    return (result.finished_at - result.started_at).total_seconds() * 1000
                break
        else:
            return None  # not a database task: run in the request (BOOMITY_TASKS=immediate)
        time.sleep(POLL_SECONDS)
    return None
