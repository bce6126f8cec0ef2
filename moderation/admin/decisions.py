"""A moderator's decision on a review item: the form, and doing what it says.

One submit may decide about the post (approve, hide, edit, dismiss the flags, escalate)
and about its author (warn, silence, suspend) at once: moderation/actions.py
`decide_case` does all of it in one transaction, with one notice to the author.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .. import actions, claims
from ..models import ReviewItem

POST_DECISIONS = [
    ("", _("Leave the post as it is")),
    ("approve", _("Approve: the post is fine (shows it if it was held or hidden)")),
    ("hide", _("Hide the post")),
    ("edit", _("Edit the post")),
    ("dismiss", _("Dismiss the flags")),
    ("escalate", _("Escalate to staff")),
]
AUTHOR_DECISIONS = [
    ("warn", _("Warn the author (a note; nothing changes for their account)")),
    ("silence", _("Silence the author for a while (they can read, not post)")),
    ("suspend", _("Suspend the author (they cannot sign in)")),
]
# The author is told the reason for these, so one must be given.
REASON_REQUIRED = {"hide", "edit", "escalate", "warn", "silence", "suspend"}
# What was done, as the end of "Done: you …" (a list of these, joined by "and").
DONE = {
    "approve": pgettext_lazy("Done: you …", "approved the post"),
    "hide": pgettext_lazy("Done: you …", "hid the post"),
    "edit": pgettext_lazy("Done: you …", "edited the post"),
    "dismiss": pgettext_lazy("Done: you …", "dismissed the flags"),
    "escalate": pgettext_lazy("Done: you …", "escalated it"),
    "warn": pgettext_lazy("Done: you …", "warned the author"),
    "silence": pgettext_lazy("Done: you …", "silenced the author"),
    "suspend": pgettext_lazy("Done: you …", "suspended the author"),
}


class DecisionForm(forms.Form):
    """Every field shows without JavaScript, each labelled with the decision it is for;
    with it, a field shows once a decision that needs it is chosen (data-needs)."""

    decision = forms.ChoiceField(
        label=_("The post"),
        choices=POST_DECISIONS,
        initial="",
        required=False,
        widget=forms.RadioSelect,
    )
    sanctions = forms.MultipleChoiceField(
        label=_("Its author (choose any, or none)"),
        choices=AUTHOR_DECISIONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=_("Reason (the author reads it)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "data-needs": " ".join(sorted(REASON_REQUIRED))}),
        help_text=_(
            "Needed for hide, edit, escalate, warn, silence and suspend. Name the "
            "guideline, not the person. The author gets one message that says everything "
            "you decided here, with this reason once."
        ),
    )
    body = forms.CharField(
        label=_("Edited post (for “Edit the post”)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "data-needs": "edit"}),
    )
    silence_for = forms.ChoiceField(
        label=_("Silence for (for “Silence the author”)"),
        choices=[
            ("24h", _("24 hours")),
            ("72h", _("72 hours")),
            ("7d", _("7 days")),
            ("30d", _("30 days")),
        ],
        initial="24h",
        required=False,
        widget=forms.Select(attrs={"data-needs": "silence"}),
    )
    suspend_until = forms.DateTimeField(
        label=_("Suspend until (for “Suspend the author”; UTC)"),
        required=False,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "data-needs": "suspend"}, format="%Y-%m-%dT%H:%M"
        ),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        help_text=_("Leave empty to suspend until a moderator lifts it."),
    )
    take_over = forms.CharField(
        label=_("Why you're taking it over"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "They'll see it in the item's history. For example: “Your shift ended, I'll follow up.”"
        ),
    )
    close = forms.BooleanField(
        label=_("Close this item now"),
        required=False,
        help_text=_(
            "Approve, hide and dismiss close the item. Editing the post and sanctions "
            "alone leave it open in the queue for another look, unless you tick this. An "
            "escalated item stays open with staff."
        ),
    )

    def __init__(self, *args, item: ReviewItem, by, only_take_over: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        # "Take it over without deciding": only the reason is asked for.
        self.only_take_over = only_take_over
        # Deciding claims the item; someone else's claim is taken over, with a reason,
        # never silently. Only asked when someone else has it.
        self.held_by = item.claimed_by if item.claimed_by_id not in (None, by.pk) else None
        if self.held_by is None:
            del self.fields["take_over"]
        else:
            self.fields["take_over"].label = gettext("Why you're taking it over from %(name)s") % {
                "name": claims.name_of(self.held_by)
            }
        # The picker's time is read in the site's time zone: the label names it.
        zone = timezone.get_current_timezone_name()
        self.fields["suspend_until"].label = gettext(
            "Suspend until (for “Suspend the author”; %(zone)s)"
        ) % {"zone": zone}

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.only_take_over:
            self._clean_take_over(data)
            return data
        decision = data.get("decision") or ""
        sanctions = data.get("sanctions") or []
        chosen = {decision, *sanctions} - {""}
        if not chosen and not data.get("close"):
            raise forms.ValidationError(
                gettext(
                    "Please choose at least one decision (about the post, its author, or "
                    "both), or tick “Close this item now”."
                )
            )
        needing = sorted(chosen & REASON_REQUIRED, key=list(DONE).index)
        if needing and not data.get("reason", "").strip():
            said = ", ".join(str(DONE[d]) for d in needing)
            self.add_error(
                "reason",
                gettext("Please give a reason: the author will read it (you chose: %(chosen)s).")
                % {"chosen": said},
            )
        if decision == "edit" and not data.get("body", "").strip():
            self.add_error("body", gettext("Please write the edited post."))
        if sanctions and self.item.the_post.author_id is None:
            self.add_error(
                "sanctions",
                gettext("This post's author has left; there's no one to warn or sanction."),
            )
        until = data.get("suspend_until")
        if "suspend" in sanctions and until is not None and until <= timezone.now():
            self.add_error(
                "suspend_until", gettext("Please choose a time in the future, or leave it empty.")
            )
        self._clean_take_over(data)
        if decision == "escalate" and data.get("close"):
            self.add_error(
                "close",
                gettext("An escalated item stays open with staff: untick “Close this item now”."),
            )
        return data

    def _clean_take_over(self, data: dict[str, Any]) -> None:
        if self.held_by is None or data.get("take_over", "").strip():
            return
        if self.only_take_over:
            asked = gettext(
                "Please say why you're taking it over: %(name)s will see your reason in the "
                "item's history."
            )
        else:
            asked = gettext(
                "%(name)s has claimed this item. To decide on it, please say why you're "
                "taking it over: they'll see your reason."
            )
        self.add_error("take_over", asked % {"name": claims.name_of(self.held_by)})

    def typed(self) -> dict[str, Any]:
        """What the moderator chose or wrote in the bound form, besides the take-over
        reason, where it differs from what the form starts with: to keep it."""
        kept: dict[str, Any] = {}
        for name, field in self.fields.items():
            if name == "take_over":
                continue
            value = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            if isinstance(value, str):
                value = value.replace("\r\n", "\n")
            if value and value != self.get_initial_for_field(field, name):
                kept[name] = value
        return kept

    def case(self) -> actions.CaseDecision:
        data = self.cleaned_data
        return actions.CaseDecision(
            post=data.get("decision") or "",
            sanctions=tuple(data.get("sanctions") or ()),
            reason=data.get("reason", ""),
            body=data.get("body", ""),
            silence_for=data.get("silence_for") or "24h",
            suspend_until=data.get("suspend_until")
            if "suspend" in data.get("sanctions", [])
            else None,
            close=bool(data.get("close")),
        )


def decide(request, item: ReviewItem, form: DecisionForm) -> bool:
    """Claim the item (or take it over, with the form's reason), then do what the form
    says, in one transaction; tell the moderator what happened. True if the item closed.
    Raises claims.ClaimRefused, deciding nothing, if its claim changed meanwhile."""
    case = form.case()
    with transaction.atomic():
        if form.held_by is not None:
            claims.take_over(item, by=request.user, reason=form.cleaned_data["take_over"])
        else:
            claims.claim(item, by=request.user)
        outcome = actions.decide_case(item, case, by=request.user)
    if outcome.escalation is not None:
        tell_who_has_it(request, outcome.escalation)
    done = [str(DONE[d]) for d in (case.post, *case.sanctions) if d and d != "escalate"]
    if done:
        said = get_text_list(done, gettext("and"))
        sentences = [gettext("Done: you %(done)s.") % {"done": said}]
        if outcome.told:
            sentences.append(gettext("The author was sent one message about all of it."))
        sentences.append(
            gettext("The item is closed.")
            if outcome.closed
            else gettext("The item stays open in the queue until someone closes it.")
        )
        messages.success(request, " ".join(sentences))
    elif outcome.closed:
        messages.success(request, gettext("The item is closed."))
    return outcome.closed


def next_item(item: ReviewItem, user) -> ReviewItem | None:
    """The next unresolved item in queue order, after this one, that nobody else has
    claimed (theirs to finish): this is the one place "next" is decided."""
    return (
        ReviewItem.objects.open()
        .in_queue_order()
        .exclude(pk=item.pk)
        .exclude(Q(claimed_by__isnull=False) & ~Q(claimed_by=user))
        .first()
    )


def tell_who_has_it(request, escalation) -> None:
    if not escalation.recipients:
        messages.warning(
            request,
            gettext(
                "Escalated — but nobody was e-mailed: no escalation contacts are set. If this "
                "can't wait, please call your organization's lead now. Staff can add "
                "escalation contacts in the admin, under Escalation contacts."
            ),
        )
        return
    names = ", ".join(
        gettext("%(name)s (%(role)s)") % {"name": r["name"], "role": r["role"]}
        for r in escalation.recipients
    )
    if escalation.outside_hours:
        messages.success(
            request,
            gettext(
                "Escalated. Nobody can usually be reached at this hour, so every escalation "
                "contact is being e-mailed a link to the item: %(names)s."
            )
            % {"names": names},
        )
    else:
        messages.success(
            request,
            gettext("Escalated. E-mailing a link to the item (never the post) to: %(names)s.")
            % {"names": names},
        )
