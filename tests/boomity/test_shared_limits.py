"""Rate limits hold across four gunicorn worker processes.

Each worker is its own process: a per-process cache would let every worker
count alone, multiplying the limit. The counts live in the shared cache — the
database cache by default, Redis when REDIS_URL is set — so they hold.
"""

from __future__ import annotations

import socket
import uuid

import pytest
from django.conf import settings
from django.db import connection

from tests.served import Browserless, ServedApp

SEED = """
import json
from allauth.account.models import EmailAddress
from members.models import User
user = User.objects.create_user(email="{email}", password="the-right-password-1",
                                display_name="River")
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
print(json.dumps({"ok": True}))
"""


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.mark.slow  # ~12-16 s per cache: four served workers
@pytest.mark.django_db
@pytest.mark.parametrize("cache", ["database", "redis"])
def test_failed_sign_ins_are_limited_across_four_workers(cache):
    extra = {}
    if cache == "redis":
        if not _redis_up():
            pytest.skip("Redis is not running on 127.0.0.1:6379")
        extra["REDIS_URL"] = "redis://127.0.0.1:6379/15"
    with ServedApp(
        connection.vendor, settings.DATABASES["default"], workers=4, threads=1, extra_env=extra
    ) as app:
        # An address of this run's own: Redis is shared with any other run of the suite
        # (CI's two databases, a second checkout), so no count may carry over, and
        # clearing the cache would wipe another run's counts mid-test.
        email = f"river-{uuid.uuid4().hex[:12]}@example.org"
        app.run_python(SEED.replace("{email}", email))
        person = Browserless(app)
        wrong = {"login": email, "password": "not-my-password"}
        pages = [person.post("/accounts/login/", wrong)[1] for _ in range(12)]
        limited = ["too many sign-in attempts" in page.lower() for page in pages]
        # allauth allows 5 failures per 5 minutes for one address: with 4 workers
        # counting alone, a dozen tries would never reach it in any one of them.
        assert limited[:5] == [False] * 5
        assert all(limited[6:]), limited
        # Now even the right password must wait.
        status, where = person.post(
            "/accounts/login/", {"login": email, "password": "the-right-password-1"}
        )
        assert status == 200, (status, where)


@pytest.mark.django_db
def test_the_admin_signs_in_through_the_same_limited_form(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
