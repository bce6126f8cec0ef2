from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import ngettext, pgettext_lazy

from members.models import Conversation

from .actions import TEAM
from .models import ModerationSettings, Priority, ReviewItem, Sanction, SanctionKind


def links(request):
    """The moderation pages that the templates of the apps below link to: they may not
    name them (tests/boomity/test_layers.py), so moderation hands them over
    (boomity/settings.py). A post's flag page needs the post, so forums gets its URL's
    name for `{% url flag_post_url_name post.pk %}`."""
    return {
        "help_url": reverse_lazy("moderation:help"),
        "flag_post_url_name": "moderation:flag-post",
    }


def moderation_hours(request):
    """`moderation_hours`: when moderators are usually around, as staff set it
    (moderation.hours.ModeratorHours: is_set, around_now, next_around, described,
    sentence), for any template — forums' post forms too, which can't import
    moderation. Read from the database only by a template that uses it."""
    return {
        "moderation_hours": SimpleLazyObject(lambda: ModerationSettings.load().moderator_hours())
    }


def second_look(request):
    """`second_look_url`: where a silenced or suspended member asks for a second look at
    the sanction in force, for the pages below moderation that tell them of it (forums'
    "You can't post right now", members' "Your account is suspended"). A suspended
    member is signed out by then: members' middleware names them (`request.turned_away`)
    and the link is a signed one that stands for their sanction alone. Empty when there's
    nothing to ask about, or they've asked already. Read only by a template that uses it."""

    def url() -> str:
        from .actions import may_ask_second_look
        from .views import second_look_token

        member = getattr(request, "turned_away", None)
        signed = member is not None
        if member is None:
            member = getattr(request, "user", None)
        if member is None or not member.is_authenticated:
            return ""
        now = timezone.now()
        in_force = (
            Sanction.objects.filter(member=member, lifted_at__isnull=True)
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
            .filter(kind=SanctionKind.SUSPENSION if signed else SanctionKind.SILENCE)
            .order_by("-starts_at")
        )
        for sanction in in_force:
            if may_ask_second_look(sanction):
                if signed:
                    return reverse(
                        "moderation:second-look-signed", args=[second_look_token(sanction)]
                    )
                return reverse("moderation:second-look", args=[sanction.pk])
        return ""

    return {"second_look_url": SimpleLazyObject(url)}


@dataclass(frozen=True)
class WaitingKind:
    key: str  # "urgent", "flagged", "held"
    label: str  # in words, in the reader's language: "urgent", "flagged", "held for review"
    count: int
    url: str  # the queue, filtered to this kind


@dataclass(frozen=True)
class Waiting:
    kinds: list[WaitingKind]  # the review queue's, by priority

    @property
    def urgent(self) -> WaitingKind:
        return self.kinds[0]

    @cached_property
    def answers(self) -> WaitingKind:
        """Conversations where a member wrote last and the team hasn't answered yet: not
        in the queue, but waiting for the same people. Counted only where it's shown
        (the admin's header and home; the member-facing header shows the urgent count)."""
        # The member wrote last: what the Conversations list's "who wrote last" filter
        # (moderation/admin/messages.py, ?waiting=team) shows.
        count = Conversation.objects.filter(team=TEAM, last_from_team=False).count()
        return WaitingKind(
            "answers",
            # Translators: after their number, in the list of what waits ("2 answers
            # from members"): conversations where a member wrote last and the team
            # hasn't answered.
            ngettext("answer from a member", "answers from members", count),
            count,
            reverse("admin:members_conversation_changelist") + "?waiting=team",
        )

    @property
    def everything(self) -> list[WaitingKind]:
        return [*self.kinds, self.answers]

    @property
    def total(self) -> int:
        return sum(kind.count for kind in self.everything)


# Translators: how many items wait in the review queue, after their number ("3 urgent").
_LABELS = {
    "urgent": pgettext_lazy("items waiting in the review queue", "urgent"),
    "flagged": pgettext_lazy("items waiting in the review queue", "flagged"),
    "held": pgettext_lazy("items waiting in the review queue", "held for review"),
}


def waiting_for(user) -> Waiting | None:
    """How many items wait in the review queue, by kind, and how many members' answers
    wait in the team's conversations, each with its link — for the people who work the
    queue; None for anyone else, without asking the database."""
    # is_staff first: members and visitors cost no query at all.
    if not (user.is_authenticated and user.is_staff and user.has_perm("moderation.work_queue")):
        return None
    counts = ReviewItem.objects.waiting_by_priority()
    queue = reverse("admin:moderation_reviewitem_changelist")
    return Waiting(
        [
            WaitingKind(
                key,
                str(_LABELS[key]),
                counts[key],
                f"{queue}?priority__exact={Priority[key.upper()]}",
            )
            for key in ("urgent", "flagged", "held")
        ]
    )


def queue_counts(request):
    """`review_queue`: the review queue's counts for a moderator (see `waiting_for`), None
    for everyone else. Worked out at most once per request, and only by a template that
    shows it: the admin's header and home, and the member-facing header."""

    def once() -> Waiting | None:
        if not hasattr(request, "_waiting"):
            request._waiting = waiting_for(request.user)
        return request._waiting

    return {"review_queue": SimpleLazyObject(once)}
