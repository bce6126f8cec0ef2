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

from forums.actions import mute_phrase
from forums.models import save_draft
from members.mail import unsubscribe_token
from moderation import actions as moderation_actions
from moderation.models import HandoverNote
from moderation.views import second_look_token
from tests.factories import make_board, make_member, make_thread

PERSONAS = ["visitor", "member", "other_member", "silenced", "moderator", "staff"]
SIGNED_IN = PERSONAS[1:]
# "" = names in boomity/urls.py
OUR_NAMESPACES = {"forums", "moderation", "members", "checkins", "figures", ""}
LIBRARY_PREFIXES = ("account_", "admin:", "socialaccount_", "mfa_")

LOGIN = "login"  # 302 to the sign-in page
ADMIN_LOGIN = "admin-login"  # 302 to the admin's sign-in, which is allauth's


@dataclass(frozen=True)
class Row:
    name: str  # URL name, namespaced
    url: str  # with placeholders filled from the world fixture
    method: str
    expect: dict[str, int | str]


def signed_in(status, **exceptions) -> dict[str, int | str]:
    """`status` for every signed-in persona but the exceptions; visitors sign in first."""
    return {"visitor": LOGIN, **{p: status for p in SIGNED_IN}, **exceptions}


def everyone(status) -> dict[str, int | str]:
    return {p: status for p in PERSONAS}


def admin_only(moderator, staff) -> dict[str, int | str]:
    return {**{p: ADMIN_LOGIN for p in PERSONAS}, "moderator": moderator, "staff": staff}


def rows(world) -> list[Row]:
    t, p, pub, block = world["thread"], world["post"], world["public_board"], world["block"]
    board = t.board.slug
    only_author = signed_in(404, member=200)
    unsubscribe = unsubscribe_token(world["people"]["member"])
    member = f"/admin/members/profile/member/{p.author_id}/"
    handover = "/admin/moderation/handovernote/"
    talk = world["conversation"].get_absolute_url()
    return [
        Row("forums:home", "/", "GET", everyone(200)),
        Row("forums:latest", "/latest/", "GET", everyone(200)),
        Row("forums:needs-reply", "/needs-reply/", "GET", signed_in(200)),
        Row("forums:welcome", "/welcome/", "GET", signed_in(200)),
        Row("forums:welcome", "/welcome/", "POST", signed_in(405)),
        Row("forums:board-detail", f"/b/{board}/", "GET", signed_in(200)),
        Row("forums:board-detail", f"/b/{pub.slug}/", "GET", everyone(200)),
        Row("forums:thread-new", f"/b/{board}/new/", "GET", signed_in(200, silenced=403)),
        # A visitor's POST to a posting form (signed out as they wrote): the kind page
        # that keeps their words; nothing is saved (forums.views.signed_in_to_post).
        Row(
            "forums:thread-new",
            f"/b/{board}/new/",
            "POST",
            signed_in(400, silenced=403, visitor=403),
        ),
        Row("forums:thread-detail", t.get_absolute_url(), "GET", signed_in(200)),
        Row("forums:thread-detail-short", f"/t/{t.pk}/", "GET", signed_in(301)),
        Row("forums:thread-reply", f"/t/{t.pk}/reply/", "GET", signed_in(200, silenced=403)),
        Row(
            "forums:thread-reply",
            f"/t/{t.pk}/reply/",
            "POST",
            signed_in(400, silenced=403, visitor=403),
        ),
        Row("forums:thread-reply", f"/t/{t.pk}/reply/", "PUT", signed_in(405)),
        Row("forums:follow-thread", f"/t/{t.pk}/follow/", "POST", signed_in(302)),
        Row("forums:follow-thread", f"/t/{t.pk}/follow/", "GET", signed_in(405)),
        Row("forums:follow-board", f"/b/{board}/follow/", "POST", signed_in(302)),
        Row("forums:follow-board", f"/b/{board}/follow/", "GET", signed_in(405)),
        Row("forums:post-permalink", f"/p/{p.pk}/", "GET", signed_in(302)),
        Row("forums:post-edit", f"/p/{p.pk}/edit/", "GET", only_author),
        # An empty body: a kind error for the author, nothing saved; others never learn it exists.
        Row(
            "forums:post-edit", f"/p/{p.pk}/edit/", "POST", signed_in(404, member=400, visitor=403)
        ),
        Row("forums:post-delete", f"/p/{p.pk}/delete/", "GET", only_author),
        Row("forums:block-author", f"/p/{p.pk}/block-author/", "POST", signed_in(302, member=404)),
        Row("forums:block-author", f"/p/{p.pk}/block-author/", "GET", signed_in(405)),
        # Without a reaction kind there is nothing to toggle.
        Row("forums:react", f"/p/{p.pk}/react/", "POST", signed_in(404)),
        Row("forums:react", f"/p/{p.pk}/react/", "GET", signed_in(405)),
        # Saved posts: anyone signed in who can read the post saves it; one's own list.
        Row("forums:save-post", f"/p/{p.pk}/save/", "POST", signed_in(302)),
        Row("forums:save-post", f"/p/{p.pk}/save/", "GET", signed_in(405)),
        Row("forums:saved", "/saved/", "GET", signed_in(200)),
        Row("forums:saved", "/saved/", "POST", signed_in(405)),
        # Drafts: one's own list; another's draft is "not found" (the author's is "member").
        Row("forums:drafts", "/drafts/", "GET", signed_in(200)),
        Row("forums:drafts", "/drafts/", "POST", signed_in(405)),
        Row("forums:draft-delete", f"/drafts/{world['draft'].pk}/delete/", "GET", only_author),
        # Mutes: one's own page; another's mute is "not found" (the author's is "member").
        Row("forums:mutes", "/mutes/", "GET", signed_in(200)),
        Row("forums:mutes", "/mutes/", "POST", signed_in(400)),  # nothing typed
        Row("forums:mutes", "/mutes/", "PUT", signed_in(405)),
        Row("forums:mute-warning", "/mutes/warning/", "POST", signed_in(404)),  # no such warning
        Row("forums:mute-warning", "/mutes/warning/", "GET", signed_in(405)),
        Row("forums:mute-remove", f"/mutes/{world['mute'].pk}/remove/", "GET", signed_in(405)),
        Row("forums:mute-board", f"/b/{board}/mute/", "POST", signed_in(302)),
        Row("forums:mute-board", f"/b/{board}/mute/", "GET", signed_in(405)),
        Row("forums:mute-topic", "/topics/sleep/mute/", "POST", signed_in(302)),
        Row("forums:mute-topic", "/topics/no-such-topic/mute/", "POST", signed_in(404)),
        Row("forums:mute-topic", "/topics/sleep/mute/", "GET", signed_in(405)),
        Row("forums:mute-thread", f"/t/{t.pk}/mute/", "POST", signed_in(302)),
        Row("forums:mute-thread", f"/t/{t.pk}/mute/", "GET", signed_in(405)),
        # Visitors search the public boards only; the results are tested in test_search.py.
        Row("forums:search", "/search/?q=thread", "GET", everyone(200)),
        Row("forums:search", "/search/?q=thread", "POST", everyone(405)),
        Row("forums:topic-list", "/topics/", "GET", everyone(200)),
        Row("forums:topic-detail", "/topics/sleep/", "GET", everyone(200)),
        Row("forums:topic-detail", "/topics/no-such-topic/", "GET", everyone(404)),
        Row("moderation:help", "/help/", "GET", everyone(200)),
        # A second look: only the silenced member, at their own silence (an empty request
        # is a kind error); others never learn it exists.
        Row("moderation:second-look", world["second_look"], "GET", signed_in(404, silenced=200)),
        Row("moderation:second-look", world["second_look"], "POST", signed_in(404, silenced=400)),
        Row("moderation:second-look", world["second_look"], "PUT", signed_in(405)),
        # A suspended member's signed link stands for their suspension, whoever holds it
        # (it is shown only to them, on the page that turns them away); a forged one is
        # "not found".
        Row("moderation:second-look-signed", world["signed_look"], "GET", everyone(200)),
        Row("moderation:second-look-signed", world["signed_look"], "PUT", everyone(405)),
        Row("moderation:second-look-signed", "/second-look/s/1:forged/", "GET", everyone(404)),
        Row("moderation:flag-post", f"/p/{p.pk}/flag/", "GET", signed_in(200, member=404)),
        Row("moderation:flag-post", f"/p/{p.pk}/flag/", "POST", signed_in(400, member=404)),
        Row("members:notifications", "/notifications/", "GET", signed_in(200)),
        # Private conversations: one's own list; a conversation with the moderation team
        # opens for its member (and they answer in it) and for moderators (staff moderate
        # too), who answer from the admin; anyone else: "not found".
        Row("members:conversations", "/messages/", "GET", signed_in(200)),
        Row("members:conversations", "/messages/", "POST", signed_in(405)),
        Row(
            "members:conversation",
            talk,
            "GET",
            signed_in(404, member=200, moderator=200, staff=200),
        ),
        Row("members:conversation", talk, "POST", signed_in(404, member=400)),  # nothing written
        Row("members:conversation", talk, "PUT", signed_in(405)),
        Row("members:blocked", "/account/blocked/", "GET", signed_in(200)),
        Row(
            "members:unblock",
            f"/account/blocked/{block.pk}/unblock/",
            "POST",
            signed_in(404, other_member=302),
        ),
        Row("members:profile-edit", "/account/profile/", "GET", signed_in(200)),
        # Nothing chosen: a kind note about who sees the experiences, nothing saved.
        Row("members:profile-edit", "/account/profile/", "POST", signed_in(400)),
        Row("members:profile-edit", "/account/profile/", "PUT", signed_in(405)),
        Row("members:directory", "/members/", "GET", signed_in(200)),
        Row("members:directory", "/members/", "POST", signed_in(405)),
        Row("forums:member-profile", "/members/Author/", "GET", signed_in(200)),
        Row("forums:member-profile", "/members/Nobody%20here/", "GET", signed_in(404)),
        Row("forums:member-profile", "/members/Author/", "POST", signed_in(405)),
        Row("members:colours", "/account/colours/", "GET", signed_in(200)),
        # Without a choice nothing changes: the form comes back with a kind note.
        Row("members:colours", "/account/colours/", "POST", signed_in(400)),
        Row("members:colours", "/account/colours/", "PUT", signed_in(405)),
        Row("members:language", "/account/language/", "GET", signed_in(200)),
        # Nothing chosen is a choice: the browser's language.
        Row("members:language", "/account/language/", "POST", signed_in(302)),
        Row("members:language", "/account/language/", "PUT", signed_in(405)),
        # The footer's switch, for anyone: back to the page, or home.
        Row("members:set-language", "/language/", "POST", everyone(302)),
        Row("members:set-language", "/language/", "GET", everyone(405)),
        Row("members:email-preferences", "/account/email-preferences/", "GET", signed_in(200)),
        # Nothing chosen: a kind error, nothing saved.
        Row("members:email-preferences", "/account/email-preferences/", "POST", signed_in(400)),
        Row("members:email-preferences", "/account/email-preferences/", "PUT", signed_in(405)),
        # The signed link is the key, whoever holds it: mail apps post without a session.
        Row("members:unsubscribe", f"/unsubscribe/{unsubscribe}/", "GET", everyone(200)),
        Row("members:unsubscribe", f"/unsubscribe/{unsubscribe}/", "POST", everyone(302)),
        Row("members:unsubscribe", f"/unsubscribe/{unsubscribe}x/", "POST", everyone(400)),
        Row("members:unsubscribe", f"/unsubscribe/{unsubscribe}/", "PUT", everyone(405)),
        # Check-ins: "member" has opted in and has one; the others haven't. Rows that
        # change a persona's own check-in state come last in this block.
        Row("checkins:checkin", "/check-in/", "GET", signed_in(200)),
        Row("checkins:checkin-new", "/check-in/new/", "GET", signed_in(302, member=200)),
        Row("checkins:checkin-new", "/check-in/new/", "POST", signed_in(302, member=400)),
        Row("checkins:checkin-history", "/check-in/history/", "GET", signed_in(200)),
        Row(
            "checkins:checkin-delete",
            f"/check-in/{world['checkin'].pk}/delete/",
            "GET",
            only_author,
        ),
        Row(
            "checkins:checkin-delete",
            f"/check-in/{world['checkin'].pk}/delete/",
            "POST",
            signed_in(404, member=302),
        ),
        Row("checkins:checkin-delete-all", "/check-in/delete-all/", "GET", signed_in(200)),
        Row("checkins:checkin-delete-all", "/check-in/delete-all/", "POST", signed_in(302)),
        Row("checkins:checkin-opt-in", "/check-in/opt-in/", "GET", signed_in(405)),
        Row("checkins:checkin-opt-in", "/check-in/opt-in/", "POST", signed_in(302)),
        Row("checkins:checkin-not-now", "/check-in/not-now/", "GET", signed_in(405)),
        Row("checkins:checkin-not-now", "/check-in/not-now/", "POST", signed_in(302)),
        Row("checkins:checkin-opt-out", "/check-in/opt-out/", "GET", signed_in(405)),
        Row("checkins:checkin-opt-out", "/check-in/opt-out/", "POST", signed_in(302)),
        # Staff's check-in figures: aggregates only, and not for moderators.
        Row("figures:checkins", "/staff/check-ins/", "GET", admin_only(403, 200)),
        Row("figures:checkins", "/staff/check-ins/", "POST", admin_only(403, 405)),
        Row("figures:checkins-csv", "/staff/check-ins/confidence.csv", "GET", admin_only(403, 200)),
        Row(
            "admin:checkins_checkinitem_changelist",
            "/admin/checkins/checkinitem/",
            "GET",
            admin_only(403, 200),
        ),
        # Only for people who may use the admin; with two-step sign-in set up (as the
        # moderator and staff personas have), it leads on to the admin.
        Row(
            "members:two-step-needed",
            "/account/two-step-sign-in/",
            "GET",
            signed_in(404, moderator=302, staff=302),
        ),
        Row("members:two-step-needed", "/account/two-step-sign-in/", "POST", signed_in(405)),
        Row("members:privacy", "/account/privacy/", "GET", signed_in(200)),
        Row("members:export", "/account/privacy/export/", "POST", signed_in(200)),
        Row("members:export", "/account/privacy/export/", "GET", signed_in(405)),
        Row("members:erase", "/account/privacy/erase/", "GET", signed_in(200)),
        # Without a password nothing is deleted: the form comes back with a kind note.
        Row("members:erase", "/account/privacy/erase/", "POST", signed_in(200)),
        Row("members:break", "/account/break/", "GET", signed_in(200)),
        Row("members:break", "/account/break/", "POST", signed_in(200)),
        Row("members:goodbye", "/goodbye/", "GET", everyone(200)),
        Row("members:guidelines", "/guidelines/", "GET", everyone(200)),
        Row("favicon", "/favicon.ico", "GET", everyone(301)),
        Row(
            "forums:mute-remove",
            f"/mutes/{world['mute'].pk}/remove/",
            "POST",
            signed_in(404, member=302),
        ),
        # Last of ours: the author's own delete goes through, and the draft is gone.
        Row(
            "forums:draft-delete",
            f"/drafts/{world['draft'].pk}/delete/",
            "POST",
            signed_in(404, member=302),
        ),
        Row("account_login", "/accounts/login/", "GET", {**everyone(302), "visitor": 200}),
        Row("account_signup", "/accounts/signup/", "GET", {**everyone(302), "visitor": 200}),
        Row("account_email", "/accounts/email/", "GET", signed_in(200)),
        Row("account_change_password", "/accounts/password/change/", "GET", signed_in(200)),
        Row("mfa_index", "/accounts/2fa/", "GET", signed_in(200)),
        Row("admin:index", "/admin/", "GET", admin_only(200, 200)),
        Row(
            "admin:moderation_secondlook_changelist",
            "/admin/moderation/secondlook/",
            "GET",
            admin_only(200, 200),
        ),
        Row("admin:forums_thread_changelist", "/admin/forums/thread/", "GET", admin_only(200, 200)),
        Row("admin:forums_board_add", "/admin/forums/board/add/", "GET", admin_only(403, 200)),
        Row("admin:forums_topic_add", "/admin/forums/topic/add/", "GET", admin_only(403, 200)),
        Row(
            "admin:forums_thread_change",
            f"/admin/forums/thread/{t.pk}/change/",
            "GET",
            admin_only(200, 200),
        ),
        Row("admin:members_user_changelist", "/admin/members/user/", "GET", admin_only(403, 403)),
        Row(
            "admin:members_profile_changelist",
            "/admin/members/profile/",
            "GET",
            admin_only(403, 200),
        ),
        Row(
            "admin:members_experience_changelist",
            "/admin/members/experience/",
            "GET",
            admin_only(403, 200),
        ),
        Row("figures:health", "/staff/health/", "GET", admin_only(403, 200)),
        Row("figures:health", "/staff/health/", "POST", admin_only(403, 405)),
        Row("figures:health-csv", "/staff/health/threads.csv", "GET", admin_only(403, 200)),
        Row(
            "admin:members_communitysettings_changelist",
            "/admin/members/communitysettings/",
            "GET",
            admin_only(403, 200),
        ),
        Row(
            "admin:members_communitysettings_changelist",
            "/admin/members/communitysettings/",
            "POST",
            admin_only(403, 200),
        ),
        Row(
            "admin:members_invitation_changelist",
            "/admin/members/invitation/",
            "GET",
            admin_only(403, 200),
        ),
        # The moderators' page about a member, their notes on one, and the handover notes.
        Row("admin:moderation_member", member, "GET", admin_only(200, 200)),
        Row("admin:moderation_member", member, "POST", admin_only(405, 405)),
        Row("admin:moderation_member_note", f"{member}notes/", "GET", admin_only(405, 405)),
        Row("admin:moderation_member_note", f"{member}notes/", "POST", admin_only(400, 400)),
        Row("admin:moderation_handovernote_changelist", handover, "GET", admin_only(200, 200)),
        Row(
            "admin:moderation_handovernote_write", f"{handover}write/", "GET", admin_only(405, 405)
        ),
        Row(
            "admin:moderation_handovernote_write", f"{handover}write/", "POST", admin_only(302, 302)
        ),
        Row(
            "admin:moderation_handovernote_dismiss",
            f"{handover}{world['handover'].pk}/dismiss/",
            "POST",
            admin_only(302, 302),
        ),
        Row(
            "admin:members_conversation_changelist",
            "/admin/members/conversation/",
            "GET",
            admin_only(200, 200),
        ),
        Row(
            "admin:members_conversation_change",
            f"/admin/members/conversation/{world['conversation'].pk}/change/",
            "GET",
            admin_only(200, 200),
        ),
        Row(
            "admin:members_conversation_start",
            f"/admin/members/conversation/start/{world['people']['member'].pk}/",
            "GET",
            admin_only(200, 200),
        ),
        Row(
            "admin:moderation_messagetemplate_changelist",
            "/admin/moderation/messagetemplate/",
            "GET",
            admin_only(200, 200),
        ),
        Row(
            "admin:moderation_messagetemplate_add",
            "/admin/moderation/messagetemplate/add/",
            "GET",
            admin_only(403, 200),
        ),
    ]


@pytest.fixture
def world(db, moderator, staff, silenced):
    from checkins import actions as checkin_actions
    from members.models import Block
    from moderation.actions import write_to_member

    author = make_member("Author")
    checkin_actions.opt_in_to_check_ins(author)
    other = make_member("Other")
    board = make_board("private-board")
    public_board = make_board("open-board", public=True)
    thread = make_thread(board, author, title="A thread")
    away = make_member("Away")
    suspension = moderation_actions.suspend(away, by=moderator, reason="A pause.")
    return {
        "second_look": f"/second-look/{silenced.sanctions.get().pk}/",
        "signed_look": f"/second-look/s/{second_look_token(suspension)}/",
        "thread": thread,
        "post": thread.posts.get(number=1),
        "public_board": public_board,
        "block": Block.objects.create(blocker=other, blocked=moderator),
        "checkin": checkin_actions.record_check_in(author, {}),
        "draft": save_draft(member=author, thread=thread, body="Not finished yet"),
        "handover": HandoverNote.objects.create(written_by=moderator, text="For the next shift"),
        "mute": mute_phrase(member=author, phrase="relapse"),
        "conversation": write_to_member(
            author, by=moderator, subject="Checking in", body="How are you?"
        ).conversation,
        "people": {
            "visitor": None,
            "member": author,
            "other_member": other,
            "silenced": silenced,
            "moderator": moderator,
            "staff": staff,
        },
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
            wrong.append(
                f"{row.method} {row.url} ({row.name}): expected {row.expect[persona]}, got {got}"
            )
    assert not wrong, f"{persona}:\n" + "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/help/", "/guidelines/", "/latest/", "/topics/", "/search/"]
)
def test_a_head_request_is_answered_like_a_get(client, path):
    """Uptime monitors and link checkers ask with HEAD: the help page above all must not
    read as broken to them (found by the stranger walking as an attacker)."""
    response = client.head(path)
    assert response.status_code == client.get(path).status_code == 200
    assert response.content == b""


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["visitor", "member", "moderator"])
def test_every_page_that_answers_get_answers_head_the_same(client, world, persona):
    """HEAD is GET without the body (RFC 9110): every page of ours a link checker or a
    preview fetcher may ask for, the pages with a form included (found by the stranger
    walking as an attacker: a reply page answered GET but refused HEAD)."""
    user = world["people"][persona]
    if user is not None:
        client.force_login(user)
    wrong = []
    for row in rows(world):
        if row.method != "GET":
            continue
        got, head = _outcome(client.get(row.url)), _outcome(client.head(row.url))
        if head != got:
            wrong.append(f"HEAD {row.url} ({row.name}): {head}, GET: {got}")
    assert not wrong, f"{persona}:\n" + "\n".join(wrong)
