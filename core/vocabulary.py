"""Words staff keep for members to read — content warnings, topics, lived experiences,
check-in questions, the welcome — in more than one language.

Each entry keeps its words in the community's main language (LANGUAGE_CODE) in its own
column, and beside it a `Translations` column: {language code: the same words in that
language}. The translations live on the same row, so showing them costs no query.
`in_language()` picks the reader's words: their language (es-mx), then its main
language (es), then the words as kept.

    class Topic(models.Model):
        name = models.CharField(max_length=100)
        names = Translations(max_length=100, verbose_name="name in other languages")
        local_name = InLanguage("name", "names")

Staff edit the translations in the admin with one box per language the community offers
(settings.LANGUAGES), never as raw JSON.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, overload

from django import forms
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def language_chain(language: str | None) -> tuple[str, ...]:
    """The codes to try for `language`, most specific first: "es-mx" → ("es-mx", "es")."""
    if not language:
        return ()
    code = language.lower().replace("_", "-")
    main = code.split("-")[0]
    return (code,) if main == code else (code, main)


def reads_main_language(language: str | None = None) -> bool:
    """Whether the reader (the active language unless given) reads the community's main
    language, the one every entry's own column is written in: then no translation is
    looked up anywhere, and a page costs what it did."""
    language = language or get_language()
    return not language or (
        language_chain(language)[-1] == language_chain(settings.LANGUAGE_CODE)[-1]
    )


def in_language(
    default: str, translations: Mapping[str, str] | None, language: str | None = None
) -> str:
    """`default` in `language` (the active one unless given), from `translations`;
    `default` itself when there is no translation for it."""
    if translations:
        for code in language_chain(language or get_language()):
            text = translations.get(code)
            if text:
                return text
    return default


def in_reading_order[Entry](entries: Iterable[Entry]) -> list[Entry]:
    """Entries alphabetically as the reader reads them: by their words (str(), which each
    vocabulary entry gives in the reader's language)."""
    return sorted(entries, key=lambda entry: str(entry).casefold())


def offered_languages() -> list[tuple[str, str]]:
    """(code, name) of each language the community offers besides its main one: the
    languages a translation box is shown for."""
    main = language_chain(settings.LANGUAGE_CODE)[-1]
    return [(code, str(name)) for code, name in settings.LANGUAGES if code != main]


def _language_name(code: str) -> str:
    for known, name in settings.LANGUAGES:
        if known == code:
            return str(name)
    return str(LANG_INFO.get(code, {}).get("name", code))


class TranslationsWidget(forms.Widget):
    """One text box per offered language (and per language already translated, so
    that nothing staff wrote is lost when a language stops being offered)."""

    def __init__(self, attrs: dict[str, Any] | None = None, *, multiline: bool = False) -> None:
        super().__init__(attrs)
        self.multiline = multiline

    def format_value(self, value: Any) -> Any:  # a dict, never a string
        return value if isinstance(value, dict) else {}

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        value = self.format_value(value)
        languages = offered_languages()
        languages += [(c, _language_name(c)) for c in value if c not in dict(languages)]
        attrs = self.build_attrs(self.attrs, attrs)
        base_id = attrs.pop("id", f"id_{name}")
        rows = []
        for code, language in languages:
            box_id = f"{base_id}_{code}"
            text = value.get(code, "")
            if self.multiline:
                box = format_html(
                    '<textarea name="{}__{}" id="{}" lang="{}" rows="6" cols="60">\n{}</textarea>',
                    name,
                    code,
                    box_id,
                    code,
                    text,
                )
            else:
                box = format_html(
                    '<input type="text" name="{}__{}" id="{}" lang="{}" value="{}" size="40">',
                    name,
                    code,
                    box_id,
                    code,
                    text,
                )
            rows.append((box_id, language, code, box))
        if not rows:
            return format_html(
                '<p class="help">{}</p>',
                _("The community offers one language only: there is nothing to translate."),
            )
        return format_html(
            '<div class="translations">{}</div>',
            format_html_join(
                "",
                '<p><label for="{}">{} ({})</label><br>{}</p>',
                rows,
            ),
        )

    def value_from_datadict(self, data: Any, files: Any, name: str) -> dict[str, str]:
        prefix = f"{name}__"
        return {key[len(prefix) :]: data.get(key, "") for key in data if key.startswith(prefix)}

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        prefix = f"{name}__"
        return not any(key.startswith(prefix) for key in data)


class TranslationsFormField(forms.Field):
    widget = TranslationsWidget

    def __init__(
        self, *, max_length: int | None = None, multiline: bool = False, **kwargs: Any
    ) -> None:
        self.max_length = max_length
        kwargs.setdefault("widget", TranslationsWidget(multiline=multiline))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            return {}
        return {
            str(code).lower(): text.replace("\r\n", "\n").strip()
            for code, text in value.items()
            if isinstance(text, str) and text.strip()
        }

    def validate(self, value: dict[str, str]) -> None:
        super().validate(value)
        unknown = [code for code in value if code not in LANG_INFO]
        if unknown:
            raise ValidationError(
                _("%(codes)s is not a language code."), params={"codes": ", ".join(unknown)}
            )
        if self.max_length is not None:
            for code, text in value.items():
                if len(text) > self.max_length:
                    raise ValidationError(
                        _(
                            "The %(language)s words are %(length)s characters long; "
                            "please keep them to %(max)s or fewer."
                        ),
                        params={
                            "language": _language_name(code),
                            "length": len(text),
                            "max": self.max_length,
                        },
                    )

    def has_changed(self, initial: Any, data: Any) -> bool:
        return self.to_python(initial) != self.to_python(data)


class Translations(models.JSONField):
    """{language code: text}: the words of another column in other languages."""

    def __init__(
        self,
        *args: Any,
        max_length: int | None = None,
        multiline: bool = False,
        **kwargs: Any,
    ) -> None:
        self.text_max_length = max_length
        self.multiline = multiline
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        if self.text_max_length is not None:
            kwargs["max_length"] = self.text_max_length
        if self.multiline:
            kwargs["multiline"] = True
        return name, "core.vocabulary.Translations", args, kwargs

    def formfield(self, **kwargs: Any) -> Any:
        # Not JSONField's raw JSON box: one text box per language.
        return models.Field.formfield(
            self,
            **{
                "form_class": TranslationsFormField,
                "max_length": self.text_max_length,
                "multiline": self.multiline,
                "show_hidden_initial": False,
                **kwargs,
            },
        )


class InLanguage:
    """`entry.<attribute>`: the column `field` in the reader's language, from the
    `Translations` column `translations`, falling back to the column itself."""

    def __init__(self, field: str, translations: str) -> None:
        self.field = field
        self.translations = translations

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> InLanguage: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> str: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> InLanguage | str:
        if obj is None:
            return self
        return in_language(getattr(obj, self.field), getattr(obj, self.translations, None))
