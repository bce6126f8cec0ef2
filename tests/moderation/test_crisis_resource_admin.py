"""Staff say which languages a crisis resource answers in (the admin's crisis
resources page); /help/ puts those in a person's language first."""

from __future__ import annotations

import pytest
from django.contrib.admin import site
from django.utils import translation

from moderation.models import CrisisResource
from tests.conftest import page

FORM = {
    "name": "Línea de la Vida",
    "description": "Apoyo.",
    "phone": "800 000 0000",
    "text_number": "",
    "text_instructions": "",
    "web_url": "",
    "hours": "",
    "regions": "MX",
    "region_name": "México",
    "position": "5",
    "is_active": "on",
}


@pytest.mark.django_db
def test_staff_see_the_languages_field_explained(client, staff):
    client.force_login(staff)
    html = page(client.get("/admin/moderation/crisisresource/add/"))
    assert 'name="languages"' in html
    assert "Two-letter language codes separated by commas" in html


@pytest.mark.django_db
def test_staff_save_the_languages_a_resource_answers_in(client, staff):
    client.force_login(staff)
    response = client.post("/admin/moderation/crisisresource/add/", {**FORM, "languages": "es, en"})
    assert response.status_code == 302
    resource = CrisisResource.objects.get(name="Línea de la Vida")
    assert resource.language_codes == {"es", "en"}


@pytest.mark.django_db
def test_a_language_written_out_is_explained_not_saved(client, staff):
    client.force_login(staff)
    response = client.post(
        "/admin/moderation/crisisresource/add/", {**FORM, "languages": "Spanish, English"}
    )
    assert response.status_code == 200
    assert "Please write two-letter language codes separated by commas" in page(response)
    assert not CrisisResource.objects.filter(name="Línea de la Vida").exists()


@pytest.mark.django_db
def test_members_and_visitors_cannot_reach_the_page(client, alice):
    assert client.get("/admin/moderation/crisisresource/add/").status_code == 302
    client.force_login(alice)
    assert client.get("/admin/moderation/crisisresource/add/").status_code == 302
    assert not CrisisResource.objects.filter(name="Línea de la Vida").exists()


@pytest.mark.django_db
def test_the_list_names_the_languages_in_the_readers_language(client, staff):
    CrisisResource.objects.create(
        **{**FORM, "position": 5, "is_active": True, "languages": "es, en"}
    )
    client.force_login(staff)
    html = page(client.get("/admin/moderation/crisisresource/"))
    assert "English, Spanish" in html
    admin = site._registry[CrisisResource]
    resource = CrisisResource.objects.get(name="Línea de la Vida")
    with translation.override("es"):
        assert admin.languages_named(resource).lower() == "español, inglés"
