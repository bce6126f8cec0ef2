from __future__ import annotations

import functools
import time
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, ClassVar, Literal, NamedTuple

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from taggit.managers import TaggableManager
from taggit.models import NaturalKeyManager, TagBase, TaggedItemBase

from core import dates
from core.markup import render_markdown
from core.queries import Columns, Compiled
from core.vocabulary import (
    InLanguage,
    Translations,
    in_language,
    in_reading_order,
    reads_main_language,
)
from core.words import words_pattern
from members.models import FORMER_MEMBER, blocked_by, stand_in_member

if TYPE_CHECKING:
    from members.models import Experience

    from .screening import Screening


def page_of(number: int) -> int:
    """The page of a thread that shows post `number`."""
    return (number - 1) // settings.BOOMITY_POSTS_PER_PAGE + 1


class Visibility(models.TextChoices):
    # Mental-health posts are sensitive: a board is public only when staff say so.
    MEMBERS = "members", _("Members only")
    PUBLIC = "public", _("Public (anyone can read; search engines may index it)")


# Each app process keeps the warnings' words in other languages this long (see
# warning_words): posts keep a warning's label as text, so no page joins to this table.
_warnings_cache: dict[str, tuple[float, dict[str, dict[str, str]]]] = {}


def forget_content_warnings() -> None:
    """Drop this process's copy of the warnings' translations."""
    _warnings_cache.clear()


class ContentWarning(models.Model):
    """A warning members may put on what they write; staff keep the list.

    Posts and threads keep the label itself (in the community's main language): it is
    what mutes match. `warning_words()` shows it in the reader's language."""

    label = models.CharField(_("label"), max_length=60, unique=True)
    names = Translations(
        _("warning in other languages"),
        max_length=60,
        help_text=_("Leave a language empty to show the warning above to its readers."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    # The label in the reader's language (core/vocabulary.py).
    local_label = InLanguage("label", "names")

    class Meta:
        ordering = ["position", "label"]
        verbose_name = _("content warning")
        verbose_name_plural = _("content warnings")

    def __str__(self) -> str:
        return self.local_label

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        forget_content_warnings()
        transaction.on_commit(forget_content_warnings)

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        forget_content_warnings()
        return deleted


def _warnings() -> dict[str, dict[str, str]]:
    """{label: its words in other languages}, in the staff's order: read at most every
    BOOMITY_COMMUNITY_CACHE_SECONDS in each app process (the process where staff save a
    warning forgets its copy at once)."""
    cached = _warnings_cache.get("names")
    if cached is None or cached[0] <= time.monotonic():
        names = dict(ContentWarning.objects.values_list("label", "names"))
        cached = (time.monotonic() + settings.BOOMITY_COMMUNITY_CACHE_SECONDS, names)
        _warnings_cache["names"] = cached
    return cached[1]


def warning_words(label: str) -> str:
    """A content warning as a post or thread keeps it (its label), in the reader's
    language. No query for a reader of the community's main language; otherwise the
    warnings' translations are read as `_warnings` keeps them."""
    if not label:
        return label
    if reads_main_language():
        return label
    return in_language(label, _warnings().get(label))


def warning_choices() -> list[tuple[str, str]]:
    """Every warning staff keep, in their order: (its label, its words in the reader's
    language). For the forms every reply and thread page makes: no query most of the
    time (see `_warnings`)."""
    return [(label, in_language(label, names)) for label, names in _warnings().items()]


class BoardGroup(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_("Groups are listed from the lowest number to the highest."),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("board group")
        verbose_name_plural = _("board groups")

    def __str__(self) -> str:
        return self.name


class BoardQuerySet(models.QuerySet):
    def readable_by(self, user):
        return self if user.is_authenticated else self.filter(visibility=Visibility.PUBLIC)

    def in_order(self):
        return self.order_by("group__position", "group__name", "position", "name")


class Board(models.Model):
    group = models.ForeignKey(
        BoardGroup, on_delete=models.PROTECT, related_name="boards", verbose_name=_("group")
    )
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("The last part of the board's address: /b/this-part/."),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    guidelines = models.TextField(
        _("guidelines"),
        blank=True,
        help_text=_(
            "Shown at the top of the board. Markdown: a few short points that are "
            "specific to this board."
        ),
    )
    guidelines_html = models.TextField(_("guidelines html"), blank=True, editable=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    allow_anonymous = models.BooleanField(
        _("allow anonymous posts"),
        default=False,
        help_text=_(
            "Members may post here as “Anonymous member”. Moderators still see who "
            "wrote each post, in the admin."
        ),
    )

    # Denormalized, updated with F() in the same transaction as each write
    # (forums/actions.py). Only visible posts count.
    thread_count = models.PositiveIntegerField(_("thread count"), default=0, editable=False)
    post_count = models.PositiveIntegerField(_("post count"), default=0, editable=False)
    last_post = models.ForeignKey(
        "Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("last post"),
    )
    last_post_at = models.DateTimeField(_("last post at"), null=True, blank=True, editable=False)
    # Not columns: what a home page card tells its reader (boards_with_latest,
    # forums.views.home): whether the latest thread is kept from them, and if not,
    # that thread and its address.
    last_thread_hidden: bool
    latest: Thread | None
    latest_url: str
    url: str

    objects = BoardQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("board")
        verbose_name_plural = _("boards")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Staff write the board's guidelines in Markdown; like posts, they are
        # rendered once here, not on every page view.
        self.guidelines_html = render_markdown(self.guidelines)
        if kwargs.get("update_fields") is not None and "guidelines" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "guidelines_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("forums:board-detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    def is_readable_by(self, user) -> bool:
        return self.is_public or user.is_authenticated


MAX_TOPICS = 5


class TopicQuerySet(models.QuerySet["Topic"]):
    def in_reading_order(self) -> list[Topic]:
        """Alphabetical by the name the reader sees, in their language."""
        return in_reading_order(self)

    def with_thread_counts(self, user):
        """`.thread_count`: the threads with this topic that this person finds listed
        (their own held threads too, as the topic's page lists them for them)."""
        readable = Thread.objects.listed_in_readable_boards_for(user).unblocked_for(user)
        readable = readable.values("pk")
        return self.annotate(
            thread_count=models.Count(
                "thread_links", filter=models.Q(thread_links__content_object__in=readable)
            )
        )


class Topic(TagBase):
    """A topic threads can be found by. Staff keep the list; members choose from it.

    Our own vocabulary, apart from the lived-experience tags members put on
    their profiles.
    """

    # Plain ASCII, unlike taggit's: the slug is the topic's address, /topics/<slug>/.
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_(
            "The last part of the topic's address: /topics/this-part/. Letters, numbers and dashes."
        ),
    )
    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("Shown on the topic's page: one kind sentence."),
    )
    names = Translations(
        _("name in other languages"),
        max_length=100,
        help_text=_("Leave a language empty to show the name above to its readers."),
    )
    descriptions = Translations(
        _("description in other languages"),
        max_length=200,
        help_text=_("Leave a language empty to show the description above to its readers."),
    )

    objects = NaturalKeyManager.from_queryset(TopicQuerySet)()

    # The words in the reader's language (core/vocabulary.py); the slug never changes.
    local_name = InLanguage("name", "names")
    local_description = InLanguage("description", "descriptions")

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.local_name

    def get_absolute_url(self) -> str:
        return reverse("forums:topic-detail", args=[self.slug])

    def slugify(self, tag: str, i: int | None = None) -> str:
        slug = slugify(tag) or "topic"
        return slug if i is None else f"{slug}-{i}"


class ThreadTopic(TaggedItemBase):
    content_object = models.ForeignKey(
        "Thread",
        on_delete=models.CASCADE,
        related_name="topic_links",
        verbose_name=_("content object"),
    )
    tag = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="thread_links", verbose_name=_("tag")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="topic_once_per_thread")
        ]
        verbose_name = _("thread topic")
        verbose_name_plural = _("thread topics")


def _muted_for(
    user, *, places: bool, warnings: bool, mutes: Mutes | None = None
) -> models.Q | None:
    """The threads `user` muted (see ThreadQuerySet.unmuted_for), never their own: a
    condition of subqueries, so that a list or a count adds no query for it.

    With `mutes` (theirs, read already for the page), the same condition written with
    what they muted, which is quicker to build and to run — and None when they muted
    none of it (most members): nothing to leave out."""
    if mutes is not None:
        return _muted_among(user, mutes, places=places, warnings=warnings)
    muted = models.Q(pk__in=[])
    if places:
        muted |= (
            models.Q(board_id__in=Mute.objects.ids_of(user, MuteKind.BOARD, "board_id"))
            | models.Q(pk__in=Mute.objects.ids_of(user, MuteKind.THREAD, "thread_id"))
            | models.Q(
                pk__in=ThreadTopic.objects.filter(
                    tag_id__in=Mute.objects.ids_of(user, MuteKind.TOPIC, "topic_id")
                ).values("content_object_id")
            )
        )
    if warnings:
        left_out = Mute.objects.of(user).filter(
            kind=MuteKind.WARNING, warning_mode=WarningMute.LEFT_OUT
        )
        muted |= models.Q(content_warning__in=left_out.values("phrase")) & ~models.Q(
            content_warning=""
        )
    return muted & ~models.Q(author_id=user.pk)


def _muted_among(user, mutes: Mutes, *, places: bool, warnings: bool) -> models.Q | None:
    """_muted_for, written with the rows of `user`'s Mutes instead of subqueries."""
    if mutes.member_id != user.pk:
        raise ValueError("another member's mutes")
    parts: list[models.Q] = []
    if places and mutes.board_ids:
        parts.append(models.Q(board_id__in=sorted(mutes.board_ids)))
    if places and mutes.thread_ids:
        parts.append(models.Q(pk__in=sorted(mutes.thread_ids)))
    if places and mutes.topic_ids:
        topics = ThreadTopic.objects.filter(tag_id__in=sorted(mutes.topic_ids))
        parts.append(models.Q(pk__in=topics.values("content_object_id")))
    # As written, as the subquery compares them.
    left_out = sorted(mutes.left_out_phrases)
    if warnings and left_out:
        parts.append(models.Q(content_warning__in=left_out) & ~models.Q(content_warning=""))
    if not parts:
        return None
    muted = parts[0]
    for part in parts[1:]:
        muted |= part
    return muted & ~models.Q(author_id=user.pk)


class ThreadQuerySet(models.QuerySet):
    def in_board(self, board: Board):
        return self.filter(board=board)

    def listed(self):
        return self.filter(is_visible=True)

    def listed_for(self, user):
        """The listed threads, and for their author alone the threads whose opening post
        waits for a moderator: a held post never seems to vanish (and get written twice).
        A subquery, not a join: no extra query, and no row twice."""
        if not user.is_authenticated:
            return self.listed()
        waiting = Post.objects.held_openings_by(user).values("thread_id")
        return self.filter(models.Q(is_visible=True) | models.Q(pk__in=waiting))

    def unlisted_for(self, user):
        """What `listed_for` leaves out for this person: the hidden threads, less their
        own held ones. Few, and read from the small `thread_unlisted` index, so a long
        list of posts (search) leaves them out cheaply rather than joining every listed
        thread. The mirror of `listed_for`: the two split the threads between them
        (tests/forums/test_search_privacy.py checks it)."""
        hidden = self.filter(is_visible=False)
        if not user.is_authenticated:
            return hidden
        return hidden.exclude(pk__in=Post.objects.held_openings_by(user).values("thread_id"))

    def listed_in_readable_boards_for(self, user):
        """`listed_for`, in the boards this person may read: what the lists that span
        boards (Latest, a topic, search) show them."""
        return self.listed_for(user).in_boards_readable_by(user)

    def in_boards_readable_by(self, user):
        if not user.is_authenticated:
            return self.filter(board__visibility=Visibility.PUBLIC)
        return self

    def readable_by(self, user):
        """Listed threads in boards this person may read."""
        return self.listed().in_boards_readable_by(user)

    def unblocked_for(self, user):
        """Less the threads started, under their own name, by members `user` blocked:
        a blocker finds them in no list. (Anonymous threads stay: leaving them out
        would tell whose they are.) The blocked member's lists are unchanged — a
        block is silent. A subquery: no extra query."""
        if not user.is_authenticated:
            return self
        return self.exclude(models.Q(is_anonymous=False) & models.Q(author_id__in=blocked_by(user)))

    def unanswered(self):
        return self.filter(answered_at__isnull=True, is_locked=False)

    def unmuted_for(
        self, user, *, places: bool = True, warnings: bool = True, mutes: Mutes | None = None
    ):
        """Less what `user` muted: with `places`, threads in boards, with topics, or
        themselves muted; with `warnings`, threads whose content warning they chose to
        leave out of lists. Never their own threads. Subqueries: no extra query. With
        `mutes`, their Mutes the page read already: the same rule, cheaper (_muted_for)."""
        if not user.is_authenticated:
            return self
        muted = _muted_for(user, places=places, warnings=warnings, mutes=mutes)
        return self if muted is None else self.exclude(muted)

    def awaiting_reply_counts(self, user, *, mutes: Mutes | None = None) -> tuple[int, int]:
        """(how many wait for a reply from `user`, how many more wait in what they muted),
        in one query: home says so when all that waits is in what they muted. `mutes`:
        theirs, if read already (unmuted_for)."""
        threads = self.awaiting_reply_from(user, unmuted=False)
        muted = _muted_for(user, places=True, warnings=True, mutes=mutes)
        if muted is None:
            return threads.count(), 0
        counts = threads.aggregate(
            waiting=models.Count("pk"), muted=models.Count("pk", filter=muted)
        )
        return counts["waiting"] - counts["muted"], counts["muted"]

    def awaiting_reply_from(self, user, *, unmuted: bool = True, mutes: Mutes | None = None):
        """Needs a reply, for this member: unanswered threads they may read, less those
        of members they blocked and their own (held or not — nobody answers themselves).
        The home page's count and the list itself are the same query. Without `unmuted`,
        with what they muted too: an empty list can then say that some are left out.
        `mutes`: theirs, if the page read them already (unmuted_for)."""
        threads = self.readable_by(user).unblocked_for(user).unanswered()
        if unmuted:
            threads = threads.unmuted_for(user, mutes=mutes)
        if user.is_authenticated:
            threads = threads.exclude(author_id=user.pk)
        return threads

    def visible_to(self, user):
        if user.is_authenticated:
            return self.filter(models.Q(is_visible=True) | models.Q(author=user))
        return self.filter(is_visible=True)

    def in_listing_order(self):
        return self.order_by("-is_pinned", "-last_post_at", "-pk")

    def started_by_any(self, member_ids):
        """Threads these members started under their own name (never anonymously)."""
        return self.filter(is_anonymous=False, author_id__in=member_ids)

    def about(self, topic: Topic):
        return self.filter(topic_links__tag=topic)


def _topics_help() -> str:
    return gettext("Up to %(count)d, from the list staff keep.") % {"count": MAX_TOPICS}


class Thread(models.Model):  # type: ignore[django-manager-missing]  # taggit is untyped
    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, related_name="threads", verbose_name=_("board")
    )
    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="threads",
        verbose_name=_("author"),
    )
    content_warning = models.CharField(_("content warning"), max_length=60, blank=True)
    is_anonymous = models.BooleanField(_("is anonymous"), default=False, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # False while the opening post waits for review or is hidden: the thread is
    # then in no list, and counted nowhere.
    is_visible = models.BooleanField(_("is visible"), default=True, editable=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    # Set when the thread is first answered (see `is_answered_by`): threads
    # without it are the ones that "need a reply", and it times the first answer.
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    # A thread under its author's name, who had never posted under their name
    # before: peer supporters can welcome them. Never on an anonymous thread.
    by_newcomer = models.BooleanField(_("by newcomer"), default=False, editable=False)

    # The highest post number handed out; numbers are never reused, so a page of
    # the thread is a range of numbers.
    last_number = models.PositiveIntegerField(_("last number"), default=0, editable=False)
    post_count = models.PositiveIntegerField(_("post count"), default=0, editable=False)
    reply_count = models.PositiveIntegerField(_("reply count"), default=0, editable=False)
    # Not columns: what a thread list tells its reader (forums.views._mark_unread),
    # how many posts are new to them ("new": all of it) and where the first one is.
    unread: int | str | None
    unread_url: str
    # Not a column: why a list row is folded for its reader (Mutes.fold_rows).
    folded: str
    # Not columns: a list row's topics and whether its last poster's name is left out
    # (list_rows), and its addresses and words (forums.templatetags.thread_rows).
    row_topics: list[Topic]
    last_poster_hidden: bool
    read_to: int | None
    url: str
    latest_url: str
    in_board: str
    unread_label: str
    warning_label: str
    started_by: str
    replies: str
    latest_by: str
    latest_ago: str
    started_ago: str
    author_badges: str
    latest_badges: str
    last_post = models.ForeignKey(
        "Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("last post"),
    )
    last_post_at = models.DateTimeField(_("last post at"), default=timezone.now, editable=False)
    topics = TaggableManager(
        through=ThreadTopic,
        blank=True,
        related_name="threads",
        verbose_name=_("topics"),
        help_text=lazy(_topics_help, str)(),
    )

    objects = ThreadQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(
                "board",
                models.F("is_pinned").desc(),
                models.F("last_post_at").desc(),
                name="thread_board_listing",
            ),
            models.Index(fields=["-last_post_at"], name="thread_latest"),
            # Needs a reply, oldest first, and its counts (awaiting_reply_from): only the
            # threads waiting, in the list's order, with what the reader's blocks ask
            # of each — so a page reads 25 entries and a count never the table.
            models.Index(
                fields=["created_at", "id", "author_id", "is_anonymous"],
                condition=models.Q(answered_at__isnull=True, is_locked=False, is_visible=True),
                name="thread_needs_reply",
            ),
            # The few threads out of every list (ThreadQuerySet.unlisted_for).
            models.Index(
                fields=["id"], condition=models.Q(is_visible=False), name="thread_unlisted"
            ),
        ]
        permissions = [
            ("pin_thread", "Can pin and unpin threads"),
            ("lock_thread", "Can lock and unlock threads"),
            ("move_thread", "Can move threads to another board"),
            ("change_thread_topics", "Can change the topics of threads"),
        ]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.make_slug(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("forums:thread-detail", args=[self.pk, self.slug])

    @staticmethod
    def make_slug(title: str) -> str:
        return slugify(title)[:80].strip("-") or "thread"

    def page_url(self, page: int) -> str:
        url = self.get_absolute_url()
        return url if page <= 1 else f"{url}?page={page}"

    @property
    def author_name(self) -> str:
        return _author_name(self.author, self.is_anonymous)

    @property
    def author_profile(self):
        return _author_profile(self.author, self.is_anonymous)

    @property
    def is_first_post(self) -> bool:
        """The "First post" badge; never on an anonymous thread, which it would give away."""
        return self.by_newcomer and not self.is_anonymous

    @property
    def page_count(self) -> int:
        return max(1, -(-self.last_number // settings.BOOMITY_POSTS_PER_PAGE))

    def page_window(self, page: int, spread: int = 2) -> list[int | None]:
        """Page links around `page`, with the first and last; None marks a gap."""
        last = self.page_count
        shown = sorted({1, last, *range(max(1, page - spread), min(last, page + spread) + 1)})
        window: list[int | None] = []
        for n in shown:
            if window and n - window[-1] > 1:
                window.append(None)
            window.append(n)
        return window

    def page_links(self, page: int) -> list[PageLink | None]:
        """The page window's links, each with its address and words, made once for the
        two page navigations of a thread page (a reverse() and a translation a link
        each, twice over, were a twentieth of the page's cost)."""
        url = self.get_absolute_url()
        words = gettext("Page %(n)s")
        return [
            None
            if n is None
            else PageLink(n, url if n <= 1 else f"{url}?page={n}", words % {"n": n}, n == page)
            for n in self.page_window(page)
        ]

    def url_of(self, number: int) -> str:
        """Where post `number` is: its page, and its anchor."""
        return f"{self.page_url(page_of(number))}#p{number}"

    def number_range(self, page: int) -> tuple[int, int]:
        per_page = settings.BOOMITY_POSTS_PER_PAGE
        first = (page - 1) * per_page + 1
        return first, first + per_page - 1

    def is_answered_by(self, post: Post) -> bool:
        """Whether this reply answers the thread (takes it off Needs a reply, and
        counts in "answered within 24 hours").

        Every reply does, except one that is *visibly* the starter's own: the
        thread and the reply both under the same member's name. An anonymous
        reply always answers — the starter's own too — and so does a named reply
        in an anonymous thread: counting either differently would tell everyone
        who wrote it.
        """
        if post.number <= 1:
            return False
        return self.is_anonymous or post.is_anonymous or post.author_id != self.author_id

    def pin(self, *, pinned: bool = True) -> None:
        self.switch("is_pinned", pinned)

    def lock(self, *, locked: bool = True) -> None:
        self.switch("is_locked", locked)

    def switch(self, field: Literal["is_pinned", "is_locked"], on: bool) -> None:
        """Turn one of the moderators' switches on a thread (pinned, locked) on or off."""
        setattr(self, field, on)
        self.save(update_fields=[field])


# English here, for the catalogue; shown through gettext, in the reader's language.
ANONYMOUS_NAME = gettext_noop("Anonymous member")


def _author_name(author, anonymous: bool) -> str:
    # The one place a post's byline is decided: an anonymous author's name never
    # reaches a page, whoever is looking.
    if anonymous:
        return gettext(ANONYMOUS_NAME)
    if author is None:
        return FORMER_MEMBER
    return author.profile.display_name


def _author_profile(author, anonymous: bool):
    # Never for an anonymous post: no badge, no link, nothing that leads to them.
    if anonymous or author is None:
        return None
    return author.profile


def moment_label(moment) -> str:
    """A moment as pages show it ("3 Mar 2026, 14:05" in English), without the |date
    filter: the reader's language's DATETIME_FORMAT, cheaply (core/dates.py)."""
    return _label(moment)


def _label(moment) -> str:
    return dates.moment_label(moment)


class PostStatus(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    PENDING = "pending", _("Waiting for review")
    HIDDEN = "hidden", _("Hidden by moderators")
    REMOVED = "removed", _("Removed by its author")


def _held_by(user) -> models.Q:
    return models.Q(author=user, status=PostStatus.PENDING)


class PageLink(NamedTuple):
    """A link in a thread's page navigation (Thread.page_links)."""

    number: int
    url: str
    label: str
    current: bool


class PostQuerySet(models.QuerySet["Post"]):
    def visible(self):
        return self.filter(status=PostStatus.VISIBLE)

    def with_authors(self):
        """With each author and their profile, for showing posts: without the search
        index's column, which is larger than the post and never shown."""
        return self.select_related("author__profile").defer("search_vector")

    def held_by(self, user):
        """This member's posts that wait for a moderator."""
        return self.filter(_held_by(user))

    def held_openings_by(self, user):
        """The opening posts of this member's threads that wait for a moderator."""
        return self.held_by(user).filter(number=1)

    def visible_or_held_for(self, user):
        """Visible posts, and for their author alone their posts that wait for a
        moderator (shown to them marked so, never to anyone else)."""
        if not user.is_authenticated:
            return self.visible()
        return self.filter(models.Q(status=PostStatus.VISIBLE) | _held_by(user))

    def unmuted_for(self, user):
        """Less the posts in threads `user` muted, or left out by muting their board,
        topic or warning (never in their own threads): ThreadQuerySet.unmuted_for."""
        if not user.is_authenticated:
            return self
        return self.filter(thread_id__in=Thread.objects.unmuted_for(user).values("pk"))

    def on_profile_of(self, user, *, own: bool):
        """The posts a member's profile lists: visible ones under their own name, in
        threads others can open. Their own page adds the posts waiting for a moderator
        (marked so), where they can open them — never for anyone else."""
        posts = self.filter(author=user, is_anonymous=False)
        if not own:
            return posts.visible().filter(thread__is_visible=True)
        waiting = self.model.objects.held_openings_by(user).values("thread_id")
        return posts.filter(status__in=[PostStatus.VISIBLE, PostStatus.PENDING]).filter(
            models.Q(thread__is_visible=True) | models.Q(thread_id__in=waiting)
        )


_PostManagerBase = models.Manager.from_queryset(PostQuerySet)


class PostManager(_PostManagerBase):
    def get_queryset(self):
        # The search vector is for the database's full-text index alone: no page
        # needs it, so it never travels with a post.
        return super().get_queryset().defer("search_vector")


def writers_language() -> str:
    """The language a post is written in: the one active as it's written, which is its
    author's during their request, or the site's outside one."""
    return translation.get_language() or settings.LANGUAGE_CODE


class Post(models.Model):
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread")
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="posts",
        verbose_name=_("author"),
    )
    body = models.TextField(_("body"))
    body_html = models.TextField(_("body html"), editable=False)
    content_warning = models.CharField(_("content warning"), max_length=60, blank=True)
    is_anonymous = models.BooleanField(_("is anonymous"), default=False, editable=False)
    # Supportive reactions, counted with F() beside each Reaction row.
    support_count = models.PositiveIntegerField(_("support count"), default=0, editable=False)
    metoo_count = models.PositiveIntegerField(_("metoo count"), default=0, editable=False)
    thanks_count = models.PositiveIntegerField(_("thanks count"), default=0, editable=False)
    helpful_count = models.PositiveIntegerField(_("helpful count"), default=0, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=PostStatus.choices, default=PostStatus.VISIBLE
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    # A moderator's edit is marked apart from the author's own, so nobody takes a
    # moderator's words for the author's (set by actions.rewrite_post).
    moderator_edited_at = models.DateTimeField(
        _("moderator edited at"), null=True, blank=True, editable=False
    )
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    # Hidden because enough members flagged it, before any moderator decided: every
    # wording about the hidden post says so, never "hidden by the moderators".
    hidden_by_members = models.BooleanField(_("hidden by members"), default=False, editable=False)
    # PostgreSQL only (NULL elsewhere): the thread's title (opening posts) and the
    # body, weighted, for visible posts and posts waiting for a moderator (which
    # only their author may find: forums.search.findable_posts decides); kept by
    # forums/search.py on every write, with a GIN index made by migration 0009.
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)
    # The language it was written in, its author's at the time (an edit keeps it):
    # search stems its words by that language's rules (forums.search.config_for).
    language = models.CharField(
        _("language"), max_length=15, default=writers_language, editable=False
    )
    # Not columns: what the code that just wrote a post, or shows it, puts on it.
    screening: Screening  # forums.actions: what screening found, for the view to tell
    author_experiences: list[Experience]  # the thread page: what its author shows members
    snippet: str  # search results: a piece of the post with the matches marked
    url: str  # search results: get_absolute_url(), made once for the page (forums/search.py)
    board_url: str  # search results: its board's, likewise
    # Search results' words, made once for the page (forums/templatetags/search_results.py).
    in_board: str
    author_badges: str
    warning_summary: str
    muted_word: bool  # the thread page and search: it mentions a word the reader muted
    warning_closed: bool  # the thread page: its warning is one the reader keeps closed
    # The thread page, for this reader: (kind, label, count, theirs) for each reaction,
    # whether they saved it, and whether they may react to it.
    reaction_list: list[tuple[str, StrOrPromise, int, bool]]
    saved: bool
    can_react: bool

    objects = PostManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "number"], name="post_number_unique"),
        ]
        indexes = [models.Index(fields=["author", "-created_at"], name="post_author_recent")]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return gettext("#%(number)s in %(thread)s") % {
            "number": self.number,
            "thread": self.thread_id,
        }

    def get_absolute_url(self) -> str:
        return reverse("forums:post-permalink", args=[self.pk])

    # Formatted by core.dates rather than the |date filter, which measured as a
    # quarter of a thread page's cost when run once per post.
    created_iso, created_label = dates.moment_properties("created_at")
    edited_iso, edited_label = dates.moment_properties("edited_at")
    moderator_edited_iso, moderator_edited_label = dates.moment_properties("moderator_edited_at")

    @property
    def last_edited_by_moderator(self) -> bool:
        """Whether the post's latest change was a moderator's edit, not the author's."""
        if self.moderator_edited_at is None:
            return False
        return self.edited_at is None or self.moderator_edited_at >= self.edited_at

    @property
    def anchor(self) -> str:
        return f"p{self.number}"

    @property
    def notice_url(self) -> str:
        """Back to this post with a notice about it: the page it is on, the notice shown
        just above it (`?notice=<number>`) and the browser taken there (#notice). At the
        top of the page, the notice would be far above the fold the anchor jumps to."""
        url = self.thread.page_url(self.page)
        return f"{url}{'&' if '?' in url else '?'}notice={self.number}#notice"

    @property
    def author_name(self) -> str:
        return _author_name(self.author, self.is_anonymous)

    @property
    def author_profile(self):
        return _author_profile(self.author, self.is_anonymous)

    @property
    def page(self) -> int:
        return page_of(self.number)

    @property
    def is_opening(self) -> bool:
        return self.number == 1

    @property
    def is_visible(self) -> bool:
        return self.status == PostStatus.VISIBLE

    @property
    def is_removed(self) -> bool:
        return self.status == PostStatus.REMOVED

    def reaction_counts(
        self, mine: AbstractSet[str] = frozenset()
    ) -> list[tuple[str, StrOrPromise, int, bool]]:
        """(kind, label, count, reacted by this person) for each reaction, in order."""
        return [
            (kind.value, kind.label, getattr(self, kind.count_field), kind.value in mine)
            for kind in ReactionKind
        ]

    @property
    def is_pending(self) -> bool:
        return self.status == PostStatus.PENDING

    def shown_to(self, user) -> bool:
        """Whether this post has a place on the thread page for `user`: a held post
        has one for its author alone (everyone else sees no trace of it); hidden and
        removed posts leave a placeholder."""
        return not self.is_pending or (user.is_authenticated and self.author_id == user.pk)

    @property
    def is_hidden(self) -> bool:
        return self.status == PostStatus.HIDDEN

    def get_status_display(self) -> str:  # type: ignore[no-redef]  # Django's, replaced
        # Replaces Django's own, so the admin says truly who hid a post.
        if self.is_hidden and self.hidden_by_members:
            return gettext("Hidden for now: members flagged it")
        return str(PostStatus(self.status).label)


class PostVersion(models.Model):
    """A post's words as they were before one edit, by its author or a moderator.

    For moderators only (the review item's page): no member-facing page reads these.
    They go with the post (CASCADE), and with the author's data when they erase it
    (forums/privacy.py)."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="versions", verbose_name=_("post")
    )
    # The opening post's thread title as it was, when the edit could change it.
    title = models.CharField(_("title"), max_length=120, blank=True)
    body = models.TextField(_("body"))
    body_html = models.TextField(_("body html"))
    content_warning = models.CharField(_("content warning"), max_length=60, blank=True)
    # When these words were written (the post's creation or the edit before this one).
    written_at = models.DateTimeField(_("written at"))
    # When, and by whom, they were replaced.
    replaced_at = models.DateTimeField(_("replaced at"), default=timezone.now)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("replaced by"),
    )
    by_moderator = models.BooleanField(_("by moderator"), default=False)

    class Meta:
        ordering = ["-replaced_at", "-pk"]
        indexes = [models.Index(fields=["post", "-replaced_at"], name="post_version_recent")]
        verbose_name = _("post version")
        verbose_name_plural = _("post versions")

    def __str__(self) -> str:
        return gettext("post %(post)s before %(when)s") % {
            "post": self.post_id,
            "when": f"{self.replaced_at:%Y-%m-%d %H:%M}",
        }


class Mention(models.Model):
    """A member named with @ in a post. Each is told once per post, when the post
    is visible; an edit tells only the newly named."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="mentions", verbose_name=_("post")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("member"),
    )
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "member"], name="mention_once"),
        ]
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")

    def __str__(self) -> str:
        return f"mention in post {self.post_id}"


class ReadStateQuerySet(models.QuerySet):
    def last_read_in(self, user, thread: Thread) -> int | None:
        """The number of the last post `user` read in `thread` (None: never opened, or a
        visitor). Every thread page asks it: built once per process (core.queries)."""
        if not user.is_authenticated:
            return None
        rows = _LAST_READ.rows(user.pk, thread.pk)
        return rows[0][0] if rows else None

    def mark(self, user, thread: Thread, number: int, known: int | None) -> None:
        """Remember that `user` has read `thread` up to post `number`.

        `known` is what the caller already read from the database (None: no row),
        so a page that shows nothing new writes nothing.
        """
        if known is None:
            try:
                with transaction.atomic():
                    self.create(member=user, thread=thread, number=number)
                return
            except IntegrityError:
                pass  # another tab got there first; move it forward below
        elif number <= known:
            return
        self.filter(member=user, thread=thread, number__lt=number).update(number=number)


class ReadState(models.Model):
    """How far a member has read a thread: the highest post number they've seen."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="read_states",
        verbose_name=_("member"),
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="read_states", verbose_name=_("thread")
    )
    number = models.PositiveIntegerField(_("number"), default=0)

    objects = ReadStateQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "thread"], name="read_state_once"),
        ]
        verbose_name = _("read state")
        verbose_name_plural = _("read states")

    def __str__(self) -> str:
        return f"read to #{self.number}"


_LAST_READ = Compiled(
    lambda member, thread: ReadState.objects.filter(member_id=member, thread_id=thread).values_list(
        "number"
    )
)


class ReactionKind(models.TextChoices):
    # Support, never a score: there is no way to react against a post.
    SUPPORT = "support", _("Sending support")
    METOO = "metoo", _("Me too")
    THANKS = "thanks", _("Thank you")
    HELPFUL = "helpful", _("Helpful")

    @property
    def count_field(self) -> str:
        return f"{self.value}_count"


class Reaction(models.Model):
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="reactions", verbose_name=_("post")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reactions",
        verbose_name=_("member"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReactionKind.choices)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "member", "kind"], name="react_once_each"),
        ]
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")

    def __str__(self) -> str:
        return gettext("%(kind)s on post %(post)s") % {
            "kind": self.get_kind_display(),
            "post": self.post_id,
        }


class SavedPost(models.Model):
    """A post a member saved to come back to. Private: nobody else ever sees a save,
    not other members, not moderators or staff (no admin page)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_posts",
        verbose_name=_("member"),
    )
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="saves", verbose_name=_("post")
    )
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "post"], name="save_once")]
        indexes = [models.Index(fields=["member", "-saved_at"], name="saved_posts_newest")]
        verbose_name = _("saved post")
        verbose_name_plural = _("saved posts")

    def __str__(self) -> str:
        return f"saved post {self.post_id}"


class Follow(models.Model):
    """A member hears about what is new in something they follow: a thread's replies,
    a board's threads. `target` names the field that says what is followed."""

    target: ClassVar[str]
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"follows {self.target} {getattr(self, f'{self.target}_id')}"

    @staticmethod
    def follower(related_name: str) -> models.ForeignKey:
        return models.ForeignKey(
            settings.AUTH_USER_MODEL,
            on_delete=models.CASCADE,
            related_name=related_name,
            verbose_name=_("member"),
        )

    @staticmethod
    def once(target: str) -> models.UniqueConstraint:
        return models.UniqueConstraint(fields=["member", target], name=f"follow_{target}_once")


class ThreadFollow(Follow):
    """New replies in a thread (members follow what they start or answer)."""

    target = "thread"
    member = Follow.follower("thread_follows")
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="follows", verbose_name=_("thread")
    )

    class Meta:
        constraints = [Follow.once("thread")]
        verbose_name = _("thread follow")
        verbose_name_plural = _("thread follows")


class BoardFollow(Follow):
    """New threads on a board."""

    target = "board"
    member = Follow.follower("board_follows")
    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="follows", verbose_name=_("board")
    )

    class Meta:
        constraints = [Follow.once("board")]
        verbose_name = _("board follow")
        verbose_name_plural = _("board follows")


# Whether a member follows the thread or board they are reading: asked on each of their
# thread and board pages, so built once per process (core.queries).
_FOLLOWING = {
    Thread: Compiled(
        lambda member, thread: ThreadFollow.objects.filter(
            member_id=member, thread_id=thread
        ).values_list("pk")[:1]
    ),
    Board: Compiled(
        lambda member, board: BoardFollow.objects.filter(
            member_id=member, board_id=board
        ).values_list("pk")[:1]
    ),
}


def follows(member, target: Thread | Board) -> bool:
    """Whether `member` follows this thread or board (never a visitor)."""
    return member.is_authenticated and _FOLLOWING[type(target)].exists(member.pk, target.pk)


# A thread's topics, in the order they were given: every page of the thread shows them,
# so the query is built once per process (core.queries) rather than by taggit each time.
_TOPIC = Columns(Topic)
_TOPICS_OF = Compiled(
    lambda thread: (
        Topic.objects.filter(thread_links__content_object_id=thread)
        .order_by("thread_links__id")
        .values_list(*_TOPIC.names)
    )
)


def topics_of(thread: Thread) -> list[Topic]:
    """The topics given to this thread (the same as `thread.topics.all()`), in one query."""
    return [_TOPIC.instance(row) for row in _TOPICS_OF.rows(thread.pk)]


@functools.cache
def _post_columns() -> Columns[Post]:
    # Made on first use, as _row_columns; never the search index's column, which is
    # larger than the post and never shown.
    return Columns(Post, "author", "author__profile", leave_out=("search_vector",))


@functools.cache
def _posts_numbered(count: int) -> Compiled:
    # The LIMIT is what the range already says, for PostgreSQL's planner: it can't know
    # that a thread's numbers 1-20 are few when most posts anywhere are numbered under 20,
    # so without it the long thread's page 1 walked all its 5,000 posts and hashed every
    # member and profile (2.7 ms); with it, the (thread, number) index in order and 20
    # lookups (0.2 ms). One query for each page size (BOOMITY_POSTS_PER_PAGE).
    return Compiled(
        lambda thread, first, last: (
            Post.objects.filter(thread_id=thread, number__range=(first, last))
            .order_by("number")
            .values_list(*_post_columns().names)[:count]
        )
    )


def posts_on_page(thread: Thread, page: int) -> list[Post]:
    """The posts numbered on this page of the thread, in order, each with its author and
    their profile (as `select_related("author__profile")`): every post, whatever its
    status — the page decides what each reader sees of it (Post.shown_to). Built once
    per process: the ORM took longer to build it than to make its rows."""
    first, last = thread.number_range(page)
    columns = _post_columns()
    return [
        columns.instance(row)
        for row in _posts_numbered(last - first + 1).rows(thread.pk, first, last)
    ]


# A thread list's rows ({% thread_rows %}): the threads, their people, their latest post
# and, for lists that span boards, their board — only the columns a row shows (a post's
# body, a profile's bio: a sixth of the query to fetch and make into Python). Built once
# per process: the ORM took longer to build and compile the joins than PostgreSQL to
# answer them (a board page: 16.6 ms of 18.3 for its 25 rows).
_PERSON = ["user", "display_name", "role", "is_peer_supporter"]
_ROW_ONLY: dict[str, list[str]] = {
    "author": [],
    "author__profile": _PERSON,
    "last_post": ["thread", "number", "author", "is_anonymous"],
    "last_post__author": [],
    "last_post__author__profile": _PERSON,
    "board": ["slug", "name"],
}


@functools.cache
def _row_columns(with_board: bool) -> Columns[Thread]:
    # Made on first use: the paths reach models not all loaded when this module is.
    paths = [path for path in _ROW_ONLY if with_board or path != "board"]
    return Columns(Thread, *paths, only={path: _ROW_ONLY[path] for path in paths})


def _row_query(with_board: bool, with_read: bool, member_id: int | None, ids) -> models.QuerySet:
    """The rows of these threads, each with what its reader may see of it:
    `last_poster_hidden` (its latest post is under the name of a member they blocked, so
    the row leaves the name out) and `read_to` (the number of the last post they read
    there: None if never opened, for a visitor, or a list that doesn't say what is new) —
    subqueries on the blocks' and the read states' indexes."""
    hidden: models.Value | models.Q = models.Value(False)
    read_to: models.Value | models.Subquery = models.Value(None, models.IntegerField())
    if member_id is not None:
        hidden = models.Q(last_post__is_anonymous=False) & models.Q(
            last_post__author_id__in=blocked_by(stand_in_member(member_id))
        )
        if with_read:
            read_to = models.Subquery(
                ReadState.objects.filter(member_id=member_id, thread=models.OuterRef("pk")).values(
                    "number"
                )[:1]
            )
    return (
        Thread.objects.filter(pk__in=ids)
        # The two are declared on Thread (not columns), which django-stubs takes for a clash.
        .annotate(  # type: ignore[no-redef]
            last_poster_hidden=models.ExpressionWrapper(hidden, output_field=models.BooleanField()),
            read_to=read_to,
        )
        .values_list(*_row_columns(with_board).names, "last_poster_hidden", "read_to")
    )


def _rows_compiled(with_board: bool, with_read: bool, member: bool) -> Compiled:
    if member:
        return Compiled(lambda member_id, ids: _row_query(with_board, with_read, member_id, ids))
    return Compiled(lambda ids: _row_query(with_board, with_read, None, ids))


# (with_board, with_read, a member reading): a visitor has no reads to say.
_ROWS = {
    (with_board, with_read, member): _rows_compiled(with_board, with_read, member)
    for with_board in (False, True)
    for with_read in (False, True)
    for member in (False, True)
    if member or not with_read
}
# The rows' topics, in the order they were given, as on the thread's page (topics_of).
_ROW_TOPICS = Compiled(
    lambda ids: (
        Topic.objects.filter(thread_links__content_object_id__in=ids)
        .order_by("thread_links__id")
        .values_list("thread_links__content_object_id", *_TOPIC.names)
    )
)


def list_rows(
    viewer, ids: list[int], *, with_board: bool = False, with_read: bool = True
) -> list[Thread]:
    """The threads with these ids, in this order, with what each row of a thread list
    shows `viewer` ({% thread_rows %}): the people, `row_topics`, `last_poster_hidden`,
    `read_to` (unless not `with_read`) and, `with_board`, the board. Two queries however
    long the list (none for no ids); a thread gone since the ids were picked is left out."""
    if not ids:
        return []
    member = viewer.is_authenticated
    query = _ROWS[(with_board, with_read and member, member)]
    columns = _row_columns(with_board)
    found: dict[int, Thread] = {}
    for *values, hidden, read_to in query.rows(viewer.pk, ids) if member else query.rows(ids):
        thread = columns.instance(values)
        thread.last_poster_hidden = bool(hidden)
        thread.read_to = read_to
        thread.row_topics = []
        found[thread.pk] = thread
    if found:
        for thread_id, *topic in _ROW_TOPICS.rows(list(found)):
            found[thread_id].row_topics.append(_TOPIC.instance(topic))
    return [found[pk] for pk in ids if pk in found]


# The home page's boards ({% board_groups %}): each with its group and what a card says
# of its latest post's thread (its title; its warning and author, to fold or hide it).
# Built once per process, as the lists' rows are: building the joins and the reader's
# blocks into SQL was most of the query's time.
_CARD_ONLY: dict[str, list[str]] = {
    "last_post": ["thread"],
    "last_post__thread": ["title", "content_warning", "author", "is_anonymous"],
}


@functools.cache
def _card_columns() -> Columns[Board]:
    return Columns(
        Board,
        "group",
        *_CARD_ONLY,
        leave_out=("guidelines", "guidelines_html"),
        only=_CARD_ONLY,
    )


def _cards_query(member_id: int | None) -> models.QuerySet:
    hidden: models.Value | models.Q = models.Value(False)
    if member_id is not None:
        hidden = models.Q(last_post__thread__is_anonymous=False) & models.Q(
            last_post__thread__author_id__in=blocked_by(stand_in_member(member_id))
        )
    return (
        Board.objects.in_order()
        .annotate(
            last_thread_hidden=models.ExpressionWrapper(hidden, output_field=models.BooleanField())
        )
        .values_list(*_card_columns().names, "last_thread_hidden")
    )


_CARDS_FOR_MEMBER = Compiled(lambda member_id: _cards_query(member_id))
_CARDS_FOR_VISITOR = Compiled(lambda: _cards_query(None))


def boards_with_latest(viewer, mutes: Mutes) -> list[Board]:
    """Every board in order, with its group and `last_post.thread`, and
    `last_thread_hidden`: that thread was started, under their own name, by a member
    `viewer` blocked, or is one they muted (a board, a topic, the thread, a warning they
    leave out: the one rule, ThreadQuerySet.unmuted_for), so its title stays out of
    their sight. One query, and one more for a member who muted any of those."""
    columns = _card_columns()
    if viewer.is_authenticated:
        rows = _CARDS_FOR_MEMBER.rows(viewer.pk)
    else:
        rows = _CARDS_FOR_VISITOR.rows()
    boards = []
    for *values, hidden in rows:
        board = columns.instance(values)
        board.last_thread_hidden = bool(hidden)
        boards.append(board)
    muted = (
        _muted_for(viewer, places=True, warnings=True, mutes=mutes)
        if viewer.is_authenticated
        else None
    )
    latest = {b.last_post.thread_id for b in boards if b.last_post and not b.last_thread_hidden}
    if muted is not None and latest:
        out_of_sight = set(Thread.objects.filter(muted, pk__in=latest).values_list("pk", flat=True))
        for board in boards:
            if board.last_post and board.last_post.thread_id in out_of_sight:
                board.last_thread_hidden = True
    return boards


# "Needs a reply" says apart the first few of the member's own threads that wait (its
# list never has them): one query, built once per process.
OWN_WAITING_SHOWN = 5


@functools.cache
def _thread_columns() -> Columns[Thread]:
    return Columns(Thread)


_OWN_WAITING = Compiled(
    lambda member_id: (
        Thread.objects.listed_for(stand_in_member(member_id))
        .filter(author_id=member_id)
        .unanswered()
        .order_by("created_at", "pk")
        .values_list(*_thread_columns().names)[:OWN_WAITING_SHOWN]
    )
)


def own_threads_waiting(member) -> list[Thread]:
    """The first few of `member`'s own threads that wait for a first reply, oldest first:
    listed ones, and those whose opening post waits for a moderator (not `is_visible`)."""
    columns = _thread_columns()
    return [columns.instance(row) for row in _OWN_WAITING.rows(member.pk)]


class DraftQuerySet(models.QuerySet["Draft"]):
    def of(self, member):
        """Only ever a member's own drafts: every read of drafts starts here."""
        if not member.is_authenticated:
            return self.none()
        return self.filter(member=member)

    def for_reply(self, thread: Thread):
        return self.filter(thread=thread)

    def for_new_thread(self, board: Board):
        return self.filter(board=board, thread__isnull=True)

    def for_list(self):
        return self.select_related("thread__board", "board").order_by("-saved_at", "-pk")


class Draft(models.Model):
    """Words a member is still writing, kept on the server so they come back on any
    device: one per member per thread (a reply), or per board (a new thread, with its
    title). Private to the member: no other member, moderator or staff page shows them,
    they are never screened or searched, and posting deletes them."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="drafts",
        verbose_name=_("member"),
    )
    # A reply's draft has a thread; a new thread's draft has a board and no thread.
    thread = models.ForeignKey(
        Thread,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("thread"),
    )
    board = models.ForeignKey(
        Board,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("board"),
    )
    title = models.CharField(_("title"), max_length=120, blank=True)
    body = models.TextField(_("body"), blank=True)
    # What they chose as well as what they wrote: a draft that comes back without its
    # "post anonymously" could go out under their name without them noticing.
    anonymous = models.BooleanField(_("anonymous"), default=False)
    content_warning = models.CharField(_("content warning"), max_length=60, blank=True)
    topic_ids = models.JSONField(
        _("topic ids"), default=list, blank=True
    )  # a new thread's; pks of Topic
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)

    objects = DraftQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "thread"],
                condition=models.Q(thread__isnull=False),
                name="draft_once_per_thread",
            ),
            models.UniqueConstraint(
                fields=["member", "board"],
                condition=models.Q(board__isnull=False),
                name="draft_once_per_board",
            ),
            models.CheckConstraint(
                condition=models.Q(thread__isnull=True) ^ models.Q(board__isnull=True),
                name="draft_for_a_thread_or_a_board",
            ),
        ]
        indexes = [models.Index(fields=["member", "-saved_at"], name="draft_member_recent")]
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")

    def __str__(self) -> str:
        return f"draft {self.pk}"

    @property
    def is_reply(self) -> bool:
        return self.thread_id is not None

    @property
    def where(self) -> Board:
        """The board it belongs in."""
        board = self.thread.board if self.thread is not None else self.board
        assert board is not None
        return board

    @property
    def saved_iso(self) -> str:
        return self.saved_at.isoformat()

    @property
    def saved_label(self) -> str:
        return _label(self.saved_at)

    def initial(self) -> dict:
        """The form's starting values: everything the member wrote and chose."""
        values: dict = {
            "body": self.body,
            "content_warning": self.content_warning,
            "anonymous": self.anonymous,
        }
        if not self.is_reply:
            values["title"] = self.title
            values["topics"] = list(Topic.objects.filter(pk__in=self.topic_ids))
        return values

    def anonymity_lost(self, board: Board) -> bool:
        """They chose to post anonymously, and the board no longer allows it."""
        return self.anonymous and not board.allow_anonymous

    def is_open_to(self, member) -> bool:
        """Whether the place it belongs can still take it from `member`: the thread is
        still theirs to read and not locked (a new thread's board is always open to a
        member)."""
        if self.thread is None:
            return True
        thread = self.thread
        readable = thread.is_visible or thread.author_id == member.pk
        return readable and not thread.is_locked

    def continue_url(self) -> str:
        if self.thread_id is not None:
            return reverse("forums:thread-reply", args=[self.thread_id])
        assert self.board is not None
        return reverse("forums:thread-new", args=[self.board.slug])


def save_draft(
    *,
    member,
    thread: Thread | None = None,
    board: Board | None = None,
    title: str = "",
    body: str,
    anonymous: bool | None = False,
    content_warning: str = "",
    topic_ids: list[int] | None = None,
) -> Draft | None:
    """Keep what `member` is writing for `thread` (a reply) or `board` (a new thread),
    and what they chose for it: one row, overwritten each time. Empty words delete the
    draft. Returns the draft, or None when there is none any more.

    `anonymous=None`: the form didn't offer the choice (the board stopped allowing
    anonymous posts), so the choice they made before is kept — never unticked in
    silence — and the form goes on saying their post won't be anonymous."""
    where = {"thread": thread} if thread is not None else {"board": board}
    mine = Draft.objects.filter(member=member, **where)
    if not body.strip() and not title.strip():
        mine.delete()
        return None
    if anonymous is None:
        anonymous = bool(mine.values_list("anonymous", flat=True).first())
    values = {
        "title": title if thread is None else "",
        "body": body,
        "anonymous": anonymous,
        "content_warning": content_warning,
        "topic_ids": (topic_ids or []) if thread is None else [],
        "saved_at": timezone.now(),
    }
    draft, _created = Draft.objects.update_or_create(member=member, **where, defaults=values)
    return draft


class MuteKind(models.TextChoices):
    WORD = "word", _("A word or phrase")
    WARNING = "warning", _("A content warning")
    BOARD = "board", _("A board")
    TOPIC = "topic", _("A topic")
    THREAD = "thread", _("A thread")


class WarningMute(models.TextChoices):
    # A post with a warning is always folded; "collapsed" folds its threads in lists too.
    COLLAPSED = "collapsed", _("Always collapsed")
    LEFT_OUT = "left_out", _("Left out of lists")


class MuteQuerySet(models.QuerySet["Mute"]):
    def of(self, member):
        """Only ever a member's own mutes: every read of mutes starts here."""
        if not member.is_authenticated:
            return self.none()
        return self.filter(member=member)

    def ids_of(self, member, kind: str, field: str):
        """A subquery of what `member` muted of this kind: lists use it without a query."""
        return self.of(member).filter(kind=kind).values(field)


class Mute(models.Model):
    """Something a member would rather not meet: a word or phrase, a kind of content
    warning, a board, a topic or a thread. Private to the member: no other member,
    moderator or staff page shows it. It never hides their own posts, and it never
    touches the moderators' admin, where a person at risk must always be seen."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("member"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MuteKind.choices)
    # A muted word or phrase, or the label of a content warning.
    phrase = models.CharField(_("phrase"), max_length=80, blank=True)
    warning_mode = models.CharField(
        _("warning mode"), max_length=10, choices=WarningMute.choices, blank=True
    )
    board = models.ForeignKey(
        Board,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("board"),
    )
    topic = models.ForeignKey(
        Topic,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("topic"),
    )
    thread = models.ForeignKey(
        Thread,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("thread"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = MuteQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "kind", "phrase"],
                condition=models.Q(kind__in=["word", "warning"]),
                name="mute_phrase_once",
            ),
            models.UniqueConstraint(
                fields=["member", "board"],
                condition=models.Q(board__isnull=False),
                name="mute_board_once",
            ),
            models.UniqueConstraint(
                fields=["member", "topic"],
                condition=models.Q(topic__isnull=False),
                name="mute_topic_once",
            ),
            models.UniqueConstraint(
                fields=["member", "thread"],
                condition=models.Q(thread__isnull=False),
                name="mute_thread_once",
            ),
        ]
        indexes = [models.Index(fields=["member", "kind"], name="mute_member_kind")]
        verbose_name = _("mute")
        verbose_name_plural = _("mutes")

    def __str__(self) -> str:
        return f"mute {self.pk}"


# A member's own mutes (as Mute.objects.of): every page a member reads asks for them, so
# the query is built once per process (core.queries).
_MUTE = Columns(Mute)
_MUTES_OF = Compiled(lambda member: Mute.objects.filter(member_id=member).values_list(*_MUTE.names))


class Mutes:
    """What one member muted, read in one query: the words that collapse posts and
    titles for them, and the warnings they keep closed. (Lists leave out muted boards,
    topics, threads and warnings with subqueries: see ThreadQuerySet.unmuted_for.)"""

    def __init__(self, member=None, rows: list[Mute] | None = None):
        self.member_id = member.pk if member is not None and member.is_authenticated else None
        rows = rows or []
        self.rows = rows
        self.words = sorted({m.phrase for m in rows if m.kind == MuteKind.WORD}, key=str.lower)
        self.collapsed_warnings = {
            m.phrase.lower()
            for m in rows
            if m.kind == MuteKind.WARNING and m.warning_mode == WarningMute.COLLAPSED
        }
        self.left_out_phrases = {
            m.phrase
            for m in rows
            if m.kind == MuteKind.WARNING and m.warning_mode == WarningMute.LEFT_OUT
        }
        self.left_out_warnings = {phrase.lower() for phrase in self.left_out_phrases}
        self.board_ids = {m.board_id for m in rows if m.board_id}
        self.topic_ids = {m.topic_id for m in rows if m.topic_id}
        self.thread_ids = {m.thread_id for m in rows if m.thread_id}
        self._pattern = words_pattern(self.words)

    @classmethod
    def of(cls, member) -> Mutes:
        if not member.is_authenticated:
            return cls()
        return cls(member, [_MUTE.instance(row) for row in _MUTES_OF.rows(member.pk)])

    def mentions_word(self, text: str) -> bool:
        return self._pattern is not None and self._pattern.search(text) is not None

    def hides_post(self, post: Post) -> bool:
        """A post of someone else's that mentions a muted word: collapsed for this member."""
        return post.author_id != self.member_id and self.mentions_word(post.body)

    def folds_row(self, thread: Thread) -> str:
        """Why a row of a thread list is shown folded: "word" (its title has a muted word),
        "warning" (its warning is one they keep closed), or "" (it isn't). Never their own."""
        if thread.author_id is not None and thread.author_id == self.member_id:
            return ""
        if self.mentions_word(thread.title):
            return "word"
        return "warning" if self.warning_kept_closed(thread.content_warning) else ""

    def fold_rows(self, threads) -> None:
        for thread in threads:
            thread.folded = self.folds_row(thread)

    def warning_kept_closed(self, label: str) -> bool:
        return bool(label) and label.lower() in self.collapsed_warnings


def muted_words(member) -> list[str]:
    """The words and phrases `member` muted, for the layers below that fold them too
    (BOOMITY_MUTED_WORDS: members' notifications and their e-mails). One query."""
    return list(Mute.objects.of(member).filter(kind=MuteKind.WORD).values_list("phrase", flat=True))
