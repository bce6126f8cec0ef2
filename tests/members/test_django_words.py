"""Django's own messages on our pages speak with Boomity's voice: tú, not usted."""

from __future__ import annotations

import pytest

from tests.conftest import page


@pytest.mark.django_db
def test_the_sign_up_page_speaks_to_a_peer_in_spanish(client):
    html = page(client.get("/accounts/signup/", HTTP_ACCEPT_LANGUAGE="es"))
    assert "Tu contraseña debe tener al menos 10 caracteres." in html
    assert "Su contraseña" not in html
    response = client.post(
        "/accounts/signup/",
        {"email": "x@example.org", "display_name": "L" * 35, "password1": "1234567890"},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    html = page(response)
    assert "Asegúrese" not in html and "Introduzca" not in html and "Escoja" not in html
    assert "Esta contraseña tiene solo números." in html
