"""Twelve people join with a three-use invitation code at the same moment.

Through the real server (four gunicorn processes) on whichever database the suite
runs on: exactly three get in, and the others are told kindly why not.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.conf import settings
from django.db import connection

from tests.served import Browserless, ServedApp

PEOPLE = 12
USES = 3

SEED = f"""
import json
from members.models import CommunitySettings, Invitation
community = CommunitySettings.load()
community.signup_policy = "invitation"
community.save()
code = Invitation.objects.create(note="Race", max_uses={USES})
print(json.dumps({{"code": code.code}}))
"""

CHECK = """
import json
from members.models import Invitation, User
print(json.dumps({"uses": Invitation.objects.get().uses, "accounts": User.objects.count()}))
"""


@pytest.mark.slow  # ~11 s: served app, concurrent sign-ups on one code
@pytest.mark.django_db
def test_a_code_is_never_used_more_often_than_it_allows():
    # Each process would otherwise keep the settings it read while booting (open).
    # Twelve people on twelve addresses, as behind a proxy: from one address, allauth
    # turns away sign-ups that arrive together (its per-address limit takes a lock).
    env = {"BOOMITY_COMMUNITY_CACHE_SECONDS": "0", "BOOMITY_TRUSTED_PROXY_COUNT": "1"}
    with ServedApp(
        connection.vendor, settings.DATABASES["default"], workers=4, threads=4, extra_env=env
    ) as app:
        code = app.run_python(SEED)["code"]
        start = Barrier(PEOPLE)

        def join(n: int) -> tuple[int, str]:
            person = Browserless(app, forwarded_for=f"203.0.113.{n + 1}")
            start.wait()
            return person.post(
                "/accounts/signup/",
                {
                    "invitation_code": code,
                    "email": f"person{n}@example.org",
                    "display_name": f"Person {n}",
                    "password1": "calm-waters-2026",
                    "accept_guidelines": "on",
                },
            )

        with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
            answers = list(pool.map(join, range(PEOPLE)))

        joined = [a for a in answers if a[0] == 302]
        refused = [a for a in answers if a[0] == 200]
        assert len(joined) == USES, [a[0] for a in answers]
        assert len(refused) == PEOPLE - USES, [a[0] for a in answers]
        for _, html in refused:
            said = html[html.find("<main") :][:1500]
            assert "has run out" in html or "as many people as it allows" in html, said
            assert 'value="Person' in html  # what they typed is still there
        assert app.run_python(CHECK) == {"uses": USES, "accounts": USES}
