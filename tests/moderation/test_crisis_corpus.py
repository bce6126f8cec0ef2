"""The default crisis phrases against two corpora of our own (crisis_corpus.py): what
people write when they may be at risk is heard; everyday idioms are not."""

from __future__ import annotations

import pytest

from moderation.screening import DEFAULT_CRISIS_PHRASES, ORDINARY_SAYINGS, find_crisis_language
from tests.moderation.crisis_corpus import MUST_MATCH, MUST_NOT_MATCH


def test_the_corpora_are_big_and_varied_enough():
    assert len(MUST_MATCH) >= 40 and len(set(MUST_MATCH)) == len(MUST_MATCH)
    assert len(MUST_NOT_MATCH) >= 40 and len(set(MUST_NOT_MATCH)) == len(MUST_NOT_MATCH)
    # Each default phrase is written once, whatever its capitals or apostrophes.
    keys = [phrase.lower().replace("'", "") for phrase in DEFAULT_CRISIS_PHRASES]
    assert len(keys) == len(set(keys))


@pytest.mark.django_db
@pytest.mark.parametrize("text", MUST_MATCH)
def test_words_of_someone_at_risk_are_heard(text):
    assert find_crisis_language(text), text


@pytest.mark.django_db
@pytest.mark.parametrize("text", MUST_NOT_MATCH)
def test_everyday_sayings_are_not_taken_for_a_crisis(text):
    assert find_crisis_language(text) == [], text


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
    ],
)
def test_each_word_form_is_its_own_phrase(text, phrase):
    assert phrase in find_crisis_language(text)


@pytest.mark.django_db
def test_an_everyday_saying_does_not_hide_crisis_words_beside_it():
    text = "I cut myself off from everyone, and last night I cut myself again."
    assert find_crisis_language(text)


@pytest.mark.django_db
def test_every_ordinary_saying_would_otherwise_match_a_default():
    """Each saying on the list is there because a default phrase sits inside it."""
    from moderation.screening import phrase_pattern

    for saying in ORDINARY_SAYINGS:
        assert any(phrase_pattern(p).search(saying) for p in DEFAULT_CRISIS_PHRASES), saying


@pytest.mark.django_db
def test_a_phrase_staff_also_added_is_reported_once():
    from moderation.models import CrisisPhrase

    CrisisPhrase.objects.create(phrase="Overdosed")
    assert find_crisis_language("I overdosed") == ["overdosed"]
