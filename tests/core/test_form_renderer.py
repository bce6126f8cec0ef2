"""The form renderer (core.forms.QuickWidgets): Django's widgets through Jinja2 say
what Django's own templates say, quotes and members' words escaped the same way; other
form templates (error lists, the admin's widgets) are Django's."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.contrib.admin.widgets import AdminDateWidget, FilteredSelectMultiple
from django.forms import renderers
from django.forms.renderers import get_default_renderer
from django.template.backends.django import Template as DjangoTemplate
from django.template.backends.jinja2 import Template as JinjaTemplate
from django.test.html import parse_html

from core.forms import QuickSelect, QuickWidgets

WORDS = "I don't \"know\" <b>bold</b> & 'more'"
CHOICES = [("a", WORDS), ("b", "Bee"), ("", "None of these")]


def widgets():
    """Every widget Django ships, each with a value that needs escaping."""
    yield forms.TextInput(attrs={"placeholder": WORDS}), WORDS
    yield forms.NumberInput(), 3
    yield forms.EmailInput(), "a'b@example.org"
    yield forms.URLInput(), "https://example.org/?a='1'&b=\"2\""
    yield forms.PasswordInput(render_value=True), WORDS
    yield forms.HiddenInput(), WORDS
    yield forms.MultipleHiddenInput(), ["a'", 'b"']
    yield forms.SearchInput(), WORDS
    yield forms.ColorInput(), "#ffffff"
    yield forms.TelInput(), "+44 1'2"
    yield forms.Textarea(attrs={"rows": 8, "aria-describedby": "x'y"}), WORDS
    yield forms.DateInput(), datetime.date(2026, 12, 7)
    yield forms.DateTimeInput(), datetime.datetime(2026, 12, 7, 2, 5)
    yield forms.TimeInput(), datetime.time(2, 5)
    yield forms.CheckboxInput(), True
    yield forms.Select(choices=CHOICES), "a"
    yield forms.NullBooleanSelect(), True
    yield forms.SelectMultiple(choices=CHOICES), ["a", "b"]
    yield forms.RadioSelect(choices=CHOICES), "b"
    yield forms.CheckboxSelectMultiple(choices=CHOICES), ["a"]
    yield forms.ClearableFileInput(), None
    yield forms.SplitDateTimeWidget(), datetime.datetime(2026, 12, 7, 2, 5)
    yield forms.SelectDateWidget(), datetime.date(2026, 12, 7)


@pytest.mark.parametrize(("widget", "value"), list(widgets()), ids=lambda w: type(w).__name__)
def test_each_widget_renders_as_djangos_own_templates_render_it(widget, value):
    quick = widget.render("field'name", value, attrs={"id": "id_x"}, renderer=QuickWidgets())
    django = widget.render(
        "field'name", value, attrs={"id": "id_x"}, renderer=renderers.DjangoTemplates()
    )
    assert parse_html(quick) == parse_html(django)
    # And written the same way: Django's escapes for quotes, never Jinja2's.
    assert "&#39;" not in quick and "&#34;" not in quick


def test_the_site_uses_it(settings):
    assert settings.FORM_RENDERER == "core.forms.QuickWidgets"
    assert isinstance(get_default_renderer(), QuickWidgets)


def test_widgets_come_from_jinja2_and_everything_else_from_djangos_templates():
    renderer = QuickWidgets()
    widget = renderer.get_template("django/forms/widgets/textarea.html")
    assert isinstance(widget.template, JinjaTemplate)
    # Error lists and the forms' own layouts: Django's templates, as before.
    for name in ("django/forms/errors/list/ul.html", "django/forms/div.html"):
        assert isinstance(renderer.get_template(name), DjangoTemplate)
    # The admin's widgets have no Jinja2 templates: Django's templates still find them.
    for widget in (AdminDateWidget(), FilteredSelectMultiple("Topics", is_stacked=False)):
        html = widget.render("when", None, attrs={"id": "id_when"}, renderer=renderer)
        assert 'name="when"' in html


# --- QuickSelect: a <select> written in Python, as Django's templates write it ----------------


@pytest.mark.parametrize("value", ["a", "", None, "b", "not offered"])
@pytest.mark.parametrize(
    "attrs",
    [
        {"id": "id_x"},
        {"id": "id_x", "required": True, "aria-invalid": "true", "aria-describedby": "x'y"},
        {"id": "id_x", "disabled": False, "data-note": WORDS},
    ],
    ids=["plain", "refused", "words"],
)
def test_quick_select_writes_what_djangos_select_writes(value, attrs):
    quick = QuickSelect(choices=CHOICES).render("field'name", value, attrs=dict(attrs))
    django = forms.Select(choices=CHOICES).render(
        "field'name", value, attrs=dict(attrs), renderer=renderers.DjangoTemplates()
    )
    assert quick == django  # not just the same elements: the same text, escapes and all


def test_quick_select_refuses_groups_rather_than_losing_them():
    grouped = [("Feelings", [("a", "Low"), ("b", "Numb")])]
    with pytest.raises(ValueError, match="not groups"):
        QuickSelect(choices=grouped).render("x", "a")


@pytest.mark.django_db
def test_the_content_warning_list_is_written_as_djangos_select_writes_it():
    from forums.forms import ContentWarningField

    def sent(widget):
        class Form(forms.Form):
            content_warning = ContentWarningField(inherited="Self-harm")

        form = Form(data={"content_warning": "not a warning"}, renderer=renderers.DjangoTemplates())
        if widget is not None:
            form.fields["content_warning"].widget = widget(
                choices=form.fields["content_warning"].choices
            )
        assert not form.is_valid()  # refused: aria-invalid and the error's id on the list
        return form, str(form["content_warning"])

    quick_form, quick = sent(None)
    assert isinstance(quick_form.fields["content_warning"].widget, QuickSelect)
    assert quick == sent(forms.Select)[1]
    assert "Same as the thread (Self-harm)" in quick
