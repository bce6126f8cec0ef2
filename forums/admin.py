from typing import Literal

from django import forms
from django.contrib import admin, messages

from core.admin_actions import confirm_action

from . import actions
from .forms import TopicsField
from .models import Board, BoardGroup, ContentWarning, Post, Thread, Topic


@admin.register(ContentWarning)
class ContentWarningAdmin(admin.ModelAdmin):
    list_display = ["label", "position"]
    list_editable = ["position"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description"]


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


class MoveThreadForm(forms.Form):
    to_board = forms.ModelChoiceField(
        queryset=Board.objects.select_related("group").in_order(), label="Move to board"
    )


class ThreadTopicsForm(forms.ModelForm):
    """The one thing moderators change on a thread's page: its topics."""

    topics = TopicsField()

    class Meta:
        model = Thread
        fields = ["topics"]


def _switch_action(
    permission: str, field: Literal["is_pinned", "is_locked"], on: bool, done: str, description: str
):
    """An admin action that turns a moderators' switch on a thread (pinned, locked) on or
    off on each selected thread; one permission allows both ways."""

    @admin.action(description=description, permissions=[permission])
    def action(self, request, queryset):
        self._each(request, queryset, lambda thread: thread.switch(field, on), done)

    return action


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "board",
        "author",
        "is_pinned",
        "is_locked",
        "reply_count",
        "last_post_at",
    ]
    list_filter = ["is_pinned", "is_locked", "board"]
    list_select_related = ["board", "author__profile"]
    search_fields = ["title"]
    date_hierarchy = "created_at"
    actions = ["pin", "unpin", "lock", "unlock", "move"]
    readonly_fields = [
        "title",
        "board",
        "author",
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

    def has_change_permission(self, request, obj=None):
        # Only the topics can be changed here; everything else goes through the
        # actions, one verb each.
        return request.user.has_perm("forums.change_thread_topics")

    def save_model(self, request, obj, form, change):
        # Never save the thread's row from here: its counters move with F() as
        # members post, and this copy of them may already be out of date.
        pass

    def save_related(self, request, form, formsets, change):
        actions.set_topics(form.instance, form.cleaned_data["topics"])

    def has_pin_permission(self, request):
        return request.user.has_perm("forums.pin_thread")

    def has_lock_permission(self, request):
        return request.user.has_perm("forums.lock_thread")

    def has_move_permission(self, request):
        return request.user.has_perm("forums.move_thread")

    def _each(self, request, queryset, change, verb: str) -> None:
        for thread in queryset:
            change(thread)
            self.log_change(request, thread, verb)
        self.message_user(request, f"{verb} {len(queryset)} thread(s).", messages.SUCCESS)

    pin = _switch_action("pin", "is_pinned", True, "Pinned", "Pin selected threads")
    unpin = _switch_action("pin", "is_pinned", False, "Unpinned", "Unpin selected threads")
    lock = _switch_action(
        "lock", "is_locked", True, "Locked", "Lock selected threads (no new replies)"
    )
    unlock = _switch_action("lock", "is_locked", False, "Unlocked", "Unlock selected threads")

    @admin.action(description="Move selected threads to another board…", permissions=["move"])
    def move(self, request, queryset):
        form = MoveThreadForm(request.POST if "to_board" in request.POST else None)
        if form.is_valid():
            to_board = form.cleaned_data["to_board"]
            self._each(
                request,
                queryset,
                lambda t: actions.move_thread(thread=t, to_board=to_board),
                f"Moved to {to_board}:",
            )
            return None
        return confirm_action(
            self, request, "move", title="Move threads", items=queryset, form=form
        )


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "thread",
        "author",
        "is_anonymous",
        "status",
        "created_at",
        "edited_at",
    ]
    list_filter = ["status"]
    list_select_related = ["thread", "author__profile"]
    readonly_fields = [
        "thread",
        "number",
        "author",
        "body",
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
