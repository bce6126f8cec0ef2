"""Messages between the moderation team and a member: the templates staff keep, the
list of conversations, one conversation with its reply box, starting one (from a review
item or a member's page), and a review item about a member's message.

The member sees the team, never the moderator: "The moderation team" wrote. A decision
to write is the team's, the next shift carries the conversation on, and a volunteer's
name in a member's inbox invites pressure on that one person. Moderators see here who
wrote each message, and the audit log keeps it.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.forms import ServerCheckedLengthField
from forums.admin import folded
from members.admin import member_link
from members.conversations import MESSAGE_MAX, SUBJECT_MAX
from members.models import Conversation, Message, Participant, User

from .. import actions, folding
from ..models import AuditAction, MessageTemplate, ReviewItem
from ..screening import crisis_words
from .history import item_history

WORK = "moderation.work_queue"


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    """Staff write and change them; moderators read them here and use them when
    writing to a member (Django's view permission)."""

    list_display = ["name", "subject", "position"]
    list_editable = ["position"]
    fields = ["name", "subject", "body", "position"]


class WaitingFilter(admin.SimpleListFilter):
    title = _("who wrote last")
    parameter_name = "waiting"
    MEMBER_WROTE = _("The member: waiting for the team")
    TEAM_WROTE = _("The team")

    def lookups(self, request, model_admin):
        return [("team", self.MEMBER_WROTE), ("member", self.TEAM_WROTE)]

    def queryset(self, request, queryset):
        if self.value() == "team":
            return queryset.filter(last_from_team=False)
        if self.value() == "member":
            return queryset.filter(last_from_team=True)
        return queryset


class TeamMessageForm(forms.Form):
    body = ServerCheckedLengthField(
        label=_("Your message, as the moderation team"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "The member sees it as from “The moderation team”, never your name. Their "
            "notification and e-mail say only that the team wrote."
        ),
    )


class StartConversationForm(TeamMessageForm):
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX)
    field_order = ["subject", "body"]


def _written(body_html: str) -> SafeString:
    """A message's words as the paragraphs they are, not as their markup."""
    return mark_safe(body_html)  # noqa: S308 - sanitized when written (render_markdown)


def member_name(user: User | None) -> str:
    return user.profile.display_name if user is not None else gettext("A former member")


@admin.register(Conversation)
class TeamConversationAdmin(admin.ModelAdmin):
    """Only the team's conversations: never one between members."""

    list_display = ["subject", "with_member", "message_count", "last_message_at", "waiting"]
    list_display_links = ["subject"]
    list_filter = [WaitingFilter]
    ordering = ["-last_message_at"]
    search_fields = ["subject"]
    change_form_template = "admin/moderation/conversation/detail.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(team=actions.TEAM)
            .prefetch_related(
                Prefetch(
                    "participants",
                    queryset=Participant.objects.select_related("member__profile"),
                )
            )
        )

    def has_module_permission(self, request):
        return request.user.has_perm(WORK)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(WORK)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(WORK)

    def has_add_permission(self, request):
        return False  # started from a member or a review item: start_view

    def has_delete_permission(self, request, obj=None):
        return False  # the team's record, and the member's

    @admin.display(description=pgettext_lazy("a conversation with", "with"))
    def with_member(self, conversation: Conversation) -> str:
        # Each name leads to everything about them, as in every other list.
        people = [(member_link(p.member),) for p in conversation.participants.all()]
        return format_html_join(", ", "{}", people) or gettext("A former member")

    @admin.display(description=_("who wrote last"), ordering="last_from_team")
    def waiting(self, conversation: Conversation) -> str:
        # Words, not a tick: a green tick for "waiting" read as "all fine". The filter
        # "who wrote last" (?waiting=team) lists only these.
        if conversation.last_from_team:
            return str(WaitingFilter.TEAM_WROTE)
        return format_html('<strong class="needs-answer">{}</strong>', WaitingFilter.MEMBER_WROTE)

    def get_urls(self):
        return [
            path(
                "start/<int:member_id>/",
                self.admin_site.admin_view(self.start_view),
                name="members_conversation_start",
            ),
            *super().get_urls(),
        ]

    # --- one conversation ---------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not request.user.has_perm(WORK):
            raise PermissionDenied
        conversation = get_object_or_404(self.get_queryset(request), pk=object_id)
        form = TeamMessageForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            actions.write_as_team(conversation, by=request.user, body=form.cleaned_data["body"])
            messages.success(
                request,
                gettext("Sent. The member is told the moderation team wrote (never what)."),
            )
            return HttpResponseRedirect(request.path)
        words = crisis_words()
        said = [
            (m, folded("message", folding.text_why(m.body, words), _written(m.body_html)))
            for m in Message.objects.filter(conversation=conversation)
            .select_related("author__profile")
            .in_order()
        ]
        items = ReviewItem.objects.filter(message__conversation=conversation).order_by("-pk")
        return render(
            request,
            self.change_form_template,
            {
                **self.admin_site.each_context(request),
                "title": gettext("Conversation with the moderation team"),
                "opts": self.model._meta,
                "conversation": conversation,
                "with_member": self.with_member(conversation),
                "said": said,
                "items": items,
                "form": form,
            },
            status=400 if request.method == "POST" else 200,
        )

    # --- starting one -------------------------------------------------------------------

    def start_view(self, request: HttpRequest, member_id: int) -> HttpResponse:
        """Write to a member as the team; `?item=` names the review item it is about.
        `?template=` fills the form from one of staff's templates (no script needed)."""
        if not request.user.has_perm(WORK):
            raise PermissionDenied
        member = get_object_or_404(User.objects.select_related("profile"), pk=member_id)
        item = None
        if request.GET.get("item", "").isdigit():
            item = get_object_or_404(ReviewItem, pk=request.GET["item"])
        templates = list(MessageTemplate.objects.all())
        chosen = next((t for t in templates if str(t.pk) == request.GET.get("template")), None)
        initial = {"subject": chosen.subject, "body": chosen.body} if chosen else {}
        form = StartConversationForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            message = actions.write_to_member(
                member,
                by=request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                item=item,
            )
            messages.success(
                request,
                gettext(
                    "Sent to %(name)s, as the moderation team. They are told the team wrote "
                    "(never what)."
                )
                % {"name": member.profile.display_name},
            )
            return HttpResponseRedirect(
                reverse("admin:members_conversation_change", args=[message.conversation_id])
            )
        return render(
            request,
            "admin/moderation/conversation/start.html",
            {
                **self.admin_site.each_context(request),
                "title": gettext("Write to %(name)s") % {"name": member.profile.display_name},
                "opts": self.model._meta,
                "member": member,
                "item": item,
                "templates": templates,
                "chosen": chosen,
                "form": form,
            },
            status=400 if request.method == "POST" else 200,
        )


def started_from(item: ReviewItem) -> list[Conversation]:
    """The conversations a moderator started from this item, newest first: the audit row
    write_to_member writes names the item and the conversation's first message."""
    first = item.audit_entries.filter(action=AuditAction.MESSAGE_START).values_list(
        "target_id", flat=True
    )
    return list(
        Conversation.objects.filter(
            team=actions.TEAM, messages__pk__in=[int(pk) for pk in first if pk.isdigit()]
        )
        .distinct()
        .order_by("-created_at")
    )


# --- a review item about a member's message ------------------------------------------------


class MessageItemForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (
                "close",
                _("Looked after: close the item (I've read it and written back, or will)"),
            ),
            ("escalate", _("Escalate to staff")),
        ],
        label=_("Decision"),
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the audit log and the next shift; the member never sees it."),
    )

    def clean(self):
        data = super().clean() or {}
        if data.get("decision") == "escalate" and not data.get("reason", "").strip():
            self.add_error("reason", gettext("Please say why, for the people you escalate to."))
        return data


def message_item_view(model_admin, request: HttpRequest, item: ReviewItem) -> HttpResponse:
    """The queue's page for an item about a message: the words folded, the way to the
    conversation, and closing or escalating it."""
    message = get_object_or_404(
        Message.objects.select_related("conversation", "author__profile"), pk=item.message_id
    )
    form = MessageItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"].strip()
        if form.cleaned_data["decision"] == "escalate":
            actions.escalate(item, by=request.user, reason=reason)
            messages.success(
                request, gettext("Escalated. A link to this item (never the words) is sent.")
            )
            return HttpResponseRedirect(request.path)
        actions.close_message_item(item, by=request.user, reason=reason)
        messages.success(request, gettext("Closed. The conversation stays open in Conversations."))
        return HttpResponseRedirect(reverse("admin:moderation_reviewitem_changelist"))
    why = folding.item_why(item, {})
    return render(
        request,
        "admin/moderation/reviewitem/message.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": gettext("Review: %(priority)s") % {"priority": item.get_priority_display()},
            "opts": model_admin.model._meta,
            "original": item,
            "item": item,
            "message": message,
            "author": member_name(message.author),
            "words": folded("message", why, _written(item.snapshot_html)),
            "reasons_in_words": folding.reasons_in_words(item.reasons),
            "form": form,
            # Its one history, as a post's item has (moderation/admin/history.py).
            "history": item_history(
                item,
                why,
                list(item.escalations.select_related("by__profile")),
                list(item.events.select_related("by__profile", "previous__profile")),
            ),
        },
        status=400 if request.method == "POST" else 200,
    )
