"""A review queue with many items of every kind, built fast (bulk rows), for the
queue's query counts and its screenshots."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from forums import actions as forum_actions
from forums.models import Post
from moderation import actions, claims
from moderation.models import Priority, ReviewItem
from moderation.roles import MODERATORS
from tests.factories import make_board, make_member, make_staff_member

CRISIS_WORDS = "I can't go on anymore and I want to end my life"


def fill_queue(count: int) -> list[ReviewItem]:
    """`count` open items (at least 10 of them told apart by hand: crisis posts by
    different people on different boards, opening posts and replies, an anonymous
    post, flagged and held ones), the rest bulk copies of replies flagged by members."""
    hard_days = make_board("hard-days", name="Hard days", allow_anonymous=True)
    sleep = make_board("sleep-and-rest", name="Sleep and rest")
    sam, ada, lee, flagger = (make_member(n) for n in ("Sam", "Ada", "Lee", "Noor"))
    now = timezone.now()

    def start(board, author, title, body, **extra):
        return forum_actions.start_thread(
            board=board, author=author, title=title, body=body, **extra
        )

    crisis_thread = start(hard_days, sam, "Everything feels too much", CRISIS_WORDS).thread
    calm = start(sleep, ada, "Evening routines that help", "Warm milk and a book.").thread
    anon = start(hard_days, lee, "Posting without my name", "Hello.", anonymous=True).thread
    made = [
        # Four crisis items, each told apart by board, author, kind of post and age.
        actions.open_review(
            crisis_thread.posts.get(number=1),
            priority=Priority.URGENT,
            reasons=["Crisis language: end my life"],
            crisis=True,
        ),
        actions.open_review(
            forum_actions.post_reply(thread=calm, author=lee, body=CRISIS_WORDS),
            priority=Priority.URGENT,
            reasons=["Crisis language: end my life"],
            crisis=True,
        ),
        actions.open_review(
            forum_actions.post_reply(thread=crisis_thread, author=ada, body="Same here."),
            priority=Priority.URGENT,
            reasons=["Flagged: I'm worried about this person's safety"],
        ),
        actions.open_review(
            forum_actions.post_reply(thread=anon, author=lee, body=CRISIS_WORDS, anonymous=True),
            priority=Priority.URGENT,
            reasons=["Crisis language: end my life"],
            crisis=True,
        ),
    ]
    for i, (author, body) in enumerate(
        [
            (sam, "You are overreacting, honestly."),
            (ada, "Buy cheap sleeping pills at my shop"),
            (lee, "My number is 07700 900123, call me"),
        ]
    ):
        post = forum_actions.post_reply(thread=calm, author=author, body=body)
        actions.flag_post(post=post, member=flagger, reason=["unkind", "spam", "other"][i])
        made.append(ReviewItem.objects.get(post=post))
    for body in ["My first post here", "Is it OK to share a link?", "Hello again"]:
        post = forum_actions.post_reply(thread=calm, author=make_member(), body=body)
        made.append(
            actions.open_review(
                post,
                priority=Priority.HELD,
                reasons=["A new member's first posts: a moderator looks first"],
                held=True,
            )
        )
    # Ages from minutes to days, so the "waiting for" column reads like a real shift.
    for minutes, item in zip([3, 12, 47, 95, 180, 600, 1500, 2900, 5, 30], made, strict=False):
        ReviewItem.objects.filter(pk=item.pk).update(created_at=now - timedelta(minutes=minutes))
    rest = count - len(made)
    if rest > 0:
        last = calm.posts.order_by("-number").first().number
        posts = Post.objects.bulk_create(
            Post(
                thread=calm,
                number=last + 1 + i,
                author=sam,
                body=f"Reply {i}",
                body_html=f"<p>Reply {i}</p>",
            )
            for i in range(rest)
        )
        ReviewItem.objects.bulk_create(
            ReviewItem(
                post=post,
                priority=Priority.FLAGGED,
                reasons="Flagged: Unkind or harassment",
                snapshot_body=post.body,
                snapshot_html=post.body_html,
                created_at=now - timedelta(hours=i % 48),
            )
            for i, post in enumerate(posts)
        )
    return list(ReviewItem.objects.open())


def shift_under_way(items: list[ReviewItem]) -> None:
    """Moderators at work on the urgent items, as the queue shows a shift: one claimed
    from the list (nobody has opened it yet), one claimed and opened by someone else,
    one opened and not claimed — each urgent row's cell as full as it gets, one with
    the longest name a moderator can have."""
    priya, longest = (
        make_staff_member(name, MODERATORS, two_step=False)
        for name in ("Priya", "FeatherstonehaughMaximilian22")
    )
    urgent = [item for item in items if item.priority == Priority.URGENT]
    claims.claim(urgent[0], by=priya)
    claims.claim(urgent[1], by=longest)
    claims.opened(urgent[1], by=priya)
    claims.opened(urgent[2], by=longest)
