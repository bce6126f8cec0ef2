"""Beside the reply box, other members of a thread with a post in crisis are shown how to
respond, and that the moderators know (an urgent crisis review item makes it true)."""

from __future__ import annotations

import pytest

from forums import actions
from forums.models import Post, PostStatus
from members.actions import block
from members.models import CommunitySettings
from moderation.models import ReviewItem
from tests.conftest import count_queries, page
from tests.factories import make_member, make_thread, set_moderation
from tests.moderation.test_community_settings import SETTINGS, form_data
from tests.moderation.test_crisis_path import CRISIS_TEXT

NOTE = "How to respond when someone is struggling"
DEFAULT_WORDS = "You don&#x27;t need the right words."
KNOW = "The moderators know about this post."


@pytest.fixture
def in_crisis(thread, alice):
    """Alice's thread, where she replies with crisis language (published, urgent item)."""
    actions.post_reply(thread=thread, author=alice, body=CRISIS_TEXT)
    return thread


def note_of(html: str) -> str:
    start = html.index('class="notice responding-note"')
    return html[start : html.index("</aside>", start)]


@pytest.mark.django_db
def test_another_member_sees_how_to_respond_before_the_reply_box(client, in_crisis, bob):
    client.force_login(bob)
    html = page(client.get(in_crisis.get_absolute_url()))
    note = note_of(html)
    assert NOTE in note and DEFAULT_WORDS in note and KNOW in note
    assert "flag the post" in note and "don&#x27;t promise to keep it a secret" in note
    assert 'href="/help/"' in note
    # In the reply box, before the place to write.
    assert html.index('id="reply-heading"') < html.index(NOTE) < html.index("<textarea")


@pytest.mark.django_db
def test_the_author_gets_the_crisis_help_not_this(client, in_crisis, alice):
    client.force_login(alice)
    html = page(client.get(in_crisis.get_absolute_url()))
    assert "<textarea" in html and NOTE not in html and KNOW not in html


@pytest.mark.django_db
def test_a_visitor_sees_no_note(client, public_board, alice):
    thread = make_thread(public_board, alice, body=CRISIS_TEXT)
    assert ReviewItem.objects.filter(post__thread=thread, crisis=True).exists()
    html = page(client.get(thread.get_absolute_url()))
    assert "nights are endless" in html and NOTE not in html


@pytest.mark.django_db
def test_no_note_without_an_urgent_crisis_item(client, thread, alice, bob):
    actions.post_reply(thread=thread, author=alice, body="A rough week, but the walk helped.")
    client.force_login(bob)
    assert NOTE not in page(client.get(thread.get_absolute_url()))
    # Crisis words the moderators have no urgent item for: the note won't say they know.
    actions.post_reply(thread=thread, author=alice, body=CRISIS_TEXT)
    ReviewItem.objects.all().delete()
    assert NOTE not in page(client.get(thread.get_absolute_url()))


@pytest.mark.django_db
def test_no_note_for_a_held_crisis_post_or_one_by_a_blocked_member(client, thread, alice, bob):
    set_moderation(crisis_post_behaviour="hold")
    actions.post_reply(thread=thread, author=alice, body=CRISIS_TEXT)
    client.force_login(bob)
    assert NOTE not in page(client.get(thread.get_absolute_url()))  # nobody else sees it
    set_moderation(crisis_post_behaviour="publish")
    actions.post_reply(thread=thread, author=alice, body=CRISIS_TEXT + " Still here.")
    assert NOTE in page(client.get(thread.get_absolute_url()))
    block(bob, alice)  # her posts are folded away for him
    assert NOTE not in page(client.get(thread.get_absolute_url()))


@pytest.mark.django_db
def test_no_note_once_a_moderator_hid_the_post(client, in_crisis, bob):
    Post.objects.filter(thread=in_crisis, number=2).update(status=PostStatus.HIDDEN)
    client.force_login(bob)
    assert NOTE not in page(client.get(in_crisis.get_absolute_url()))


@pytest.mark.django_db
def test_only_where_the_reply_box_is(client, board, alice, bob, settings):
    thread = make_thread(board, alice, body=CRISIS_TEXT, replies=settings.BOOMITY_POSTS_PER_PAGE)
    client.force_login(bob)
    assert NOTE not in page(client.get(thread.get_absolute_url()))  # page 1: no reply box
    last = page(client.get(thread.get_absolute_url() + "?page=2"))
    assert "<textarea" in last and NOTE not in last  # the crisis post is on page 1


@pytest.mark.django_db
def test_staff_words_are_shown_escaped_with_their_line_breaks(client, staff, in_crisis, bob):
    client.force_login(staff)
    words = "Be gentle <b>first</b>.\nAsk how they are & listen."
    assert client.post(SETTINGS, form_data(responding=words)).status_code == 302
    client.force_login(bob)
    note = note_of(page(client.get(in_crisis.get_absolute_url())))
    assert "<p>Be gentle &lt;b&gt;first&lt;/b&gt;.<br>Ask how they are &amp; listen.</p>" in note
    assert DEFAULT_WORDS not in note and KNOW in note


@pytest.mark.django_db
def test_empty_words_fall_back_to_the_default(client, in_crisis, bob):
    community = CommunitySettings.load()
    community.responding = "  "
    community.save()
    client.force_login(bob)
    assert DEFAULT_WORDS in note_of(page(client.get(in_crisis.get_absolute_url())))


@pytest.mark.django_db
def test_query_count_stays_flat_with_several_posts_in_crisis(client, thread, alice, bob):
    client.force_login(bob)
    actions.post_reply(thread=thread, author=alice, body=CRISIS_TEXT)
    one = count_queries(client, thread.get_absolute_url())
    for _ in range(4):
        actions.post_reply(thread=thread, author=make_member(), body=CRISIS_TEXT)
    several = page(client.get(thread.get_absolute_url()))
    assert "The moderators know about these posts." in several
    assert count_queries(client, thread.get_absolute_url()) == one
