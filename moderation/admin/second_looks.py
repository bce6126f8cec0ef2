"""Members' requests for a second look at a sanction, decided by a different moderator."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from forums.admin import FoldMedia, folded

from .. import actions, folding
from ..models import SecondLook, SecondLookOutcome
from ..screening import crisis_words


class SecondLookDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Your decision"),
        choices=SecondLookOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose: uphold the sanction, or lift it.")},
    )
    reason = forms.CharField(
        label=_("Reason (the member reads it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Plain and kind: name the guideline, not the person."),
        error_messages={"required": _("Please give a reason: the member will read it.")},
    )


class WaitingFilter(admin.SimpleListFilter):
    title = pgettext_lazy("of a request for a second look", "state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("waiting", _("Waiting for a moderator")), ("decided", _("Decided"))]

    def queryset(self, request, queryset):
        if self.value() == "decided":
            return queryset.filter(decided_at__isnull=False)
        if self.value() == "waiting":
            return queryset.waiting()
        return queryset


@admin.register(SecondLook)
class SecondLookAdmin(admin.ModelAdmin):
    Media = FoldMedia
    list_display = ["created_at", "member", "sanction_kind", "sanctioned_by", "state"]
    list_filter = [WaitingFilter]
    list_select_related = [
        "sanction__member__profile",
        "sanction__created_by__profile",
        "decided_by__profile",
    ]
    ordering = ["decided_at", "created_at"]  # waiting ones (no decision yet) first
    change_form_template = "admin/moderation/secondlook/decide.html"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("moderation.work_queue")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("moderation.work_queue")

    def has_module_permission(self, request):
        return request.user.has_perm("moderation.work_queue")

    @admin.display(description=_("member"))
    def member(self, second_look: SecondLook) -> str:
        return second_look.sanction.member.profile.display_name

    @admin.display(description=_("sanction"))
    def sanction_kind(self, second_look: SecondLook) -> str:
        return second_look.sanction.get_kind_display()

    @admin.display(description=_("sanction given by"))
    def sanctioned_by(self, second_look: SecondLook) -> str:
        by = second_look.sanction.created_by
        return by.profile.display_name if by else gettext("a former moderator")

    @admin.display(description=pgettext_lazy("of a request for a second look", "state"))
    def state(self, second_look: SecondLook) -> str:
        if not second_look.is_decided:
            return pgettext("a request for a second look", "Waiting")
        return second_look.get_outcome_display()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_change_permission(request):
            raise PermissionDenied
        second_look = get_object_or_404(
            SecondLook.objects.select_related(
                "sanction__member__profile", "sanction__created_by__profile", "sanction__post"
            ),
            pk=object_id,
        )
        sanction = second_look.sanction
        own = sanction.created_by_id == request.user.pk
        form = SecondLookDecisionForm(request.POST if request.method == "POST" else None)
        if request.method == "POST":
            if own or second_look.is_decided:
                raise PermissionDenied
            if form.is_valid():
                try:
                    actions.decide_second_look(
                        second_look,
                        by=request.user,
                        lift_it=form.cleaned_data["outcome"] == SecondLookOutcome.LIFTED,
                        reason=form.cleaned_data["reason"],
                    )
                except actions.SecondLookRefused as refused:
                    messages.error(request, str(refused))
                else:
                    messages.success(
                        request, gettext("Decided. The member has been told, with your reason.")
                    )
                return HttpResponseRedirect(reverse("admin:moderation_secondlook_changelist"))
        words = crisis_words()
        sanction_why = folding.sanctions_why([sanction])[sanction.pk]
        return render(
            request,
            self.change_form_template,
            {
                **self.admin_site.each_context(request),
                "title": gettext("A request for a second look"),
                "opts": self.model._meta,
                "original": second_look,
                "second_look": second_look,
                "sanction": sanction,
                "sanction_reason": folded("reason", sanction_why, sanction.reason),
                "text": folded(
                    "request", folding.text_why(second_look.text, words), second_look.text
                ),
                "own": own,
                "form": form,
            },
            status=400 if request.method == "POST" else 200,
        )
