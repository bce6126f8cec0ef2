"""Lived experiences in the reader's language: the directory and its filter, the profile
form's choices, the admin where staff write each language, and the Spanish that ships."""

from __future__ import annotations

import pytest
from django.utils import translation

from members.models import CommunitySettings, Experience
from tests.conftest import count_queries, main_of
from tests.factories import experience, share
from tests.languages import read_in_languages

DIRECTORY = "/members/"
ADMIN = "/admin/members/experience/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _languages(settings):
    read_in_languages(settings)


def test_the_shipped_experiences_have_spanish_names_and_descriptions():
    grief = Experience.objects.get(slug="grief-and-loss")
    assert grief.names == {"es": "Duelo y pérdida"}
    assert grief.descriptions["es"].startswith("Echar de menos a alguien")
    assert all(e.names.get("es") for e in Experience.objects.filter(is_official=True))
    with translation.override("es"):
        assert grief.local_name == str(grief) == "Duelo y pérdida"
    with translation.override("en"):
        assert grief.local_name == str(grief) == "Grief and loss"


def test_a_spanish_reader_filters_the_directory_in_spanish(client, alice, bob):
    share(bob, "Grief and loss", "Anxiety")
    client.force_login(alice)
    html = main_of(
        client.get(DIRECTORY, {"experience": "grief-and-loss"}, HTTP_ACCEPT_LANGUAGE="es")
    )
    assert '<option value="grief-and-loss" selected>Duelo y pérdida</option>' in html
    assert '<option value="anxiety">Ansiedad</option>' in html
    assert "“Duelo y pérdida”" in html  # the heading
    # Bob's experiences beside his name, in Spanish; the addresses stay as they are.
    assert '<a class="experience" href="/members/?experience=anxiety">Ansiedad</a>' in html
    assert "Grief and loss" not in html and "Anxiety" not in html


def test_the_filter_reads_alphabetically_in_the_readers_language(client, alice):
    client.force_login(alice)
    html = main_of(client.get(DIRECTORY, HTTP_ACCEPT_LANGUAGE="es"))
    # Loneliness before Substance use recovery in English; in Spanish "Recuperación del
    # consumo de sustancias" comes before "Soledad".
    assert html.index(">Recuperación del consumo de sustancias<") < html.index(">Soledad<")
    english = main_of(client.get(DIRECTORY, HTTP_ACCEPT_LANGUAGE="en"))
    assert english.index(">Loneliness<") < english.index(">Substance use recovery<")


def test_a_language_without_translations_reads_the_words_as_kept(client, alice, bob):
    share(bob, "Grief and loss")
    client.force_login(alice)
    html = main_of(
        client.get(DIRECTORY, {"experience": "grief-and-loss"}, HTTP_ACCEPT_LANGUAGE="fr")
    )
    assert '<option value="grief-and-loss" selected>Grief and loss</option>' in html
    assert "Duelo" not in html


def test_regional_spanish_reads_spanish(client, alice, bob):
    share(bob, "Anxiety")
    client.force_login(alice)
    html = main_of(client.get(DIRECTORY, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9"))
    assert ">Ansiedad</a>" in html


def test_reading_in_spanish_costs_no_query_more(client, alice, bob):
    share(bob, "Grief and loss", "Anxiety")
    client.force_login(alice)
    url = DIRECTORY + "?experience=anxiety"
    english = count_queries(client, url)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    assert count_queries(client, url) == english
    assert "Ansiedad" in client.get(url).content.decode()


def test_the_profile_form_offers_each_experience_in_the_readers_language(client, alice):
    client.force_login(alice)
    html = client.get("/account/profile/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Duelo y pérdida — Echar de menos a alguien" in html
    assert "Grief and loss" not in html


def test_staff_write_the_name_in_each_offered_language(client, staff):
    sleep = experience("Sleep problems", description="Nights that feel too long.")
    client.force_login(staff)
    form = client.get(f"{ADMIN}{sleep.pk}/change/").content.decode()
    assert 'name="names__es"' in form and 'name="names__fr"' in form
    assert 'name="descriptions__es"' in form and 'name="names__en"' not in form
    response = client.post(
        f"{ADMIN}{sleep.pk}/change/",
        {
            "name": "Sleep problems",
            "slug": sleep.slug,
            "description": "Nights that feel too long.",
            "names__es": "Problemas de sueño",
            "names__fr": "",
            "descriptions__es": "Noches que se hacen demasiado largas.",
            "is_official": "on",
            "synonyms-TOTAL_FORMS": "0",
            "synonyms-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, main_of(response)[:3000]
    sleep.refresh_from_db()
    assert sleep.names == {"es": "Problemas de sueño"}
    assert sleep.descriptions == {"es": "Noches que se hacen demasiado largas."}
    assert sleep.slug == "sleep-problems"  # the address stays
    again = client.get(f"{ADMIN}{sleep.pk}/change/").content.decode()
    assert 'value="Problemas de sueño"' in again


def test_the_welcome_ships_in_spanish_too():
    from members import defaults

    community = CommunitySettings.load()
    with translation.override("es"):
        spanish = str(defaults.WELCOME)  # the catalogue's
    assert spanish != community.welcome and community.welcomes == {"es": spanish}
    with translation.override("es"):
        assert community.local_welcome_html.startswith("<p>Aquí, personas")
    with translation.override("fr"):
        assert community.local_welcome_html == community.welcome_html


def test_staff_edit_the_welcome_per_language_and_it_is_rendered_on_save(client, staff):
    client.force_login(staff)
    form = client.get("/admin/members/communitysettings/").content.decode()
    assert 'name="welcomes__es"' in form
    assert CommunitySettings.load().welcomes["es"].split()[0] in form
    community = CommunitySettings.load()
    community.welcomes = {"es": "Hola, **bienvenida** <script>x</script>"}
    community.save(update_fields=["welcomes"])
    community.refresh_from_db()
    assert "<strong>bienvenida</strong>" in community.welcomes_html["es"]
    assert "<script>" not in community.welcomes_html["es"]


def test_an_existing_community_that_kept_the_shipped_welcome_gets_it_in_spanish():
    """The data migration, on a row made before there were translations: the Spanish
    comes from the catalogue, as for a new community."""
    import importlib

    from django.apps import apps

    from members import defaults

    CommunitySettings.objects.update_or_create(
        pk=1, defaults={"welcome": str(defaults.WELCOME), "welcomes": {}}
    )
    importlib.import_module("members.migrations.0027_spanish_defaults").add_spanish(apps, None)
    row = CommunitySettings.objects.get(pk=1)
    with translation.override("es"):
        assert row.welcomes["es"] == str(defaults.WELCOME) != row.welcome
    assert row.welcomes_html["es"].startswith("<p>Aquí")
    assert "fr" not in row.welcomes  # no French catalogue: the welcome as kept
