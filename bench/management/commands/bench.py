"""`manage.py bench` (`make bench`): load figures on a large community, served as in production.

Seeds its own PostgreSQL database (or reuses it when it's already seeded at the
asked size), serves it with two gunicorn app servers sharing PostgreSQL and
Redis, and a task worker (BOOMITY_TASKS=database, as in production), loads server A
with wrk as signed-in members and as a visitor, measures each page's SQL queries and
CPU time in-process, times the worker telling a thread's followers of a reply, checks
that server B knows what was done through A, prints a table and writes it as text
and JSON to var/bench/. docs/deploy.md explains how to read the figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import secrets
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

import django
import redis
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from bench import database
from bench.load import LoadError, LoadResult, WrkSettings, run_wrk
from bench.pages import (
    DEEP_BOARD_PAGE,
    Page,
    PageError,
    bench_pages,
    measure_in_process,
    search_page,
)
from bench.report import (
    Check,
    PageFigures,
    ceilings_json,
    checks_json,
    figures_json,
    format_table,
    page_figures,
    write_report,
)
from bench.scaleout import WebClient, check_scale_out
from bench.seed import (
    BENCH_PASSWORD,
    SEED_VERSION,
    Landmarks,
    Size,
    bench_members,
    board_problems,
    find_landmarks,
    seed_community,
    thread_problems,
)
from bench.servers import AppServer, ServerFailed, app_servers
from bench.sessions import csrf_secret, sign_in, write_cookie_file
from bench.worker import (
    CATCH_UP_TIMEOUT,
    FOLLOWERS,
    FollowersTold,
    TaskWorker,
    WorkerFailed,
    followed_thread,
    task_worker,
    time_followers_told,
)
from forums.models import Board, Thread, Visibility
from members.models import User

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/boomity_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"
READERS = 16  # members whose sessions the page loads take in turn
POSTERS = 200  # members the replies are spread over
WORKERS = 2  # per server: one per core on the 2-core machines the figures come from
WARM_UP_REQUESTS = 6  # per page
# A 1-minute load average above this per core at the start: other work shares the cores.
BUSY_LOAD_PER_CORE = 0.5
# Options handed on to the run in the bench environment.
VALUE_OPTIONS = (
    "database_url",
    "redis_url",
    "threads",
    "posts",
    "long_thread_replies",
    "members",
    "seconds",
    "connections",
    "wrk_threads",
    "output_dir",
)
FLAG_OPTIONS = ("reseed",)


class Command(BaseCommand):
    help = "Seed a large community in PostgreSQL, load it with wrk, and report (docs/deploy.md)."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        wrk = WrkSettings()
        parser.add_argument(
            "--database-url",
            default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
            help="The bench's own PostgreSQL database; it is dropped and re-created at will.",
        )
        parser.add_argument(
            "--redis-url",
            default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL),
            help="The bench's own Redis database; it is emptied at the start of each run.",
        )
        community = parser.add_argument_group("the community seeded")
        for field in fields(Size):
            community.add_argument(
                f"--{field.name.replace('_', '-')}",
                type=int,
                default=field.default,
                help="(default: %(default)s)",
            )
        community.add_argument(
            "--reseed", action="store_true", help="Seed again even if the database is ready."
        )
        load = parser.add_argument_group("each wrk run")
        load.add_argument(
            "--seconds", type=int, default=wrk.seconds, help="How long (default: %(default)s)."
        )
        load.add_argument(
            "--connections",
            type=int,
            default=wrk.connections,
            help="Open connections (default: %(default)s).",
        )
        load.add_argument(
            "--wrk-threads",
            type=int,
            default=wrk.threads,
            help="wrk's own threads (default: %(default)s).",
        )
        parser.add_argument(
            "--output-dir",
            default=str(settings.BASE_DIR / "var" / "bench"),
            help="Where the JSON and server logs go (default: var/bench).",
        )
        # Set on the second start, in the environment the servers get too.
        parser.add_argument("--in-bench-env", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["in_bench_env"]:
            self._restart_in_bench_environment(options)
        signal.signal(signal.SIGTERM, _interrupt)  # so the servers are stopped on kill too
        try:
            self._bench(options)
        except KeyboardInterrupt:
            raise CommandError("Interrupted; the servers are stopped.") from None
        finally:
            # A temporary directory made for this run by the first start.
            shutil.rmtree(settings.STATIC_ROOT, ignore_errors=True)

    def _restart_in_bench_environment(self, options: dict[str, Any]) -> NoReturn:
        """Run again, as a new program, with the settings the servers get.

        Settings are read once, at start-up, from the environment: so the
        seeding, the in-process query counts and the servers all see the same
        database, cache and DEBUG=false only if this process starts over in it.
        """
        env = bench_environment(options, os.environ)
        env["DJANGO_STATIC_ROOT"] = tempfile.mkdtemp(prefix="boomity-bench-static-")
        argv = [sys.executable, str(settings.BASE_DIR / "manage.py"), "bench", "--in-bench-env"]
        argv += [f"--{name.replace('_', '-')}={options[name]}" for name in VALUE_OPTIONS]
        argv += [f"--{name.replace('_', '-')}" for name in FLAG_OPTIONS if options[name]]
        self.stdout.flush()
        os.execve(sys.executable, argv, env)  # noqa: S606 - this same command, no shell

    def _bench(self, options: dict[str, Any]) -> None:
        clock = time.monotonic()
        started = datetime.now(UTC)
        load_average = os.getloadavg()[0]
        size = Size(**{field.name: options[field.name] for field in fields(Size)})
        wrk = WrkSettings(options["seconds"], options["connections"], options["wrk_threads"])
        output_dir = Path(options["output_dir"])
        self._preflight(size, options)
        timings: dict[str, float | None] = {
            "seeding": self._prepare_database(options["database_url"], size, options["reseed"])
        }
        call_command("collectstatic", interactive=False, verbosity=0)
        # The bench's own Redis database starts empty: no rate-limit counts carry over.
        cache.clear()
        landmarks = find_landmarks()
        with tempfile.TemporaryDirectory(prefix="boomity-bench-") as work:
            audience = _sign_in_members(Path(work))
            self.stdout.write(
                f"Finding page {DEEP_BOARD_PAGE} of {landmarks.busiest_board.name} "
                "by its Next links..."
            )
            try:
                pages = bench_pages(landmarks, audience.readers[0])
            except PageError as exc:
                raise CommandError(str(exc)) from None
            followed = followed_thread(landmarks.posting_thread.board, audience.followers)
            timings["preparing"] = time.monotonic() - clock
            measured = self._measure(pages, landmarks, followed, audience, wrk, output_dir)
        timings["total"] = time.monotonic() - clock

        not_measured = (
            {} if search_page() else {"search": "not built yet: see SEARCH HOOK in bench/pages.py"}
        )
        text = _results_text(measured, not_measured, load_average)
        self._print_results(text, measured.checks)
        report = bench_report(
            measured,
            started=started,
            timings=timings,
            load_average=load_average,
            size=size,
            database_url=options["database_url"],
            wrk=wrk,
            not_measured=not_measured,
        )
        path = write_report(report, text, output_dir, started)
        self.stdout.write(
            f"\nJSON: {path} (the text above beside it: {path.with_suffix('.txt').name})\n"
            f"Wall time: {timings['total']:.0f} s (preparing {timings['preparing']:.0f} s)."
        )
        self._finish(measured.checks, load_average, output_dir)

    def _print_results(self, text: str, checks: list[Check]) -> None:
        self.stdout.write("")
        lines = {check.line(): check.passed for check in checks}
        for line in text.splitlines():
            if line in lines:
                style = self.style.SUCCESS if lines[line] else self.style.ERROR
                line = style(line)
            self.stdout.write(line)

    def _preflight(self, size: Size, options: dict[str, Any]) -> None:
        try:
            size.check()
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if shutil.which("wrk") is None:
            raise CommandError("wrk is not installed: apt-get install -y wrk (make bench does).")
        try:
            database.check_reachable(options["database_url"])
        except database.DatabaseUnreachable as exc:
            raise CommandError(str(exc)) from None
        try:
            redis.Redis.from_url(options["redis_url"], socket_connect_timeout=2).ping()
        except redis.RedisError as exc:
            raise CommandError(
                f"Redis is not reachable at {options['redis_url']}: {exc}\nStart it: "
                "redis-server --port 6379 --save '' --appendonly no --daemonize yes"
            ) from None

    def _prepare_database(self, url: str, size: Size, reseed: bool) -> float | None:
        """Migrate, and seed unless already seeded at this size; the seconds seeding took."""
        marker = {"seed_version": SEED_VERSION, **asdict(size)}
        reuse = not reseed and database.read_marker(url) == marker
        if not reuse:
            database.recreate(url)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        if reuse:
            # Each run leaves dead rows behind (read marks, notifications, counters): a
            # server's autovacuum clears them between runs, and this machine's may be off.
            database.vacuum_analyze(url)
            self.stdout.write(
                f"Reusing {database.describe(url)}, already seeded at this size (vacuumed)."
            )
            return None
        self.stdout.write(
            f"Seeding {database.describe(url)}: {size.threads:,} threads, {size.posts:,} posts, "
            f"{size.members:,} members (about a minute at full size)..."
        )
        clock = time.monotonic()
        seed_community(size)
        database.vacuum_analyze(url)
        database.write_marker(url, marker)
        seconds = time.monotonic() - clock
        self.stdout.write(f"Seeded in {seconds:.0f} s.")
        return seconds

    def _measure(
        self,
        pages: list[Page],
        landmarks: Landmarks,
        followed: Thread,
        audience: Audience,
        wrk: WrkSettings,
        log_dir: Path,
    ) -> Measured:
        try:
            in_process = [measure_in_process(page, audience.session_for(page)) for page in pages]
        except PageError as exc:
            raise CommandError(str(exc)) from None
        thread = landmarks.posting_thread
        posts_before = thread.posts.count()
        self.stdout.write(
            f"Loading {len(pages)} pages for {wrk.seconds} s each "
            f"(wrk: {wrk.threads} threads, {wrk.connections} connections), "
            "with a task worker beside the servers..."
        )
        try:
            with ExitStack() as running:
                servers = running.enter_context(
                    app_servers(["A", "B"], os.environ, log_dir, workers=WORKERS)
                )
                worker = running.enter_context(task_worker(os.environ, log_dir))
                server_a, server_b = servers
                # The tasks of the replies posted in-process first, so no page is
                # loaded while the worker has work left from before.
                worker.wait_until_idle()
                for server in servers:
                    _warm_up(server, pages, audience)
                loads, caught_up = self._load_all(server_a, pages, audience, wrk, worker)
                scale_out = check_scale_out(
                    server_a.url,
                    server_b.url,
                    email=audience.scale_out_email,
                    password=BENCH_PASSWORD,
                    members_board=_members_board_path(),
                    thread_id=thread.pk,
                )
                worker.wait_until_idle()
                told = time_followers_told(
                    lambda: _reply_through(server_a, followed, audience),
                    followed,
                    audience.follower_poster,
                )
                worker.check_alive()
        except (ServerFailed, LoadError, WorkerFailed) as exc:
            raise CommandError(str(exc)) from None
        figures = page_figures(pages, loads, in_process)
        reply_requests = sum(f.load.requests for f in figures if f.page.method == "POST")
        return Measured(
            figures,
            [
                _no_errors(figures),
                _replies_saved(thread.posts.count() - posts_before, reply_requests),
                _counters_exact(landmarks),
                *scale_out,
                _worker_caught_up(caught_up),
                _followers_told(told),
            ],
            caught_up,
            told,
        )

    def _load_all(
        self,
        server: AppServer,
        pages: list[Page],
        audience: Audience,
        wrk: WrkSettings,
        worker: TaskWorker,
    ) -> tuple[list[LoadResult], float | None]:
        """Each page loaded in turn; after the replies, the worker's catching up is
        waited for (and timed), so the next page isn't loaded beside it."""
        loads = []
        caught_up = None
        for page in pages:
            loads.append(self._load(server, page, audience, wrk))
            if page.method == "POST":
                caught_up = worker.wait_until_idle()
        return loads, caught_up

    def _load(
        self, server: AppServer, page: Page, audience: Audience, wrk: WrkSettings
    ) -> LoadResult:
        load = run_wrk(server.url, page, audience.cookie_file(page), audience.csrf, wrk)
        self.stdout.write(f"  {page.name}: {load.rps:.1f} req/s, p99 {load.p99_ms:.1f} ms")
        return load

    def _finish(self, checks: list[Check], load_average: float, output_dir: Path) -> None:
        if load_average > BUSY_LOAD_PER_CORE * (os.cpu_count() or 1):
            self.stdout.write(
                self.style.WARNING(
                    f"The machine was busy when the bench started (load average "
                    f"{load_average:.1f} on {os.cpu_count()} cores): expect lower figures than "
                    "on an idle machine."
                )
            )
        failed = [check for check in checks if not check.passed]
        if failed:
            raise CommandError(
                f"{len(failed)} check(s) failed. Server logs: {output_dir}/gunicorn-*.log"
            )


@dataclass(frozen=True)
class Audience:
    """The signed-in members the load comes from: readers for pages, posters for
    replies; and the followers of the thread whose reply times the task worker."""

    csrf: str
    readers: list[str]  # session keys
    posters: list[str]
    work: Path
    scale_out_email: str
    followers: list[User]
    # Replies to the followed thread once a run; not one of its followers.
    follower_poster: User
    follower_poster_session: str

    def session_for(self, page: Page) -> str | None:
        if page.visitor:
            return None
        return (self.posters if page.method == "POST" else self.readers)[0]

    def cookie_file(self, page: Page) -> Path:
        if page.visitor:
            return self.work / "visitors.txt"
        return self.work / ("posters.txt" if page.method == "POST" else "readers.txt")


def _sign_in_members(work: Path) -> Audience:
    members = bench_members()
    csrf = csrf_secret()
    (work / "visitors.txt").write_text("")  # no Cookie header at all (wrk_report.lua)
    return Audience(
        csrf=csrf,
        readers=write_cookie_file(work / "readers.txt", members[:READERS], csrf),
        # Replies are spread over many members, as real ones are.
        posters=write_cookie_file(work / "posters.txt", members[-POSTERS:], csrf),
        work=work,
        # Signs in through the form on server A; its password hash is checked once.
        scale_out_email=members[-1].email,
        # Not the readers, whose pages would show the notifications, when there are enough.
        followers=(members[READERS:-1] or members[:-1])[:FOLLOWERS],
        follower_poster=members[-1],
        follower_poster_session=sign_in(members[-1]),
    )


@dataclass(frozen=True)
class Measured:
    figures: list[PageFigures]
    checks: list[Check]
    # Seconds the task worker took to catch up after the reply load (None: it didn't).
    caught_up: float | None
    told: FollowersTold


def bench_environment(options: dict[str, Any], environ: Mapping[str, str]) -> dict[str, str]:
    """The environment the bench runs in, its servers and task worker too."""
    env = {
        **environ,
        "DATABASE_URL": options["database_url"],
        "REDIS_URL": options["redis_url"],
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",  # plain HTTP on 127.0.0.1, no TLS proxy
        "BOOMITY_BENCH": "true",
        # As in production: a reply is saved in the request, and `manage.py db_worker`
        # (started beside the servers) tells the followers.
        "BOOMITY_TASKS": "database",
        # Replies under load are a throughput test, not flooding.
        "BOOMITY_LIMIT_REPLY": "1000000/h",
        "BOOMITY_LIMIT_REPLY_NEW": "1000000/h",
    }
    env.pop("EMAIL_HOST", None)  # the bench sends no e-mail; never to a real server
    return env


def _reply_through(server: AppServer, thread: Thread, audience: Audience) -> str | None:
    """A reply to `thread` posted through `server`; what went wrong, if it wasn't."""
    browser = WebClient()
    browser.cookies[settings.SESSION_COOKIE_NAME] = audience.follower_poster_session
    browser.cookies[settings.CSRF_COOKIE_NAME] = audience.csrf
    path = reverse("forums:thread-reply", args=[thread.pk])
    # Words of this run's own: the same words again within ten minutes (a second run)
    # would be taken for a double send and not posted (forums.views.posted_once).
    body = f"Timing the followers' notifications ({secrets.token_hex(4)})."
    form = {"csrfmiddlewaretoken": audience.csrf, "body": body}
    answer = browser.post(server.url, path, form)
    return None if answer.status == 302 else f"POST {path} answered {answer.status}"


def bench_report(
    measured: Measured,
    *,
    started: datetime,
    timings: Mapping[str, float | None],
    load_average: float,
    size: Size,
    database_url: str,
    wrk: WrkSettings,
    not_measured: dict[str, str],
) -> dict[str, Any]:
    """The run as JSON: every row with both ratios, the ceilings they divide by, the
    task worker's figures, the checks, and what the machine was doing at the start."""
    return {
        "started_at": started.isoformat(),
        "passed": all(check.passed for check in measured.checks),
        "wall_seconds": {name: _round(seconds) for name, seconds in timings.items()},
        "load_average_at_start": round(load_average, 2),
        "machine": _machine(load_average),
        "community": asdict(size),
        "database": database.describe(database_url),
        "servers": {"count": 2, "gunicorn_workers_each": WORKERS, "loaded": "A"},
        "wrk": asdict(wrk),
        "ceilings_requests_per_second": ceilings_json(measured.figures),
        "pages": [figures_json(f) for f in measured.figures],
        "not_measured": not_measured,
        "task_worker": _worker_json(measured),
        "checks": checks_json(measured.checks),
    }


def _results_text(measured: Measured, not_measured: dict[str, str], load_average: float) -> str:
    """What the run prints, and keeps beside its JSON."""
    return "\n".join(
        [
            f"Load average at the start: {load_average:.2f} on {os.cpu_count()} cores.",
            "",
            format_table(measured.figures, not_measured),
            "",
            measured.told.line(),
            "",
            *(check.line() for check in measured.checks),
        ]
    )


def _worker_json(measured: Measured) -> dict[str, Any]:
    told = measured.told
    return {
        "command": "manage.py db_worker",
        "caught_up_after_reply_load_seconds": _round(measured.caught_up),
        "followers": told.followers,
        "followers_told": told.told,
        "followers_told_ms": None if told.ms is None else round(told.ms),
        "announce_task_ms": None if told.task_ms is None else round(told.task_ms, 1),
        "line": told.line(),
    }


def _machine(load_average: float) -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "load_average_at_start": round(load_average, 2),
        "python": platform.python_version(),
        "django": django.get_version(),
    }


def _round(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 1)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _warm_up(server: AppServer, pages: list[Page], audience: Audience) -> None:
    """A few requests per page first, so each worker has loaded the URLs, views and
    templates before it is timed."""
    member, visitor = WebClient(), WebClient()
    member.cookies[settings.SESSION_COOKIE_NAME] = audience.readers[0]
    for page in pages:
        if page.method == "GET":
            browser = visitor if page.visitor else member
            for _ in range(WARM_UP_REQUESTS):
                browser.get(server.url, page.path)


def _members_board_path() -> str:
    board = Board.objects.filter(visibility=Visibility.MEMBERS).first()
    assert board is not None, "seed the bench community first"
    return board.get_absolute_url()


def _no_errors(figures: list[PageFigures]) -> Check:
    failing = [f"{f.page.name}: {f.load.errors}" for f in figures if f.load.errors]
    return Check("every request under load answered as expected", not failing, ", ".join(failing))


def _replies_saved(saved: int, requests: int) -> Check:
    # wrk may stop with a reply in flight, which the server still saves.
    return Check(
        "every reply posted under load was saved",
        saved >= requests,
        f"{requests} answered, {saved} saved",
    )


def _worker_caught_up(seconds: float | None) -> Check:
    return Check(
        "the task worker caught up after the reply load",
        seconds is not None,
        f"no task waiting {seconds:.1f} s after it"
        if seconds is not None
        else f"tasks still waiting after {CATCH_UP_TIMEOUT:.0f} s",
    )


def _followers_told(told: FollowersTold) -> Check:
    return Check(
        "the task worker told every follower of a reply",
        told.passed,
        told.problem or f"{told.told} of {told.followers}",
    )


def _counters_exact(landmarks: Landmarks) -> Check:
    thread = landmarks.posting_thread
    thread.refresh_from_db()
    thread.board.refresh_from_db()
    problems = thread_problems(thread) + board_problems(thread.board)
    return Check(
        "thread and board counters exact after concurrent replies",
        not problems,
        "; ".join(problems),
    )
