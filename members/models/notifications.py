"""Notifications: what a member should know, kept as snapshots (never a key upwards)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .accounts import FORMER_MEMBER, User

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class NotificationKind(models.TextChoices):
    MODERATION = "moderation", _("From the moderators")
    REPLY = "reply", _("A reply")
    NEW_THREAD = "new_thread", _("A new thread")
    MENTION = "mention", _("A mention")
    REACTION = "reaction", _("Reactions to your post")
    FIRST_POST = "first_post", _("Someone new posting for the first time")
    TEAM_MESSAGE = "team_message", _("A message from the moderation team")


class NotificationQuerySet(models.QuerySet):
    def for_member(self, user):
        return self.filter(recipient=user).order_by("-created_at")

    def with_people(self):
        """The members each notification names (see `Notification.message`), in a fixed
        number of queries however many notifications."""
        return self.select_related("actor__profile").prefetch_related(
            models.Prefetch(
                "actors", queryset=NotificationActor.objects.select_related("member__profile")
            )
        )

    def unread(self):
        return self.filter(read_at__isnull=True)

    def not_emailed(self):
        return self.filter(emailed_at__isnull=True)


class Notification(models.Model):
    """Something a member should know, shown on their notifications page.

    Lower layers can't point at objects above them, so a notification keeps the
    text and the address it needs (a snapshot), never a foreign key upwards.
    Members it names are kept by reference, never in the text: their names are
    looked up when it is shown (`message`), so a renamed member appears as they
    are called now, an erased one as "A former member", and nobody's erasure
    ever rewrites anyone's text.
    """

    recipient = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    # The sentence, or — when `names_actor` — the rest of it after the actor's name
    # ("replied in “Sleep when anxious”."). Never a member's name.
    text = models.TextField(_("text"))
    actor = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    names_actor = models.BooleanField(_("names actor"), default=False)
    url = models.CharField(_("url"), max_length=300, blank=True)
    # For a grouped notification ("Sam and Alex reacted to …"), the last time it
    # gained news: it moves up the list, and is e-mailed again if it had been.
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    # Grouped notifications: while one with this key is unread, more news about
    # the same thing joins it (members/actions.py notify_grouped). `about` is
    # what it's about, e.g. 'your post in “Sleep when anxious”'; the text is
    # made from it and the actors.
    group_key = models.CharField(_("group key"), max_length=60, blank=True)
    about = models.CharField(_("about"), max_length=200, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient", "group_key"],
                condition=~models.Q(group_key=""),
                name="notification_group",
            ),
            models.Index(
                fields=["recipient"],
                condition=models.Q(emailed_at__isnull=True),
                name="notification_not_emailed",
            ),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} notification"

    @property
    def message(self) -> str:
        """What the notification says, with the names of the members it is about as
        they are now (`with_people()` fetches them for a whole list at once)."""
        if self.group_key:
            return self.describe()
        if self.names_actor:
            name = self.actor.profile.display_name if self.actor is not None else FORMER_MEMBER
            # Translators: a member's name, then the rest of the sentence (stored in
            # English when the notification was made), e.g. "Sam replied in “Sleep”."
            return _("%(name)s %(rest)s") % {"name": name, "rest": self.text}
        return self.text

    def describe(self) -> str:
        """The grouped notification's text: who (two names at most), about what, and what.

        Anyone who wrote anonymously is "someone", one for each anonymous reply, never
        matched to a person: nobody can count their way to who it was."""
        prefetched = "actors" in getattr(self, "_prefetched_objects_cache", {})
        rows = self.actors.all() if prefetched else self.actors.select_related("member__profile")
        actors = sorted(rows, key=lambda a: (a.created_at, a.pk), reverse=True)
        names = list(
            dict.fromkeys(a.member.profile.display_name for a in actors if a.member is not None)
        )
        someones = sum(1 for a in actors if a.member is None and a.anonymous)
        # Members who have left since (their rows outlive them) are counted, not named.
        former = sum(1 for a in actors if a.member is None and not a.anonymous)
        if self.kind == NotificationKind.REPLY:
            who = _people(names, someones=someones, former=former)
            # Translators: who ("Sam and Alex") replied in what ("“Sleep when anxious”").
            return _("%(who)s replied in %(about)s.") % {"who": who, "about": self.about}
        if not names:  # everyone it named has gone since
            return _("%(who)s reacted to %(about)s.") % {"who": FORMER_MEMBER, "about": self.about}
        did = ", ".join(dict.fromkeys(a.did for a in reversed(actors)))
        # Translators: who reacted to what ("your post in “Sleep”"), and how
        # (the reactions' names, e.g. "Sending support, Me too").
        return _("%(who)s reacted to %(about)s: %(did)s.") % {
            "who": _people(names),
            "about": self.about,
            "did": did,
        }

    @property
    def link_text(self) -> str:
        """Where the notification's link goes, in words (never just "Go there")."""
        if self.group_key and self.kind == NotificationKind.REPLY:
            return _("Read the replies in %(about)s") % {"about": self.about}
        if self.group_key:
            return _("See %(about)s") % {"about": self.about}
        return str(LINK_TEXT.get(self.kind, _("See what this is about")))


LINK_TEXT: dict[str, StrOrPromise] = {
    NotificationKind.REPLY: _("Read the reply"),
    NotificationKind.NEW_THREAD: _("Read the new thread"),
    NotificationKind.MENTION: _("Read where you were mentioned"),
    NotificationKind.FIRST_POST: _("Read their first post"),
    NotificationKind.MODERATION: _("See what the note is about"),
    NotificationKind.TEAM_MESSAGE: _("Read the message"),
}


def _people(names: list[str], *, someones: int = 0, former: int = 0) -> str:
    """'Sam', 'Sam and Alex', 'Sam, Alex and 1 other', 'Sam, Alex and 3 others';
    'Sam and someone', 'Someone', 'Someone and 2 others' when some wrote anonymously."""
    # Translators: an anonymous member, in the middle of a sentence ("Sam and someone").
    unnamed = [str(_("someone"))] * someones + [str(_("a former member"))] * former
    if not names and unnamed:
        # Translators: an anonymous member, at the start of a sentence.
        first = _("Someone") if someones else FORMER_MEMBER
        names, unnamed = [str(first)], unnamed[1:]
    everyone = names + unnamed
    if len(everyone) <= 1:
        return everyone[0] if everyone else ""
    if len(everyone) == 2:
        return _("%(first)s and %(second)s") % {"first": everyone[0], "second": everyone[1]}
    shown = names[:2]
    others = len(everyone) - len(shown)
    if len(shown) == 1:
        return ngettext(
            "%(first)s and %(count)s other", "%(first)s and %(count)s others", others
        ) % {"first": shown[0], "count": others}
    return ngettext(
        "%(first)s, %(second)s and %(count)s other",
        "%(first)s, %(second)s and %(count)s others",
        others,
    ) % {"first": shown[0], "second": shown[1], "count": others}


class NotificationActor(models.Model):
    """Someone who did something a grouped notification tells about."""

    notification = models.ForeignKey(
        Notification,
        on_delete=models.CASCADE,
        related_name="actors",
        verbose_name=_("notification"),
    )
    # Nobody for an anonymous reply (`anonymous`): who wrote it is never kept here,
    # so no block, erasure or count can give them away. Nobody, too, once a member
    # whose reply it was has left (shown as "a former member").
    member = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("member"),
    )
    anonymous = models.BooleanField(_("anonymous"), default=False)
    did = models.CharField(_("did"), max_length=60)  # e.g. "Sending support", "replied"
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "member", "did"], name="notification_actor_once"
            ),
        ]
        verbose_name = _("notification actor")
        verbose_name_plural = _("notification actors")

    def __str__(self) -> str:
        return f"actor in notification {self.notification_id}"
