"""A large community for `make bench`, written in bulk but exactly as the app would leave it.

forums.actions writes one post per transaction, screening and rendering each one:
far too slow for 300,000 posts in every fresh bench database. Here rows go in with
bulk_create in big batches, and everything the app derives is filled in the way
forums/actions.py would have left it: posts numbered 1..n in each thread without
gaps, whether a thread's author was new, the search index (forums/search.py, on
PostgreSQL), and — by forums.actions.recount(), the app's own rules — the thread and
board counters, the last-post pointers and when each thread was first answered.
Bodies are a handful of Markdown texts rendered once with the app's own renderer and
reused. Every seeded post is visible; thread_problems() and board_problems() check
all of it.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import batched

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count, Exists, Max, Min, OuterRef
from django.utils import timezone

from core.markup import render_markdown
from forums.actions import board_counters, recount, thread_counters
from forums.models import Board, BoardGroup, Post, Thread, Visibility
from forums.search import index_posts
from members.models import Profile, User

# Bump when the seeder writes something different: a reused database is then seeded again.
# 3: posts carry their search vectors.
SEED_VERSION = 3
BENCH_PASSWORD = "bench-member-password"  # noqa: S105 - bench database only, on 127.0.0.1
MEMBER_DOMAIN = "bench.example.org"
LONG_THREAD_TITLE = "One small good thing, every day"
POSTING_THREAD_TITLE = "Bench replies land here"
BATCH_SIZE = 5_000
HISTORY = timedelta(days=730)

# (group name, slug, [(board name, slug, visibility, share of the threads)])
BOARD_GROUPS: list[tuple[str, str, list[tuple[str, str, str, int]]]] = [
    (
        "Start here",
        "start-here",
        [
            ("Introductions", "introductions", Visibility.PUBLIC, 4),
            ("Community café", "community-cafe", Visibility.MEMBERS, 6),
        ],
    ),
    (
        "Support",
        "support",
        [
            ("Anxiety", "anxiety", Visibility.MEMBERS, 16),
            ("Depression and low mood", "depression", Visibility.MEMBERS, 14),
            ("Sleep", "sleep", Visibility.MEMBERS, 8),
            ("Grief and loss", "grief", Visibility.MEMBERS, 6),
            ("Self-harm recovery", "self-harm-recovery", Visibility.MEMBERS, 5),
        ],
    ),
    (
        "Living well",
        "living-well",
        [
            ("Small wins", "small-wins", Visibility.PUBLIC, 7),
            ("Work and study", "work-and-study", Visibility.MEMBERS, 6),
            ("Relationships and family", "relationships", Visibility.MEMBERS, 7),
        ],
    ),
    (
        "For carers",
        "for-carers",
        [
            ("Supporting someone", "supporting-someone", Visibility.MEMBERS, 5),
            ("Carers' corner", "carers-corner", Visibility.MEMBERS, 4),
        ],
    ),
]
LONG_THREAD_BOARD = "small-wins"
# The visitor's thread has at least a full page of posts, when the community has one.
VISITOR_THREAD_POSTS = 20
POSTING_THREAD_BOARD = "community-cafe"

TITLE_OPENERS = [
    "Struggling with",
    "Small win with",
    "Tips for",
    "Does anyone else find it hard with",
    "Finally talking about",
    "A good day despite",
    "Looking for advice on",
    "Update on",
    "How do you cope with",
    "Learning to live with",
]
TITLE_TOPICS = [
    "sleep",
    "mornings",
    "the holidays",
    "work",
    "panic at night",
    "starting therapy",
    "new medication",
    "telling my family",
    "being alone",
    "social events",
    "exams",
    "a setback",
    "my first week here",
    "cold weather",
    "saying no",
]
CONTENT_WARNINGS = ["self-harm", "suicidal thoughts", "grief", "eating difficulties"]

# A few Markdown bodies, short to long, using what members use: emphasis, lists,
# quotes, links. Rendered once each, then shared by many posts.
BODIES = [
    "Thank you for sharing this. You're not alone.",
    "Sending you a hug. *One step at a time* is still moving.",
    "I've been there too. What helped me:\n\n- a short walk before breakfast\n"
    "- writing three lines in a notebook\n- telling one person how I really felt\n\n"
    "It didn't fix everything, but it made the mornings lighter.",
    "> It's okay to rest.\n\nSomeone said this to me here last year and I still think "
    "about it most days. **Be gentle with yourself** this week.",
    "My therapist suggested the grounding exercise from "
    "https://www.nhs.uk/mental-health/ and it really does help when the panic starts. "
    "Name five things you can see, four you can touch, three you can hear.",
    "Small win today: I answered the phone instead of letting it ring out. "
    "It felt like climbing a mountain, and then it was just a conversation.",
    "I don't have advice, just wanted you to know I read this and I'm thinking of you.\n\n"
    "Checking in again tomorrow.",
    "### What I wish I'd known\n\n1. Setbacks are part of it, not the end of it.\n"
    "2. The first appointment is the hardest one.\n3. You can ask for a different "
    "counsellor if it doesn't feel right.\n\nIt took me a long time to learn these, and "
    "I'm still learning. Reading threads like this one helps more than I can say. "
    "Thank you all for being here, especially on the nights when everything feels "
    "too loud and too much.",
]


@dataclass(frozen=True)
class Size:
    threads: int = 20_000
    posts: int = 300_000
    # 5,020 posts: 251 full pages, so the last page shows 20 posts like the first and
    # the two compare like for like (5,000 replies would leave one post on the last).
    long_thread_replies: int = 5_019
    members: int = 2_000

    def check(self) -> None:
        """Raise ValueError if the seeder can't make a community of this size."""
        fixed_threads = board_count() + 2  # a welcome thread per board, the long one, ours
        if self.threads < fixed_threads:
            raise ValueError(f"--threads must be at least {fixed_threads}.")
        if self.posts < self.threads + self.long_thread_replies:
            raise ValueError("--posts must be at least --threads plus --long-thread-replies.")
        if self.members < 2:
            raise ValueError("--members must be at least 2.")


@dataclass(frozen=True)
class ThreadPlan:
    board_slug: str
    title: str
    author: int  # index into the members
    posts: int
    created_at: datetime
    gap: timedelta  # between consecutive posts, so numbers and times agree
    pinned: bool = False
    content_warning: str = ""


@dataclass(frozen=True)
class Landmarks:
    """The seeded rows the bench loads and checks."""

    long_thread: Thread
    posting_thread: Thread
    busiest_board: Board
    # A visitor's thread: well filled, on a public board (not the long thread).
    visitor_thread: Thread


def board_count() -> int:
    return sum(len(boards) for _, _, boards in BOARD_GROUPS)


def member_email(index: int) -> str:
    return f"peer{index:05d}@{MEMBER_DOMAIN}"


def bench_members() -> list[User]:
    """The seeded members, in the order they were made."""
    return list(User.objects.filter(email__endswith=f"@{MEMBER_DOMAIN}").order_by("pk"))


def spread(total: int, slots: int, rng: random.Random) -> list[int]:
    """`total` split into `slots` counts of at least 1, unevenly, as real threads are."""
    if slots < 1 or total < slots:
        raise ValueError("need at least one per slot")
    weights = [rng.lognormvariate(0, 1.2) for _ in range(slots)]
    extra = Counter(rng.choices(range(slots), weights=weights, k=total - slots))
    return [1 + extra[i] for i in range(slots)]


def plan_threads(size: Size, rng: random.Random, now: datetime) -> list[ThreadPlan]:
    """Every thread to write: a pinned welcome per board, the long thread, the thread
    bench replies go to, and the rest spread over the boards by their share."""
    boards = [board for _, _, group_boards in BOARD_GROUPS for board in group_boards]
    plans = [
        ThreadPlan(
            slug,
            f"Welcome to {name}: please read first",
            0,
            1,
            now - HISTORY + timedelta(minutes=i),
            timedelta(0),
            pinned=True,
        )
        for i, (name, slug, _, _) in enumerate(boards)
    ]
    long_created = now - HISTORY / 2
    plans.append(
        ThreadPlan(
            LONG_THREAD_BOARD,
            LONG_THREAD_TITLE,
            1 % size.members,
            size.long_thread_replies + 1,
            long_created,
            (now - long_created) * 0.9 / max(1, size.long_thread_replies),
        )
    )
    plans.append(
        ThreadPlan(
            POSTING_THREAD_BOARD, POSTING_THREAD_TITLE, 0, 1, now - timedelta(days=1), timedelta(0)
        )
    )
    rest = size.threads - len(plans)
    rest_posts = size.posts - sum(plan.posts for plan in plans)
    slugs = rng.choices([b[1] for b in boards], weights=[b[3] for b in boards], k=rest)
    for slug, posts in zip(slugs, spread(rest_posts, rest, rng), strict=True):
        plans.append(_random_thread(slug, posts, size.members, rng, now))
    return plans


def _random_thread(
    board_slug: str, posts: int, members: int, rng: random.Random, now: datetime
) -> ThreadPlan:
    age = HISTORY * rng.uniform(0.01, 0.99)
    # The last reply lands between a tenth and nine tenths of the way to now.
    span = age * rng.uniform(0.1, 0.9)
    return ThreadPlan(
        board_slug=board_slug,
        title=f"{rng.choice(TITLE_OPENERS)} {rng.choice(TITLE_TOPICS)}",
        author=rng.randrange(members),
        posts=posts,
        created_at=now - age,
        gap=span / max(1, posts - 1),
        content_warning=rng.choice(CONTENT_WARNINGS) if rng.random() < 0.04 else "",
    )


@transaction.atomic
def seed_community(size: Size, *, seed: int = 2026) -> None:
    """Write the whole community in one transaction: all of it, or nothing."""
    size.check()
    rng = random.Random(seed)
    now = timezone.now()
    boards = _create_boards()
    member_ids = _create_members(size.members, now - HISTORY - timedelta(days=30))
    plans = plan_threads(size, rng, now)
    thread_ids = _create_threads(plans, boards, member_ids)
    bodies = [(body, render_markdown(body)) for body in BODIES]
    for batch in batched(_posts(plans, thread_ids, member_ids, bodies, rng), BATCH_SIZE):
        Post.objects.bulk_create(batch)
    _derive_from_posts()


def _create_boards() -> dict[str, Board]:
    boards = {}
    for g_pos, (group_name, group_slug, group_boards) in enumerate(BOARD_GROUPS):
        group = BoardGroup.objects.create(name=group_name, slug=group_slug, position=g_pos)
        for b_pos, (name, slug, visibility, _) in enumerate(group_boards):
            # Board.save() renders the guidelines, as when staff add a board.
            boards[slug] = Board.objects.create(
                group=group,
                name=name,
                slug=slug,
                position=b_pos,
                visibility=visibility,
                description=f"Peer support: {name.lower()}.",
                guidelines="- Be kind.\n- Share what helped *you*; don't diagnose others.",
            )
    return boards


def _create_members(count: int, joined: datetime) -> list[int]:
    # One hash for everyone: hashing 2,000 passwords would take minutes by design.
    password = make_password(BENCH_PASSWORD)
    users = User.objects.bulk_create(
        [User(email=member_email(i), password=password, date_joined=joined) for i in range(count)],
        batch_size=BATCH_SIZE,
    )
    Profile.objects.bulk_create(
        [
            Profile(
                user=user,
                display_name=f"Peer {i:05d}",
                guidelines_accepted_at=joined,
                created_at=joined,
            )
            for i, user in enumerate(users)
        ],
        batch_size=BATCH_SIZE,
    )
    # A confirmed address, as every real member has: allauth won't sign them in without.
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users],
        batch_size=BATCH_SIZE,
    )
    return [user.pk for user in users]


def _create_threads(
    plans: Sequence[ThreadPlan], boards: dict[str, Board], member_ids: Sequence[int]
) -> list[int]:
    threads = Thread.objects.bulk_create(
        [
            Thread(
                board=boards[plan.board_slug],
                title=plan.title,
                slug=Thread.make_slug(plan.title),
                author_id=member_ids[plan.author],
                content_warning=plan.content_warning,
                created_at=plan.created_at,
                is_pinned=plan.pinned,
            )
            for plan in plans
        ],
        batch_size=BATCH_SIZE,
    )
    return [thread.pk for thread in threads]


def _posts(
    plans: Sequence[ThreadPlan],
    thread_ids: Sequence[int],
    member_ids: Sequence[int],
    bodies: Sequence[tuple[str, str]],
    rng: random.Random,
) -> Iterator[Post]:
    for plan, thread_id in zip(plans, thread_ids, strict=True):
        for number in range(1, plan.posts + 1):
            created_at = plan.created_at + plan.gap * (number - 1)
            body, body_html = rng.choice(bodies)
            author = plan.author if number == 1 else rng.randrange(len(member_ids))
            yield Post(
                thread_id=thread_id,
                number=number,
                author_id=member_ids[author],
                body=body,
                body_html=body_html,
                created_at=created_at,
                edited_at=created_at + timedelta(minutes=20) if rng.random() < 0.03 else None,
            )


def _derive_from_posts() -> None:
    """What forums/actions.py sets as each post arrives, worked out from all the posts."""
    # start_thread's rule: a thread under its author's name, who had posted nothing
    # under their name before (the seed writes no anonymous posts). A fact about the
    # moment the thread began, not a counter, so recount() leaves it alone.
    earlier = Post.objects.filter(
        author=OuterRef("author"), is_anonymous=False, created_at__lt=OuterRef("created_at")
    )
    Thread.objects.filter(is_anonymous=False).update(by_newcomer=~Exists(earlier))
    # Every counter and pointer of the threads and boards, by the app's own rules.
    recount()
    # What each post can be found by, as the app writes it for every new post.
    index_posts(Post.objects.all())


def find_landmarks() -> Landmarks:
    busiest_board = Board.objects.order_by("-thread_count", "pk").first()
    assert busiest_board is not None, "seed the bench community first"
    long_thread = Thread.objects.select_related("board").get(title=LONG_THREAD_TITLE)
    return Landmarks(
        long_thread=long_thread,
        posting_thread=Thread.objects.select_related("board").get(title=POSTING_THREAD_TITLE),
        busiest_board=busiest_board,
        visitor_thread=_visitor_thread(long_thread),
    )


def _visitor_thread(long_thread: Thread) -> Thread:
    """The first seeded thread (by id, so the same one every run) on a public board with
    a full first page and no content warning; the fullest one if none has a full page."""
    public = (
        Thread.objects.select_related("board")
        .filter(board__visibility=Visibility.PUBLIC, is_visible=True, content_warning="")
        .exclude(pk=long_thread.pk)
    )
    thread = public.filter(post_count__gte=VISITOR_THREAD_POSTS).order_by("pk").first()
    thread = thread or public.order_by("-post_count", "pk").first()
    assert thread is not None, "seed the bench community first"
    return thread


def _disagreements(rows, rules: dict, what) -> list[str]:
    """Where the stored fields of `rows` differ from what `rules` work out."""
    expected = {f"expected_{field}": rule for field, rule in rules.items()}
    attnames = {field: rows.model._meta.get_field(field).attname for field in rules}
    problems = []
    for row in rows.annotate(**expected):
        for field, attname in attnames.items():
            stored, wanted = getattr(row, attname), getattr(row, f"expected_{field}")
            if stored != wanted:
                problems.append(f"{what(row)}: {attname} is {stored!r}, expected {wanted!r}")
    return problems


def thread_problems(thread: Thread) -> list[str]:
    """Where the thread's counters disagree with its posts (empty when exact)."""
    threads = Thread.objects.filter(pk=thread.pk)
    problems = _disagreements(threads, thread_counters(), lambda t: f"thread {t.pk}")
    posts = thread.posts.aggregate(rows=Count("pk"), first=Min("number"), last=Max("number"))
    if posts["rows"] and (posts["first"], posts["last"]) != (1, posts["rows"]):
        problems.append(f"thread {thread.pk}: posts are not numbered 1..{posts['rows']}")
    posted_before = Post.objects.filter(
        author_id=thread.author_id, is_anonymous=False, created_at__lt=thread.created_at
    ).exists()
    newcomer = thread.author_id is not None and not thread.is_anonymous and not posted_before
    if thread.by_newcomer != newcomer:
        problems.append(f"thread {thread.pk}: by_newcomer is {thread.by_newcomer!r}")
    return problems


def board_problems(board: Board) -> list[str]:
    """Where the board's counters disagree with its threads and posts."""
    boards = Board.objects.filter(pk=board.pk)
    return _disagreements(boards, board_counters(), lambda b: f"board {b.slug}")
