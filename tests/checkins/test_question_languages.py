"""Check-in questions in the reader's language: the form, the member's history (where
the question is still worded as they answered it), staff's figures, and the admin."""

from __future__ import annotations

import pytest

from checkins import actions
from checkins.models import CheckInItem
from tests.conftest import count_queries, main_of
from tests.factories import checked_in
from tests.languages import read_in_languages

pytestmark = pytest.mark.django_db

FIRST_ES = (
    "¿Cuánta confianza sientes en poder seguir haciendo las cosas que te importan, "
    "incluso cuando tu salud mental las hace más difíciles?"
)


@pytest.fixture(autouse=True)
def _languages(settings):
    read_in_languages(settings)


@pytest.fixture
def opted_in(alice):
    actions.opt_in_to_check_ins(alice)
    return alice


def test_the_shipped_questions_are_in_spanish_too():
    items = list(CheckInItem.objects.asked())
    assert len(items) == 6 and all(item.texts.get("es") for item in items)
    assert items[0].texts["es"] == FIRST_ES


def test_a_spanish_reader_answers_the_questions_in_spanish(client, opted_in):
    client.force_login(opted_in)
    html = main_of(client.get("/check-in/new/", HTTP_ACCEPT_LANGUAGE="es"))
    assert FIRST_ES in html and "How confident do you feel that you can keep" not in html


def test_a_language_without_translations_reads_the_questions_as_kept(client, opted_in):
    client.force_login(opted_in)
    html = main_of(client.get("/check-in/new/", HTTP_ACCEPT_LANGUAGE="fr"))
    assert "How confident do you feel that you can keep doing" in html and "¿" not in html


def test_the_history_shows_the_question_in_spanish_while_it_is_worded_as_answered(client, opted_in):
    checked_in(opted_in)
    first = CheckInItem.objects.asked()[0]
    client.force_login(opted_in)
    assert FIRST_ES in main_of(client.get("/check-in/history/", HTTP_ACCEPT_LANGUAGE="es"))
    # Staff reword the question: what the member answered keeps the words they saw.
    worded_then = first.text
    first.text = "Something else entirely?"
    first.texts = {"es": "¿Algo completamente distinto?"}
    first.save()
    html = main_of(client.get("/check-in/history/", HTTP_ACCEPT_LANGUAGE="es"))
    assert worded_then in html and "Algo completamente distinto" not in html
    # A deleted question: the words kept with the answer.
    CheckInItem.objects.filter(pk=first.pk).delete()
    assert worded_then in main_of(client.get("/check-in/history/", HTTP_ACCEPT_LANGUAGE="es"))


def test_the_history_in_spanish_costs_no_query_more(client, opted_in):
    checked_in(opted_in, days_ago=30)
    checked_in(opted_in)
    client.force_login(opted_in)
    english = count_queries(client, "/check-in/history/")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    assert count_queries(client, "/check-in/history/") == english


def test_staff_write_each_question_in_each_offered_language(client, staff):
    item = CheckInItem.objects.create(text="How rested do you feel?", position=99)
    client.force_login(staff)
    url = f"/admin/checkins/checkinitem/{item.pk}/change/"
    assert 'name="texts__es"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "text": "How rested do you feel?",
            "texts__es": "¿Cuánto descanso sientes que tienes?",
            "texts__fr": "",
            "position": "99",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, main_of(response)[:2000]
    item.refresh_from_db()
    assert item.texts == {"es": "¿Cuánto descanso sientes que tienes?"}
