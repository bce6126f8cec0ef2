"""Every name the admin builds from a model or a field (list titles, "Add board",
column heads, filter titles "By status") is a translatable label (issue 13), so a
member of staff reading the admin in Spanish doesn't meet English ones."""

from __future__ import annotations

from django.apps import apps
from django.utils.functional import Promise

APPS = ("forums", "members", "checkins", "moderation")


def models():
    return [model for label in APPS for model in apps.get_app_config(label).get_models()]


def test_every_model_is_named_for_translation():
    untranslated = [
        f"{model.__name__}.{attr}"
        for model in models()
        for attr in ("verbose_name", "verbose_name_plural")
        if not isinstance(model._meta.original_attrs.get(attr), Promise)
    ]
    assert untranslated == []


def test_every_field_is_named_for_translation():
    untranslated = [
        f"{model.__name__}.{field.name}"
        for model in models()
        for field in model._meta.get_fields()
        if (field.concrete or field.many_to_many)
        and not field.auto_created
        and not isinstance(field._verbose_name, Promise)
    ]
    assert untranslated == []
