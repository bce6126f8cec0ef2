"""Moderators and staff carry a badge beside their name wherever they write as
themselves, so nobody can pass for them — and never on an anonymous post."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group

from forums import actions
from members.models import Profile, Role
from moderation.roles import MODERATORS, STAFF, sync_roles
from tests.conftest import count_queries, main_of
from tests.factories import make_board, make_member, make_peer_supporter, make_thread

MOD_BADGE = '<span class="badge badge--role">Moderator</span>'
STAFF_BADGE = '<span class="badge badge--role">Staff</span>'


def byline(html: str, name: str) -> str:
    """The header of the first post written by `name`."""
    for header in re.findall(r'<header class="post__header">.*?</header>', html, re.S):
        if f">{name}</a>" in header or f">{name}<" in header:
            return header
    raise AssertionError(f"no post by {name}")


@pytest.mark.django_db
def test_moderators_and_staff_carry_a_badge_on_their_posts(client, thread, alice, moderator, staff):
    actions.post_reply(thread=thread, author=moderator, body="Welcome, everyone.")
    actions.post_reply(thread=thread, author=staff, body="Hello from the team.")
    client.force_login(alice)
    html = main_of(client.get(thread.get_absolute_url()))
    assert MOD_BADGE in byline(html, "Mara")
    assert STAFF_BADGE in byline(html, "Sol")
    assert "badge--role" not in byline(html, "Alice")


@pytest.mark.django_db
def test_visitors_see_the_badges_too(client, public_board, moderator):
    thread = make_thread(public_board, moderator, title="House rules")
    assert MOD_BADGE in byline(main_of(client.get(thread.get_absolute_url())), "Mara")


@pytest.mark.django_db
def test_never_on_an_anonymous_post(client, alice, moderator):
    board = make_board("quiet", allow_anonymous=True)
    thread = make_thread(board, alice, title="A quiet thread")
    actions.post_reply(thread=thread, author=moderator, body="Just me.", anonymous=True)
    anon = make_thread(board, moderator, title="From nobody", anonymous=True)
    client.force_login(alice)
    for page in (thread.get_absolute_url(), anon.get_absolute_url(), f"/b/{board.slug}/"):
        html = main_of(client.get(page))
        assert "Anonymous member" in html
        assert "badge--role" not in html, page


@pytest.mark.django_db
def test_the_badge_is_in_lists_search_the_profile_and_the_directory(
    client, board, alice, moderator
):
    make_peer_supporter(moderator)  # so the directory lists them
    make_thread(board, moderator, title="Welcome thread", body="Welcome words here")
    client.force_login(alice)
    pages = (f"/b/{board.slug}/", "/latest/", "/search/?q=welcome", "/members/Mara/", "/members/")
    for url in pages:
        assert MOD_BADGE in main_of(client.get(url)), url


@pytest.mark.django_db
def test_the_badge_follows_the_groups(client, thread, alice):
    jo = make_member("Jo")
    actions.post_reply(thread=thread, author=jo, body="Hi")
    client.force_login(alice)
    assert "badge--role" not in main_of(client.get(thread.get_absolute_url()))
    moderators, staff = Group.objects.get(name=MODERATORS), Group.objects.get(name=STAFF)
    jo.groups.add(moderators)  # as the admin's user form does
    assert MOD_BADGE in byline(main_of(client.get(thread.get_absolute_url())), "Jo")
    staff.user_set.add(jo)  # from the group's side: staff comes first
    assert Profile.objects.get(user=jo).role == Role.STAFF
    jo.groups.clear()
    assert Profile.objects.get(user=jo).role == ""
    assert "badge--role" not in main_of(client.get(thread.get_absolute_url()))


@pytest.mark.django_db
def test_a_deleted_group_takes_its_badges_with_it(moderator):
    assert Profile.objects.get(user=moderator).role == Role.MODERATOR
    Group.objects.get(name=MODERATORS).delete()
    assert Profile.objects.get(user=moderator).role == ""


@pytest.mark.django_db
def test_after_migrate_every_badge_agrees_with_the_groups(moderator, alice):
    Profile.objects.filter(user=alice).update(role=Role.STAFF)  # out of step, somehow
    Profile.objects.filter(user=moderator).update(role="")
    sync_roles()
    assert Profile.objects.get(user=alice).role == ""
    assert Profile.objects.get(user=moderator).role == Role.MODERATOR


@pytest.mark.django_db
def test_staff_see_the_role_in_the_admin_but_cannot_type_it(client, staff, moderator):
    client.force_login(staff)
    profile = Profile.objects.get(user=moderator)
    html = client.get(f"/admin/members/profile/{profile.pk}/change/").content.decode()
    assert "Moderator" in html
    assert 'name="role"' not in html


@pytest.mark.django_db
def test_thread_page_queries_do_not_grow_with_badges(client, thread, alice, moderator):
    """Guards an N+1 of asking, post by post, whether its author runs the community."""
    client.force_login(alice)
    actions.post_reply(thread=thread, author=moderator, body="One")
    few = count_queries(client, thread.get_absolute_url())
    moderators = Group.objects.get(name=MODERATORS)
    for i in range(8):
        someone = make_member()
        someone.groups.add(moderators)
        actions.post_reply(thread=thread, author=someone, body=f"Post {i}")
    html = main_of(client.get(thread.get_absolute_url()))
    assert html.count(MOD_BADGE) == 9
    assert count_queries(client, thread.get_absolute_url()) == few
