"""Supportive reactions: toggled, counted, never a downvote."""

import pytest

from forums import actions
from forums.models import Reaction
from members.models import Block
from moderation.actions import silence
from tests.conftest import count_queries
from tests.factories import make_member


@pytest.fixture
def post(thread):
    return thread.posts.get(number=1)  # by Alice


def react(client, post, kind="support", json=False):
    headers = {"HTTP_ACCEPT": "application/json"} if json else {}
    return client.post(f"/p/{post.pk}/react/", {"kind": kind}, **headers)


@pytest.mark.django_db
def test_a_member_sends_support_and_can_take_it_back(client, post, bob):
    client.force_login(bob)
    response = react(client, post)
    assert response.status_code == 302 and response.url == post.notice_url
    post.refresh_from_db()
    assert post.support_count == 1
    html = client.get(post.thread.get_absolute_url()).content.decode()
    assert 'value="support" class="reaction" aria-pressed="true"' in html
    react(client, post)
    post.refresh_from_db()
    assert post.support_count == 0 and not Reaction.objects.exists()


@pytest.mark.django_db
def test_one_of_each_kind_per_member(client, post, bob, alice):
    client.force_login(bob)
    for kind in ["support", "metoo", "thanks", "helpful"]:
        react(client, post, kind)
    carol = make_member("Carol")
    client.force_login(carol)
    react(client, post, "support")
    post.refresh_from_db()
    assert (post.support_count, post.metoo_count, post.thanks_count, post.helpful_count) == (
        2,
        1,
        1,
        1,
    )


@pytest.mark.django_db
def test_there_is_no_downvote(client, post, bob):
    client.force_login(bob)
    assert react(client, post, "dislike").status_code == 404
    assert not Reaction.objects.exists()


@pytest.mark.django_db
def test_the_script_gets_json(client, post, bob):
    client.force_login(bob)
    response = react(client, post, "metoo", json=True)
    assert response.json() == {"active": True, "count": 1, "message": "Reaction saved"}
    assert react(client, post, "metoo", json=True).json() == {
        "active": False,
        "count": 0,
        "message": "Reaction removed",
    }


@pytest.mark.django_db
def test_visitors_are_asked_to_sign_in(client, post):
    response = react(client, post)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert not Reaction.objects.exists()


@pytest.mark.django_db
def test_no_reacting_to_ones_own_post(client, post, alice):
    client.force_login(alice)
    assert react(client, post).status_code == 404
    assert "data-react" not in client.get(post.thread.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_get_is_refused(client, post, bob):
    client.force_login(bob)
    assert client.get(f"/p/{post.pk}/react/").status_code == 405


@pytest.mark.django_db
def test_the_blocker_cannot_react_to_the_blocked_member_who_still_can(client, post, alice, bob):
    bobs = actions.post_reply(thread=post.thread, author=bob, body="Me too")
    Block.objects.create(blocker=alice, blocked=bob)
    client.force_login(alice)
    assert react(client, bobs).status_code == 404
    client.force_login(bob)  # a block is silent: nothing changes for Bob
    assert react(client, post).status_code == 302
    assert Reaction.objects.filter(post=post, member=bob).exists()


@pytest.mark.django_db
def test_silenced_members_cannot_react(client, post, bob, moderator):
    silence(bob, by=moderator, reason="A pause.", period="24h")
    client.force_login(bob)
    assert react(client, post, json=True).status_code == 403
    assert not Reaction.objects.exists()


@pytest.mark.django_db
def test_reactions_are_limited_per_member(client, thread, bob, settings):
    settings.BOOMITY_RATE_LIMITS = {
        **settings.BOOMITY_RATE_LIMITS,
        "react": {"new": "2/h", "member": "2/h"},
    }
    client.force_login(bob)
    post = thread.posts.get(number=1)
    codes = [
        react(client, post, kind, json=True).status_code for kind in ["support", "metoo", "thanks"]
    ]
    assert codes == [200, 200, 429]


@pytest.mark.django_db
def test_hidden_posts_take_no_reactions(client, post, bob):
    actions.hide_post(post=post)
    client.force_login(bob)
    assert react(client, post).status_code == 404


@pytest.mark.django_db
def test_thread_query_count_is_flat_with_reactions(client, thread, alice, bob):
    """Guards the N+1 of looking up the reader's reactions post by post."""
    client.force_login(bob)
    few = count_queries(client, thread.get_absolute_url() + "?page=1")
    for i in range(15):
        reply = actions.post_reply(thread=thread, author=alice, body=f"r{i}")
        actions.toggle_reaction(post=reply, member=bob, kind="thanks")
        actions.toggle_reaction(post=reply, member=make_member(), kind="support")
    assert count_queries(client, thread.get_absolute_url() + "?page=1") == few


@pytest.mark.django_db
def test_without_a_script_reacting_lands_back_at_the_post_with_a_spoken_notice(client, thread, bob):
    """The page comes back at the same post (#notice, just above it), and the notice
    there is a status a screen reader reads: the next Tab goes on into the post."""
    post = actions.post_reply(thread=thread, author=make_member("Sam"), body="Me too")
    client.force_login(bob)
    response = react(client, post)
    assert response.url == f"{thread.get_absolute_url()}?notice=2#notice"
    html = client.get(response.url).content.decode()
    notice = html[html.index('<div id="notice"') :]
    assert notice.index("Reaction saved.") < notice.index('id="p2"')
    assert '<div class="messages" role="status">' in notice
    html = client.get(react(client, post).url).content.decode()
    assert "Reaction removed." in html[html.index('<div id="notice"') : html.index('id="p2"')]


@pytest.mark.django_db
def test_each_reaction_form_has_a_polite_live_region_for_the_script(client, post, bob):
    client.force_login(bob)
    html = client.get(post.thread.get_absolute_url()).content.decode()
    form = html[html.index("data-react>") : html.index("</form>", html.index("data-react>"))]
    assert '<span class="visually-hidden" aria-live="polite" data-react-status></span>' in form
