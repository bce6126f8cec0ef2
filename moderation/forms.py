from typing import Any

from django import forms
from django.core.validators import validate_email
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from members.models import DOMAIN_RE, CommunitySettings, normalized_domain

from . import hours
from .models import FlagReason, ModerationSettings


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What's the matter?"),
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose the reason that fits best.")},
    )
    note = forms.CharField(
        label=_("Anything the moderators should know"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed if you chose “Something else”."),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("reason") == FlagReason.OTHER and not data.get("note", "").strip():
            self.add_error("note", _("Please tell the moderators a little about what's wrong."))
        return data


class CommunitySettingsForm(forms.ModelForm):
    """The community's half of the admin's Community settings page."""

    class Meta:
        model = CommunitySettings
        fields = [
            "name",
            "tagline",
            "taglines",
            "welcome",
            "welcomes",
            "guidelines",
            "signup_policy",
            "allowed_domains",
            "leave_quickly_url",
            "responding",
        ]
        error_messages = {
            "leave_quickly_url": {
                "invalid": _(
                    "Please give a full address that starts with https://, for example "
                    "https://www.bbc.co.uk/weather. Nothing else can be used here: it has to "
                    "be a safe, ordinary website."
                ),
            }
        }
        widgets = {
            "tagline": forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"}),
            "welcome": forms.Textarea(attrs={"rows": 5, "class": "vLargeTextField"}),
            "guidelines": forms.Textarea(attrs={"rows": 24, "class": "vLargeTextField"}),
            "responding": forms.Textarea(attrs={"rows": 6, "class": "vLargeTextField"}),
            "allowed_domains": forms.Textarea(attrs={"rows": 3}),
            "signup_policy": forms.RadioSelect,
        }

    def clean_allowed_domains(self) -> str:
        domains = [normalized_domain(word) for word in self.cleaned_data["allowed_domains"].split()]
        domains = [d for d in dict.fromkeys(domains) if d]
        wrong = [d for d in domains if not DOMAIN_RE.match(d)]
        if wrong:
            raise forms.ValidationError(
                _(
                    "These don't look like e-mail domains: %(domains)s. Please write each "
                    "one like example.org (the part after the @), one per line."
                )
                % {"domains": ", ".join(wrong)}
            )
        return "\n".join(domains)


class ModerationSettingsForm(forms.ModelForm):
    """The moderators' half of the admin's Community settings page."""

    class Meta:
        model = ModerationSettings
        fields = [
            "crisis_post_behaviour",
            "oncall_emails",
            "repage_after_minutes",
            "repage_limit",
            "new_member_hold_count",
            "flag_hide_threshold",
            "break_after_minutes",
            "moderation_hours",
        ]
        widgets = {
            "crisis_post_behaviour": forms.RadioSelect,
            "oncall_emails": forms.Textarea(attrs={"rows": 3}),
            "moderation_hours": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["moderation_hours"]
        field.help_text = format_lazy(
            "{} {}",
            field.help_text,
            _("This community's time zone: %(zone)s.") % {"zone": hours.zone_label()},
        )

    def clean_moderation_hours(self) -> str:
        try:
            return hours.as_text(hours.parse(self.cleaned_data["moderation_hours"]))
        except hours.HoursError as err:
            raise forms.ValidationError(str(err)) from None

    def clean_oncall_emails(self) -> str:
        addresses = [
            line.strip() for line in self.cleaned_data["oncall_emails"].splitlines() if line.strip()
        ]
        wrong = []
        for address in addresses:
            try:
                validate_email(address)
            except forms.ValidationError:
                wrong.append(address)
        if wrong:
            raise forms.ValidationError(
                _(
                    "These don't look like e-mail addresses: %(addresses)s. Please put one "
                    "address on each line."
                )
                % {"addresses": ", ".join(wrong)}
            )
        return "\n".join(addresses)

    def clean_flag_hide_threshold(self) -> int:
        value = self.cleaned_data["flag_hide_threshold"]
        if value < 1:
            raise forms.ValidationError(
                _(
                    "Please choose 1 or more: how many different members "
                    "must flag a post before it's hidden."
                )
            )
        return value

    def clean_repage_after_minutes(self) -> int:
        value = self.cleaned_data["repage_after_minutes"]
        if value < 1:
            raise forms.ValidationError(_("Please choose 1 minute or more."))
        return value

    def clean_break_after_minutes(self) -> int:
        value = self.cleaned_data["break_after_minutes"]
        if value < 1:
            raise forms.ValidationError(_("Please choose 1 minute or more."))
        return value


NOTE_REMINDER = _(
    "The member can ask to see these notes: they are part of the member's data download, "
    "and they are deleted if the member deletes their account. Write what happened and "
    "what helps, as you would be comfortable with them reading it."
)


class MemberNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Add a note for the other moderators"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NOTE_REMINDER,
        error_messages={"required": _("Please write the note first.")},
    )


class HandoverNoteForm(forms.Form):
    # On the admin's front page and the queue, beside other forms: its own field names.
    prefix = "handover"

    text = forms.CharField(
        label=_("Leave a note for the next shift"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Every moderator sees it on the admin's front page and the queue until "
            "one of them dismisses it. Name members rather than quoting their posts."
        ),
        error_messages={"required": _("Please write the note first.")},
    )


class SecondLookForm(forms.Form):
    text = forms.CharField(
        label=_("What would you like the moderators to know?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "A few sentences are enough. A different moderator from the one who "
            "decided will read this. You can ask once for each decision."
        ),
        error_messages={
            "required": _("Please write a few words, so the moderator knows what to look at again.")
        },
    )
