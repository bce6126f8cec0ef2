"""Content warnings, topics, lived experiences and the welcome in the reader's language on
the forums' pages: the thread, lists, topic pages, a member's profile, the posting form,
the home page. Posts keep a warning's label; only the words shown change."""

from __future__ import annotations

import re

import pytest

from forums.models import ContentWarning, Post, Topic
from tests.conftest import count_queries, main_of, page
from tests.factories import make_thread, share
from tests.languages import read_in_languages

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _languages(settings):
    read_in_languages(settings)


@pytest.fixture
def hard_thread(board, alice):
    thread = make_thread(
        board, alice, title="Getting through", body="Still here.", content_warning="self-harm"
    )
    thread.topics.add(Topic.objects.get(slug="sleep"))
    return thread


def test_a_thread_with_a_warning_reads_it_in_spanish(client, bob, hard_thread):
    client.force_login(bob)
    html = main_of(client.get(hard_thread.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es"))
    assert "autolesiones" in html and "self-harm" not in html.replace('value="self-harm"', "")
    # What the warning's mute button posts stays the label posts keep.
    assert 'name="label" value="self-harm"' in html
    assert '<a class="topic-chip" href="/topics/sleep/">Sueño</a>' in html
    assert Post.objects.get(thread=hard_thread, number=1).thread.content_warning == "self-harm"


def test_a_reply_with_its_own_warning_reads_it_in_spanish(client, bob, hard_thread):
    client.force_login(bob)
    client.post(f"/t/{hard_thread.pk}/reply/", {"body": "Me too.", "content_warning": "suicide"})
    html = main_of(client.get(hard_thread.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es"))
    assert "suicidio" in html


def test_a_language_without_translations_reads_the_label_as_kept(client, bob, hard_thread):
    client.force_login(bob)
    html = main_of(client.get(hard_thread.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr"))
    assert "self-harm" in html and "autolesiones" not in html
    assert ">Sleep</a>" in html


def test_lists_show_the_warning_in_the_readers_language(client, bob, board, hard_thread):
    client.force_login(bob)
    listed = main_of(client.get(board.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es"))
    assert "autolesiones" in listed
    topic = main_of(client.get("/topics/sleep/", HTTP_ACCEPT_LANGUAGE="es"))
    assert "autolesiones" in topic and "<h1>Sueño</h1>" in topic
    assert "Noches en vela" in topic
    profile = main_of(client.get("/members/Alice/", HTTP_ACCEPT_LANGUAGE="es"))
    assert "autolesiones" in profile


def test_a_visitor_with_a_spanish_browser_reads_spanish(client, public_board, alice):
    thread = make_thread(public_board, alice, title="Hello", content_warning="grief and loss")
    html = main_of(client.get(thread.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9"))
    assert "duelo y pérdida" in html
    home = page(client.get("/", HTTP_ACCEPT_LANGUAGE="es"))
    from members.models import CommunitySettings

    community = CommunitySettings.load()
    assert community.welcomes_html["es"] in home  # the catalogue's Spanish, kept on the row
    assert "Here, people who have lived through" not in home
    english = page(client.get("/", HTTP_ACCEPT_LANGUAGE="en"))
    assert "Here, people who have lived through" in english


def test_the_topic_list_reads_in_spanish_in_spanish_order(client, bob):
    client.force_login(bob)
    html = main_of(client.get("/topics/", HTTP_ACCEPT_LANGUAGE="es"))
    assert '<a href="/topics/coping-ideas/">Ideas para sobrellevarlo</a>' in html
    # "Autocuidado" (Self-care) comes before "Buenas noticias" (Good news) in Spanish.
    assert html.index(">Autocuidado<") < html.index(">Buenas noticias<")
    assert "Coping ideas" not in html


def test_the_board_filters_by_topic_in_the_readers_language(client, bob, board, hard_thread):
    client.force_login(bob)
    html = main_of(
        client.get(board.get_absolute_url(), {"topic": "sleep"}, HTTP_ACCEPT_LANGUAGE="es")
    )
    assert '<option value="sleep" selected>Sueño</option>' in html


def test_the_posting_form_offers_warnings_and_topics_in_spanish(client, bob, board):
    client.force_login(bob)
    html = page(client.get(f"/b/{board.slug}/new/", HTTP_ACCEPT_LANGUAGE="es"))
    select = re.search(r'<select name="content_warning".*?</select>', html, re.S)
    assert select and '<option value="self-harm">autolesiones</option>' in select.group()
    assert "Ideas para sobrellevarlo" in html


def test_a_reply_form_names_the_threads_warning_in_spanish(client, bob, hard_thread):
    client.force_login(bob)
    html = page(client.get(hard_thread.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es"))
    assert "(autolesiones)" in html


def test_a_members_profile_shows_their_experiences_in_spanish(client, alice, bob):
    share(alice, "Grief and loss")
    client.force_login(bob)
    html = main_of(client.get("/members/Alice/", HTTP_ACCEPT_LANGUAGE="es"))
    assert ">Duelo y pérdida</a>" in html and "Echar de menos a alguien" in html
    own = main_of(client.get("/members/Bob/", HTTP_ACCEPT_LANGUAGE="es"))
    assert "Duelo" not in own


@pytest.mark.parametrize("url", ["thread", "board", "topic", "profile"])
def test_reading_in_spanish_costs_no_query_more(client, alice, bob, board, hard_thread, url):
    share(alice, "Grief and loss")
    make_thread(board, alice, title="Another", content_warning="trauma")
    address = {
        "thread": hard_thread.get_absolute_url(),
        "board": board.get_absolute_url(),
        "topic": "/topics/sleep/",
        "profile": "/members/Alice/",
    }[url]
    client.force_login(bob)
    english = count_queries(client, address)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    assert count_queries(client, address) == english


def test_staff_translate_a_warning_and_readers_see_it_at_once(client, staff, bob, hard_thread):
    warning = ContentWarning.objects.get(label="self-harm")
    client.force_login(bob)
    assert "autolesiones" in page(
        client.get(hard_thread.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es")
    )
    client.force_login(staff)
    url = f"/admin/forums/contentwarning/{warning.pk}/change/"
    assert 'name="names__es"' in page(client.get(url))
    response = client.post(
        url,
        {
            "label": "self-harm",
            "names__es": "hacerse daño",
            "names__fr": "automutilation",
            "position": "10",
        },
    )
    assert response.status_code == 302, main_of(response)[:2000]
    client.force_login(bob)
    assert "hacerse daño" in page(
        client.get(hard_thread.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es")
    )
    assert "automutilation" in page(
        client.get(hard_thread.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    )


def test_staff_translate_a_topic_in_the_admin(client, staff):
    topic = Topic.objects.create(name="Pets", slug="pets", description="Animals who help.")
    client.force_login(staff)
    response = client.post(
        f"/admin/forums/topic/{topic.pk}/change/",
        {
            "name": "Pets",
            "slug": "pets",
            "description": "Animals who help.",
            "names__es": "Mascotas",
            "descriptions__es": "Animales que ayudan.",
        },
    )
    assert response.status_code == 302, main_of(response)[:2000]
    topic.refresh_from_db()
    assert topic.names == {"es": "Mascotas"} and topic.slug == "pets"
    html = main_of(client.get("/topics/pets/", HTTP_ACCEPT_LANGUAGE="es"))
    assert "<h1>Mascotas</h1>" in html and "Animales que ayudan." in html


def test_the_shipped_warnings_and_topics_have_spanish():
    assert all(w.names.get("es") for w in ContentWarning.objects.all())
    assert all(t.names.get("es") and t.descriptions.get("es") for t in Topic.objects.all())


def test_a_member_who_chose_spanish_reads_spanish_whatever_their_browser(client, bob, hard_thread):
    bob.language = "es"
    bob.save(update_fields=["language"])
    client.force_login(bob)
    html = main_of(client.get(hard_thread.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en"))
    assert "autolesiones" in html and ">Sueño</a>" in html


def test_staff_write_the_tagline_per_language(client):
    from members.models import CommunitySettings

    community = CommunitySettings.load()
    community.tagline = "Our own words."
    community.taglines = {"es": "Nuestras propias palabras."}
    community.save()
    assert "Nuestras propias palabras." in page(client.get("/", HTTP_ACCEPT_LANGUAGE="es"))
    assert "Our own words." in page(client.get("/", HTTP_ACCEPT_LANGUAGE="fr"))
