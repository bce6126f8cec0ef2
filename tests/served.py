"""The real app, served by gunicorn on its own fresh database, for system tests.

pytest-django's test database lives inside the test process (in memory, for
SQLite), so tests that need several server processes build their own: a
SQLite file (with the app's WAL/IMMEDIATE settings) or a PostgreSQL database
of the same server the suite uses. Set-up and checks run as `manage.py`
subprocesses against that database; the test only speaks HTTP to it.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postgres_admin_url(settings_db: dict, name: str) -> str:
    user = settings_db.get("USER") or "postgres"
    password = settings_db.get("PASSWORD") or ""
    auth = f"{user}:{urllib.parse.quote(password)}" if password else user
    host = settings_db.get("HOST") or "127.0.0.1"
    port = settings_db.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{name}"


class ServedApp:
    """A fresh database, migrated, and gunicorn serving the app on it."""

    def __init__(
        self,
        vendor: str,
        settings_db: dict,
        *,
        workers: int = 4,
        threads: int = 2,
        extra_env: dict[str, str] | None = None,
    ):
        self.vendor = vendor
        self.settings_db = settings_db
        self.workers = workers
        self.threads = threads
        self.extra_env = extra_env or {}
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._tmp = tempfile.TemporaryDirectory(prefix="boomity-served-")
        self._db_name = f"boomity_served_{os.getpid()}_{secrets.token_hex(3)}"
        self._server: subprocess.Popen | None = None

    # --- life cycle ---------------------------------------------------------
    def __enter__(self) -> ServedApp:
        try:
            self._create_database()
            self.manage("migrate", "--no-input", "-v", "0")
            self.manage("createcachetable")
            self._start_server()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        if self._server is not None:
            self._server.terminate()
            try:
                self._server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._server.kill()
        if self.vendor == "postgresql":
            self._psql(f'DROP DATABASE IF EXISTS "{self._db_name}" WITH (FORCE)')
        self._tmp.cleanup()

    @property
    def env(self) -> dict[str, str]:
        keep = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "BOOMITY_", "PYTEST", "DATABASE_URL"))
        }
        return {
            **keep,
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "served-test-" + "k" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_STATIC_ROOT": str(Path(self._tmp.name) / "static"),
            "DATABASE_URL": self.database_url,
            **self.extra_env,
        }

    @property
    def database_url(self) -> str:
        if self.vendor == "sqlite":
            return f"sqlite:///{Path(self._tmp.name) / 'db.sqlite3'}"
        return _postgres_admin_url(self.settings_db, self._db_name)

    def _psql(self, sql: str) -> None:
        import psycopg

        url = _postgres_admin_url(self.settings_db, "postgres")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql)

    def _create_database(self) -> None:
        if self.vendor == "postgresql":
            self._psql(f'CREATE DATABASE "{self._db_name}"')

    def _start_server(self) -> None:
        # The manifest storage (DEBUG off) needs collected static files.
        self.manage("collectstatic", "--no-input", "-v", "0")
        self._server = subprocess.Popen(  # noqa: S603 - our own app server, fixed arguments
            [
                GUNICORN,
                "boomity.wsgi",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--no-control-socket",
                "--log-level",
                "warning",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self._server.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self._server.stderr.read().decode()}")
            try:
                urllib.request.urlopen(self.base_url + "/guidelines/", timeout=2)  # noqa: S310
                return
            except OSError:  # refused, reset or timed out while it boots
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 30 s")

    # --- talking to it --------------------------------------------------------
    def manage(self, *args: str) -> str:
        result = subprocess.run(  # noqa: S603 - our own manage.py
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def run_python(self, code: str) -> dict:
        """Run `code` with Django set up on this database; it must print one JSON line."""
        out = self.manage("shell", "--no-imports", "-c", code)
        return json.loads(out.strip().splitlines()[-1])


class Browserless:
    """One person's HTTP client: a cookie jar, and CSRF handled like a form would."""

    def __init__(
        self, app: ServedApp, session_key: str | None = None, *, forwarded_for: str | None = None
    ):
        self.app = app
        # As a proxy would say it (the app trusts one with BOOMITY_TRUSTED_PROXY_COUNT=1):
        # people who are really on different addresses.
        self.headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
        self.jar = http.cookiejar.CookieJar(policy=_PlainHttpTestPolicy())
        self.csrf = secrets.token_hex(16)  # an unmasked 32-character secret
        self._set_cookie("csrftoken", self.csrf)
        if session_key:
            self._set_cookie("sessionid", session_key)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def _set_cookie(self, name: str, value: str) -> None:
        self.jar.set_cookie(
            http.cookiejar.Cookie(
                0,
                name,
                value,
                None,
                False,
                "127.0.0.1",
                False,
                False,
                "/",
                True,
                False,
                None,
                False,
                None,
                None,
                {},
            )
        )

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        """(status, body) — or, for a redirect, (status, where it points)."""
        body = None
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf}).encode()
        # Always http://127.0.0.1:<port> of our own server.
        req = urllib.request.Request(  # noqa: S310
            self.app.base_url + path,
            data=body,
            method=method,
            headers=self.headers,
        )
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as err:
            if 300 <= err.code < 400:
                return err.code, err.headers.get("Location", "")
            return err.code, err.read().decode()

    def get(self, path: str) -> tuple[int, str]:
        return self.request("GET", path)

    def post(self, path: str, data: dict) -> tuple[int, str]:
        return self.request("POST", path, data)


class _PlainHttpTestPolicy(http.cookiejar.DefaultCookiePolicy):
    # Production cookies are Secure (TLS at the proxy); the test server is plain
    # http on loopback, so send them anyway instead of silently dropping them.
    def return_ok_secure(self, cookie, request):
        return True


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is an answer we want to see, not follow
