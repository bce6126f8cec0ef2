from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SCALE_MAX, SCALE_MIN


class CheckInForm(forms.Form):
    """One 1-to-10 question per field; every one must be answered.

    `CheckInForm(data, items=...)`: the questions asked now. Nothing is saved
    from an invalid form, and a bound form keeps every choice already made.
    """

    SCALE_HELP = _("1 means not at all confident, 10 means totally confident.")
    REQUIRED = _(
        "Please choose a number for this question — any number from 1 to 10 is fine. "
        "Your other answers are kept."
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        choices = [(n, str(n)) for n in range(SCALE_MIN, SCALE_MAX + 1)]
        for item in self.items:
            self.fields[self.field_name(item)] = forms.TypedChoiceField(
                label=item.local_text,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=self.SCALE_HELP,
                error_messages={"required": self.REQUIRED, "invalid_choice": self.REQUIRED},
            )

    @staticmethod
    def field_name(item) -> str:
        return f"item_{item.pk}"

    def scores(self) -> dict:
        """{item: score}, once the form is valid."""
        return {item: self.cleaned_data[self.field_name(item)] for item in self.items}
