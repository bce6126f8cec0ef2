"""Post history: every edit keeps the version before it, for moderators only; erasure
takes the versions with the post (forums.models.PostVersion, forums.actions.keep_version)."""

from __future__ import annotations

import pytest

from core.privacy import erase_member, export_member
from forums import actions
from forums.models import PostVersion
from tests.conftest import page

REPLY_BODY = "My first *words*, before I thought again."


@pytest.mark.django_db
def test_the_authors_edit_keeps_the_words_before_it(client, thread, reply, bob):
    client.force_login(bob)
    client.post(f"/p/{reply.pk}/edit/", {"body": "Second thoughts."})
    client.post(f"/p/{reply.pk}/edit/", {"body": "Third thoughts."})
    versions = list(reply.versions.all())  # newest first
    assert [v.body for v in versions] == ["Second thoughts.", REPLY_BODY]
    assert versions[1].body_html.startswith("<p>My first <em>words</em>")
    assert all(v.replaced_by == bob and not v.by_moderator for v in versions)
    assert versions[1].written_at == reply.created_at


@pytest.mark.django_db
def test_an_opening_posts_version_keeps_the_title_and_warning(client, thread, alice):
    opening = thread.posts.get(number=1)
    client.force_login(alice)
    client.post(
        f"/p/{opening.pk}/edit/",
        {"title": "Sleep and worry", "body": "Updated", "content_warning": ""},
    )
    version = opening.versions.get()
    assert version.title == "Sleep when anxious"
    assert version.body == "Does anyone else lie awake?"


@pytest.mark.django_db
def test_a_moderators_edit_keeps_the_words_before_it(reply, moderator):
    actions.rewrite_post(post=reply, body="Kinder words.", by=moderator)
    version = reply.versions.get()
    assert version.body == REPLY_BODY and version.by_moderator and version.replaced_by == moderator


@pytest.mark.django_db
def test_a_refused_edit_keeps_no_version(client, reply, bob):
    client.force_login(bob)
    client.post(f"/p/{reply.pk}/edit/", {"body": ""})
    assert not PostVersion.objects.exists()


@pytest.mark.django_db
def test_members_never_see_earlier_versions(client, thread, reply, bob, alice):
    client.force_login(bob)
    client.post(f"/p/{reply.pk}/edit/", {"body": "Second thoughts."})
    for viewer in (bob, alice):
        client.force_login(viewer)
        for address in (thread.get_absolute_url(), "/members/Bob/", "/search/?q=first"):
            html = page(client.get(address, follow=True))
            assert "My first" not in html, (viewer, address)
    assert "My first" not in str(export_member(bob))


@pytest.mark.django_db
@pytest.mark.parametrize("remove_posts", [True, False])
def test_erasure_takes_the_versions_with_the_posts(client, reply, bob, moderator, remove_posts):
    client.force_login(bob)
    client.post(f"/p/{reply.pk}/edit/", {"body": "Second thoughts."})
    actions.rewrite_post(post=reply, body="Kinder words.", by=moderator)
    assert reply.versions.count() == 2
    erase_member(bob, remove_posts=remove_posts)
    assert not PostVersion.objects.exists()


@pytest.mark.django_db
def test_versions_go_when_the_post_goes(reply, bob):
    actions.edit_post(post=reply, body="Second thoughts.")
    reply.thread.delete()
    assert not PostVersion.objects.exists()
