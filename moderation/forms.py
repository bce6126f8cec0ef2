from django import forms

from .models import FlagReason


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label="What's the matter?", choices=FlagReason.choices, widget=forms.RadioSelect,
        error_messages={"required": "Please choose the reason that fits best."},
    )
    note = forms.CharField(
        label="Anything the moderators should know", required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed if you chose “Something else”.",
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == FlagReason.OTHER and not data.get("note", "").strip():
            self.add_error("note", "Please tell the moderators a little about what's wrong.")
        return data
