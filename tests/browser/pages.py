"""The main pages of Boomity, in a small realistic community, for page audits.

`build_community()` fills the test database with a few members, the default
crisis services and content warnings, a public and a members-only board, a
thread behind a content warning with replies from several members, and a thread
long enough for two pages. `main_pages(community)` lists the pages every audit
(axe, structure, screenshots) looks at, each with a way to open it in a
Playwright page.

These helpers open pages by address on purpose: they audit what a page looks and
sounds like, not how a person reaches it (tests/browser/test_journeys.py does that).
Signing in is done by handing the browser a server-side session, which is much
faster than the sign-in form and keeps the audits about the pages themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from forums import actions
from forums.models import BoardGroup
from members.conversations import write_as_member
from members.models import Profile
from moderation.actions import write_to_member
from moderation.roles import MODERATORS
from tests.browser.conftest import PHONE, Page, expect
from tests.factories import PASSWORD, make_board, make_member, share

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
SCHEMES = ("light", "dark")

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@dataclass
class Community:
    member: object  # the person whose browser we are: Robin
    others: list
    public_board: object
    members_board: object
    cw_thread: object  # behind a content warning, replies from several members
    long_thread: object  # two pages of posts
    conversation: object = None  # the moderation team wrote to Robin, and Robin answered


@dataclass(frozen=True)
class MainPage:
    name: str  # used in failure messages and screenshot file names
    signed_in: bool
    go: Callable[[Page], None]  # opens the page in an already signed in/out context

    def open(self, page: Page, community: Community, live_server) -> None:
        """Open this page with the right sign-in state (cookies are reset each time)."""
        page.context.clear_cookies()
        if self.signed_in:
            sign_in_context(page.context, community.member, live_server)
        self.go(page)


# --- The community ------------------------------------------------------------


def build_community() -> Community:
    # The default crisis services and content warnings are put back by the
    # autouse fixture in tests/conftest.py (transactional tests flush them).
    robin = make_member("Robin")
    amara, theo, wren = make_member("Amara"), make_member("Theo"), make_member("Wren")

    start_here = BoardGroup.objects.create(
        name="Start here",
        slug="start-here",
        description="Say hello, find your way around, and share the good bits.",
    )
    public_board = make_board(
        "introductions",
        public=True,
        group=start_here,
        name="Introductions",
        description="New here? Say hello, share as much or as little as you like.",
        guidelines="- A hello is plenty. Share only what feels comfortable.\n"
        "- Keep your real name, address and phone number off the board.",
    )
    members_board = make_board(
        "grief-and-loss",
        name="Grief and loss",
        description="For anyone living with a loss, recent or long ago.",
        guidelines="- Every kind of grief is welcome here.\n"
        "- Please add a content warning when you write about a death.",
    )

    hello = actions.start_thread(
        board=public_board,
        author=amara,
        title="Hello from a night owl",
        body="Hi all. I'm Amara, and I'm often awake late. Glad to have found this place.",
    ).thread
    actions.post_reply(
        thread=hello,
        author=wren,
        body="Welcome, Amara! Lots of us are up late too. Say hi any time.",
    )

    cw_thread = actions.start_thread(
        board=members_board,
        author=theo,
        content_warning="grief and loss",
        title="The first year after losing my dad",
        body=(
            "It's been almost a year since my dad died. Some days are fine, and some "
            "days a song in a shop undoes me.\n\nHow did you get through the first "
            "anniversary?"
        ),
    ).thread
    for author, body in [
        (
            amara,
            "I'm so sorry, Theo. For my mum's, I planned a quiet day and a walk "
            "somewhere she loved. It helped to have a plan, even a small one.",
        ),
        (
            wren,
            "Sending you care. I wrote her a letter and read it out loud. "
            "It was hard, and afterwards I felt lighter.",
        ),
        (
            robin,
            "Thank you for sharing this. The songs still get me too, years on, "
            "but it's softer now. You're not alone.",
        ),
    ]:
        actions.post_reply(thread=cw_thread, author=author, body=body)

    long_thread = actions.start_thread(
        board=members_board,
        author=wren,
        title="One small thing that helped today",
        body="A thread for small good things. I'll start: I made soup.",
    ).thread
    people = [amara, theo, robin, wren]
    things = [
        "a walk round the block",
        "a phone call with my sister",
        "an early night",
        "a warm shower",
        "a song I love",
        "sitting in the sun",
    ]
    for i in range(settings.BOOMITY_POSTS_PER_PAGE + 3):
        actions.post_reply(
            thread=long_thread,
            author=people[i % len(people)],
            body=f"Today it was {things[i % len(things)]}.",
        )
    for thread in (cw_thread, long_thread):
        thread.refresh_from_db()
    # Profiles with something in them: shared experiences, a bio, a peer supporter.
    share(robin, "Grief and loss", "Anxiety", bio="Here to listen. *Tea* helps.")
    share(amara, "Grief and loss", bio="Night owl, new here.")
    share(wren, "Loneliness", shown=False)
    Profile.objects.filter(user=wren).update(is_peer_supporter=True)
    # …who is also a moderator: the role badge is on the pages too (its colours checked).
    wren.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
    # The moderation team writes to Robin, who answers: a private conversation.
    conversation = write_to_member(
        robin,
        by=wren,
        subject="Checking in after your post last night",
        body="Hi Robin,\n\nWe wanted to check in with you. How are you doing today?",
    ).conversation
    write_as_member(conversation, member=robin, body="Thank you for asking. A bit better.")
    return Community(
        member=robin,
        others=[amara, theo, wren],
        public_board=public_board,
        members_board=members_board,
        cw_thread=cw_thread,
        long_thread=long_thread,
        conversation=conversation,
    )


def sign_in_context(context, user, live_server) -> None:
    """Sign `user` in to a browser context by giving it a fresh server-side session."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = MODEL_BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            }
        ]
    )


# --- The main pages -----------------------------------------------------------


def _goto(path: str) -> Callable[[Page], None]:
    def go(page: Page) -> None:
        page.goto(path)

    return go


def _reply_with_an_error(thread) -> Callable[[Page], None]:
    def go(page: Page) -> None:
        # The reply page (where "Quote" leads) has the form at the top. A reply of
        # only spaces gets past the browser's `required`; the server finds it empty.
        page.goto(reverse("forums:thread-reply", args=[thread.pk]))
        page.get_by_label("Your reply").fill("   \n   ")
        page.get_by_role("button", name="Post reply").click()
        expect(page.get_by_role("alert").first).to_be_visible()

    return go


def main_pages(community: Community) -> list[MainPage]:
    """Every page an audit should cover, signed-out pages first."""
    cw, long = community.cw_thread, community.long_thread
    return [
        MainPage("home", False, _goto("/")),
        MainPage("sign-up", False, _goto("/accounts/signup/")),
        MainPage("sign-in", False, _goto("/accounts/login/")),
        MainPage("guidelines", False, _goto("/guidelines/")),
        # Crisis resources: the page a person in trouble at 3 a.m. most needs to work.
        MainPage("help", False, _goto(reverse("moderation:help"))),
        MainPage("not-found", False, _goto("/there-is-no-page-here/")),
        MainPage("home-signed-in", True, _goto("/")),
        MainPage("board", True, _goto(community.members_board.get_absolute_url())),
        MainPage("thread", True, _goto(cw.get_absolute_url())),
        MainPage("thread-page-2", True, _goto(long.page_url(2))),
        MainPage(
            "new-thread",
            True,
            _goto(reverse("forums:thread-new", args=[community.members_board.slug])),
        ),
        MainPage("reply-error", True, _reply_with_an_error(cw)),
        MainPage("account-profile", True, _goto(reverse("members:profile-edit"))),
        MainPage("member-profile", True, _goto(community.others[0].profile.get_absolute_url())),
        MainPage("members-directory", True, _goto(reverse("members:directory"))),
        MainPage("messages", True, _goto(reverse("members:conversations"))),
        MainPage("conversation", True, _goto(community.conversation.get_absolute_url())),
    ]


def join(page, live_server, *, email: str, name: str) -> None:
    """A visitor joins from the home page, as a person would, and is asked to check
    their e-mail (the link in it confirms the address)."""
    from tests.browser.conftest import expect

    page.goto(live_server.url)
    page.get_by_role("link", name="Join the community").click()
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Display name").fill(name)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("I have read and accept the community guidelines").check()
    page.get_by_role("button", name="Join").click()
    expect(
        page.get_by_role("heading", name=re.compile(r"check your e-?mail", re.IGNORECASE))
    ).to_be_visible()
