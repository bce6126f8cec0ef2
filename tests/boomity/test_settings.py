"""Start-up safety: production refuses to run half-configured."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SECRET_KEY": "x" * 60 + "-a-long-and-random-production-secret",
    "DJANGO_ALLOWED_HOSTS": "community.example.org",
    "DJANGO_DEBUG": "false",
    "EMAIL_HOST": "smtp.example.org",
}


def serve(**env: str) -> subprocess.CompletedProcess:
    """Load the app the way gunicorn does, without serving anything."""
    return run("-c", "import boomity.wsgi", **env)


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return run("manage.py", *args, **env)


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "BOOMITY_", "PYTEST"))
    }
    clean.pop("DATABASE_URL", None)
    clean["BOOMITY_DATA_DIR"] = tempfile.gettempdir()
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_refuses_to_start_without_a_secret_key():
    result = serve(DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_refuses_to_start_without_allowed_hosts():
    result = serve(DJANGO_SECRET_KEY=PRODUCTION["DJANGO_SECRET_KEY"])
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_commands_that_serve_nothing_run_but_the_deploy_check_objects():
    assert manage("makemigrations", "--check", "--dry-run").returncode == 0
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ALLOWED_HOSTS="example.org",
        EMAIL_HOST="smtp.example.org",
    )
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout  # the placeholder key


def test_production_without_a_mail_server_is_reported():
    without_mail = {k: v for k, v in PRODUCTION.items() if k != "EMAIL_HOST"}
    result = manage("check", "--deploy", **without_mail)
    assert result.returncode != 0
    assert "development-only email backend" in result.stderr + result.stdout


def test_a_bad_boolean_is_explained():
    result = manage("check", DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


def test_deploy_check_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_sqlite_default_waits_for_the_lock_instead_of_failing(settings):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only behaviour")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]


APPS_AND_CEILING = (
    "import django; django.setup()\n"
    "from django.conf import settings; from django.urls import Resolver404, resolve\n"
    "try:\n    resolve('/_bench/ceiling/'); routed = True\n"
    "except Resolver404:\n    routed = False\n"
    "print('bench' in settings.INSTALLED_APPS, routed)\n"
)


def test_the_bench_tooling_is_no_part_of_the_deployed_site():
    env = {**PRODUCTION, "DJANGO_SETTINGS_MODULE": "boomity.settings"}
    assert run("-c", APPS_AND_CEILING, **env).stdout.split() == ["False", "False"]
    unknown = manage("bench", "--help", **PRODUCTION)
    assert unknown.returncode != 0
    assert "Unknown command: 'bench'" in unknown.stderr


def test_the_bench_is_there_to_develop_and_to_benchmark():
    assert manage("bench", "--help", DJANGO_DEBUG="true").returncode == 0
    env = {"DJANGO_SETTINGS_MODULE": "boomity.settings", "DJANGO_DEBUG": "true"}
    # Developing: the command, but the site's own URLs.
    assert run("-c", APPS_AND_CEILING, **env).stdout.split() == ["True", "False"]
    # What `manage.py bench` runs itself and its servers with: the ceiling page in front.
    env = {**PRODUCTION, "DJANGO_SETTINGS_MODULE": "boomity.settings", "BOOMITY_BENCH": "true"}
    assert run("-c", APPS_AND_CEILING, **env).stdout.split() == ["True", "True"]


PREPARED_OPTIONS = (
    "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'boomity.settings')\n"
    "import django; django.setup()\n"
    "from django.conf import settings\n"
    "options = settings.DATABASES['default'].get('OPTIONS', {})\n"
    "print(options.get('server_side_binding'), options.get('prepare_threshold'))\n"
)


@pytest.mark.parametrize(
    ("setting", "expected"),
    [(None, "True 5"), ("true", "True 5"), ("false", "None None")],
    ids=["default", "on", "off"],
)
def test_postgresql_prepares_the_queries_it_is_asked_often_unless_told_not_to(setting, expected):
    env = {**PRODUCTION, "DATABASE_URL": "postgres://boomity@db.example.org:5432/boomity"}
    if setting is not None:
        env["DATABASE_PREPARED_STATEMENTS"] = setting
    result = run("-c", PREPARED_OPTIONS, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == expected.split()


@pytest.mark.django_db
def test_queries_are_prepared_on_postgresql_and_answer_as_before():
    """The suite runs on PostgreSQL with the setting on (CI's second run): every test
    there is a test of it. Here: a query asked often is prepared, and still answers."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from tests.factories import make_member

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    connection.ensure_connection()
    assert connection.connection.prepare_threshold == 5
    ids = [make_member(f"Member {i}").pk for i in range(3)]
    users = get_user_model().objects
    for _ in range(3):
        for pk in ids:
            assert list(users.filter(pk=pk).values_list("pk")) == [(pk,)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone()[0] >= 1
