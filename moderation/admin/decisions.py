"""A moderator's decision on a review item: the form, and doing what it says."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages

from .. import actions
from ..models import ReviewItem

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


def decide(request, item: ReviewItem, data: dict) -> None:
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
        tell_who_has_it(request, actions.escalate(item, by=by, reason=reason))
        return
    elif decision == "warn":
        actions.warn(author, by=by, reason=reason, post=item.post)
    elif decision == "silence":
        actions.silence(author, by=by, reason=reason, period=data["silence_for"], post=item.post)
    elif decision == "suspend":
        actions.suspend(author, by=by, reason=reason, until=data["suspend_until"], post=item.post)
    messages.success(request, f"Done: {dict(DECISIONS)[decision].split(':')[0].lower()}.")


def tell_who_has_it(request, escalation) -> None:
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
