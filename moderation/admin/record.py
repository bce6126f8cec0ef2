"""Sanctions and the audit log."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from core.admin_actions import confirm_action
from forums.admin import FoldedRowsMixin, FoldMedia, folded
from forums.models import Post
from members.admin import member_link

from .. import actions, folding
from ..models import AuditEntry, Sanction


class LiftForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))


@admin.register(Sanction)
class SanctionAdmin(FoldedRowsMixin):
    Media = FoldMedia
    list_display = [
        "member_linked",
        "kind",
        "reason_folded",
        "starts_at",
        "ends_at",
        "lifted_at",
        "created_by_linked",
    ]
    # The member's name links to their page: the sanction's own link is its kind, so no
    # link sits inside another (axe: an empty outer link has no name).
    list_display_links = ["kind"]
    list_filter = ["kind", ("lifted_at", admin.EmptyFieldListFilter)]
    list_select_related = ["member__profile", "created_by__profile"]
    fields = readonly_fields = [  # type: ignore[assignment]
        "member_linked",
        "kind",
        "reason_folded",
        "starts_at",
        "ends_at",
        "lifted_at",
        "created_by_linked",
    ]
    actions = ["lift"]

    def has_add_permission(self, request):
        return False  # sanctions are decided from a review item, with its context

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_lift_permission(self, request):
        return request.user.has_perm("moderation.work_queue")

    def fold_reasons(self, rows: list[Sanction]) -> Mapping[Any, list[str]]:
        return folding.sanctions_why(rows)

    @admin.display(description="member", ordering="member__profile__display_name")
    def member_linked(self, sanction: Sanction) -> str:
        return member_link(sanction.member)

    @admin.display(description="by")
    def created_by_linked(self, sanction: Sanction) -> str:
        return member_link(sanction.created_by)

    @admin.display(description="reason")
    def reason_folded(self, sanction: Sanction) -> str:
        # A reason may quote the post it was decided on: it folds with a distressing
        # post, or on its own crisis language.
        return folded("reason", self.fold_why(sanction), sanction.reason)

    @admin.action(description="Lift selected sanctions…", permissions=["lift"])
    def lift(self, request, queryset):
        form = LiftForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            for sanction in queryset.filter(lifted_at__isnull=True):
                actions.lift(sanction, by=request.user, reason=form.cleaned_data["reason"])
            self.message_user(request, "Lifted.", messages.SUCCESS)
            return None
        return confirm_action(
            self,
            request,
            "lift",
            ask="Lift {these}?",
            noun=("sanction", "sanctions"),
            items=queryset.select_related("member__profile"),
            form=form,
        )


class PersonFilter(admin.SimpleListFilter):
    """Filter the log by one person in a role (`field`): only people who appear in it,
    by the name members know them by (never an e-mail address), in one query."""

    field = ""

    def lookups(self, request, model_admin):
        rows = (
            AuditEntry.objects.filter(**{f"{self.field}__isnull": False})
            .values_list(self.field, f"{self.field}__profile__display_name")
            .distinct()
            .order_by(f"{self.field}__profile__display_name")
        )
        return [(str(pk), name or f"account {pk}") for pk, name in rows]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.field}_id": self.value()})
        return queryset


class MemberFilter(PersonFilter):
    title = "member"
    parameter_name = "member"
    field = "member"


class ModeratorFilter(PersonFilter):
    title = "moderator"
    parameter_name = "moderator"
    field = "actor"


@admin.register(AuditEntry)
class AuditEntryAdmin(FoldedRowsMixin):
    Media = FoldMedia
    list_display = [
        "created_at",
        "actor_linked",
        "action",
        "concerns",
        "detail",
        "reason_folded",
    ]
    list_filter = ["action", ModeratorFilter, MemberFilter, "created_at"]
    list_select_related = ["actor__profile", "member__profile", "post"]
    date_hierarchy = "created_at"
    search_fields = [
        "target_repr",
        "detail",
        "reason",
        "action",
        "member__profile__display_name",
        "actor__profile__display_name",
    ]
    search_help_text = "Search by member or moderator name, what was done, a reason or details."
    fields = readonly_fields = [  # type: ignore[assignment]
        "created_at",
        "actor_linked",
        "action",
        "concerns",
        "target_repr",
        "detail",
        "reason_folded",
    ]

    def fold_reasons(self, rows: list[AuditEntry]) -> Mapping[Any, list[str]]:
        return folding.audit_why(rows)

    @admin.display(description="moderator", ordering="actor")
    def actor_linked(self, entry: AuditEntry) -> str:
        # No one acted when the community's own rules did (members' flags hid a post).
        if entry.actor_id is None:
            return "the community's rules" if entry.action == "auto-hide" else "-"
        return member_link(entry.actor)

    @admin.display(description="reason")
    def reason_folded(self, entry: AuditEntry) -> str:
        # A reason may quote the post: it folds with a distressing post, or on its own
        # crisis language.
        return folded("reason", self.fold_why(entry), entry.reason)

    @admin.display(description="about")
    def concerns(self, entry: AuditEntry) -> str:
        """The member, the post and the review item, each a link: by name and number,
        never the post's words."""
        links = []
        about_post = (
            entry.post_id is not None
            and entry.target_type_id == ContentType.objects.get_for_model(Post).pk
            and entry.target_id == str(entry.post_id)
        )
        if entry.target_repr and not about_post:
            links.append(entry.target_repr)  # a thread, a sanction: by number
        if entry.member_id is not None:
            # Their page in the admin; "By member" (MemberFilter) lists the log about them.
            links.append(format_html("member {}", member_link(entry.member)))
        if entry.post_id is not None:
            links.append(
                format_html(
                    '<a href="{}">{}</a>',
                    reverse("admin:forums_post_change", args=[entry.post_id]),
                    entry.target_repr if about_post else f"post {entry.post_id}",
                )
            )
        if entry.review_item_id is not None:
            links.append(
                format_html(
                    '<a href="{}">review item {}</a>',
                    reverse("admin:moderation_reviewitem_change", args=[entry.review_item_id]),
                    entry.review_item_id,
                )
            )
        if not links:
            return entry.target_repr or "-"
        return format_html_join(" · ", "{}", ((link,) for link in links))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
