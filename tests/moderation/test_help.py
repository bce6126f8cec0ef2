"""/help/: the crisis resources, for anyone, on every device, one tap from every page."""

from __future__ import annotations

import re

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext

from moderation.help import SHIPPED_WORDS, person_language, resources_for
from moderation.models import CrisisResource
from tests.conftest import count_queries, page
from tests.factories import set_moderation

NEED_HELP_LINK = re.compile(r'<a [^>]*href="/help/"[^>]*>\s*Need help now\?\s*</a>')


def header_links_to_help(html: str) -> bool:
    return bool(NEED_HELP_LINK.search(html.split("</header>")[0]))


def names(html: str) -> list[str]:
    """The services' names in the order shown, as stored: the shipped generic service is
    shown in the reader's language ("Tu número de emergencias local"), as its own test
    below checks; the order tests compare stored names."""
    with translation.override("es"):
        stored = {gettext(words): words for words in SHIPPED_WORDS}
    shown = [
        re.sub(r"\s+", " ", n).strip()
        for n in re.findall(r'<p class="resource__name">([^<]*)', html)
    ]
    return [stored.get(n, n) for n in shown]


@pytest.mark.django_db
def test_visitor_sees_the_help_page_without_signing_in_or_script(client):
    response = client.get("/help/")
    html = page(response)
    assert response.status_code == 200
    assert "<h1>Need help now?</h1>" in html
    # Works without JS: the only script is our small, deferred enhancement file.
    assert re.findall(r"<script[^>]*>", html.lower()) == ['<script src="/static/boomity.js" defer>']
    assert 'name="robots"' not in html  # people should be able to find it
    for name in ("Your local emergency number", "988 Suicide &amp; Crisis Lifeline", "Samaritans"):
        assert name in html


@pytest.mark.django_db
def test_help_page_refuses_other_methods(client, alice):
    client.force_login(alice)
    assert client.post("/help/").status_code == 405


@pytest.mark.django_db
def test_members_see_the_same_help_page(client, alice):
    client.force_login(alice)
    response = client.get("/help/")
    assert response.status_code == 200 and "Samaritans" in page(response)


@pytest.mark.django_db
def test_resources_have_tap_to_call_and_text_links(client):
    CrisisResource.objects.create(
        name="Crisis Text Line",
        description="Text with a trained volunteer.",
        text_number="741 741",
        text_instructions='Text "HOME" to this number.',
        regions="US",
        position=15,
    )
    html = page(client.get("/help/"))
    for link in (
        r'href="tel:988"[^>]*>Call 988<',
        r'href="sms:988"[^>]*>Text 988<',
        r'href="tel:116123"[^>]*>Call 116 123<',
        r'href="sms:741741"[^>]*>Text 741 741<',
    ):
        assert re.search(link, html), link
    assert "Text &quot;HOME&quot; to this number." in html
    assert 'href="https://www.samaritans.org/"' in html


@pytest.mark.django_db
def test_inactive_resources_are_not_shown(client):
    CrisisResource.objects.filter(name="Samaritans").update(is_active=False)
    html = page(client.get("/help/"))
    assert "Samaritans" not in html and "116 123" not in html
    assert "988 Suicide" in html


SPANISH_988 = "988 Línea de Prevención del Suicidio y Crisis"
LINE_024 = "Línea 024 de atención a la conducta suicida"
ESPERANZA = "Teléfono de la Esperanza"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en-GB,en;q=0.8",
            [
                "Mind Infoline",
                "Samaritans",
                "Your local emergency number",
                "988 Suicide & Crisis Lifeline",
                SPANISH_988,
                LINE_024,
                ESPERANZA,
            ],
        ),
        (
            "en-gb",
            [
                "Mind Infoline",
                "Samaritans",
                "Your local emergency number",
                "988 Suicide & Crisis Lifeline",
                SPANISH_988,
                LINE_024,
                ESPERANZA,
            ],
        ),
        (
            "en-US",
            [
                "988 Suicide & Crisis Lifeline",
                "Your local emergency number",
                SPANISH_988,
                "Mind Infoline",
                "Samaritans",
                LINE_024,
                ESPERANZA,
            ],
        ),
        (
            "",
            [
                "Your local emergency number",
                "Mind Infoline",
                "988 Suicide & Crisis Lifeline",
                "Samaritans",
                SPANISH_988,
                LINE_024,
                ESPERANZA,
            ],
        ),
    ],
)
def test_the_persons_country_first_then_everywhere_in_staffs_order(client, language, expected):
    CrisisResource.objects.create(
        name="Mind Infoline",
        description="Information and support.",
        phone="0300 123 3393",
        regions="GB",
        position=5,
    )
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    html = page(client.get("/help/", **headers)).replace("&amp;", "&")
    assert names(html) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # In Spain, in Spanish: Spain's lines, then the emergency number, then the lines
        # elsewhere that speak Spanish, then the rest.
        (
            "es-ES,es;q=0.9,en;q=0.5",
            [
                LINE_024,
                ESPERANZA,
                "Your local emergency number",
                SPANISH_988,
                "988 Suicide & Crisis Lifeline",
                "Samaritans",
            ],
        ),
        # In the US, in Spanish: 988 in Spanish, the emergency number, then 988 in English.
        (
            "es-US",
            [
                SPANISH_988,
                "Your local emergency number",
                "988 Suicide & Crisis Lifeline",
                LINE_024,
                ESPERANZA,
                "Samaritans",
            ],
        ),
        # In Spain, in English: the emergency number first (the local lines answer in
        # Spanish), then the local lines, then the English-speaking ones elsewhere.
        (
            "en-ES",
            [
                "Your local emergency number",
                LINE_024,
                ESPERANZA,
                "988 Suicide & Crisis Lifeline",
                "Samaritans",
                SPANISH_988,
            ],
        ),
        # Spanish, country unknown: the lines in Spanish before the others.
        (
            "es",
            [
                "Your local emergency number",
                SPANISH_988,
                LINE_024,
                ESPERANZA,
                "988 Suicide & Crisis Lifeline",
                "Samaritans",
            ],
        ),
    ],
)
def test_the_persons_language_and_country_first(client, language, expected):
    html = page(client.get("/help/", HTTP_ACCEPT_LANGUAGE=language)).replace("&amp;", "&")
    assert names(html) == expected


@pytest.mark.django_db
def test_a_language_the_person_picked_counts_over_their_browsers(client, alice):
    """Picked with the footer's switch (its cookie), or kept on a member's account: that
    language orders the list, not the browser's."""
    client.post("/language/", {"language": "es", "next": "/help/"})
    html = page(client.get("/help/", HTTP_ACCEPT_LANGUAGE="en-US"))
    assert names(html)[:3] == [
        SPANISH_988,
        "Your local emergency number",
        "988 Suicide &amp; Crisis Lifeline",
    ]
    assert names(page(client.get("/help/")))[:2] == ["Your local emergency number", SPANISH_988]
    alice.language = "es"
    alice.save(update_fields=["language"])
    client.cookies.clear()
    client.force_login(alice)
    html = page(client.get("/help/", HTTP_ACCEPT_LANGUAGE="en-US"))
    assert names(html)[:1] == [SPANISH_988]


@pytest.mark.django_db
def test_a_members_own_choice_wins_over_the_browser(alice):
    """A member who chose English for their account gets the lines in English first,
    even when their browser asks for Spanish first."""
    request = RequestFactory().get("/help/", HTTP_ACCEPT_LANGUAGE="es-ES")
    assert person_language(request) == "es"
    alice.language = "en"
    request.user = alice
    with translation.override("en"):
        assert person_language(request) == "en"
        ordered = [r.name for r in resources_for(request)]
    assert ordered.index("Your local emergency number") < ordered.index(LINE_024)


@pytest.mark.django_db
def test_the_browsers_language_counts_even_without_pages_in_it(client, settings):
    """A French browser on a community without French pages: the pages fall back to
    English, but a line that answers in French still comes first."""
    assert "fr" not in dict(settings.LANGUAGES)
    CrisisResource.objects.create(
        name="SOS Amitié", description="Écoute.", phone="09 72 39 40 50", languages="fr", position=9
    )
    response = client.get("/help/", HTTP_ACCEPT_LANGUAGE="fr-BE,fr;q=0.9")
    assert '<html lang="en"' in page(response)
    assert names(page(response))[0] == "SOS Amitié"


@pytest.mark.django_db
def test_a_resource_without_languages_answers_in_the_communitys_language(client, settings):
    CrisisResource.objects.create(
        name="Línea local", description="Apoyo.", phone="900 000 000", regions="ES", position=1
    )
    html = page(client.get("/help/", HTTP_ACCEPT_LANGUAGE="es-ES"))
    assert names(html).index("Línea local") > names(html).index(ESPERANZA)
    settings.LANGUAGE_CODE = "es"
    html = page(client.get("/help/", HTTP_ACCEPT_LANGUAGE="es-ES"))
    assert names(html)[0] == "Línea local"  # staff put it first, and it speaks Spanish now


@pytest.mark.django_db
def test_shipped_spanish_services_can_be_reached(client):
    html = page(client.get("/help/", HTTP_ACCEPT_LANGUAGE="es-ES"))
    # The page is in Spanish, its buttons too ("Llamar al 024").
    with translation.override("es"):
        call = gettext("Call %(phone)s")
    assert call != "Call %(phone)s"
    for link in (
        r'href="tel:024"[^>]*>' + re.escape(call % {"phone": "024"}) + "<",
        r'href="tel:717003717"[^>]*>' + re.escape(call % {"phone": "717 003 717"}) + "<",
        r'href="https://www.sanidad.gob.es/linea024/home.htm"',
        r'href="https://988lineadevida.org/"',
    ):
        assert re.search(link, html), link
    assert "enviar AYUDA a este número" in html


@pytest.mark.django_db
def test_staff_position_orders_resources_within_a_rank(client):
    CrisisResource.objects.filter(name="Samaritans").update(position=1)
    CrisisResource.objects.create(
        name="Shout", description="Text support.", text_number="85258", regions="GB", position=2
    )
    html = page(client.get("/help/", HTTP_ACCEPT_LANGUAGE="en-GB"))
    assert names(html)[:2] == ["Samaritans", "Shout"]


@pytest.mark.django_db
def test_help_page_queries_do_not_grow_with_resources(client):
    """Guards an N+1 of fetching resources (or their regions) one by one."""
    few = count_queries(client, "/help/")
    for i in range(12):
        CrisisResource.objects.create(
            name=f"Line {i}",
            description="Support.",
            phone=f"0800 000 {i:03}",
            regions="GB,IE",
            position=i,
        )
    assert count_queries(client, "/help/") == few


@pytest.mark.django_db
def test_every_page_header_links_to_help(client, thread, alice, silenced):
    visitor_pages = [
        "/",
        "/help/",
        "/guidelines/",
        "/accounts/login/",
        "/accounts/signup/",
        "/b/no-such-board/",
    ]
    for url in visitor_pages:
        response = client.get(url)
        assert header_links_to_help(page(response)), url
    client.force_login(alice)
    opening = thread.posts.get()
    member_pages = [
        "/",
        f"/b/{thread.board.slug}/",
        thread.get_absolute_url(),
        f"/t/{thread.pk}/reply/",
        f"/b/{thread.board.slug}/new/",
        f"/p/{opening.pk}/edit/",
        "/notifications/",
        "/account/blocked/",
        "/t/999999/x/",
    ]
    for url in member_pages:
        assert header_links_to_help(page(client.get(url))), url
    client.force_login(silenced)
    response = client.get(f"/t/{thread.pk}/reply/")
    assert response.status_code == 403
    assert header_links_to_help(page(response))


@pytest.mark.django_db
def test_suspended_member_still_finds_help(client, bob, moderator):
    from moderation.actions import suspend

    suspend(bob, by=moderator, reason="Cooling off.")
    client.force_login(bob)
    response = client.get("/")
    html = page(response)
    assert response.status_code == 403
    assert header_links_to_help(html)
    assert re.search(r'href="/help/"[^>]*>you can talk to someone now</a>', html)
    assert client.get("/help/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("setting", "said", "not_said"),
    [
        ("publish", "shared with the community as usual", "A moderator reads your post"),
        ("hold", "A moderator reads your post before others see it", "as usual"),
    ],
)
def test_help_says_truly_what_happens_to_a_post_with_crisis_language(
    client, setting, said, not_said
):
    set_moderation(crisis_post_behaviour=setting)
    html = page(client.get("/help/"))
    assert said in html and not_said not in html
    assert "the post stays up" in html


@pytest.mark.django_db
def test_help_says_truly_what_leave_quickly_cannot_do_and_what_can(client):
    """Leave quickly clears the screen, but no website can take pages out of the
    browser's history: the help page says so, and how to keep visits private."""
    html = page(client.get("/help/"))
    section = html.split('id="private-visits"')[1]
    assert "Leave quickly" in section
    assert "can't take" in section and "history" in section
    assert "private window" in section and "Incognito" in section
    assert "Clear browsing data" in section
    # The crisis help still comes first.
    assert html.index("Samaritans") < html.index('id="private-visits"')


@pytest.mark.django_db
def test_the_shipped_generic_service_is_read_in_the_readers_language(client):
    with translation.override("es"):
        local = gettext("Your local emergency number")
        what = gettext("24/7")
    assert local != "Your local emergency number"
    html = page(client.get("/help/", HTTP_ACCEPT_LANGUAGE="es-ES"))
    assert local in html and what in html and "Your local emergency number" not in html
    assert "Your local emergency number" in page(client.get("/help/", HTTP_ACCEPT_LANGUAGE="en"))
    # Words staff wrote themselves are shown as written, in every language.
    CrisisResource.objects.filter(name="Your local emergency number").update(name="Llama al 112")
    assert "Llama al 112" in page(client.get("/help/", HTTP_ACCEPT_LANGUAGE="en"))


@pytest.mark.django_db
def test_the_preferred_language_by_q_value_orders_the_services(client):
    """The page is in the language the browser prefers most; the services follow the
    same preference, not whichever tag happens to come first."""
    html = page(client.get("/help/", HTTP_ACCEPT_LANGUAGE="es-mx;q=0.9,en-gb;q=1"))
    assert 'lang="en"' in html
    assert names(html)[0] == "Samaritans"
