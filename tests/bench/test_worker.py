"""The task worker `make bench` runs beside its servers, and the follower figure."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bench.management.commands.bench import bench_environment
from bench.seed import bench_members
from bench.worker import (
    FollowedThreadHeld,
    FollowersTold,
    WorkerFailed,
    followed_thread,
    task_worker,
    time_followers_told,
    worker_command,
)
from forums import actions
from forums.models import ThreadFollow
from members.models import Notification

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def test_the_bench_runs_with_database_tasks_and_the_production_worker():
    options = {"database_url": "postgres://x/bench", "redis_url": "redis://x/14"}
    env = bench_environment(options, {"EMAIL_HOST": "mail.example.org", "PATH": "/bin"})
    # Its servers, its worker and its in-process figures all see it.
    assert env["BOOMITY_TASKS"] == "database"
    assert env["PATH"] == "/bin" and "EMAIL_HOST" not in env
    command = worker_command()
    assert Path(command[1]).name == "manage.py"
    assert command[2:4] == ["db_worker", "--no-reload"]


def test_the_worker_runs_while_open_and_is_stopped_after(tmp_path):
    with task_worker({}, tmp_path, command=SLEEPER) as worker:
        assert worker.process.poll() is None
        worker.check_alive()
    assert worker.process.poll() is not None
    assert worker.log_path == tmp_path / "db_worker.log"


def test_the_worker_is_stopped_when_the_bench_fails(tmp_path):
    with pytest.raises(KeyboardInterrupt), task_worker({}, tmp_path, command=SLEEPER) as worker:
        raise KeyboardInterrupt  # Ctrl-C, or the SIGTERM the command turns into one
    assert worker.process.poll() is not None


def test_a_worker_that_died_stops_the_wait_with_its_log(tmp_path, db):
    command = [sys.executable, "-c", "print('no database'); raise SystemExit(3)"]
    with task_worker({}, tmp_path, command=command) as worker:
        worker.process.wait()
        _ready_task()
        with pytest.raises(WorkerFailed, match=r"exited \(3\)[\s\S]*no database"):
            worker.wait_until_idle(timeout=5)


def test_waiting_for_the_worker_to_catch_up(tmp_path, db):
    with task_worker({}, tmp_path, command=SLEEPER) as worker:
        assert worker.wait_until_idle() == pytest.approx(0, abs=0.5)
        task = _ready_task()
        assert worker.wait_until_idle(timeout=0.2) is None  # nobody runs it here
        # Tasks waiting to run later (a reminder) are no work now.
        DBTaskResult.objects.filter(pk=task.pk).update(
            run_after=timezone.now() + timedelta(hours=1)
        )
        assert worker.wait_until_idle(timeout=0.2) is not None


def test_every_follower_is_told_of_a_reply_and_timed(community, django_capture_on_commit_callbacks):
    members = bench_members()
    followers, poster = members[1:-1], members[-1]
    thread = followed_thread(community.posting_thread.board, followers)
    assert thread.is_visible
    assert followed_thread(community.posting_thread.board, followers) == thread  # once
    assert set(ThreadFollow.objects.filter(thread=thread).values_list("member", flat=True)) == {
        m.pk for m in followers
    }

    def reply() -> None:
        # BOOMITY_TASKS=immediate here: the followers are told as the reply commits.
        with django_capture_on_commit_callbacks(execute=True):
            actions.post_reply(thread=thread, author=poster, body="Timing the followers.")

    told = time_followers_told(reply, thread, poster)
    assert (told.followers, told.told) == (len(followers), len(followers))
    assert told.passed and told.ms is not None
    assert told.task_ms is None  # no database task to time
    assert told.line() == f"follower notifications: {len(followers)} told in {told.ms:.0f} ms"
    # Next run: the same unread notifications gather the news, and count again.
    unread = Notification.objects.unread().count()
    again = time_followers_told(reply, thread, poster)
    assert again.passed and Notification.objects.unread().count() == unread


def test_a_reply_that_was_not_posted_fails_the_follower_check(community):
    members = bench_members()
    thread = followed_thread(community.posting_thread.board, members[1:-1])
    told = time_followers_told(lambda: "POST /t/1/reply/ answered 403", thread, members[-1])
    assert not told.passed
    assert told.line() == (
        "follower notifications: none, the reply wasn't posted (POST /t/1/reply/ answered 403)"
    )
    assert FollowersTold(200, 150, None).line() == "follower notifications: 150 of 200 told in 60 s"


def test_a_held_followed_thread_stops_the_bench(community):
    members = bench_members()
    thread = followed_thread(community.posting_thread.board, members[1:-1])
    type(thread).objects.filter(pk=thread.pk).update(is_visible=False)
    with pytest.raises(FollowedThreadHeld):
        followed_thread(community.posting_thread.board, members[1:-1])


def _ready_task() -> DBTaskResult:
    return DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="forums.tasks.announce_post",
        backend_name="default",
        run_after=timezone.now(),
    )
