"""The review queue: the list of what waits, and one item's page."""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import get_text_list
from django.utils.timesince import timesince
from django.utils.translation import gettext, ngettext, ngettext_lazy, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.admin_actions import confirm_action
from forums.admin import FoldedRowsMixin, folded
from forums.models import Post
from forums.screening import distressing, distressing_titles
from members.admin import member_link

from .. import actions, claims, folding
from ..models import (
    AuditAction,
    EscalationContact,
    ModerationSettings,
    ReviewItem,
    ReviewState,
    Sanction,
)
from ..screening import crisis_words
from . import claiming, history
from .decisions import DecisionForm, decide, next_item
from .messages import message_item_view, started_from

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class QueueStateFilter(admin.SimpleListFilter):
    title = pgettext_lazy("of a review item", "state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", _("Waiting (open or escalated)")), *ReviewState.choices]

    def queryset(self, request, queryset):
        value = self.value() or "open"
        if value == "open":
            return queryset.open()
        return queryset.filter(state=value)

    def choices(self, changelist):
        # "Waiting" is the default, so the queue opens on what needs doing.
        for lookup, title in self.lookup_choices:
            yield {
                "selected": (self.value() or "open") == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class ReasonFilter(admin.SimpleListFilter):
    title = _("reason")
    parameter_name = "reason"

    def lookups(self, request, model_admin):
        return [
            ("crisis", _("Crisis language")),
            ("flagged", _("Flagged by members")),
            ("held", _("Held for review")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "crisis":
            return queryset.filter(crisis=True)
        if self.value() == "held":
            return queryset.filter(held=True)
        if self.value() == "flagged":
            return queryset.filter(post__flags__isnull=False).distinct()
        return queryset


class QueueBreakMixin:
    """Moderators are people too: after a long stretch in the queue, suggest a break."""

    PAUSE_RESETS_AFTER = 15 * 60  # a gap this long counts as having had a break

    def suggest_break(self, request: HttpRequest) -> None:
        now = int(time.time())
        session = request.session
        started, last = session.get("queue_started", now), session.get("queue_seen", now)
        if now - last > self.PAUSE_RESETS_AFTER:
            started = now
        session["queue_started"], session["queue_seen"] = started, now
        minutes = ModerationSettings.load().break_after_minutes
        suggested = session.get("queue_break_suggested", 0)
        if now - started >= minutes * 60 and now - suggested >= minutes * 60:
            session["queue_break_suggested"] = now
            messages.info(
                request,
                ngettext(
                    "You've been working the queue for over %(minutes)s minute. Would you "
                    "like to take a short break? The queue will be here when you come "
                    "back, and urgent items stay on top.",
                    "You've been working the queue for over %(minutes)s minutes. Would you "
                    "like to take a short break? The queue will be here when you come "
                    "back, and urgent items stay on top.",
                    minutes,
                )
                % {"minutes": minutes},
            )


class QueueMedia:
    css = {"all": ["admin-folds.css", "moderation-admin.css"]}


@admin.register(ReviewItem)
class ReviewItemAdmin(QueueBreakMixin, FoldedRowsMixin):
    """The queue: one row per item, each told apart by words that never distress —
    priority, which post (opening post or reply, the thread's title folded when it may
    distress), board, author, why in words, age, open flags. moderation-admin.css keeps
    every column readable at 1280 px and stacks the rows on a phone."""

    Media = QueueMedia
    list_display = [
        "priority_label",
        "what",
        "where",
        "author",
        "reason_lines",
        "age",
        "flag_count",
        "claimed",
    ]
    list_display_links = ["what"]
    list_filter = [QueueStateFilter, "priority", ReasonFilter, "post__thread__board"]
    list_select_related = [
        "post__thread__board",
        "post__author__profile",
        "message__author__profile",
        "claimed_by__profile",
        "opened_by__profile",
    ]
    ordering = ["priority", "created_at"]
    # Who, where: the author's name (a post's or a message's), the board, the thread's
    # title. Never the reasons or the words reported, which may spell out crisis
    # language: a search must not tell which items hold the words it was given.
    search_fields = [
        "post__author__profile__display_name",
        "message__author__profile__display_name",
        "post__thread__board__name",
        "post__thread__title",
    ]
    search_help_text = _("Search by the author's name, the board or the thread's title.")
    actions = ["bulk_approve", "bulk_hide", "bulk_dismiss"]
    change_form_template = "admin/moderation/reviewitem/decide.html"

    def get_queryset(self, request):
        return history.with_last_decision(
            super()
            .get_queryset(request)
            .annotate(
                open_flags=Count("post__flags", filter=Q(post__flags__dismissed_at__isnull=True))
            )
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("moderation.work_queue")

    def has_work_permission(self, request):
        return request.user.has_perm("moderation.work_queue")

    @admin.display(description=_("priority"), ordering="priority")
    def priority_label(self, item: ReviewItem) -> str:
        label = format_html(
            '<strong class="queue-{}">{}</strong>', item.priority, item.get_priority_display()
        )
        if item.state == ReviewState.ESCALATED:
            label = format_html(
                '{} <span class="queue-state">{}</span>', label, gettext("escalated to staff")
            )
        # What a moderator already did to an item still open ("Warned 02:14 by Jordan —
        # still open"), so nobody warns twice: from get_queryset's annotations, no query
        # per row (moderation/admin/history.py).
        done = history.last_decision(item)
        if done and item.last_action != AuditAction.ESCALATE:
            label = format_html('{} <span class="queue-state queue-done">{}</span>', label, done)
        return label

    def fold_reasons(self, rows: list[ReviewItem]) -> Mapping[Any, list[str]]:
        # Each item's post, and (pk, "title") its thread's title, which is the opening
        # post's words: a reply's row may show a title that distresses.
        why: dict[Any, list[str]] = dict(folding.items_why(rows))
        titles = distressing_titles({item.post.thread_id for item in rows if item.post is not None})
        for item in rows:
            if item.post is None:  # a member's message to the team: no thread
                why[item.pk, "title"] = []
            elif item.post.is_opening:
                why[item.pk, "title"] = why[item.pk]
            else:
                why[item.pk, "title"] = titles.get(item.post.thread_id, [])
        return why

    @admin.display(description=pgettext_lazy("queue column", "post"))
    def what(self, item: ReviewItem) -> str:
        # Never a distressing post's words in the list: what it is, in plain words.
        return folding.what_it_is(item, self.fold_why(item))

    @admin.display(description=_("where"))
    def where(self, item: ReviewItem) -> str:
        """Which post, in which thread, on which board: the board on a line of its own,
        so the row stays one line per part at a laptop's width."""
        post = item.post
        if post is None:
            return self.board(item)  # a member's message to the team: no board, no thread
        kind = (
            gettext("Opening post")
            if post.is_opening
            else gettext("Reply #%(number)s") % {"number": post.number - 1}
        )
        board = format_html(
            '<span class="queue-board">{}</span>',
            gettext("Board: %(board)s") % {"board": self.board(item)},
        )
        title_why = self.fold_why(item, "title")
        if title_why:
            # Not even folded here: the list never holds distressing words. The thread's
            # number and why tell one crisis row from another; its page has the fold.
            return format_html(
                '{} <span class="queue-title-why">{}</span>{}',
                # Translators: "Opening post in thread 12" or "Reply #3 in thread 12".
                gettext("%(kind)s in thread %(thread)s") % {"kind": kind, "thread": post.thread_id},
                gettext("(title not shown: %(why)s)") % {"why": ", ".join(title_why)},
                board,
            )
        return format_html(
            "{}{}",
            # Translators: "Opening post in “Sleep when anxious”" or "Reply #3 in “…”".
            gettext("%(kind)s in “%(title)s”") % {"kind": kind, "title": post.thread.title},
            board,
        )

    def board(self, item: ReviewItem) -> str:
        if item.post is None:
            return gettext("Private message to the team")
        return item.post.thread.board.name

    @admin.display(description=_("author"))
    def author(self, item: ReviewItem) -> str:
        if item.message is not None:  # a member's message to the team
            return member_link(item.message.author)
        if item.post is None:
            return "-"
        return member_link(item.post.author, anonymous=item.post.is_anonymous)

    @admin.display(description=_("why"))
    def reason_lines(self, item: ReviewItem) -> str:
        return format_html_join(
            "",
            '<span class="queue-reason">{}</span>',
            ((line,) for line in folding.reasons_in_words(item.reasons)),
        )

    @admin.display(description=_("waiting"), ordering="created_at")
    def age(self, item: ReviewItem) -> str:
        # "12 minutes": the first unit only, the way a person says it.
        if timezone.now() - item.created_at < timedelta(minutes=1):
            return gettext("under a minute")
        return timesince(item.created_at, depth=1)

    @admin.display(description=_("flags"), ordering="open_flags")
    def flag_count(self, item: ReviewItem) -> int:
        return item.open_flags

    @admin.display(description=_("claimed by"))
    def claimed(self, item: ReviewItem) -> str:
        return claiming.claimed_cell(item)

    def get_urls(self):
        return claiming.urls(self) + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        self.suggest_break(request)
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_change_permission(request):
            raise PermissionDenied
        item = get_object_or_404(
            # Its latest decision too, for "Warned 02:14 by Jordan — still open".
            history.with_last_decision(ReviewItem.objects.all()).select_related(
                "post__thread__board",
                "post__author__profile",
                "claimed_by__profile",
                "acknowledged_by__profile",
                "opened_by__profile",
                "resolved_by__profile",
            ),
            pk=object_id,
        )
        self.suggest_break(request)
        if request.method == "GET":
            claims.opened(item, by=request.user)
        if item.message_id is not None:
            # About a member's message to the team: moderation/admin/messages.py.
            return message_item_view(self, request, item)
        form = None
        if item.state != ReviewState.RESOLVED:
            form = self._decision_form(request, item)
        elif request.method == "POST":
            # Decided in another tab, or by someone else, since this page was loaded.
            messages.error(
                request,
                gettext(
                    "Nothing was decided: this item was already resolved. Its page says who "
                    "decided what, and when."
                ),
            )
            return HttpResponseRedirect(request.path)
        posted = form is not None and request.method == "POST"
        if posted and request.POST.get("then") == "take_over":
            # "Take it over without deciding", from the decision form's one reason box.
            return self._take_over_only(request, item)
        if form is not None and posted and form.is_valid():
            try:
                decide(request, item, form)
            except claims.ClaimRefused as refused:
                # Someone claimed or resolved it since the page was loaded: nothing was
                # decided, what was typed stays, and the form asks again as it now must.
                item.refresh_from_db()
                if item.state == ReviewState.RESOLVED:
                    messages.error(request, str(refused))
                    return HttpResponseRedirect(request.path)
                form = self._decision_form(request, item)
                form.is_valid()
                form.add_error(None, str(refused))
            else:
                if request.POST.get("then") == "stay":
                    return HttpResponseRedirect(request.path)
                return HttpResponseRedirect(self._next_url(item, request.user))
        return self._page(request, item, form)

    def _page(self, request, item: ReviewItem, form: DecisionForm | None):
        return render(
            request,
            self.change_form_template,
            {
                **self.admin_site.each_context(request),
                **self._context(item),
                "title": gettext("Review: %(priority)s")
                % {"priority": item.get_priority_display()},
                "opts": self.model._meta,
                "original": item,
                "form": form,
            },
        )

    def _take_over_only(self, request, item: ReviewItem):
        """Take the item over, with the reason from the decision form's box, and decide
        nothing. Whatever else was chosen or written in the form stays on the page, to
        decide on when ready: nothing typed is lost, whatever happens."""
        form = self._decision_form(request, item, only_take_over=True)
        if not form.is_valid():
            return self._page(request, item, form)
        kept = form.typed()
        try:
            claiming.take_over(request, item, form.cleaned_data.get("take_over", ""))
        except claims.ClaimRefused as refused:
            item.refresh_from_db()
            if item.state == ReviewState.RESOLVED:
                messages.error(request, str(refused))
                return HttpResponseRedirect(request.path)
            form = self._decision_form(request, item, only_take_over=True)
            form.is_valid()
            form.add_error(None, str(refused))
            return self._page(request, item, form)
        if not kept:
            return HttpResponseRedirect(request.path)
        messages.info(
            request,
            gettext(
                "Nothing is decided yet: what you chose and wrote below is still here, for "
                "when you're ready."
            ),
        )
        fresh = DecisionForm(
            initial={"body": item.the_post.body, **kept}, item=item, by=request.user
        )
        return self._page(request, item, fresh)

    @staticmethod
    def _decision_form(request, item: ReviewItem, *, only_take_over: bool = False) -> DecisionForm:
        return DecisionForm(
            request.POST or None,
            initial={"body": item.the_post.body},
            item=item,
            by=request.user,
            only_take_over=only_take_over,
        )

    def _context(self, item: ReviewItem) -> dict:
        post = item.the_post
        author = post.author
        why = folding.item_why(item, distressing([post]))
        words = crisis_words()
        escalations = list(item.escalations.select_related("by__profile"))
        flags = post.flags.select_related("member__profile").order_by("created_at")
        context = {
            "item": item,
            "post": post,
            "why": why,
            "title_why": why
            if post.is_opening
            else distressing_titles([post.thread_id]).get(post.thread_id, []),
            "reasons_in_words": folding.reasons_in_words(item.reasons),
            "reasons_full": item.reasons.splitlines(),
            "changed_since": post.body != item.snapshot_body,
            "flags": [
                (flag, folded("note", folding.text_why(flag.note, words, why), flag.note))
                for flag in flags
            ],
            "thread_context": Post.objects.filter(
                thread=post.thread, number__lt=post.number, number__gte=post.number - 3
            )
            .select_related("author__profile")
            .order_by("number"),
            "escalations": escalations,
            "contacts": self._contacts_now(),
            "conversations": started_from(item),
            **claiming.item_context(item, why, escalations),
            # Every earlier version of the post (i12-decisions), newest first, each in
            # its own fold, saying why it may distress (i12-decisions).
            "versions": [
                (version, folding.version_why(version, words, why))
                for version in post.versions.select_related("replaced_by__profile")
            ],
        }
        if author is not None:
            author_posts = list(
                Post.objects.filter(author=author)
                .exclude(pk=post.pk)
                .select_related("thread")
                .order_by("-created_at")[:5]
            )
            titles = distressing_titles({p.thread_id for p in author_posts})
            context["author_posts"] = [(p, titles.get(p.thread_id)) for p in author_posts]
            sanctions = list(
                Sanction.objects.filter(member=author).select_related("created_by__profile")[:10]
            )
            sanctions_why = folding.sanctions_why(sanctions)
            context["sanctions"] = [
                (s, folded("reason", sanctions_why[s.pk], s.reason)) for s in sanctions
            ]
        return context

    @staticmethod
    def _contacts_now() -> list[tuple[EscalationContact, bool]]:
        now = timezone.now()
        return [(contact, contact.reachable_at(now)) for contact in EscalationContact.objects.all()]

    def _next_url(self, item: ReviewItem, user) -> str:
        following = next_item(item, user)
        if following is None:
            return reverse("admin:moderation_reviewitem_changelist")
        return reverse("admin:moderation_reviewitem_change", args=[following.pk])

    # --- bulk decisions, each with a reason -----------------------------------------
    def _bulk(
        self,
        request,
        queryset,
        name: str,
        done: StrOrPromise,
        reason_required: bool,
        *,
        ask: StrOrPromise,
        happens: StrOrPromise,
        button: StrOrPromise,
    ):
        """A decision on each selected item's post, asked first (`ask`, `happens`),
        then done (`done` says so). Each of `done`, `ask` and `happens` is one sentence
        per number (`ngettext_lazy(..., "count")`).

        As on an item's page, deciding claims an item nobody has; an item another
        moderator has claimed is left alone (taking it over needs a reason they'll see,
        which only its page asks for), and the message says which, and who has it."""
        if "confirm" in request.POST:
            reason = request.POST.get("reason", "").strip()
            if reason or not reason_required:
                decided, left = self._decide_each(request, queryset, name, reason)
                self.message_user(request, done % {"count": decided}, messages.SUCCESS)
                if left:
                    self.message_user(request, _left_alone(left), messages.WARNING)
                return None
            messages.error(request, gettext("Please give a reason: the authors will read it."))
        items = list(queryset)
        for item in items:
            # The reasons in words: never the phrases that matched.
            item.reasons_in_words = folding.reasons_in_words(item.reasons)
        return confirm_action(
            self,
            request,
            "bulk",
            ask=ask,
            items=items,
            happens=happens % {"count": len(items)},
            button=button,
            reason_required=reason_required,
        )

    @staticmethod
    def _decide_each(
        request, queryset, name: str, reason: str
    ) -> tuple[int, list[tuple[ReviewItem, str]]]:
        """Claim and decide each open item about a post, each in its own transaction, as
        the item's page does (decisions.decide). The count decided, and the items left
        alone with who has them."""
        decided, left = 0, []
        # Items about messages to the team are looked after one by one, on their own
        # page: there is no post to approve or hide.
        for item in (
            queryset.open().filter(post__isnull=False).select_related("claimed_by__profile")
        ):
            if item.claimed_by_id not in (None, request.user.pk):
                left.append((item, claims.name_of(item.claimed_by)))
                continue
            try:
                with transaction.atomic():
                    claims.claim(item, by=request.user)
                    getattr(actions, name)(item, by=request.user, reason=reason)
            except claims.ClaimRefused:
                # Claimed (or resolved) by someone else since the list was loaded.
                item = ReviewItem.objects.select_related("claimed_by__profile").get(pk=item.pk)
                if item.state != ReviewState.RESOLVED:
                    left.append((item, claims.name_of(item.claimed_by)))
                continue
            decided += 1
        return decided, left

    @admin.action(description=_("Approve selected posts"), permissions=["work"])
    def bulk_approve(self, request, queryset):
        return self._bulk(
            request,
            queryset,
            "approve",
            ngettext_lazy("Approved %(count)s item.", "Approved %(count)s items.", "count"),
            reason_required=False,
            ask=ngettext_lazy("Approve this post?", "Approve these %(count)s posts?", "count"),
            happens=ngettext_lazy(
                "Members will see the post, and its review item closes. If it was waiting, "
                "its author is told it is now visible.",
                "Members will see each post, and its review item closes. Authors whose "
                "post was waiting are told it is now visible.",
                "count",
            ),
            button=pgettext_lazy("a post", "Approve"),
        )

    @admin.action(description=_("Hide selected posts…"), permissions=["work"])
    def bulk_hide(self, request, queryset):
        return self._bulk(
            request,
            queryset,
            "hide",
            ngettext_lazy("Hid %(count)s item.", "Hid %(count)s items.", "count"),
            reason_required=True,
            ask=ngettext_lazy("Hide this post?", "Hide these %(count)s posts?", "count"),
            happens=ngettext_lazy(
                "Members will no longer see the post, and its review item closes. Its "
                "author is told, with the reason you give.",
                "Members will no longer see each post, and its review item closes. Each "
                "author is told, with the reason you give.",
                "count",
            ),
            button=pgettext_lazy("a post", "Hide"),
        )

    @admin.action(description=_("Dismiss flags on selected posts"), permissions=["work"])
    def bulk_dismiss(self, request, queryset):
        return self._bulk(
            request,
            queryset,
            "dismiss_flags",
            ngettext_lazy(
                "Dismissed the flags on %(count)s item.",
                "Dismissed the flags on %(count)s items.",
                "count",
            ),
            reason_required=False,
            ask=ngettext_lazy(
                "Dismiss the flags on this post?",
                "Dismiss the flags on these %(count)s posts?",
                "count",
            ),
            happens=ngettext_lazy(
                "The post stays as it is (if only members' flags hid it, it is shown "
                "again), and its review item closes.",
                "Each post stays as it is (one hidden only by members' flags is shown "
                "again), and its review item closes.",
                "count",
            ),
            button=_("Dismiss flags"),
        )


def _left_alone(left: list[tuple[ReviewItem, str]]) -> str:
    """Which items a bulk decision left alone because someone else has them, and who."""
    which = get_text_list(
        [
            gettext("post %(post)s (claimed by %(name)s)") % {"post": item.post_id, "name": who}
            for item, who in left
        ],
        gettext("and"),
    )
    return ngettext(
        "%(count)s item was left alone, because another moderator has claimed it: "
        "%(which)s. To decide on it, open it and take it over, with a reason they'll see.",
        "%(count)s items were left alone, because other moderators have claimed them: "
        "%(which)s. To decide on them, open each and take it over, with a reason they'll "
        "see.",
        len(left),
    ) % {"count": len(left), "which": which}
