"""The moderators' workplace: the review queue, sanctions, the audit log, and staff settings.

Every decision goes through moderation/actions.py, so each one is a single
transaction with its audit row and the author's notice.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from core.admin_actions import confirm_action
from forums.admin import FoldedRowsMixin, FoldMedia, folded
from forums.models import Post
from forums.screening import distressing, distressing_titles
from members.admin import ProfileAdmin
from members.models import CommunitySettings, Profile

from . import actions, folding
from .forms import CommunitySettingsForm, ModerationSettingsForm
from .models import (
    AuditEntry,
    CrisisPhrase,
    CrisisResource,
    EscalationContact,
    ModerationSettings,
    ReviewItem,
    ReviewState,
    Sanction,
    WatchedWord,
)
from .screening import crisis_words

DECISIONS = [
    ("approve", "Approve: the post is fine (shows it if it was held or hidden)"),
    ("hide", "Hide the post"),
    ("edit", "Edit the post"),
    ("dismiss", "Dismiss the flags"),
    ("escalate", "Escalate to staff"),
    ("warn", "Warn the author"),
    ("silence", "Silence the author (can read, not post)"),
    ("suspend", "Suspend the author (cannot sign in)"),
]
# The author is told the reason for these, so one must be given.
REASON_REQUIRED = {"hide", "edit", "escalate", "warn", "silence", "suspend"}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Name the guideline, not the person. The author sees this for hide, edit, "
        "warn, silence and suspend.",
    )
    body = forms.CharField(
        label="Edited post (for “Edit”)", required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    silence_for = forms.ChoiceField(
        label="Silence for",
        choices=[("24h", "24 hours"), ("72h", "72 hours"), ("7d", "7 days"), ("30d", "30 days")],
        initial="24h",
    )
    suspend_until = forms.DateTimeField(
        label="Suspend until",
        required=False,
        help_text="Leave empty to suspend until a moderator lifts it. Format: 2026-12-31 18:00",
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        decision = data.get("decision")
        if decision in REASON_REQUIRED and not data.get("reason", "").strip():
            self.add_error("reason", "Please give a reason: the author will read it.")
        if decision == "edit" and not data.get("body", "").strip():
            self.add_error("body", "Please write the edited post.")
        return data


class QueueStateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", "Waiting (open or escalated)"), *ReviewState.choices]

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
    title = "reason"
    parameter_name = "reason"

    def lookups(self, request, model_admin):
        return [
            ("crisis", "Crisis language"),
            ("flagged", "Flagged by members"),
            ("held", "Held for review"),
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
                f"You've been working the queue for over {minutes} minutes. "
                "Would you like to take a short break? The queue will be "
                "here when you come back, and urgent items stay on top.",
            )


@admin.register(ReviewItem)
class ReviewItemAdmin(QueueBreakMixin, FoldedRowsMixin):
    Media = FoldMedia
    list_display = [
        "priority_label",
        "what",
        "board",
        "reason_lines",
        "flag_count",
        "state",
        "created_at",
    ]
    list_display_links = ["what"]
    list_filter = [QueueStateFilter, "priority", ReasonFilter, "post__thread__board"]
    list_select_related = ["post__thread__board"]
    ordering = ["priority", "created_at"]
    actions = ["bulk_approve", "bulk_hide", "bulk_dismiss"]
    change_form_template = "admin/moderation/reviewitem/decide.html"

    def get_queryset(self, request):
        return (
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

    @admin.display(description="priority", ordering="priority")
    def priority_label(self, item: ReviewItem) -> str:
        return format_html(
            '<strong class="queue-{}">{}</strong>', item.priority, item.get_priority_display()
        )

    def fold_reasons(self, rows: list[ReviewItem]) -> Mapping[Any, list[str]]:
        return folding.items_why(rows)

    @admin.display(description="post")
    def what(self, item: ReviewItem) -> str:
        # Never a distressing post's words in the list: what it is, in plain words.
        return folding.what_it_is(item, self.fold_why(item))

    @admin.display(description="board")
    def board(self, item: ReviewItem) -> str:
        return item.post.thread.board.name

    @admin.display(description="why")
    def reason_lines(self, item: ReviewItem) -> str:
        return "; ".join(folding.reasons_in_words(item.reasons))

    @admin.display(description="open flags", ordering="open_flags")
    def flag_count(self, item: ReviewItem) -> int:
        return item.open_flags

    def changelist_view(self, request, extra_context=None):
        self.suggest_break(request)
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_change_permission(request):
            raise PermissionDenied
        item = get_object_or_404(
            ReviewItem.objects.select_related("post__thread__board", "post__author__profile"),
            pk=object_id,
        )
        self.suggest_break(request)
        form = DecisionForm(request.POST or None, initial={"body": item.post.body})
        if request.method == "POST" and form.is_valid():
            self._decide(request, item, form.cleaned_data)
            return HttpResponseRedirect(self._next_url(item))
        return render(
            request,
            self.change_form_template,
            {
                **self.admin_site.each_context(request),
                **self._context(item),
                "title": f"Review: {item.get_priority_display()}",
                "opts": self.model._meta,
                "original": item,
                "form": form,
            },
        )

    def _context(self, item: ReviewItem) -> dict:
        post = item.post
        author = post.author
        why = folding.item_why(item, distressing([post]))
        words = crisis_words()
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
            "escalations": item.escalations.select_related("by__profile"),
            "contacts": self._contacts_now(),
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
            sanctions = list(Sanction.objects.filter(member=author)[:10])
            sanctions_why = folding.sanctions_why(sanctions)
            context["sanctions"] = [
                (s, folded("reason", sanctions_why[s.pk], s.reason)) for s in sanctions
            ]
        return context

    @staticmethod
    def _contacts_now() -> list[tuple[EscalationContact, bool]]:
        now = timezone.now()
        return [(contact, contact.reachable_at(now)) for contact in EscalationContact.objects.all()]

    def _decide(self, request, item: ReviewItem, data: dict) -> None:
        decision, reason, by = data["decision"], data["reason"].strip(), request.user
        author = item.post.author
        if decision in {"warn", "silence", "suspend"} and author is None:
            messages.error(request, "This post's author has left; there's no one to sanction.")
            return
        if decision == "approve":
            actions.approve(item, by=by, reason=reason)
        elif decision == "hide":
            actions.hide(item, by=by, reason=reason)
        elif decision == "edit":
            actions.edit(item, by=by, body=data["body"], reason=reason)
        elif decision == "dismiss":
            actions.dismiss_flags(item, by=by, reason=reason)
        elif decision == "escalate":
            self._tell_who_has_it(request, actions.escalate(item, by=by, reason=reason))
            return
        elif decision == "warn":
            actions.warn(author, by=by, reason=reason, post=item.post)
        elif decision == "silence":
            actions.silence(
                author, by=by, reason=reason, period=data["silence_for"], post=item.post
            )
        elif decision == "suspend":
            actions.suspend(
                author, by=by, reason=reason, until=data["suspend_until"], post=item.post
            )
        messages.success(request, f"Done: {dict(DECISIONS)[decision].split(':')[0].lower()}.")

    @staticmethod
    def _tell_who_has_it(request, escalation) -> None:
        if not escalation.recipients:
            messages.warning(
                request,
                "Escalated — but nobody was e-mailed: no escalation contacts are set. If this "
                "can't wait, please call your organization's lead now. Staff can add escalation "
                "contacts in the admin, under Escalation contacts.",
            )
            return
        names = ", ".join(f"{r['name']} ({r['role']})" for r in escalation.recipients)
        if escalation.outside_hours:
            messages.success(
                request,
                f"Escalated. Nobody can usually be reached at this hour, so every escalation "
                f"contact is being e-mailed a link to the item: {names}.",
            )
        else:
            messages.success(
                request, f"Escalated. E-mailing a link to the item (never the post) to: {names}."
            )

    def _next_url(self, item: ReviewItem) -> str:
        following = ReviewItem.objects.open().in_queue_order().exclude(pk=item.pk).first()
        if following is None:
            return reverse("admin:moderation_reviewitem_changelist")
        return reverse("admin:moderation_reviewitem_change", args=[following.pk])

    # --- bulk decisions, each with a reason -----------------------------------------
    def _bulk(
        self,
        request,
        queryset,
        name: str,
        label: str,
        reason_required: bool,
        *,
        ask: str,
        happens: tuple[str, str],
        button: str,
    ):
        """A decision on each selected item's post, asked first (`ask`, `happens`),
        then done (`label` says so)."""
        if "confirm" in request.POST:
            reason = request.POST.get("reason", "").strip()
            if reason or not reason_required:
                done = 0
                for item in queryset.open():
                    getattr(actions, name)(item, by=request.user, reason=reason)
                    done += 1
                self.message_user(request, f"{label}: {done} item(s).", messages.SUCCESS)
                return None
            messages.error(request, "Please give a reason: the authors will read it.")
        items = list(queryset)
        for item in items:
            # The reasons in words: never the phrases that matched.
            item.reasons_in_words = folding.reasons_in_words(item.reasons)
        return confirm_action(
            self,
            request,
            "bulk",
            ask=ask,
            noun=("post", "posts"),
            items=items,
            happens=happens[0] if len(items) == 1 else happens[1],
            button=button,
            reason_required=reason_required,
        )

    @admin.action(description="Approve selected posts", permissions=["work"])
    def bulk_approve(self, request, queryset):
        return self._bulk(
            request,
            queryset,
            "approve",
            "Approved",
            reason_required=False,
            ask="Approve {these}?",
            happens=(
                "Members will see the post, and its review item closes. If it was waiting, "
                "its author is told it is now visible.",
                "Members will see each post, and its review item closes. Authors whose "
                "post was waiting are told it is now visible.",
            ),
            button="Approve",
        )

    @admin.action(description="Hide selected posts…", permissions=["work"])
    def bulk_hide(self, request, queryset):
        return self._bulk(
            request,
            queryset,
            "hide",
            "Hidden",
            reason_required=True,
            ask="Hide {these}?",
            happens=(
                "Members will no longer see the post, and its review item closes. Its "
                "author is told, with the reason you give.",
                "Members will no longer see each post, and its review item closes. Each "
                "author is told, with the reason you give.",
            ),
            button="Hide",
        )

    @admin.action(description="Dismiss flags on selected posts", permissions=["work"])
    def bulk_dismiss(self, request, queryset):
        return self._bulk(
            request,
            queryset,
            "dismiss_flags",
            "Flags dismissed",
            reason_required=False,
            ask="Dismiss the flags on {these}?",
            happens=(
                "The post stays as it is (if only members' flags hid it, it is shown "
                "again), and its review item closes.",
                "Each post stays as it is (one hidden only by members' flags is shown "
                "again), and its review item closes.",
            ),
            button="Dismiss flags",
        )


class FoldedTextarea(forms.Textarea):
    """A text box inside the fold: opened only to read or change the words."""

    def __init__(self, what: str, why: list[str], attrs=None):
        super().__init__(attrs)
        self.what, self.why = what, why

    def render(self, name, value, attrs=None, renderer=None):
        return folded(self.what, self.why, super().render(name, value, attrs, renderer))


# members' own admin can't know crisis language (it lives here, above members): this one
# adds the fold to it, by the rule for any text written in the community.
admin.site.unregister(Profile)


@admin.register(Profile)
class FoldedProfileAdmin(FoldedRowsMixin, ProfileAdmin):
    """A bio with crisis language stays folded until the moderator opens it."""

    Media = FoldMedia

    def fold_reasons(self, rows: list[Profile]) -> Mapping[Any, list[str]]:
        words = crisis_words()
        return {profile.pk: folding.text_why(profile.bio, words) for profile in rows}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is not None and "bio" in form.base_fields and self.fold_why(obj):
            field = form.base_fields["bio"]
            field.widget = FoldedTextarea("bio", self.fold_why(obj), field.widget.attrs)
        return form


class LiftForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))


@admin.register(Sanction)
class SanctionAdmin(FoldedRowsMixin):
    Media = FoldMedia
    list_display = [
        "member",
        "kind",
        "reason_folded",
        "starts_at",
        "ends_at",
        "lifted_at",
        "created_by",
    ]
    list_filter = ["kind", ("lifted_at", admin.EmptyFieldListFilter)]
    list_select_related = ["member__profile", "created_by__profile"]
    fields = readonly_fields = [  # type: ignore[assignment]
        "member",
        "kind",
        "reason_folded",
        "starts_at",
        "ends_at",
        "lifted_at",
        "created_by",
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
            items=queryset,
            form=form,
        )


@admin.register(AuditEntry)
class AuditEntryAdmin(FoldedRowsMixin):
    Media = FoldMedia
    list_display = ["created_at", "actor", "action", "target_repr", "detail", "reason_folded"]
    list_filter = ["action", "created_at"]
    list_select_related = ["actor__profile"]
    date_hierarchy = "created_at"
    search_fields = ["target_repr", "detail", "reason", "action"]
    fields = readonly_fields = [  # type: ignore[assignment]
        "created_at",
        "actor",
        "action",
        "target_type",
        "target_id",
        "target_repr",
        "detail",
        "reason_folded",
    ]

    def fold_reasons(self, rows: list[AuditEntry]) -> Mapping[Any, list[str]]:
        return folding.audit_why(rows)

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


@admin.register(CommunitySettings)
class CommunitySettingsAdmin(admin.ModelAdmin):
    """Everything staff set about the community, on one page: its name and texts, who
    may join, and how moderation works (members' and moderation's settings rows).

    Staff only: it needs the right to change both rows, which moderators don't have.
    """

    PERMISSIONS = ("members.change_communitysettings", "moderation.change_moderationsettings")
    FIELDSETS: dict[str, list[tuple[str, dict[str, Any]]]] = {
        "community": [
            ("The community", {"fields": ["name", "tagline", "welcome", "guidelines"]}),
            ("Leave quickly", {"fields": ["leave_quickly_url"]}),
            ("When someone is struggling", {"fields": ["responding"]}),
            (
                "Who may join",
                {
                    "fields": ["signup_policy", "allowed_domains"],
                    "description": "Invitation codes, each with a use limit, an end date and a "
                    "link that fills the code in, are made under "
                    '<a href="{invitations}">Invitations</a>.',
                },
            ),
        ],
        "moderation": [
            (
                "Moderation",
                {
                    "fields": [
                        "crisis_post_behaviour",
                        "oncall_emails",
                        "new_member_hold_count",
                        "flag_hide_threshold",
                        "break_after_minutes",
                        "moderation_hours",
                    ],
                    "description": "The people an escalated review item is e-mailed to (a "
                    "clinical lead, for example, with the hours they can be reached) are named "
                    'under <a href="{escalation_contacts}">Escalation contacts</a>.',
                },
            ),
        ],
    }

    def has_view_permission(self, request, obj=None):
        return request.user.has_perms(self.PERMISSIONS)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perms(self.PERMISSIONS)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        # One row, so one page, at the address the admin's index links to.
        return [
            path(
                "",
                self.admin_site.admin_view(self.settings_view),
                name="members_communitysettings_changelist",
            )
        ]

    def settings_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_change_permission(request):
            raise PermissionDenied
        community, moderation = CommunitySettings.load(), ModerationSettings.load()
        data = request.POST if request.method == "POST" else None
        forms_ = {
            "community": CommunitySettingsForm(data, instance=community),
            "moderation": ModerationSettingsForm(data, instance=moderation),
        }
        if data is not None and all([form.is_valid() for form in forms_.values()]):
            self._save(request, forms_)
            return HttpResponseRedirect(request.path)
        return render(
            request,
            "admin/members/communitysettings/settings.html",
            {
                **self.admin_site.each_context(request),
                "title": "Community settings",
                "opts": self.model._meta,
                "adminforms": [self._adminform(name, form) for name, form in forms_.items()],
                "has_errors": any(form.errors for form in forms_.values()),
                "cache_seconds": settings.BOOMITY_COMMUNITY_CACHE_SECONDS,
            },
        )

    def _adminform(self, name: str, form: forms.ModelForm) -> admin.helpers.AdminForm:
        links = {
            "invitations": reverse("admin:members_invitation_changelist"),
            "escalation_contacts": reverse("admin:moderation_escalationcontact_changelist"),
        }
        fieldsets = [
            (title, {**options, "description": options.get("description", "").format(**links)})
            for title, options in self.FIELDSETS[name]
        ]
        return admin.helpers.AdminForm(form, fieldsets, {}, model_admin=self)

    @transaction.atomic
    def _save(self, request: HttpRequest, forms_: dict) -> None:
        for form in forms_.values():
            if form.has_changed():
                form.save()
                self.log_change(
                    request, form.instance, self.construct_change_message(request, form, [])
                )
        messages.success(
            request,
            "Saved. Every page shows the new settings within "
            f"{settings.BOOMITY_COMMUNITY_CACHE_SECONDS} seconds.",
        )


@admin.register(CrisisResource)
class CrisisResourceAdmin(admin.ModelAdmin):
    list_display = ["name", "region_name", "phone", "text_number", "hours", "position", "is_active"]
    list_editable = ["position", "is_active"]
    fieldsets = [
        (
            None,
            {
                "fields": ["name", "description", "hours"],
                "description": "These are shown on /help/ and to anyone whose post contains "
                "crisis language. The ones that ship are real, widely known "
                "services; please add the services your members use.",
            },
        ),
        ("How to reach it", {"fields": ["phone", "text_number", "text_instructions", "web_url"]}),
        ("Where", {"fields": ["regions", "region_name", "position", "is_active"]}),
    ]


@admin.register(EscalationContact)
class EscalationContactAdmin(admin.ModelAdmin):
    """The people an escalated review item reaches. Staff edit; moderators can look."""

    list_display = ["name", "role", "email", "phone", "hours_described", "reachable_now"]
    fieldsets = [
        (
            None,
            {
                "fields": ["name", "role", "email", "phone", "hours", "position"],
                "description": "When a moderator escalates a review item, the contacts who can "
                "be reached at that hour are e-mailed a link to it (never the post); if none "
                "can, all of them are, and told so. The item's page shows who has it. With no "
                "contacts here, escalating e-mails nobody, and the moderator is told so.",
            },
        ),
    ]

    @admin.display(description="hours")
    def hours_described(self, contact: EscalationContact) -> str:
        return contact.hours_described

    @admin.display(description="can be reached now", boolean=True)
    def reachable_now(self, contact: EscalationContact) -> bool:
        return contact.reachable_at(timezone.now())


@admin.register(CrisisPhrase)
class CrisisPhraseAdmin(admin.ModelAdmin):
    search_fields = ["phrase"]
    list_display = ["phrase"]


@admin.register(WatchedWord)
class WatchedWordAdmin(admin.ModelAdmin):
    list_display = ["pattern", "is_regex", "action", "replacement"]
    list_filter = ["action", "is_regex"]
    search_fields = ["pattern"]
