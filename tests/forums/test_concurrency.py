"""50 members reply into one thread at once, through the real server.

Runs on whichever database the suite runs on (CI runs the suite on the SQLite
default and again on PostgreSQL), with four gunicorn worker processes.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection

from tests.served import Browserless, ServedApp

CLIENTS = 50
REPLIES_EACH = 4

SEED = f"""
import json
from importlib import import_module
from django.conf import settings
from forums import actions
from forums.models import Board, BoardGroup
from members.models import User
from moderation.models import ModerationSettings
# This test is about counting; holding first posts for review is tested elsewhere.
ModerationSettings.objects.update_or_create(pk=1, defaults={{"new_member_hold_count": 0}})
group = BoardGroup.objects.create(name="Support", slug="support")
board = Board.objects.create(group=group, name="Anxiety", slug="anxiety")
starter = User.objects.create_user(email="starter@example.org", display_name="Starter")
thread = actions.start_thread(board=board, author=starter, title="Busy", body="Hi").thread
Store = import_module(settings.SESSION_ENGINE).SessionStore
keys = []
for i in range({CLIENTS}):
    user = User.objects.create_user(email=f"m{{i}}@example.org", display_name=f"member{{i}}")
    session = Store()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    keys.append(session.session_key)
print(json.dumps({{"thread": thread.pk, "board": board.pk, "sessions": keys}}))
"""

CHECK = """
import json
from forums.models import Board, Post, Thread
thread = Thread.objects.get(pk={thread})
board = Board.objects.get(pk={board})
posts = Post.objects.filter(thread=thread)
numbers = list(posts.order_by("number").values_list("number", flat=True))
last = Post.objects.filter(thread=thread).order_by("-number").first()
print(json.dumps({{
    "numbers": numbers,
    "thread": [thread.post_count, thread.reply_count, thread.last_number, thread.last_post_id],
    "board": [board.thread_count, board.post_count, board.last_post_id],
    "last_post": last.pk,
    "posts": Post.objects.count(),
}}))
"""


def _vendor_and_settings():
    return connection.vendor, settings.DATABASES["default"]


@pytest.mark.slow  # ~15 s: served app, fifty concurrent replies
@pytest.mark.django_db
def test_fifty_members_reply_at_once_and_nothing_is_lost():
    vendor, db = _vendor_and_settings()
    with ServedApp(vendor, db, workers=4, threads=4) as app:
        world = app.run_python(SEED)
        thread_url = f"/t/{world['thread']}/reply/"

        def member_posts(session_key: str) -> list[tuple[int, str]]:
            person = Browserless(app, session_key)
            return [
                person.post(thread_url, {"body": f"Sending support, reply {n}"})
                for n in range(REPLIES_EACH)
            ]

        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            answers = [a for each in pool.map(member_posts, world["sessions"]) for a in each]

        # Every reply was taken: a redirect to the new post, not an error or a sign-in.
        failed = [a for a in answers if a[0] != 302 or not a[1].startswith("/p/")]
        assert not failed, failed[:5]
        facts = app.run_python(CHECK.format(**world))
        total = 1 + CLIENTS * REPLIES_EACH
        assert facts["numbers"] == list(range(1, total + 1))  # no gap, no duplicate
        assert facts["thread"] == [total, total - 1, total, facts["last_post"]]
        assert facts["board"] == [1, total, facts["last_post"]]
        assert facts["posts"] == total
