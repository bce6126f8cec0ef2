"""Every admin action that asks before it acts (core/admin_actions.confirm_action, one
page: admin/action_confirmation.html) asks a question in plain words, with the right
number: "Hide this post?", "Hide these 3 posts?" — never "Hidden" before anything happened.

Generated: every action of every one of our admin pages is tried, and each that shows the
confirmation page must have its question below, for 1 item and for 3."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.contrib import admin
from django.test import RequestFactory

from forums import actions as forum_actions
from members.models import Invitation
from moderation import actions
from moderation.models import Priority, Sanction, SanctionKind
from tests.conftest import page
from tests.factories import experience, give_two_step_sign_in, make_board, make_member, make_thread

OUR_APPS = {"core", "members", "checkins", "forums", "moderation", "boomity"}
CONFIRMATION = "admin/action_confirmation.html"

# (app, model, action) → (its question for 1 item, for 3)
QUESTIONS = {
    ("forums", "thread", "move"): (
        "Move this thread to another board?",
        "Move these 3 threads to another board?",
    ),
    ("members", "experience", "merge"): (
        "Merge this experience into another?",
        "Merge these 3 experiences into another?",
    ),
    ("moderation", "sanction", "lift"): ("Lift this sanction?", "Lift these 3 sanctions?"),
    ("moderation", "reviewitem", "bulk_approve"): (
        "Approve this post?",
        "Approve these 3 posts?",
    ),
    ("moderation", "reviewitem", "bulk_hide"): ("Hide this post?", "Hide these 3 posts?"),
    ("moderation", "reviewitem", "bulk_dismiss"): (
        "Dismiss the flags on this post?",
        "Dismiss the flags on these 3 posts?",
    ),
}


def _threads(n: int) -> list:
    board = make_board()
    author = make_member()
    return [make_thread(board, author, title=f"Thread {i}") for i in range(n)]


def _experiences(n: int) -> list:
    return [experience(f"Experience to merge {i}") for i in range(n)]


def _invitations(n: int) -> list:
    return [Invitation.objects.create(note=f"Group {i}", max_uses=5) for i in range(n)]


def _review_items(n: int) -> list:
    thread = _threads(1)[0]
    author = make_member()
    posts = [forum_actions.post_reply(thread=thread, author=author, body=f"r{i}") for i in range(n)]
    return [
        actions.open_review(post, priority=Priority.FLAGGED, reasons=["Flagged: Unkind"])
        for post in posts
    ]


def _sanctions(n: int) -> list:
    member = make_member()
    return [
        Sanction.objects.create(member=member, kind=SanctionKind.WARNING, reason=f"r{i}")
        for i in range(n)
    ]


# How to make n rows for each of our admin pages that has actions.
MAKERS: dict[tuple[str, str], Callable[[int], list]] = {
    ("forums", "thread"): _threads,
    ("members", "experience"): _experiences,
    ("members", "invitation"): _invitations,
    ("moderation", "reviewitem"): _review_items,
    ("moderation", "sanction"): _sanctions,
}


@pytest.fixture
def superuser(db):
    return give_two_step_sign_in(make_member("Sam", is_staff=True, is_superuser=True))


def _our_actions(user) -> list[tuple[str, str, str]]:
    request = RequestFactory().get("/admin/")
    request.user = user
    found = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if opts.app_label not in OUR_APPS:
            continue
        for name in model_admin.get_actions(request):
            if name != "delete_selected":  # Django's own page, not ours
                found.append((opts.app_label, opts.model_name, name))
    return found


def _ask(client, app: str, model: str, action: str, n: int):
    rows = MAKERS[app, model](n)
    return client.post(
        f"/admin/{app}/{model}/",
        {"action": action, "_selected_action": [row.pk for row in rows]},
    )


@pytest.mark.django_db
def test_every_action_that_asks_first_has_its_question(client, superuser):
    """An action added later that shows the confirmation page must be listed above, so
    its wording is checked too."""
    client.force_login(superuser)
    asking = set()
    for app, model, action in _our_actions(superuser):
        assert (app, model) in MAKERS, f"Add a maker for {app}.{model} (it has actions)"
        response = _ask(client, app, model, action, 1)
        if CONFIRMATION in [t.name for t in response.templates]:
            asking.add((app, model, action))
    assert asking == set(QUESTIONS)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("key", sorted(QUESTIONS), ids=lambda key: ".".join(key))
def test_the_confirmation_asks_in_plain_words_with_the_right_number(client, superuser, key, count):
    client.force_login(superuser)
    response = _ask(client, *key, count)
    assert response.status_code == 200
    html = page(response)
    question = QUESTIONS[key][0 if count == 1 else 1]
    assert f"<h1>{question}</h1>" in html
    assert re.search(rf"<title>{re.escape(question)} \|", html)
    assert html.count('name="_selected_action"') == count
    # Nothing has happened yet: no "Hidden", "these 1 item" or the like.
    main = html[html.index('<div id="content"') :]
    assert "these 1 " not in main and "this 3 " not in main
    assert not re.search(r"<h1>[^<]*(Hidden|Approved|dismissed|Moved|Merged|Lifted)", main)
