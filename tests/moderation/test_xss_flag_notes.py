"""Flag notes are written by members and read by moderators: the corpus goes there too."""

import pytest

from forums import actions as forum_actions
from moderation import actions
from tests.conftest import dangerous_markup
from tests.factories import make_member
from tests.xss_payloads import ALL


@pytest.mark.django_db
def test_hostile_flag_notes_never_reach_the_moderators_page_as_markup(
    client, thread, moderator, bob
):
    reply = forum_actions.post_reply(thread=thread, author=bob, body="Something to flag")
    for payload in ALL[:60]:
        actions.flag_post(post=reply, member=make_member(), reason="other", note=payload)
    item = reply.review_items.get()
    client.force_login(moderator)
    html = client.get(f"/admin/moderation/reviewitem/{item.pk}/change/").content.decode()
    # Our part of the page: the admin's own chrome has icons of its own (svg).
    content = html[html.index('<div class="review">') : html.index("<h2>Your decision</h2>")]
    assert dangerous_markup(content) == []
    assert "&lt;script" in content  # the notes are there, as text
