"""The community guidelines: staff write them in Community settings; members serves
them, since that is where the settings live."""

import pytest


@pytest.mark.django_db
def test_guidelines_are_public(client):
    response = client.get("/guidelines/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Community guidelines</h1>" in html
    assert 'name="robots"' not in html


@pytest.mark.django_db
def test_guidelines_refuse_writes(client):
    assert client.post("/guidelines/").status_code == 405


# --- In the reader's language (issue 13) -------------------------------------------


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0]


@pytest.mark.django_db
def test_the_shipped_guidelines_are_read_in_the_readers_language(client):
    from django.utils import translation

    from members import defaults

    with translation.override("es"):
        spanish = _first_line(str(defaults.GUIDELINES))
    english = _first_line(str(defaults.GUIDELINES))
    assert spanish != english, "the Spanish catalogue lacks the guidelines"
    # Made by a Spanish visitor's request, the row still keeps the community's English.
    html = client.get("/guidelines/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert spanish in html and english not in html
    html = client.get("/guidelines/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert english in html and spanish not in html


@pytest.mark.django_db
def test_guidelines_staff_wrote_are_shown_as_written_in_every_language(client):
    from members.models import CommunitySettings
    from members.models.community import forget_community_settings

    community = CommunitySettings.load()
    community.guidelines = "Be gentle. *Always.*"
    community.responding = "Say you read it."
    community.save()
    forget_community_settings()
    for language in ("es", "en"):
        html = client.get("/guidelines/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert "<p>Be gentle. <em>Always.</em></p>" in html
    assert CommunitySettings.load().responding_text == "Say you read it."


@pytest.mark.django_db
def test_how_to_respond_is_in_the_readers_language_while_unchanged():
    from django.utils import translation

    from members import defaults
    from members.models import CommunitySettings

    community = CommunitySettings.load()
    with translation.override("es"):
        assert community.responding_text == str(defaults.RESPONDING)
        assert community.responding_text != community.responding
