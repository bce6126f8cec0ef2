"""A Spanish-speaking newcomer on a phone with a Spanish browser (issue 13, "Done when").

They join, confirm their address, read the guidelines, post, write words of crisis in
Spanish and see the help in Spanish first, on screen, then get a notification e-mail in
Spanish. Every word the test looks for is read from the Spanish catalogue, so the test
fails if a page falls back to English — and it checks the catalogue really differs.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from forums import actions
from forums.models import Thread
from forums.views import crisis_message
from members import mail
from members.models import CommunitySettings, EmailFrequency, User
from members.models.community import defaults
from moderation.models import CrisisResource
from tests.browser.conftest import Page, expect
from tests.browser.test_journeys import VERIFY_LINK
from tests.factories import PASSWORD, make_board, make_member
from tests.moderation.crisis_corpus_es import MUST_MATCH

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

SPANISH_PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
    "locale": "es-ES",
}


def es(message: str) -> str:
    """The Spanish words for an English message, from the shipped catalogue."""
    with translation.override("es"):
        words = gettext(message)
    assert words != message, f"{message!r} has no Spanish translation"
    return words


@pytest.fixture(autouse=True)
def _email_links_match_the_live_server(settings):
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"


def on_screen(page: Page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844


def test_a_spanish_newcomer_joins_posts_and_gets_help_in_spanish(
    open_context, live_server, mailoutbox
):
    board = make_board(name="Dormir y descansar")
    lucia_reader = make_member("Sol")
    CommunitySettings.load()

    page = open_context(**SPANISH_PHONE).new_page()

    # 1. Join, from a Spanish page.
    page.goto(live_server.url)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("link", name=es("Join the community")).first.click()
    page.get_by_label(es("E-mail address")).fill("lucia@example.org")
    page.get_by_label(es("Display name")).fill("Lucía")
    page.get_by_label(es("Password"), exact=True).fill(PASSWORD)
    page.get_by_label(es("I have read and accept the community guidelines")).check()
    page.get_by_role("button", name=es("Join")).click()
    expect(page).not_to_have_url(re.compile(r"/signup/"))
    lucia = User.objects.filter(email="lucia@example.org").first()
    assert lucia is not None
    assert lucia.language == "es"

    # The confirmation e-mail is in Spanish too.
    confirm = mailoutbox[-1]
    link = VERIFY_LINK.search(confirm.body)
    assert link, confirm.body
    page.goto(link.group(0))
    page.get_by_role("button", name=es("Confirm my address")).click()
    expect(page).to_have_url(re.compile(r"/welcome/$"))

    # 2. The guidelines, in Spanish.
    page.goto(live_server.url + "/guidelines/")
    expect(page.locator("main")).to_contain_text(es(str(defaults.GUIDELINES)).split("\n")[0])

    # 3. A first thread.
    page.goto(live_server.url + board.get_absolute_url())
    page.get_by_role("link", name=es("Start a thread")).click()
    page.get_by_label(es("Title")).fill("Hola, soy nueva")
    page.get_by_label(es("Your message")).fill("Hola. Hace semanas que duermo mal.")
    page.get_by_role("button", name=es("Post thread")).click()
    expect(page.get_by_role("heading", name="Hola, soy nueva", level=1)).to_be_visible()
    thread = Thread.objects.get(title="Hola, soy nueva")

    # 4. Words of crisis, in Spanish: the help comes first, in Spanish, on screen.
    page.get_by_label(es("Your reply")).fill(MUST_MATCH[0])
    page.get_by_role("button", name=es("Post reply")).click()
    with translation.override("es"):
        kind_words = crisis_message()
    heading = page.get_by_role("heading", name=kind_words)
    expect(heading).to_be_visible()
    assert on_screen(page, heading), "the help is not on screen after posting"
    spanish_first = CrisisResource.objects.filter(regions="ES", languages="es").first()
    assert spanish_first is not None
    panel = page.locator(".crisis-panel")
    expect(panel).to_contain_text(spanish_first.name)
    first_resource = panel.locator("li").first
    expect(first_resource).to_contain_text(re.compile(r"024|Esperanza"))

    # 5. Someone replies; the notification e-mail is in Spanish.
    lucia.profile.email_frequency = EmailFrequency.DAILY
    lucia.profile.save(update_fields=["email_frequency"])
    actions.post_reply(thread=thread, author=lucia_reader, body="Bienvenida, aquí estamos.")
    mailoutbox.clear()
    mail.send_digest(lucia.pk, EmailFrequency.DAILY)
    assert mailoutbox, "no e-mail about the reply"
    with translation.override("es"):
        expected = str(mail.DIGEST_SUBJECTS[EmailFrequency.DAILY])
    assert expected in mailoutbox[-1].subject, mailoutbox[-1].subject
    body = mailoutbox[-1].body
    assert es("Hello,") in body and es("All your notifications:") in body, body
    # The reply itself is told in Spanish: "Sol respondió en “Hola, soy nueva”."
    with translation.override("es"):
        told = lucia.notifications.get().message
    assert "Hola, soy nueva" in told and told in body, body
