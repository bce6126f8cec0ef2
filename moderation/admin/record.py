"""Sanctions and the audit log."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext, ngettext_lazy, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.admin_actions import confirm_action
from forums.admin import FoldedRowsMixin, FoldMedia, folded
from forums.models import Post
from members.admin import member_link
from members.models import Role

from .. import actions, folding
from ..models import AuditAction, AuditEntry, ReviewItem, Sanction


class LiftForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


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
    # Where it happened, as moderators remember it; never the words reported.
    search_fields = [
        "member__profile__display_name",
        "post__thread__board__name",
        "post__thread__title",
    ]
    search_help_text = _("Search by the member's name, the board or the thread's title.")
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

    @admin.display(description=_("member"), ordering="member__profile__display_name")
    def member_linked(self, sanction: Sanction) -> str:
        return member_link(sanction.member)

    @admin.display(description=pgettext_lazy("who gave a sanction", "by"))
    def created_by_linked(self, sanction: Sanction) -> str:
        return member_link(sanction.created_by)

    @admin.display(description=_("reason"))
    def reason_folded(self, sanction: Sanction) -> str:
        # A reason may quote the post it was decided on: it folds with a distressing
        # post, or on its own crisis language.
        return folded("reason", self.fold_why(sanction), sanction.reason)

    @admin.action(description=_("Lift selected sanctions…"), permissions=["lift"])
    def lift(self, request, queryset):
        form = LiftForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            lifted = 0
            for sanction in queryset.filter(lifted_at__isnull=True):
                actions.lift(sanction, by=request.user, reason=form.cleaned_data["reason"])
                lifted += 1
            self.message_user(
                request,
                ngettext("Lifted %(count)s sanction.", "Lifted %(count)s sanctions.", lifted)
                % {"count": lifted},
                messages.SUCCESS,
            )
            return None
        return confirm_action(
            self,
            request,
            "lift",
            ask=ngettext_lazy("Lift this sanction?", "Lift these %(count)s sanctions?", "count"),
            items=queryset.select_related("member__profile"),
            form=form,
        )


# The actor's part in the community, after their name in the log: "Robin (member)".
ROLE_WORDS = {
    Role.MODERATOR: pgettext_lazy("who acted, in the audit log", "moderator"),
    Role.STAFF: pgettext_lazy("who acted, in the audit log", "staff"),
    "": pgettext_lazy("who acted, in the audit log", "member"),
}


class PersonFilter(admin.SimpleListFilter):
    """Filter the log by one person in a role (`field`): only people who appear in it,
    by the name members know them by (never an e-mail address), in one query."""

    field = ""
    only: dict = {}  # who may be listed, e.g. only people who run the community

    def lookups(self, request, model_admin):
        rows = (
            AuditEntry.objects.filter(**{f"{self.field}__isnull": False}, **self.only)
            .values_list(self.field, f"{self.field}__profile__display_name")
            .distinct()
            .order_by(f"{self.field}__profile__display_name")
        )
        return [
            (str(pk), name or gettext("account %(number)s") % {"number": pk}) for pk, name in rows
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.field}_id": self.value()})
        return queryset


class MemberFilter(PersonFilter):
    title = _("member")
    parameter_name = "member"
    field = "member"


class ModeratorFilter(PersonFilter):
    title = _("moderator")
    parameter_name = "moderator"
    field = "actor"
    # A member's own actions (writing to the team, asking for a second look) are in the
    # log too, but they are not moderators: listed under "member" only.
    only = {"actor__is_staff": True}


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
    # Words match reasons, details, what was done and people's names
    # (get_search_results); numbers only on their own ("2", "#2"), and then only the
    # numbers of what a row is about — never "2" inside "review item 12".
    search_fields = [
        "reason",
        "detail",
        "member__profile__display_name",
        "actor__profile__display_name",
    ]
    search_help_text = _(
        "Search by a name, what was done, a reason or details; or by a number (“#2”) for "
        "the post, review item or other thing a row is about."
    )
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

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        number = term.removeprefix("#").strip()
        if number.isascii() and number.isdigit():
            if len(number) > 18:  # no such row, and beyond what the database can compare
                return queryset.none(), False
            # What a row is about, by its number: the thing acted on, its post, its item.
            n = int(number)
            about = Q(target_id=str(n)) | Q(post_id=n) | Q(review_item_id=n)
            return queryset.filter(about), False
        if not term:
            return queryset, False
        # Each word in a reason, the details, a name, or the name of what was done (in the
        # reader's language, as the "what they did" column shows it).
        for word in term.split():
            said = word.lower()
            done = [value for value, label in AuditAction.choices if said in str(label).lower()]
            matches = Q(action__in=done)
            for field in self.search_fields:
                matches |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(matches)
        return queryset, False

    @admin.display(
        description=pgettext_lazy("who did what the audit log records", "by"), ordering="actor"
    )
    def actor_linked(self, entry: AuditEntry) -> str:
        """Who acted, and as whom: a member writing to the team is in the log too, and
        must never read as a moderator."""
        # No one acted when the community's own rules did (members' flags hid a post).
        if entry.actor is None:
            return gettext("the community's rules") if entry.action == "auto-hide" else "-"
        role = ROLE_WORDS.get(entry.actor.profile.role, ROLE_WORDS[""])
        # The pattern is escaped, then the (already escaped) link goes in.
        by = escape(gettext("%(name)s (%(role)s)")) % {
            "name": member_link(entry.actor),
            "role": escape(role),
        }
        return mark_safe(by)  # noqa: S308

    @admin.display(description=_("reason"))
    def reason_folded(self, entry: AuditEntry) -> str:
        # A reason may quote the post: it folds with a distressing post, or on its own
        # crisis language.
        return folded("reason", self.fold_why(entry), entry.reason)

    @admin.display(description=pgettext_lazy("what an audit entry is about", "about"))
    def concerns(self, entry: AuditEntry) -> str:
        """The member, the post and the review item, each a link: by name and number,
        never the post's words."""
        links = []
        about_post = (
            entry.post_id is not None
            and entry.target_type_id == ContentType.objects.get_for_model(Post).pk
            and entry.target_id == str(entry.post_id)
        )
        # A claim, a take-over, an acknowledgement: the item is its own link below.
        about_item = (
            entry.review_item_id is not None
            and entry.target_type_id == ContentType.objects.get_for_model(ReviewItem).pk
            and entry.target_id == str(entry.review_item_id)
        )
        if entry.target_repr and not about_post and not about_item:
            links.append(entry.target_repr)  # a thread, a sanction: by number
        if entry.member_id is not None:
            # Their page in the admin; "By member" (MemberFilter) lists the log about them.
            # The sentence is escaped, then the (already escaped) link goes in.
            member = escape(gettext("member %(link)s")) % {"link": member_link(entry.member)}
            links.append(mark_safe(member))  # noqa: S308
        if entry.post_id is not None:
            links.append(
                format_html(
                    '<a href="{}">{}</a>',
                    reverse("admin:forums_post_change", args=[entry.post_id]),
                    entry.target_repr
                    if about_post
                    else gettext("post %(number)s") % {"number": entry.post_id},
                )
            )
        if entry.review_item_id is not None:
            links.append(
                format_html(
                    '<a href="{}">{}</a>',
                    reverse("admin:moderation_reviewitem_change", args=[entry.review_item_id]),
                    gettext("review item %(number)s") % {"number": entry.review_item_id},
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
