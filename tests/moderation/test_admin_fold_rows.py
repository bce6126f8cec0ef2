"""The admin lists that fold distressing words work out why for the whole page at once
(forums.admin.FoldedRowsMixin): their query counts stay flat as rows are added. And the
words folded here besides posts: a member's bio with crisis language, and a sanction's
reason (with its audit row) about a post a member is worried about.
"""

from __future__ import annotations

import pytest

from forums import actions as forum_actions
from moderation import actions
from moderation.models import AuditEntry, FlagReason, ReviewItem, Sanction
from tests.conftest import count_queries
from tests.factories import give_two_step_sign_in, make_board, make_member, share
from tests.moderation.test_admin_folding import shown_openly

CHANGELISTS = {
    # each guards the N+1 of the rows' fold reasons (and what else the row shows)
    "threads": "/admin/forums/thread/",
    "posts": "/admin/forums/post/",
    "queue": "/admin/moderation/reviewitem/?state=all",
    "sanctions": "/admin/moderation/sanction/",
    "audit log": "/admin/moderation/auditentry/",
}
CRISIS = "I want to end my life tonight"
WORRIED_WORDS = "Everyone would be fine if I just went quiet forever"


@pytest.fixture
def root(db):
    return give_two_step_sign_in(make_member("Root", is_staff=True, is_superuser=True))


def add_rows(moderator, board, n: int) -> None:
    """n of each row kind, each distressing in some way: crisis language, a safety flag."""
    for i in range(n):
        author, worried = make_member(), make_member()
        opening = forum_actions.start_thread(
            board=board, author=author, title=f"Week {i}", body=f"{CRISIS} {i}"
        )
        reply = forum_actions.post_reply(thread=opening.thread, author=author, body=f"quiet {i}")
        actions.flag_post(post=reply, member=worried, reason=FlagReason.SAFETY)
        item = ReviewItem.objects.open().get(post=reply)
        actions.warn(author, by=moderator, reason=f"About “{reply.body}”", post=reply)
        actions.hide(item, by=moderator, reason=f"Hidden: “{reply.body}”")


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(CHANGELISTS))
def test_a_folding_changelist_costs_the_same_for_many_rows(client, root, moderator, name):
    url = CHANGELISTS[name]
    board = make_board("hard-days", name="Hard days")
    client.force_login(root)
    add_rows(moderator, board, 1)
    few = count_queries(client, url)
    add_rows(moderator, board, 8)
    assert count_queries(client, url) == few, name


# --- bios ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_bio_with_crisis_language_is_folded_on_its_page(client, root):
    robin = make_member("Robin")
    share(robin, bio=f"Hi. Some days {CRISIS.lower()}, so I come here.")
    client.force_login(root)
    html = client.get(f"/admin/members/profile/{robin.profile.pk}/change/").content.decode()
    assert shown_openly(html, [CRISIS]) == []
    assert "This bio may be distressing (crisis language) — open to read" in html
    assert "end my life" in html  # folded, not lost: the moderator can open it


@pytest.mark.django_db
def test_a_folded_bio_can_still_be_changed(client, root):
    robin = make_member("Robin")
    share(robin, bio=CRISIS)
    client.force_login(root)
    url = f"/admin/members/profile/{robin.profile.pk}/change/"
    response = client.post(url, {"display_name": "Robin", "bio": "Taking it a day at a time."})
    assert response.status_code == 302
    robin.profile.refresh_from_db()
    assert robin.profile.bio == "Taking it a day at a time."
    html = client.get(url).content.decode()
    assert "may be distressing" not in html
    assert shown_openly(html, ["Taking it a day at a time."]) != []


@pytest.mark.django_db
def test_the_profile_list_never_shows_a_bio(client, root):
    robin = make_member("Robin")
    share(robin, bio=CRISIS)
    client.force_login(root)
    html = client.get("/admin/members/profile/").content.decode()
    assert "Robin" in html and "end my life" not in html


# --- sanctions about a post a member is worried about ------------------------------------


@pytest.fixture
def worried_reply(moderator):
    """A reply with no crisis words that a member flagged out of worry for its author."""
    board = make_board("hard-days", name="Hard days")
    author = make_member("Robin")
    thread = forum_actions.start_thread(
        board=board, author=author, title="A long week", body="Thanks for listening."
    ).thread
    reply = forum_actions.post_reply(thread=thread, author=author, body=WORRIED_WORDS)
    actions.flag_post(post=reply, member=make_member("Kit"), reason=FlagReason.SAFETY)
    return reply


@pytest.mark.django_db
def test_a_sanction_quoting_a_post_someone_is_worried_about_folds(
    client, root, moderator, worried_reply
):
    item = ReviewItem.objects.open().get(post=worried_reply)
    client.force_login(moderator)
    # Decided from the review item, as every sanction is.
    response = client.post(
        f"/admin/moderation/reviewitem/{item.pk}/change/",
        {
            "sanctions": "warn",
            "reason": f"You wrote “{WORRIED_WORDS}”; we care.",
            "silence_for": "24h",
        },
    )
    assert response.status_code == 302
    sanction = Sanction.objects.get()
    assert sanction.post == worried_reply
    client.force_login(root)
    why = "This reason may be distressing (a member is worried about the author&#x27;s safety)"
    for url in [
        "/admin/moderation/sanction/",
        f"/admin/moderation/sanction/{sanction.pk}/change/",
        "/admin/moderation/auditentry/",
        f"/admin/moderation/auditentry/{AuditEntry.objects.get(action='warn').pk}/change/",
        f"/admin/moderation/reviewitem/{item.pk}/change/",  # the author's sanctions
    ]:
        html = client.get(url).content.decode()
        assert shown_openly(html, [WORRIED_WORDS]) == [], url
        assert why in html, url


@pytest.mark.django_db
def test_a_sanction_about_nothing_distressing_reads_at_a_glance(client, root, moderator):
    member = make_member("Jo")
    actions.warn(member, by=moderator, reason="Please keep phone numbers private.")
    client.force_login(root)
    for url in ["/admin/moderation/sanction/", "/admin/moderation/auditentry/"]:
        html = client.get(url).content.decode()
        assert shown_openly(html, ["Please keep phone numbers private."]) != [], url
        assert "may be distressing" not in html, url


@pytest.mark.django_db
def test_nothing_written_is_never_folded(client, root, moderator, worried_reply):
    """A flag without a note, a decision without a reason, about a post that folds:
    the moderator sees "-", not "may be distressing — open to read" over nothing."""
    for member in (make_member("Ash"), make_member("Bo")):
        actions.flag_post(post=worried_reply, member=member, reason=FlagReason.UNKIND)
    item = ReviewItem.objects.open().get(post=worried_reply)
    actions.approve(item, by=moderator, reason="")
    client.force_login(root)
    for url in [f"/admin/moderation/reviewitem/{item.pk}/change/", "/admin/moderation/auditentry/"]:
        html = client.get(url).content.decode()
        assert "note may be distressing" not in html, url
        assert "reason may be distressing" not in html, url
