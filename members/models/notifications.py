"""Notifications: what a member should know, kept as snapshots (never a key upwards)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Union

from django.db import models
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.dates import moment_label

from .accounts import FORMER_MEMBER, User

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


Param = Union[str, int, "Words", datetime, Promise]


class Words:
    """Words a member reads, kept untranslated: a message (marked where it is written,
    with `gettext_noop`) and its parameters, put into the reader's language whenever
    they are shown (`str()`), not in the language of whoever was acting when they
    were written.

    A parameter is a member's own words (a thread's title, a moderator's reason: shown
    as they were written), a number, other `Words` (a reaction's name, one sentence of
    several: translated too), or a moment (written as the reader's language writes
    dates). `as_stored()` and `stored()` carry them to and from a JSONField.
    """

    __slots__ = ("msgid", "params")

    def __init__(self, msgid: str, /, **params: Param) -> None:
        self.msgid = msgid
        self.params: dict[str, Param] = params

    @classmethod
    def sentences(cls, *parts: Words) -> Words:
        """Several messages, one after the other, each translated on its own."""
        # The layout is never in a catalogue: gettext gives it back as it is.
        layout = " ".join(f"%(s{i})s" for i in range(len(parts)))
        return cls(layout, **{f"s{i}": part for i, part in enumerate(parts)})

    @classmethod
    def marked(cls, text: StrOrPromise) -> Words:
        """A message marked lazily elsewhere (a choice's label), kept as its source words."""
        with translation.override(None):
            return cls(str(text))

    def __str__(self) -> str:
        text = gettext(self.msgid)
        if not self.params:  # a message without placeholders may hold a plain "%"
            return text
        shown = {name: _shown(value) for name, value in self.params.items()}
        try:
            return text % shown
        except (KeyError, ValueError, TypeError):
            # A translation with a mistaken placeholder: the page still shows, in English.
            return self.msgid % shown

    def __repr__(self) -> str:
        return f"Words({self.msgid!r}, **{self.params!r})"

    def as_stored(self) -> dict[str, Any]:
        return {"msgid": self.msgid, "params": _stored_params(self.params)}

    @classmethod
    def stored(cls, msgid: str, params: dict[str, Any]) -> Words:
        return cls(msgid, **{name: _loaded(value) for name, value in params.items()})


def _stored_params(params: dict[str, Param]) -> dict[str, Any]:
    return {name: _stored(value) for name, value in params.items()}


def _stored(value: Param) -> Any:
    if isinstance(value, Words):
        return value.as_stored()
    if isinstance(value, datetime):
        return {"moment": value.isoformat()}
    if isinstance(value, Promise):
        raise TypeError("Keep a translated message as Words(gettext_noop(...)), not lazily.")
    return value


def _loaded(value: Any) -> Param:
    if isinstance(value, dict) and "moment" in value:
        return datetime.fromisoformat(value["moment"])
    if isinstance(value, dict):
        return Words.stored(value["msgid"], value.get("params", {}))
    return value


def _shown(value: Param) -> str | int:
    if isinstance(value, datetime):  # as every page writes it: "5 Mar 2026, 14:07"
        return moment_label(value)
    if isinstance(value, int):
        return value
    return str(value)


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
    ever rewrites anyone's text. Its words are kept untranslated (`Words`) and
    put into the reader's language when shown.
    """

    recipient = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    # The untranslated message (`Words.msgid`), whose parameters are `params`; with
    # `names_actor`, the actor's name is its %(name)s. Never a member's name.
    # Made before notifications were kept untranslated (`params` is None): the
    # sentence as it was shown then — or, with `names_actor`, the rest of it after
    # the actor's name ("replied in “Sleep when anxious”.").
    text = models.TextField(_("text"))
    # The parameters of `text`, or of `about` for a grouped notification, as
    # `Words.as_stored()` keeps them.
    params = models.JSONField(_("params"), null=True, blank=True)
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
    # what it's about, e.g. 'your post in “%(title)s”' (its parameters in `params`;
    # none for one made before, whose `about` is shown as it was stored); the
    # text is made from it and the actors.
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
        """What the notification says, in the active language, with the names of the
        members it is about as they are now (`with_people()` fetches them for a whole
        list at once)."""
        if self.group_key:
            return self.describe()
        name = None
        if self.names_actor:
            name = self.actor.profile.display_name if self.actor is not None else FORMER_MEMBER
        if self.params is None:  # made before notifications were kept untranslated
            if name is None:
                return self.text
            # Translators: a member's name, then the rest of the sentence (stored in
            # English when the notification was made), e.g. "Sam replied in “Sleep”."
            return _("%(name)s %(rest)s") % {"name": name, "rest": self.text}
        words = Words.stored(self.text, self.params)
        if name is not None:
            words.params["name"] = name
        return str(words)

    @property
    def about_words(self) -> str:
        """What a grouped notification is about, in the active language."""
        if self.params is None:
            return self.about
        return str(Words.stored(self.about, self.params))

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
        about = self.about_words
        if self.kind == NotificationKind.REPLY:
            who = _people(names, someones=someones, former=former)
            return ngettext(
                # Translators: who ("Sam and Alex") replied in what ("“Sleep when anxious”").
                # The number is how many people "who" stands for: the verb agrees with it.
                "%(who)s replied in %(about)s.",
                "%(who)s replied in %(about)s.",
                len(names) + someones + former,
            ) % {"who": who, "about": about}
        if not names:  # everyone it named has gone since
            # Translators: "A former member reacted to your post in “Sleep”."
            return _("%(who)s reacted to %(about)s.") % {"who": FORMER_MEMBER, "about": about}
        # A reaction's name is kept untranslated (see NotificationActor.did).
        did = ", ".join(dict.fromkeys(gettext(a.did) for a in reversed(actors)))
        return ngettext(
            # Translators: who reacted to what ("your post in “Sleep”"), and how (the
            # reactions' names, e.g. "Sending support, Me too"). The number is how many
            # people "who" stands for: the verb agrees with it.
            "%(who)s reacted to %(about)s: %(did)s.",
            "%(who)s reacted to %(about)s: %(did)s.",
            len(names),
        ) % {"who": _people(names), "about": about, "did": did}

    @property
    def link_text(self) -> str:
        """Where the notification's link goes, in words (never just "Go there")."""
        if self.group_key and self.kind == NotificationKind.REPLY:
            return _("Read the replies in %(about)s") % {"about": self.about_words}
        if self.group_key:
            return _("See %(about)s") % {"about": self.about_words}
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
    # What they did, kept untranslated: a reaction's name as its source words (shown in
    # the reader's language), or "replied" (never shown). Never in anyone's language:
    # it tells whether they were told of it already.
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
