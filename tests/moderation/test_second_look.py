"""Lifting a sanction tells the member; a silenced or suspended member asks once for a
second look, and a different moderator decides (moderation/views.py second_look,
moderation/admin/second_looks.py)."""

from __future__ import annotations

import re

import pytest

from forums import actions as forum_actions
from members.models import Notification
from moderation import actions
from moderation.models import AuditEntry, Sanction, SecondLook
from moderation.roles import MODERATORS
from tests.conftest import page
from tests.factories import PASSWORD, make_staff_member

ASKED = "I was quoting a song lyric, not talking about myself."
ADMIN = "/admin/moderation/secondlook/"


@pytest.fixture
def other_moderator(db):
    return make_staff_member("Noor", MODERATORS)


@pytest.fixture
def pause(bob, moderator) -> Sanction:
    return actions.silence(bob, by=moderator, reason="Please keep replies kind.", period="72h")


def url(sanction) -> str:
    return f"/second-look/{sanction.pk}/"


# --- Lifting tells the member -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("give", "says"),
    [
        (lambda m, by: actions.silence(m, by=by, reason="x", period="24h"), "lifted the pause"),
        (lambda m, by: actions.suspend(m, by=by, reason="x"), "lifted the suspension"),
        (lambda m, by: actions.warn(m, by=by, reason="x"), "taken back the note"),
    ],
)
def test_lifting_a_sanction_tells_the_member_with_the_reason(
    client, bob, moderator, staff, give, says
):
    sanction = give(bob, moderator)
    client.force_login(staff)
    client.post(
        "/admin/moderation/sanction/",
        {
            "action": "lift",
            "_selected_action": [sanction.pk],
            "confirm": "1",
            "reason": "We talked it through.",
        },
    )
    sanction.refresh_from_db()
    assert sanction.lifted_at is not None
    told = Notification.objects.filter(recipient=bob).latest("created_at")
    assert says in told.message and "We talked it through." in told.message


# --- Asking, as a silenced member --------------------------------------------------------


@pytest.mark.django_db
def test_a_silenced_member_is_led_to_ask_from_where_they_are_told(client, thread, bob, pause):
    assert Notification.objects.filter(recipient=bob).latest("created_at").url == url(pause)
    client.force_login(bob)
    response = client.get(f"/t/{thread.pk}/reply/")
    assert response.status_code == 403
    assert f'href="{url(pause)}"' in page(response)


@pytest.mark.django_db
def test_a_silenced_member_asks_once(client, bob, pause):
    client.force_login(bob)
    html = page(client.get(url(pause)))
    assert "Please keep replies kind." in html and "Ask for a second look" in html
    response = client.post(url(pause), {"text": ASKED})
    assert response.status_code == 302
    look = SecondLook.objects.get(sanction=pause)
    assert look.text == ASKED
    assert AuditEntry.objects.filter(action="second look asked", actor=bob).exists()
    # Once only: a second request changes nothing and says why.
    response = client.post(url(pause), {"text": "Please, again."}, follow=True)
    assert SecondLook.objects.count() == 1
    html = page(response)
    assert "already asked for a second look" in html
    assert "A different moderator will look again" in html
    assert "<textarea" not in html


@pytest.mark.django_db
def test_an_empty_request_is_not_sent_and_says_what_is_missing(client, bob, pause):
    client.force_login(bob)
    response = client.post(url(pause), {"text": "  "})
    assert response.status_code == 400
    assert "Please write a few words" in page(response)
    assert not SecondLook.objects.exists()


@pytest.mark.django_db
def test_nobody_else_can_ask_or_see_it(client, alice, bob, pause):
    response = client.get(url(pause))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.post(url(pause), {"text": ASKED})
    client.force_login(alice)
    assert client.get(url(pause)).status_code == 404
    assert client.post(url(pause), {"text": ASKED}).status_code == 404
    assert not SecondLook.objects.exists()


@pytest.mark.django_db
def test_wrong_method_is_refused(client, bob, pause):
    client.force_login(bob)
    assert client.put(url(pause), {"text": ASKED}).status_code == 405
    assert client.delete(url(pause)).status_code == 405


@pytest.mark.django_db
def test_a_warning_or_a_lifted_sanction_has_nothing_to_ask_about(client, bob, moderator, pause):
    warning = actions.warn(bob, by=moderator, reason="A note.")
    client.force_login(bob)
    assert client.get(url(warning)).status_code == 404
    actions.lift(pause, by=moderator, reason="Ended early.")
    response = client.post(url(pause), {"text": ASKED})
    assert not SecondLook.objects.exists()
    assert "nothing to look at again" in page(client.get(url(pause)))
    assert response.status_code == 302


# --- Asking, as a suspended member --------------------------------------------------------


@pytest.mark.django_db
def test_a_suspended_member_asks_from_the_page_they_see_when_signing_in(client, bob, moderator):
    sanction = actions.suspend(bob, by=moderator, reason="Repeated unkind replies.")
    client.post("/accounts/login/", {"login": bob.email, "password": PASSWORD})
    html = page(client.get("/"))
    assert "Your account is suspended" in html
    link = re.search(r'href="(/second-look/s/[^"]+/)"', html).group(1)
    # They are signed out, and the link works without signing in.
    assert "_auth_user_id" not in client.session
    assert "Repeated unkind replies." in page(client.get(link))
    client.post(link, {"text": ASKED})
    assert SecondLook.objects.get().sanction == sanction
    # Once only, whichever way they come.
    client.post(link, {"text": "again"})
    assert SecondLook.objects.count() == 1
    # Their page shows the outcome once a moderator decides.
    other = make_staff_member("Noor", MODERATORS)
    actions.decide_second_look(
        SecondLook.objects.get(), by=other, lift_it=True, reason="You were right, sorry."
    )
    html = page(client.get(link))
    assert "lifted it" in html and "You were right, sorry." in html


@pytest.mark.django_db
def test_a_tampered_link_leads_nowhere(client, bob, moderator):
    actions.suspend(bob, by=moderator, reason="x")
    assert client.get("/second-look/s/42:forged/").status_code == 404
    assert not SecondLook.objects.exists()


# --- Deciding: a different moderator ------------------------------------------------------


@pytest.fixture
def asked(pause) -> SecondLook:
    return actions.ask_second_look(pause, text=ASKED)


@pytest.mark.django_db
def test_the_moderator_who_gave_the_sanction_cannot_decide(client, moderator, asked):
    client.force_login(moderator)
    html = page(client.get(f"{ADMIN}{asked.pk}/change/"))
    assert "a different moderator needs to take the second look" in html
    assert '<form method="post" class="decision"' not in html
    response = client.post(
        f"{ADMIN}{asked.pk}/change/", {"outcome": "lifted", "reason": "Fine by me."}
    )
    assert response.status_code == 403
    asked.refresh_from_db()
    assert not asked.is_decided and asked.sanction.lifted_at is None
    with pytest.raises(actions.SecondLookRefused):
        actions.decide_second_look(asked, by=moderator, lift_it=True, reason="x")


@pytest.mark.django_db
def test_a_different_moderator_lifts_and_the_member_is_told(client, bob, other_moderator, asked):
    client.force_login(other_moderator)
    listing = page(client.get(ADMIN))
    assert "Bob" in listing and "Waiting" in listing
    assert ASKED in page(client.get(f"{ADMIN}{asked.pk}/change/"))
    response = client.post(
        f"{ADMIN}{asked.pk}/change/", {"outcome": "lifted", "reason": "It was a song lyric."}
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    bob.profile.refresh_from_db()
    assert asked.outcome == "lifted" and asked.decided_by == other_moderator
    assert not bob.profile.is_silenced
    told = Notification.objects.filter(recipient=bob).latest("created_at")
    assert "lifted the pause" in told.message and "It was a song lyric." in told.message
    assert AuditEntry.objects.filter(action="second look lifted", actor=other_moderator).exists()


@pytest.mark.django_db
def test_a_different_moderator_upholds_and_the_member_is_told(client, bob, other_moderator, asked):
    client.force_login(other_moderator)
    client.post(f"{ADMIN}{asked.pk}/change/", {"outcome": "upheld", "reason": "Guideline 3."})
    bob.profile.refresh_from_db()
    assert bob.profile.is_silenced
    told = Notification.objects.filter(recipient=bob).latest("created_at")
    assert "stays as it was" in told.message and "Guideline 3." in told.message
    assert AuditEntry.objects.filter(action="second look upheld").exists()
    # Decided once: a second decision is refused.
    response = client.post(f"{ADMIN}{asked.pk}/change/", {"outcome": "lifted", "reason": "x"})
    assert response.status_code == 403
    bob.profile.refresh_from_db()
    assert bob.profile.is_silenced


@pytest.mark.django_db
def test_a_decision_needs_an_outcome_and_a_reason(client, other_moderator, asked):
    client.force_login(other_moderator)
    response = client.post(f"{ADMIN}{asked.pk}/change/", {"outcome": "", "reason": ""})
    html = page(response)
    assert "Please choose: uphold the sanction, or lift it." in html
    assert "Please give a reason: the member will read it." in html
    asked.refresh_from_db()
    assert not asked.is_decided


@pytest.mark.django_db
def test_members_never_reach_the_requests(client, bob, alice, asked):
    assert client.get(ADMIN).status_code == 302
    client.force_login(bob)
    for address in (ADMIN, f"{ADMIN}{asked.pk}/change/"):
        assert client.get(address).status_code in (302, 403)
    client.post(f"{ADMIN}{asked.pk}/change/", {"outcome": "lifted", "reason": "x"})
    asked.refresh_from_db()
    assert not asked.is_decided


@pytest.mark.django_db
def test_the_request_list_costs_the_same_for_2_and_12_requests(
    client, other_moderator, moderator, thread
):
    from tests.conftest import count_queries
    from tests.factories import make_member

    def requests(n):
        for _ in range(n):
            member = make_member()
            forum_actions.post_reply(thread=thread, author=member, body="hi")
            sanction = actions.silence(member, by=moderator, reason="x", period="24h")
            actions.ask_second_look(sanction, text=ASKED)

    client.force_login(other_moderator)
    requests(2)
    few = count_queries(client, ADMIN)
    requests(10)
    assert count_queries(client, ADMIN) == few


@pytest.mark.django_db
def test_the_request_is_in_the_members_download_and_goes_with_the_account(
    bob, other_moderator, asked
):
    from core.privacy import erase_member, export_member

    actions.decide_second_look(asked, by=other_moderator, lift_it=False, reason="Guideline 3.")
    [silence] = export_member(bob)["moderator_decisions_about_you"]
    assert silence["second_look"]["what_you_wrote"] == ASKED
    assert silence["second_look"]["reason"] == "Guideline 3."
    assert "Noor" not in str(silence)
    erase_member(bob, remove_posts=True)
    assert not SecondLook.objects.exists()
