"""moderation/migrations/0012_crisis_resource_languages.py: crisis resources gain the
languages they answer in; the shipped ones say theirs, and real Spanish-speaking
services join Boomity's list — never a list staff replaced with their own."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from moderation.models import CrisisResource

MIGRATION = "0012_crisis_resource_languages"
module = importlib.import_module(f"moderation.migrations.{MIGRATION}")
SPANISH = [resource["name"] for resource in module.SPANISH_RESOURCES]


def run_data_migration():
    state = MigrationExecutor(connection).loader.project_state(("moderation", MIGRATION))
    module.add_languages(state.apps, None)


def test_the_migration_adds_the_field_before_filling_it():
    operations = module.Migration.operations
    assert operations[0].__class__.__name__ == "AddField"
    assert (operations[0].model_name, operations[0].name) == ("crisisresource", "languages")
    assert operations[1].__class__.__name__ == "RunPython"


@pytest.mark.django_db
def test_shipped_services_get_their_languages_and_spanish_services_join_once():
    # As a community that still uses Boomity's list was before this migration.
    CrisisResource.objects.filter(name__in=SPANISH).delete()
    CrisisResource.objects.update(languages="")

    run_data_migration()
    run_data_migration()  # and again: nothing twice

    languages = dict(CrisisResource.objects.values_list("name", "languages"))
    assert languages == {
        "Your local emergency number": "",
        "988 Suicide & Crisis Lifeline": "en",
        "Samaritans": "en",
        "988 Línea de Prevención del Suicidio y Crisis": "es",
        "Línea 024 de atención a la conducta suicida": "es",
        "Teléfono de la Esperanza": "es",
    }
    line_024 = CrisisResource.objects.get(phone="024")
    assert (line_024.regions, line_024.web_url) == (
        "ES",
        "https://www.sanidad.gob.es/linea024/home.htm",
    )


@pytest.mark.django_db
def test_a_list_staff_made_their_own_is_left_as_it_is():
    CrisisResource.objects.all().delete()
    CrisisResource.objects.create(
        name="Lifeline Australia", description="Crisis support.", phone="13 11 14", regions="AU"
    )

    run_data_migration()

    assert list(CrisisResource.objects.values_list("name", "languages")) == [
        ("Lifeline Australia", "")
    ]


@pytest.mark.django_db
def test_a_service_staff_already_added_is_not_added_again():
    CrisisResource.objects.filter(name__in=SPANISH).delete()
    CrisisResource.objects.update(languages="")
    CrisisResource.objects.create(
        name="024", description="Línea.", phone="024", regions="ES", languages="es"
    )

    run_data_migration()

    assert CrisisResource.objects.filter(phone="024").count() == 1
    assert CrisisResource.objects.filter(name="Teléfono de la Esperanza").exists()
