"""When moderators are usually around, as staff set it — and what pages say about it.

/help/ and the message after a post with crisis language say what happens out of
hours (the crisis resources are the way to get help now), and promise no time
that staff didn't set.
"""

from __future__ import annotations

import html as html_module
from datetime import timedelta

import pytest
from django.db import connection
from django.template import engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from moderation import hours
from moderation.models import ModerationSettings
from tests.conftest import page as raw_page
from tests.factories import set_moderation
from tests.moderation.test_community_settings import SETTINGS, form_data
from tests.moderation.test_crisis_path import CRISIS_TEXT, panel, reply

ALWAYS = "Mon-Sun 00:00-24:00"


def page(response) -> str:
    """What a person reads: entities turned back into the characters they show."""
    return html_module.unescape(raw_page(response))


def not_today_nor_tomorrow() -> str:
    day = timezone.localtime(timezone.now(), hours.zone()) + timedelta(days=3)
    return f"{hours.DAY_NAMES[day.weekday()][:3]} 10:00-12:00"


# --- Staff set them ------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_set_moderation_hours_in_community_settings(client, staff):
    client.force_login(staff)
    html = page(client.get(SETTINGS))
    assert "When moderators are usually around" in html
    assert "This community's time zone: UTC." in html
    response = client.post(SETTINGS, form_data(moderation_hours="weekdays 9-17\nSat 10-13"))
    assert response.status_code == 302
    assert ModerationSettings.load().moderation_hours == "Mon-Fri 09:00-17:00\nSat 10:00-13:00"


@pytest.mark.django_db
def test_hours_staff_mistype_are_explained_and_nothing_is_saved(client, staff):
    client.force_login(staff)
    response = client.post(SETTINGS, form_data(moderation_hours="mornings", name="New name"))
    assert response.status_code == 200
    html = page(response)
    assert "We couldn't read “mornings”" in html and "mornings</textarea>" in html
    assert ModerationSettings.load().moderation_hours == ""


@pytest.mark.django_db
def test_moderators_cannot_change_the_hours(client, moderator):
    client.force_login(moderator)
    response = client.post(SETTINGS, form_data(moderation_hours=ALWAYS))
    assert response.status_code == 403
    assert ModerationSettings.load().moderation_hours == ""


# --- What /help/ says ---------------------------------------------------------------------


@pytest.mark.django_db
def test_help_promises_no_time_when_staff_set_none(client):
    html = page(client.get("/help/"))
    assert "The moderators read posts and flags when they're around" in html
    assert "usually around" not in html
    assert "the services above are the way to get it" in html


@pytest.mark.django_db
def test_help_says_when_moderators_are_around_and_what_happens_out_of_hours(client):
    set_moderation(moderation_hours=not_today_nor_tomorrow())
    html = page(client.get("/help/"))
    assert "The moderators are usually around" in html and "from 10:00 to 12:00 (UTC)" in html
    assert "They aren't usually around now: they're next around on " in html
    assert "Outside those hours, anything that needs a moderator waits until one is back." in html
    assert "If you need help now, the services above are the way to get it." in html
    set_moderation(moderation_hours=ALWAYS)
    html = page(client.get("/help/"))
    assert "every day from 00:00 to 24:00 (UTC). That's now" in html


# --- What the crisis message says -------------------------------------------------------


@pytest.mark.django_db
def test_out_of_hours_the_crisis_message_points_to_the_resources_now(client, thread, bob):
    set_moderation(moderation_hours=not_today_nor_tomorrow())
    client.force_login(bob)
    crisis_panel = panel(page(reply(client, thread, CRISIS_TEXT)))
    assert "The moderators aren't usually around at this time" in crisis_panel
    assert "so for help now, please use the services above." in crisis_panel
    assert "988" in crisis_panel.split("aren't usually around")[0]  # resources first


@pytest.mark.django_db
def test_the_crisis_message_promises_no_time_when_none_is_set(client, thread, bob):
    client.force_login(bob)
    crisis_panel = panel(page(reply(client, thread, CRISIS_TEXT)))
    assert "The moderators read posts when they're around" in crisis_panel
    assert "usually around" not in crisis_panel
    set_moderation(moderation_hours=ALWAYS)
    crisis_panel = panel(page(reply(client, thread, CRISIS_TEXT + " Again.")))
    assert "usually around at this time, but they aren't a crisis service" in crisis_panel


# --- For other apps' pages: a context processor ---------------------------------------------


@pytest.mark.django_db
def test_any_template_can_say_when_moderators_are_around(rf: RequestFactory):
    set_moderation(moderation_hours=ALWAYS)
    template = engines["django"].from_string("{{ moderation_hours.sentence }}")
    text = template.render({}, rf.get("/"))
    assert text == (
        "Moderators are usually around at this time: every day from 00:00 to 24:00 (UTC)."
    )


@pytest.mark.django_db
def test_a_template_that_doesnt_ask_costs_no_query(rf: RequestFactory):
    template = engines["django"].from_string("Hello")
    with CaptureQueriesContext(connection) as ctx:
        template.render({}, rf.get("/"))
    assert not [q for q in ctx.captured_queries if "moderationsettings" in q["sql"]]
