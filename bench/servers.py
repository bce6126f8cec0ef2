"""gunicorn app servers for the bench: started, waited for, and always stopped."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError

from django.conf import settings
from django.urls import reverse

START_TIMEOUT = 60.0


class ServerFailed(Exception):
    pass


@dataclass(frozen=True)
class AppServer:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def app_servers(
    names: Sequence[str], env: Mapping[str, str], log_dir: Path, *, workers: int = 2
) -> Iterator[list[AppServer]]:
    """One gunicorn per name, each on a free port, answering before this yields."""
    log_dir.mkdir(parents=True, exist_ok=True)
    servers: list[AppServer] = []
    try:
        for name in names:
            servers.append(_start(name, env, log_dir, workers))
        for server in servers:
            _wait_until_ready(server)
        yield servers
    finally:
        for server in servers:
            _stop(server)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(name: str, env: Mapping[str, str], log_dir: Path, workers: int) -> AppServer:
    port = _free_port()
    log_path = log_dir / f"gunicorn-{name}.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "bench.wsgi",  # the site, and the bare ceiling beside it
        f"--workers={workers}",
        f"--bind=127.0.0.1:{port}",
        "--no-control-socket",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - our own arguments, no shell
            command, cwd=settings.BASE_DIR, env=dict(env), stdout=log, stderr=subprocess.STDOUT
        )
    return AppServer(name, port, process, log_path)


def _wait_until_ready(server: AppServer) -> None:
    ready_path = reverse("bench-ceiling")  # the cheapest page through the whole stack
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerFailed(f"Server {server.name} exited at start-up.\n{_log_tail(server)}")
        try:
            _get(server, ready_path)
        except (URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
        else:
            # The bare page is answered by bench/wsgi.py's handler without middleware.
            if _get(server, reverse("bench-bare")) != b"hello":
                raise ServerFailed(f"Server {server.name}'s bare page doesn't say hello.")
            return
    raise ServerFailed(
        f"Server {server.name} didn't answer in {START_TIMEOUT:.0f} s.\n{_log_tail(server)}"
    )


def _get(server: AppServer, path: str) -> bytes:
    try:
        with urllib.request.urlopen(server.url + path, timeout=2) as response:  # noqa: S310
            return response.read()
    except HTTPError as exc:
        raise ServerFailed(
            f"Server {server.name} answered {exc.code} on {path}.\n{_log_tail(server)}"
        ) from None


def _log_tail(server: AppServer, lines: int = 30) -> str:
    text = server.log_path.read_text(errors="replace").splitlines()
    return f"Last lines of {server.log_path}:\n" + "\n".join(text[-lines:])


def _stop(server: AppServer) -> None:
    if server.process.poll() is None:
        server.process.terminate()  # gunicorn's graceful shutdown
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
