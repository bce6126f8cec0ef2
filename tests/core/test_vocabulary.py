"""Staff-kept words in the reader's language (core/vocabulary.py): the lookup, its
fallbacks, and the admin's boxes, one per language."""

from __future__ import annotations

import pytest
from django.utils import translation

from core.vocabulary import (
    TranslationsFormField,
    TranslationsWidget,
    in_language,
    language_chain,
)
from tests.languages import LANGUAGES


def test_a_regional_language_falls_back_to_its_main_language():
    assert language_chain("es-MX") == ("es-mx", "es")
    assert language_chain("es") == ("es",)
    assert language_chain(None) == ()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "Duelo y pérdida"),
        ("es-mx", "Duelo y pérdida"),  # no Mexican Spanish: Spanish
        ("pt-br", "Luto e perda"),  # Brazilian Portuguese before Portuguese
        ("pt", "Luto"),
        ("fr", "Grief and loss"),  # nothing in French: the words as kept
        ("en", "Grief and loss"),
    ],
)
def test_the_readers_language_then_its_main_language_then_the_kept_words(language, expected):
    names = {"es": "Duelo y pérdida", "pt-br": "Luto e perda", "pt": "Luto"}
    assert in_language("Grief and loss", names, language) == expected
    with translation.override(language):
        assert in_language("Grief and loss", names) == expected


def test_an_empty_translation_is_no_translation():
    assert in_language("Sleep", {"es": ""}, "es") == "Sleep"
    assert in_language("Sleep", None, "es") == "Sleep"


def test_one_labelled_box_per_offered_language_and_none_for_the_main_one(settings):
    settings.LANGUAGES = LANGUAGES
    html = TranslationsWidget().render("names", {"es": "Sueño <b>"}, attrs={"id": "id_names"})
    assert 'name="names__es"' in html and 'name="names__fr"' in html
    assert 'name="names__en"' not in html
    assert '<label for="id_names_es">Español (es)</label>' in html
    assert 'value="Sueño &lt;b&gt;"' in html  # escaped, never raw
    assert 'lang="es"' in html


def test_a_language_no_longer_offered_keeps_its_box_so_nothing_is_lost(settings):
    settings.LANGUAGES = [("en", "English"), ("es", "Español")]
    html = TranslationsWidget().render("names", {"de": "Schlaf"})
    assert 'name="names__de"' in html and 'value="Schlaf"' in html


def test_the_boxes_come_back_as_one_mapping_without_empty_languages(settings):
    settings.LANGUAGES = LANGUAGES
    field = TranslationsFormField(max_length=10)
    data = field.widget.value_from_datadict(
        {"names__es": " Sueño ", "names__fr": "", "other": "x"}, {}, "names"
    )
    assert field.clean(data) == {"es": "Sueño"}
    assert not field.has_changed({"es": "Sueño"}, data)
    assert field.has_changed({}, data)


def test_words_too_long_for_their_column_are_refused_kindly(settings):
    settings.LANGUAGES = LANGUAGES
    field = TranslationsFormField(max_length=5)
    with pytest.raises(Exception, match="please keep them to 5 or fewer"):
        field.clean({"es": "Demasiado largo"})
    with pytest.raises(Exception, match="not a language code"):
        field.clean({"xx-nope": "Hola"})
