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

from core.forms import QuickWidgets

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
