"""The default crisis phrases against corpora of our own, in English (crisis_corpus.py)
and in Spanish (crisis_corpus_es.py): what people write when they may be at risk is
heard, in either language, on any post; everyday idioms are not."""

from __future__ import annotations

import unicodedata

import pytest

from moderation.screening import (
    DEFAULT_CRISIS_PHRASES,
    DEFAULT_CRISIS_PHRASES_BY_LANGUAGE,
    ORDINARY_SAYINGS,
    find_crisis_language,
    normalize,
    phrase_pattern,
)
from tests.moderation import crisis_corpus, crisis_corpus_es

CORPORA = {"en": crisis_corpus, "es": crisis_corpus_es}
MUST_MATCH = [(lang, text) for lang, c in CORPORA.items() for text in c.MUST_MATCH]
MUST_NOT_MATCH = [(lang, text) for lang, c in CORPORA.items() for text in c.MUST_NOT_MATCH]


@pytest.mark.parametrize(("language", "minimum"), [("en", 40), ("es", 60)])
def test_the_corpora_are_big_and_varied_enough(language, minimum):
    corpus = CORPORA[language]
    assert len(corpus.MUST_MATCH) >= minimum
    assert len(set(corpus.MUST_MATCH)) == len(corpus.MUST_MATCH)
    assert len(corpus.MUST_NOT_MATCH) >= minimum
    assert len(set(corpus.MUST_NOT_MATCH)) == len(corpus.MUST_NOT_MATCH)


def test_each_default_phrase_is_written_once():
    # Whatever its capitals, apostrophes or accents, in whichever language's list.
    keys = [normalize(phrase).lower().replace("'", "") for phrase in DEFAULT_CRISIS_PHRASES]
    assert len(keys) == len(set(keys))


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "text"), MUST_MATCH)
def test_words_of_someone_at_risk_are_heard(language, text):
    assert find_crisis_language(text), text


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "text"), MUST_NOT_MATCH)
def test_everyday_sayings_are_not_taken_for_a_crisis(language, text):
    assert find_crisis_language(text) == [], text


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "text"), MUST_MATCH)
def test_each_language_is_heard_through_its_own_phrases(language, text):
    """The Spanish corpus isn't caught by an English word that happens to be in it (or
    the other way round): each list stands on its own."""
    own = set(DEFAULT_CRISIS_PHRASES_BY_LANGUAGE[language])
    assert own & set(find_crisis_language(text)), text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("I overdosed", "overdosed"),
        ("overdosing", "overdosing"),
        ("my suicidality", "suicidality"),
        ("self-harming", "self-harming"),
        ("self harming", "self-harming"),
        ("killing myself", "killing myself"),
        ("I feel like such a burden", "I feel like such a burden"),
        ("if I disappeared", "if I disappeared"),
        ("me quiero matar", "me quiero matar"),
        ("matarme", "matarme"),
        ("suicidas", "suicidas"),
        ("autolesiones", "auto-lesiones"),
        ("auto lesión", "auto-lesión"),
        ("autolesionándome", "auto-lesionándome"),
        ("quiero estar muerta", "quiero estar muerta"),
    ],
)
def test_each_word_form_is_its_own_phrase(text, phrase):
    assert phrase in find_crisis_language(text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "ya no aguanto más",  # as written
        "ya no aguanto mas",  # no accent
        "YA NO AGUANTO MÁS",
        unicodedata.normalize("NFD", "ya no aguanto más"),  # the accent as its own character
        "¿ya no aguanto más?",
        "¡¡ya no aguanto maaaás!!",
    ],
)
def test_accents_capitals_and_marks_do_not_hide_spanish(text):
    assert "ya no aguanto más" in find_crisis_language(text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    ["hacerme daño", "hacerme dano", "HACERME DAÑO", unicodedata.normalize("NFD", "hacerme daño")],
)
def test_an_n_with_a_tilde_is_heard_however_it_is_typed(text):
    assert find_crisis_language(text) == ["hacerme daño"]


@pytest.mark.django_db
def test_an_n_with_a_tilde_is_still_its_own_letter():
    """Taking accents off doesn't turn "ñ" into "n" in the text: a phrase written with
    "n" doesn't match a different word that has "ñ" ("pena" is not "peña")."""
    assert normalize("Mañana, año, PEÑA") == "Mañana, año, PEÑA"
    assert not phrase_pattern("pena").search(normalize("la peña del barrio"))
    assert phrase_pattern("peña").search(normalize("la pena del barrio"))  # typed without ñ


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "q sentido tiene vivir",
        "k sentido tiene vivir",
        "que sentido tiene vivir",
        "¿Qué sentido tiene vivir?",
    ],
)
def test_a_phones_short_forms_count_as_the_words(text):
    assert find_crisis_language(text) == ["qué sentido tiene vivir"]


@pytest.mark.django_db
def test_a_lone_short_form_matches_nothing():
    assert find_crisis_language("q tal? x cierto, d nada, pa mañana") == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "I cut myself off from everyone, and last night I cut myself again.",
        "Me corté el pelo, y anoche me volví a cortar.",
    ],
)
def test_an_everyday_saying_does_not_hide_crisis_words_beside_it(text):
    assert find_crisis_language(text)


@pytest.mark.django_db
def test_every_ordinary_saying_would_otherwise_match_a_default():
    """Each saying on the list is there because a default phrase sits inside it."""
    for saying in ORDINARY_SAYINGS:
        text = normalize(saying)
        assert any(phrase_pattern(p).search(text) for p in DEFAULT_CRISIS_PHRASES), saying


@pytest.mark.django_db
def test_a_phrase_staff_also_added_is_reported_once():
    from moderation.models import CrisisPhrase

    CrisisPhrase.objects.create(phrase="Overdosed")
    assert find_crisis_language("I overdosed") == ["overdosed"]


@pytest.mark.django_db
def test_a_staff_phrase_with_accents_matches_without_them_and_once():
    from moderation.models import CrisisPhrase

    CrisisPhrase.objects.create(phrase="ya no puedo más con mi vida")
    CrisisPhrase.objects.create(phrase="Autolesión")  # one of the defaults, as staff wrote it
    found = find_crisis_language("ya no puedo mas con mi vida, autolesion")
    assert "ya no puedo más con mi vida" in found
    assert len([p for p in found if normalize(p).lower().replace("-", "") == "autolesion"]) == 1
