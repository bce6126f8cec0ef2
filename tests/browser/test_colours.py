"""Light or dark in a real browser: the member's choice wins over the device's, no script needed."""

from __future__ import annotations

import pytest

from members.models import Profile
from tests.browser.test_journeys import sign_in
from tests.factories import make_member

pytestmark = pytest.mark.django_db(transaction=True)

BACKGROUND = "getComputedStyle(document.body).backgroundColor"
LIGHT_BG, DARK_BG = "rgb(251, 250, 247)", "rgb(20, 26, 28)"


@pytest.mark.parametrize(
    ("device", "choice", "expected"),
    [
        ("light", "system", LIGHT_BG),
        ("dark", "system", DARK_BG),
        ("light", "dark", DARK_BG),
        ("dark", "light", LIGHT_BG),
    ],
)
def test_the_choice_wins_over_the_device(open_context, live_server, device, choice, expected):
    sam = make_member("Sam")
    Profile.objects.filter(user=sam).update(colour_scheme=choice)
    page = open_context(color_scheme=device, java_script_enabled=False).new_page()
    sign_in(page, live_server, sam.email)
    page.goto(live_server.url + "/guidelines/")
    assert page.evaluate(BACKGROUND) == expected
