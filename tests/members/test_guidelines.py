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
