"""Sanctions and the audit log."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import admin, messages

from core.admin_actions import confirm_action
from forums.admin import FoldedRowsMixin, FoldMedia, folded
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
    list_filter = ["kind", ("lifted_at", admin.EmptyFieldListFilter)]
    list_select_related = ["member__profile", "created_by__profile"]
    search_fields = ["member__profile__display_name"]
    search_help_text = "Search by the member's name."
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


@admin.register(AuditEntry)
class AuditEntryAdmin(FoldedRowsMixin):
    Media = FoldMedia
    list_display = [
        "created_at",
        "actor_linked",
        "action",
        "target_repr",
        "detail",
        "reason_folded",
    ]
    list_filter = ["action", "created_at"]
    list_select_related = ["actor__profile"]
    date_hierarchy = "created_at"
    search_fields = ["target_repr", "detail", "reason", "action"]
    fields = readonly_fields = [  # type: ignore[assignment]
        "created_at",
        "actor_linked",
        "action",
        "target_type",
        "target_id",
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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
