"""Moderators search Posts, the review queue and Sanctions by who and where — never by
the words reported or the reasons screening gave, which may spell out crisis language."""

from __future__ import annotations

import pytest

from forums import actions as forum_actions
from moderation import actions
from moderation.models import FlagReason
from tests.conftest import count_queries
from tests.factories import make_board, make_member, make_thread

QUEUE = "/admin/moderation/reviewitem/"
CRISIS = "I want to end my life tonight"


def found(client, url: str, q: str) -> list:
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


@pytest.fixture
def world(db, moderator):
    anxiety, sleep = make_board("anxiety", name="Anxiety"), make_board("sleep", name="Sleep")
    robin, kit, jo = make_member("Robin Vale"), make_member("Kit Moss"), make_member("Jo")
    late = make_thread(anxiety, jo, title="Late nights again", body="Anyone up?")
    rest = make_thread(sleep, jo, title="Resting tips", body="What helps?")
    unkind = forum_actions.post_reply(thread=late, author=robin, body="You are overreacting.")
    crisis = forum_actions.post_reply(thread=rest, author=kit, body=CRISIS)
    actions.flag_post(post=unkind, member=jo, reason=FlagReason.UNKIND)
    actions.warn(robin, by=moderator, reason="Guideline 1: please disagree kindly.")
    return {"unkind": unkind, "crisis": crisis, "robin": robin, "kit": kit}


@pytest.mark.django_db
def test_the_queue_finds_items_by_author_board_and_thread(client, moderator, world):
    client.force_login(moderator)
    assert [i.post for i in found(client, QUEUE, "Robin")] == [world["unkind"]]
    assert [i.post for i in found(client, QUEUE, "sleep")] == [world["crisis"]]
    assert [i.post for i in found(client, QUEUE, "late nights")] == [world["unkind"]]
    assert [i.post for i in found(client, QUEUE, "kit moss")] == [world["crisis"]]


@pytest.mark.django_db
def test_the_queue_search_never_matches_the_words_or_the_reasons(client, moderator, world):
    client.force_login(moderator)
    for q in ("end my life", "crisis language", "overreacting", "unkind"):
        assert found(client, QUEUE, q) == [], q


@pytest.mark.django_db
def test_a_queue_search_asks_as_much_for_1_or_12_items(client, moderator, world, bob):
    client.force_login(moderator)
    url = f"{QUEUE}?q=anxiety"
    few = count_queries(client, url)
    thread = world["unkind"].thread
    for n in range(11):
        post = forum_actions.post_reply(thread=thread, author=bob, body=f"Reply {n}")
        actions.flag_post(post=post, member=make_member(), reason=FlagReason.SPAM)
    assert len(found(client, QUEUE, "anxiety")) == 12
    assert count_queries(client, url) == few


@pytest.mark.django_db
def test_posts_are_found_by_author_and_thread_title(client, moderator, world):
    client.force_login(moderator)
    url = "/admin/forums/post/"
    assert found(client, url, "robin vale") == [world["unkind"]]
    assert set(found(client, url, "resting")) == {
        world["crisis"],
        world["crisis"].thread.posts.get(number=1),
    }
    assert found(client, url, "end my life") == []


@pytest.mark.django_db
def test_sanctions_are_found_by_member_name(client, moderator, world):
    client.force_login(moderator)
    url = "/admin/moderation/sanction/"
    assert [s.member for s in found(client, url, "robin")] == [world["robin"]]
    assert found(client, url, "kit") == []


@pytest.mark.django_db
def test_searching_needs_a_moderator(client, world):
    url = f"{QUEUE}?q=robin"
    assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    client.force_login(world["kit"])
    assert client.get(url).status_code == 302  # a member: not the admin


@pytest.mark.django_db
def test_sanctions_are_found_by_the_board_and_thread_they_were_decided_in(client, moderator, world):
    sanction = actions.warn(
        world["robin"], by=moderator, reason="Please be kind", post=world["unkind"]
    )
    client.force_login(moderator)
    url = "/admin/moderation/sanction/"
    assert found(client, url, "anxiety") == [sanction]  # the board
    assert found(client, url, "late nights") == [sanction]  # the thread's title
    assert found(client, url, "resting") == []
    assert found(client, url, "be kind") == []  # never the reason
