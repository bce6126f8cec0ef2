"""Build the demo community: boards, fictional members, warm threads, three demo logins.

Idempotent: running it again adds only what is missing.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from boomity import demo_content
from checkins import actions as checkin_actions
from checkins.models import CheckIn, CheckInItem
from forums import actions
from forums.models import Board, BoardGroup, Post, Reaction, ReactionKind, Thread, Topic
from members.actions import update_profile
from members.models import Experience, Profile, User
from moderation import actions as moderation_actions
from moderation.models import EscalationContact, ModerationSettings
from moderation.roles import MODERATORS, STAFF, ensure_roles

DEMO_PASSWORD = "boomity-demo"  # noqa: S105 - printed in the README, for the demo only
DEMO_WEEKS = 12  # how far back the demo's threads go
FIRST_WAITS = (1, 3, 9, 30)  # hours before a thread's first reply, in turn
# The demo moderator's and staff member's authenticator key, published in the README
# (and `manage.py demo_code` prints its current code), so anyone trying the demo can
# open the admin, and sees the code step that production always asks for.
DEMO_TOTP_SECRET = "BOOMITYDEMOKEYFORTRYINGTHEADMIN2"  # noqa: S105 - published, demo only
DEMO_ACCOUNTS = [
    # (e-mail, display name, group, is_staff)
    ("member@example.org", "Robin", None, False),
    ("moderator@example.org", "Jordan", MODERATORS, True),
    ("staff@example.org", "Priya", STAFF, True),
]


class Command(BaseCommand):
    help = "Create the demo community (idempotent). Refuses to run with DEBUG off unless --force."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if any board exists already."
        )

    def handle(self, *args, force: bool = False, if_empty: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password, so it does not run "
                "with DEBUG off. Use --force if you really want demo data here."
            )
        if if_empty and Board.objects.exists():
            self.stdout.write("The database already has boards; no demo data added.")
            return
        with transaction.atomic():
            roles = ensure_roles()
            self._demo_accounts(roles)
            boards = self._boards()
            authors = self._members()
            self._profiles(authors)
            config = ModerationSettings.load()
            # The demo's own posts are written by us, not new members: nothing to hold.
            hold_count, config.new_member_hold_count = config.new_member_hold_count, 0
            config.save()
            created = self._threads(boards, authors)
            config.new_member_hold_count = hold_count
            if not config.oncall_emails:
                config.oncall_emails = "moderator@example.org"  # alerts show in the console
            config.save()
            if not EscalationContact.objects.exists():
                # Escalating in the demo e-mails someone (in the console), as it should.
                EscalationContact.objects.create(
                    name="Demo clinical lead",
                    role="Clinical lead (demo: staff, add your own)",
                    email="staff@example.org",
                )
            self._queue(boards, authors)
            self._checkins(authors)
            self._topics()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo community ready: {len(boards)} boards, {created} new threads. "
                f"Sign in as member@example.org, moderator@example.org or staff@example.org "
                f"with the password {DEMO_PASSWORD!r}. The moderator and staff accounts use "
                f"two-step sign-in with the published key {DEMO_TOTP_SECRET}: "
                f"`manage.py demo_code` prints the code to type."
            )
        )

    def _account(self, email: str, display_name: str) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, display_name=display_name)
        return user

    def _demo_accounts(self, roles: dict[str, Group]) -> None:
        from allauth.account.models import EmailAddress
        from allauth.mfa.totp.internal.auth import TOTP

        for email, name, group, is_staff in DEMO_ACCOUNTS:
            user = self._account(email, name)
            user.set_password(DEMO_PASSWORD)
            user.is_staff = is_staff
            user.save()
            if group:
                user.groups.add(roles[group])
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            if user.profile.guidelines_accepted_at is None:
                user.profile.accept_guidelines()
            if is_staff and not user.has_two_step_sign_in():
                TOTP.activate(user, DEMO_TOTP_SECRET)

    def _boards(self) -> dict[str, Board]:
        boards = {}
        for g_pos, group_data in enumerate(demo_content.GROUPS):
            group, _ = BoardGroup.objects.get_or_create(
                slug=group_data["slug"],
                defaults={
                    "name": group_data["name"],
                    "description": group_data["description"],
                    "position": g_pos * 10,
                },
            )
            for b_pos, data in enumerate(group_data["boards"]):
                board = Board.objects.filter(slug=data["slug"]).first()
                if board is None:
                    board = Board.objects.create(
                        group=group,
                        slug=data["slug"],
                        name=data["name"],
                        description=data["description"],
                        guidelines=data["guidelines"],
                        visibility=data["visibility"],
                        position=b_pos * 10,
                    )
                boards[board.slug] = board
        return boards

    def _members(self) -> dict[str, User]:
        authors = {}
        for data in demo_content.MEMBERS:
            user = User.objects.filter(email=data["email"]).first()
            if user is None:
                # Fictional people: nobody can sign in as them.
                user = User.objects.create_user(
                    email=data["email"], display_name=data["display_name"]
                )
            authors[data["display_name"]] = user
        for email, name, _, _ in DEMO_ACCOUNTS:
            authors.setdefault(name, Profile.objects.get(user__email=email).user)
        return authors

    def _profiles(self, authors: dict[str, User]) -> None:
        """Experiences, bios and peer supporters, for profiles nobody has filled in yet."""
        for name, data in demo_content.PROFILES.items():
            profile = authors[name].profile
            if profile.bio or profile.experiences.exists():
                continue
            update_profile(
                profile,
                experiences=Experience.objects.filter(name__in=data["experiences"]),
                shown=Experience.objects.filter(name__in=data["shown"]),
                bio=data.get("bio", ""),
            )
            if data.get("peer_supporter"):
                Profile.objects.filter(pk=profile.pk).update(is_peer_supporter=True)

    def _threads(self, boards: dict[str, Board], authors: dict[str, User]) -> int:
        created = 0
        now = timezone.now()
        total = len(demo_content.THREADS)
        # Spread over the past twelve weeks, so staff's community-health charts have a
        # history to show; answered after an hour to more than a day.
        step = DEMO_WEEKS * 7 * 24 / total
        for index, data in enumerate(demo_content.THREADS):
            board = boards[data["board"]]
            if Thread.objects.filter(board=board, title=data["title"]).exists():
                continue
            (first_author, first_body), *replies = data["posts"]
            opening = actions.start_thread(
                board=board,
                author=authors[first_author],
                title=data["title"],
                body=first_body,
                content_warning=data.get("content_warning", ""),
            )
            thread = opening.thread
            for author, body in replies:
                actions.post_reply(thread=thread, author=authors[author], body=body)
            start = now - timedelta(hours=step * (total - index) + 30)
            self._spread_in_time(
                thread, start=start, first_wait=timedelta(hours=FIRST_WAITS[index % 4])
            )
            self._react(thread, authors, index)
            created += 1
        self._joined_before_first_post(authors)
        # The posts' times were rewritten: the last-post pointers and first answers follow.
        actions.recount(Thread.objects.filter(board__in=boards.values()))
        return created

    def _topics(self) -> None:
        """Topics on the demo threads that have none yet (staff may have removed a topic)."""
        by_name = {topic.name: topic for topic in Topic.objects.all()}
        threads = Thread.objects.filter(title__in=demo_content.THREAD_TOPICS, topic_links=None)
        for thread in threads:
            chosen = [by_name[n] for n in demo_content.THREAD_TOPICS[thread.title] if n in by_name]
            actions.set_topics(thread, chosen)

    def _queue(self, boards: dict[str, Board], authors: dict[str, User]) -> None:
        """A flagged reply and a held first post, once, so the queue isn't empty.

        (The demo's own stories of recovery that name suicide or self-harm are in the
        queue already, as urgent items: screening hears those words, as it would.)"""
        held = demo_content.QUEUE["held_first_post"]
        if Thread.objects.filter(title=held["title"]).exists():
            return
        flagged = demo_content.QUEUE["flagged_reply"]
        thread = Thread.objects.filter(board=boards[flagged["thread_board"]]).first()
        assert thread is not None  # the demo threads were just written
        reply = actions.post_reply(
            thread=thread, author=authors[flagged["author"]], body=flagged["body"]
        )
        for name in flagged["flagged_by"]:
            moderation_actions.flag_post(post=reply, member=authors[name], reason=flagged["reason"])
        newcomer = self._account(held["member"]["email"], held["member"]["display_name"])
        actions.start_thread(
            board=boards[held["board"]], author=newcomer, title=held["title"], body=held["body"]
        )

    def _checkins(self, authors: dict[str, User]) -> None:
        """Opted-in members with check-ins over past weeks, once."""
        items = list(CheckInItem.objects.asked())
        spread = demo_content.CHECKIN_SPREAD
        now = timezone.now()
        for data in demo_content.CHECKINS:
            member = authors[data["display_name"]]
            checkin_actions.opt_in_to_check_ins(member)
            if CheckIn.objects.of(member).exists():
                continue
            for weeks_ago, score in data["checkins"]:
                checkin = checkin_actions.record_check_in(
                    member,
                    {
                        item: min(10, max(1, score + spread[n % len(spread)]))
                        for n, item in enumerate(items)
                    },
                )
                CheckIn.objects.filter(pk=checkin.pk).update(
                    created_at=now - timedelta(weeks=weeks_ago)
                )

    def _spread_in_time(self, thread: Thread, start, first_wait: timedelta) -> None:
        # So the demo reads like a living community, not one written in a second.
        moment = start
        for post in thread.posts.order_by("number"):
            Post.objects.filter(pk=post.pk).update(created_at=moment)
            moment += (
                first_wait if post.number == 1 else timedelta(minutes=37 + 23 * (post.number % 4))
            )
        Thread.objects.filter(pk=thread.pk).update(created_at=start)

    def _react(self, thread: Thread, authors: dict[str, User], index: int) -> None:
        """Some readers who didn't reply send support to the opening post, a little later."""
        opening = thread.posts.get(number=1)
        in_thread = set(thread.posts.values_list("author_id", flat=True))
        for n, member in enumerate(authors.values()):
            if member.pk not in in_thread and (n + index) % 5 == 0:
                actions.toggle_reaction(post=opening, member=member, kind=ReactionKind.SUPPORT)
        Reaction.objects.filter(post=opening).update(
            created_at=opening.created_at + timedelta(hours=2)
        )

    def _joined_before_first_post(self, authors: dict[str, User]) -> None:
        # Demo members joined a few days before they first wrote.
        for user in authors.values():
            first = Post.objects.filter(author=user).order_by("created_at").first()
            if first is not None:
                User.objects.filter(pk=user.pk).update(
                    date_joined=first.created_at - timedelta(days=3)
                )
