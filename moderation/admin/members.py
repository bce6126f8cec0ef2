"""Members' profiles in the admin, with crisis language in a bio folded."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import admin

from forums.admin import FoldedRowsMixin, FoldMedia, folded
from members.admin import ProfileAdmin
from members.models import Profile

from .. import folding
from ..screening import crisis_words


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
