"""Staff's figures name lived experiences and check-in questions in the reader's
language, and cost no query more for a reader of the community's main language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from boomity.figures import checkins as checkin_figures
from boomity.figures import health as figures
from boomity.figures.health import Period
from checkins.models import CheckInItem
from forums.models import Post
from members.actions import update_profile
from members.models import Experience
from tests.factories import make_board, make_member, make_thread
from tests.languages import LANGUAGES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _languages(settings):
    settings.LANGUAGES = LANGUAGES


def test_the_breakdown_by_lived_experience_names_them_in_the_readers_language():
    anxiety = Experience.objects.get(name="Anxiety")
    board = make_board()
    when = datetime.now(UTC) - timedelta(days=2)
    for i in range(11):
        member = make_member(f"Shows{i}")
        update_profile(member.profile, experiences=[anxiety], shown=[anxiety], bio="")
        Post.objects.filter(thread=make_thread(board, member)).update(created_at=when)

    def labels(language):
        with translation.override(language), CaptureQueriesContext(connection) as ctx:
            figure = figures.breakdown(Period.ending(days=30), figures.by_experience())
        return [row.label for row in figure.rows], len(ctx)

    spanish, spanish_queries = labels("es")
    english, english_queries = labels("en")
    assert spanish == ["Ansiedad"] and english == ["Anxiety"]
    assert labels("fr")[0] == ["Anxiety"]
    assert spanish_queries == english_queries + 1  # the names' translations, once


def test_the_check_in_figures_ask_the_questions_in_the_readers_language():
    first = CheckInItem.objects.asked()[0]
    with translation.override("es"):
        text = " ".join(str(f.__dict__) for f in checkin_figures.figures(84))
    assert first.texts["es"] in text
