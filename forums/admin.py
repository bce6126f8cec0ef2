import copy
from collections.abc import Callable, Mapping
from typing import Any, Literal, Self

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.admin_actions import confirm_action
from members.admin import member_link

from . import actions, screening
from .forms import TopicsField
from .models import (
    Board,
    BoardGroup,
    ContentWarning,
    Post,
    Thread,
    Topic,
    forget_content_warnings,
)


class FoldMedia:
    css = {"all": ["admin-folds.css"]}


# The summary of a fold, one whole sentence for each kind of text that folds.
_FOLD_SUMMARY = {
    "title": _("This title may be distressing (%(why)s) — open to read"),
    "post": _("This post may be distressing (%(why)s) — open to read"),
    "reason": _("This reason may be distressing (%(why)s) — open to read"),
    "note": _("This note may be distressing (%(why)s) — open to read"),
    "message": _("This message may be distressing (%(why)s) — open to read"),
    "bio": _("This bio may be distressing (%(why)s) — open to read"),
}


def folded(what: str, why: list[str], content) -> str:
    """`content` (text, or safe HTML) inside a <details> that stays closed until the
    moderator opens it, when there is a reason (see screening.distressing); as it
    is otherwise. The summary says why in plain words, never the words themselves.
    Nothing to read is never folded: a moderator shouldn't brace for an empty note."""
    if not str(content or "").strip():
        return "-"
    if not why:
        return format_html("{}", content)
    reasons = ", ".join(str(reason) for reason in why)
    summary = _FOLD_SUMMARY.get(what)
    if summary is not None:
        said = summary % {"why": reasons}
    else:
        said = gettext("This %(what)s may be distressing (%(why)s) — open to read") % {
            "what": what,
            "why": reasons,
        }
    return format_html(
        '<details class="fold"><summary>{}</summary>{}</details>',
        said,
        content,
    )


class FoldedRowsMixin(admin.ModelAdmin):
    """A model admin whose rows hold words that may distress (see `folded`).

    The admin class says why its rows fold, for many rows at once: `fold_reasons`.
    On a list, that is asked once for the whole page, never once per row; on an
    object's page, once for that object. Cells and fields ask `fold_why(row)`.

    The admin instance is shared by every request, so what a request has worked out
    is kept on a copy of it made for that request: the changelist's (whose cells
    are looked up on it) and the change form's.
    """

    # Only ever set on a request's copy: {row pk: the row} for the rows it may ask
    # about, and what fold_reasons said for them (worked out on the first ask).
    _rows_here: dict[Any, Any] | None = None
    _why_here: Mapping[Any, list[str]] | None = None

    def fold_reasons(self, rows: list[Any]) -> Mapping[Any, list[str]]:
        """{row pk: why its words fold} for these rows, in a few queries whatever their
        number. A row with more than one text keys the others (pk, "name") and cells
        ask fold_why(row, "name"). Rows not in it can be shown open."""
        raise NotImplementedError

    def fold_why(self, row: Any, part: str = "") -> list[str]:
        key = (row.pk, part) if part else row.pk
        if self._rows_here is None:  # not on a request's copy: nowhere to keep it
            return self.fold_reasons([row]).get(key, [])
        if row.pk not in self._rows_here or self._why_here is None:
            self._rows_here.setdefault(row.pk, row)
            self._why_here = self.fold_reasons(list(self._rows_here.values()))
        return self._why_here.get(key, [])

    def _for_request(self, rows=()) -> Self:
        here = copy.copy(self)
        here._rows_here = {row.pk: row for row in rows}
        here._why_here = None
        return here

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # The list's cells are looked up on changelist.model_admin.
        changelist.model_admin = self._for_request(changelist.result_list)
        return changelist

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The object's page asks once, however many of its fields fold.
        here = self._for_request()
        return super(FoldedRowsMixin, here).changeform_view(
            request, object_id, form_url, extra_context
        )


@admin.register(ContentWarning)
class ContentWarningAdmin(admin.ModelAdmin):
    list_display = ["label", "position"]
    list_editable = ["position"]

    def delete_queryset(self, request, queryset):
        # "Delete selected" deletes in bulk, past ContentWarning.delete: this process
        # forgets its copy of the list at once all the same (forums.models._warnings).
        super().delete_queryset(request, queryset)
        forget_content_warnings()


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", "names", "descriptions"]


class BoardInline(admin.TabularInline):
    model = Board
    fields = ["name", "slug", "visibility", "position"]
    prepopulated_fields = {"slug": ["name"]}
    extra = 0
    show_change_link = True


@admin.register(BoardGroup)
class BoardGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [BoardInline]


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["name", "group", "visibility", "position", "thread_count", "post_count"]
    list_filter = ["group", "visibility"]
    list_editable = ["position"]
    list_select_related = ["group"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        "group",
        "name",
        "slug",
        "description",
        "guidelines",
        "position",
        "visibility",
        "allow_anonymous",
    ]

    def get_deleted_objects(self, objs, request):
        # A board with threads can't be deleted (they must move first). Django would
        # list them by title, and titles may be distressing: here, by number.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            protected = [
                format_html(
                    gettext('Thread <a href="{}">{}</a>'),
                    reverse("admin:forums_thread_change", args=[pk]),
                    pk,
                )
                for pk in Thread.objects.filter(board__in=objs).values_list("pk", flat=True)
            ]
        return deleted, counts, perms_needed, protected


class MoveThreadForm(forms.Form):
    to_board = forms.ModelChoiceField(
        queryset=Board.objects.select_related("group").in_order(), label=_("Move to board")
    )


class ThreadTopicsForm(forms.ModelForm):
    """The one thing moderators change on a thread's page: its topics."""

    topics = TopicsField()

    class Meta:
        model = Thread
        fields = ["topics"]


# What each switch says: its line in the admin's log, and how many threads it changed or
# found that way already (counted with ngettext_lazy, "count").
_SWITCHED = {
    "pin": (
        _("Pinned"),
        ngettext_lazy("Pinned %(count)d thread.", "Pinned %(count)d threads.", "count"),
        ngettext_lazy(
            "%(count)d thread was already pinned.",
            "%(count)d threads were already pinned.",
            "count",
        ),
    ),
    "unpin": (
        _("Unpinned"),
        ngettext_lazy("Unpinned %(count)d thread.", "Unpinned %(count)d threads.", "count"),
        ngettext_lazy(
            "%(count)d thread was already unpinned.",
            "%(count)d threads were already unpinned.",
            "count",
        ),
    ),
    "lock": (
        _("Locked"),
        ngettext_lazy("Locked %(count)d thread.", "Locked %(count)d threads.", "count"),
        ngettext_lazy(
            "%(count)d thread was already locked.",
            "%(count)d threads were already locked.",
            "count",
        ),
    ),
    "unlock": (
        _("Unlocked"),
        ngettext_lazy("Unlocked %(count)d thread.", "Unlocked %(count)d threads.", "count"),
        ngettext_lazy(
            "%(count)d thread was already unlocked.",
            "%(count)d threads were already unlocked.",
            "count",
        ),
    ),
}


def _switch_action(
    permission: str,
    name: Literal["pin", "unpin", "lock", "unlock"],
    description: StrOrPromise,
):
    """An admin action that turns a moderators' switch on a thread (pinned, locked) on or
    off on each selected thread; one permission allows both ways."""

    @admin.action(description=description, permissions=[permission])
    def action(self, request, queryset):
        field, on = actions.SWITCHES[name]
        logged, done, already = _SWITCHED[name]
        self._each(
            request,
            queryset,
            lambda thread: (
                getattr(thread, field) != on
                and bool(actions.switch_thread(thread=thread, action=name, by=request.user))
            ),
            str(logged),
            done=lambda n: done % {"count": n},
            already=lambda n: already % {"count": n},
        )

    return action


@admin.register(Thread)
class ThreadAdmin(FoldedRowsMixin):
    """Titles with crisis language, a safety flag or a content warning stay folded
    here, everywhere the admin would show them (the list, the page, its history)."""

    list_display = [
        "title_folded",
        "board",
        "author_linked",
        "is_pinned",
        "is_locked",
        "reply_count",
        "last_post_at",
    ]
    list_display_links = None  # title_folded links, outside the fold
    Media = FoldMedia
    list_filter = ["is_pinned", "is_locked", "board"]
    list_select_related = ["board", "author__profile"]
    search_fields = ["title"]
    date_hierarchy = "created_at"
    actions = ["pin", "unpin", "lock", "unlock", "move"]
    readonly_fields = [
        "title_shown",
        "board",
        "author_linked",
        "content_warning",
        "created_at",
        "is_pinned",
        "is_locked",
        "post_count",
        "reply_count",
        "last_post_at",
    ]
    fields = [*readonly_fields, "topics"]
    form = ThreadTopicsForm
    view_on_site = True

    def has_add_permission(self, request):
        return False  # threads are started on the site, by members

    def has_delete_permission(self, request, obj=None):
        # Deleting here would skip the board's counters; moderators hide posts instead.
        return False

    def has_change_permission(self, request, obj=None):
        # Only the topics can be changed here; everything else goes through the
        # actions, one verb each.
        return request.user.has_perm("forums.change_thread_topics")

    # --- folding distressing titles -------------------------------------------------
    def fold_reasons(self, rows: list[Thread]) -> Mapping[Any, list[str]]:
        return screening.distressing_titles(thread.pk for thread in rows)

    @admin.display(description=_("title"), ordering="title")
    def title_folded(self, thread: Thread) -> str:
        url = reverse("admin:forums_thread_change", args=[thread.pk])
        if not self.fold_why(thread):
            return format_html('<a href="{}">{}</a>', url, thread.title)
        return format_html(
            gettext('<a href="{}">Thread {}</a> {}'),
            url,
            thread.pk,
            folded("title", self.fold_why(thread), thread.title),
        )

    @admin.display(description=_("title"))
    def title_shown(self, thread: Thread) -> str:
        return folded("title", self.fold_why(thread), thread.title)

    @admin.display(description=_("author"), ordering="author")
    def author_linked(self, thread: Thread) -> str:
        return member_link(thread.author, anonymous=thread.is_anonymous)

    def action_checkbox(self, obj):
        if not self.fold_why(obj):
            return super().action_checkbox(obj)
        label = gettext("Select thread %(pk)s") % {"pk": obj.pk}
        checkbox = forms.CheckboxInput(
            {"class": "action-select", "aria-label": label}, lambda v: False
        )
        return checkbox.render(admin.helpers.ACTION_CHECKBOX_NAME, str(obj.pk))

    def _label(self, object_id) -> dict:
        """The page's name for the thread: its title, or its number if that's folded."""
        thread = Thread.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        if thread is None:
            return {}
        label = (
            gettext("Thread %(pk)s") % {"pk": thread.pk} if self.fold_why(thread) else thread.title
        )
        return {"object_label": label, "subtitle": label}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return super().change_view(
            request, object_id, form_url, {**self._label(object_id), **(extra_context or {})}
        )

    def history_view(self, request, object_id, extra_context=None):
        label = self._label(object_id)
        if label:
            label["title"] = gettext("Change history: %(thread)s") % {
                "thread": label["object_label"]
            }
            del label["subtitle"]
        return super().history_view(request, object_id, {**label, **(extra_context or {})})

    def log_change(self, request, obj, message):
        # The admin's log is shown under "Recent actions" on its front page, for good:
        # threads are named there by number, never by a title that may distress.
        return LogEntry.objects.create(
            user_id=request.user.pk,
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            # Stored, and shown as it is: the number needs no translating.
            object_repr=f"Thread {obj.pk}",
            action_flag=CHANGE,
            change_message=message,
        )

    def save_model(self, request, obj, form, change):
        # Never save the thread's row from here: its counters move with F() as
        # members post, and this copy of them may already be out of date.
        pass

    def save_related(self, request, form, formsets, change):
        actions.change_thread_topics(
            thread=form.instance, topics=form.cleaned_data["topics"], by=request.user
        )

    def has_pin_permission(self, request):
        return request.user.has_perm("forums.pin_thread")

    def has_lock_permission(self, request):
        return request.user.has_perm("forums.lock_thread")

    def has_move_permission(self, request):
        return request.user.has_perm("forums.move_thread")

    def _each(
        self,
        request,
        queryset,
        change: Callable[[Thread], bool],
        logged: str,
        *,
        done: Callable[[int], str],
        already: Callable[[int], str],
    ) -> None:
        """`change(thread)` each thread; it says whether anything changed (and is `logged`
        in the admin's log). The message counts only what did (`done(n)`), and names what
        was that way already (`already(n)`): a moderator is never told a thread moved (and
        looks in vain for it in the audit log) when it didn't."""
        changed = unchanged = 0
        for thread in queryset:
            if change(thread):
                changed += 1
                self.log_change(request, thread, logged)
            else:
                unchanged += 1
        parts = [done(changed)] if changed else []
        if unchanged:
            parts.append(already(unchanged))
        level = messages.SUCCESS if changed else messages.INFO
        self.message_user(request, " ".join(parts), level)

    pin = _switch_action("pin", "pin", _("Pin selected threads"))
    unpin = _switch_action("pin", "unpin", _("Unpin selected threads"))
    lock = _switch_action("lock", "lock", _("Lock selected threads (no new replies)"))
    unlock = _switch_action("lock", "unlock", _("Unlock selected threads"))

    @admin.action(description=_("Move selected threads to another board…"), permissions=["move"])
    def move(self, request, queryset):
        form = MoveThreadForm(request.POST if "to_board" in request.POST else None)
        if form.is_valid():
            to_board = form.cleaned_data["to_board"]
            self._each(
                request,
                queryset,
                lambda t: (
                    t.board_id != to_board.pk
                    and bool(actions.move_thread(thread=t, to_board=to_board, by=request.user))
                ),
                gettext("Moved to %(board)s:") % {"board": to_board},
                done=lambda n: (
                    ngettext_lazy(
                        "Moved to %(board)s: %(count)d thread.",
                        "Moved to %(board)s: %(count)d threads.",
                        "count",
                    )
                    % {"board": to_board, "count": n}
                ),
                already=lambda n: (
                    ngettext_lazy(
                        "%(count)d thread was in %(board)s already.",
                        "%(count)d threads were in %(board)s already.",
                        "count",
                    )
                    % {"board": to_board, "count": n}
                ),
            )
            return None
        threads = list(queryset)
        why = self.fold_reasons(threads)
        for thread in threads:
            thread.title_shown = folded("title", why.get(thread.pk, []), thread.title)
        return confirm_action(
            self,
            request,
            "move",
            ask=ngettext_lazy(
                "Move this thread to another board?",
                "Move these %(count)s threads to another board?",
                "count",
            ),
            items=threads,
            form=form,
        )


@admin.register(Post)
class PostAdmin(FoldedRowsMixin):
    """Posts, read-only. Words with crisis language, a safety flag or a content
    warning stay folded until the moderator opens them."""

    list_display = [
        "__str__",
        "thread_folded",
        "author_linked",
        "is_anonymous",
        "status",
        "created_at",
        "edited_at",
    ]
    list_filter = ["status"]
    list_select_related = ["thread", "author__profile"]
    # By who wrote it and where: never by its words, which may distress.
    search_fields = ["author__profile__display_name", "thread__title"]
    search_help_text = _("Search by the author's name or the thread's title.")
    Media = FoldMedia
    readonly_fields = [
        "thread_folded",
        "number",
        "author_linked",
        "body_folded",
        "content_warning",
        "status",
        "created_at",
        "edited_at",
        "removed_at",
    ]
    fields = tuple(readonly_fields)
    view_on_site = True

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting here would skip the thread's and board's counters.
        return False

    def fold_reasons(self, rows: list[Post]) -> Mapping[Any, list[str]]:
        # A post's words, and its thread's title ("title") which may be another post's.
        why: dict[Any, list[str]] = dict(screening.distressing(rows))
        titles = screening.distressing_titles({post.thread_id for post in rows})
        for post in rows:
            why[post.pk, "title"] = titles.get(post.thread_id, [])
        return why

    @admin.display(description=_("thread"))
    def thread_folded(self, post: Post) -> str:
        return folded("title", self.fold_why(post, "title"), post.thread.title)

    @admin.display(description=_("author"), ordering="author")
    def author_linked(self, post: Post) -> str:
        return member_link(post.author, anonymous=post.is_anonymous)

    @admin.display(description=_("body"))
    def body_folded(self, post: Post) -> str:
        return folded("post", self.fold_why(post), linebreaksbr(post.body))
