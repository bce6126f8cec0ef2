"""Who may open what: every URL of ours × every kind of person.

Adding a URL to one of our apps without a row here fails
`test_every_url_of_ours_has_a_row`. allauth's and the admin's own URLs are
library-owned; the rows below cover the ones people use (sign-in, sign-up,
account pages, the admin's index and our models' pages).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import make_board, make_member, make_thread

PERSONAS = ["visitor", "member", "other_member", "moderator", "staff"]
OUR_NAMESPACES = {"forums", ""}  # "" = names defined in boomity/urls.py
LIBRARY_PREFIXES = ("account_", "admin:", "socialaccount_", "mfa_")

LOGIN = "login"  # 302 to the sign-in page
ADMIN_LOGIN = "admin-login"  # 302 to the admin's sign-in, which is allauth's


@dataclass(frozen=True)
class Row:
    name: str  # URL name, namespaced
    url: str  # with placeholders filled from the world fixture
    method: str
    expect: dict[str, int | str]


def rows(world) -> list[Row]:
    t, p, pub = world["thread"], world["post"], world["public_board"]
    members = {"member": 200, "other_member": 200, "moderator": 200, "staff": 200}
    only_author = {"member": 200, "other_member": 404, "moderator": 404, "staff": 404}
    return [
        Row("forums:home", "/", "GET", {"visitor": 200, **members}),
        Row("forums:board-detail", f"/b/{t.board.slug}/", "GET", {"visitor": LOGIN, **members}),
        Row("forums:board-detail", f"/b/{pub.slug}/", "GET", {"visitor": 200, **members}),
        Row("forums:thread-new", f"/b/{t.board.slug}/new/", "GET", {"visitor": LOGIN, **members}),
        Row("forums:thread-detail", t.get_absolute_url(), "GET", {"visitor": LOGIN, **members}),
        Row("forums:thread-detail-short", f"/t/{t.pk}/", "GET",
            {"visitor": LOGIN, **{k: 301 for k in members}}),
        Row("forums:thread-reply", f"/t/{t.pk}/reply/", "GET", {"visitor": LOGIN, **members}),
        Row("forums:thread-reply", f"/t/{t.pk}/reply/", "PUT",
            {"visitor": LOGIN, **{k: 405 for k in members}}),
        Row("forums:post-permalink", f"/p/{p.pk}/", "GET",
            {"visitor": LOGIN, **{k: 302 for k in members}}),
        Row("forums:post-edit", f"/p/{p.pk}/edit/", "GET", {"visitor": LOGIN, **only_author}),
        Row("forums:post-edit", f"/p/{p.pk}/edit/", "POST",
            {"visitor": LOGIN, "other_member": 404, "moderator": 404, "staff": 404,
             "member": 400}),  # empty body: a kind error, nothing saved
        Row("forums:post-delete", f"/p/{p.pk}/delete/", "GET", {"visitor": LOGIN, **only_author}),
        Row("guidelines", "/guidelines/", "GET", {"visitor": 200, **members}),
        Row("favicon", "/favicon.ico", "GET", {"visitor": 301, **{k: 301 for k in members}}),
        Row("account_login", "/accounts/login/", "GET",
            {"visitor": 200, **{k: 302 for k in members}}),
        Row("account_signup", "/accounts/signup/", "GET",
            {"visitor": 200, **{k: 302 for k in members}}),
        Row("account_email", "/accounts/email/", "GET", {"visitor": LOGIN, **members}),
        Row("account_change_password", "/accounts/password/change/", "GET",
            {"visitor": LOGIN, **members}),
        Row("admin:index", "/admin/", "GET",
            {"visitor": ADMIN_LOGIN, "member": ADMIN_LOGIN, "other_member": ADMIN_LOGIN,
             "moderator": 200, "staff": 200}),
        Row("admin:forums_thread_changelist", "/admin/forums/thread/", "GET",
            {"visitor": ADMIN_LOGIN, "member": ADMIN_LOGIN, "other_member": ADMIN_LOGIN,
             "moderator": 200, "staff": 200}),
        Row("admin:forums_board_add", "/admin/forums/board/add/", "GET",
            {"visitor": ADMIN_LOGIN, "member": ADMIN_LOGIN, "other_member": ADMIN_LOGIN,
             "moderator": 403, "staff": 200}),
        Row("admin:members_user_changelist", "/admin/members/user/", "GET",
            {"visitor": ADMIN_LOGIN, "member": ADMIN_LOGIN, "other_member": ADMIN_LOGIN,
             "moderator": 403, "staff": 403}),
    ]


@pytest.fixture
def world(db, moderator, staff):
    author = make_member("Author")
    board = make_board("private-board")
    public_board = make_board("open-board", public=True)
    thread = make_thread(board, author, title="A thread")
    return {
        "thread": thread, "post": thread.posts.get(number=1), "public_board": public_board,
        "people": {"visitor": None, "member": author, "other_member": make_member("Other"),
                   "moderator": moderator, "staff": staff},
    }


def _our_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace: str):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = entry.namespace or namespace
                walk(entry.url_patterns, inner)
            elif isinstance(entry, URLPattern) and entry.name and namespace in OUR_NAMESPACES:
                names.add(f"{namespace}:{entry.name}" if namespace else entry.name)

    walk(get_resolver().url_patterns, "")
    return {n for n in names if not n.startswith(LIBRARY_PREFIXES)}


@pytest.mark.django_db
def test_every_url_of_ours_has_a_row(world):
    covered = {row.name for row in rows(world)}
    missing = _our_url_names() - covered
    assert not missing, f"URLs without a row in the authorization matrix: {sorted(missing)}"


def _outcome(response) -> int | str:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return LOGIN if "next=/admin" not in location else ADMIN_LOGIN
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_authorization_matrix(client, world, persona):
    user = world["people"][persona]
    if user is not None:
        client.force_login(user)
    wrong = []
    for row in rows(world):
        response = client.generic(row.method, row.url)
        got = _outcome(response)
        if got != row.expect[persona]:
            wrong.append(f"{row.method} {row.url} ({row.name}): expected "
                         f"{row.expect[persona]}, got {got}")
    assert not wrong, f"{persona}:\n" + "\n".join(wrong)
