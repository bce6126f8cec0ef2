"""Check-ins from the member's side: opting in and out, answering, the trend, deleting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from checkins import actions
from checkins.models import CheckIn, CheckInAnswer, CheckInItem, CheckInOptIn, CheckInSettings
from tests.conftest import count_queries
from tests.members.helpers import checked_in

pytestmark = pytest.mark.django_db


def answers_for(items, score=7) -> dict[str, str]:
    return {f"item_{item.pk}": str(score) for item in items}


@pytest.fixture
def items():
    # The questions that ship (data migration): six, in our own words.
    return list(CheckInItem.objects.asked())


@pytest.fixture
def opted_in(alice):
    actions.opt_in_to_check_ins(alice)
    return alice


# --- What ships ----------------------------------------------------------------------


def test_six_default_questions_and_a_four_week_interval_ship(items):
    assert len(items) == 6
    assert all(item.text.startswith(("How confident", "When symptoms")) for item in items)
    assert CheckInSettings.load().interval_weeks == 4


# --- The about page and opting in and out ----------------------------------------------


def test_about_page_needs_sign_in(client):
    response = client.get("/check-in/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_about_page_explains_who_sees_what_and_cites_the_source(client, alice):
    client.force_login(alice)
    html = client.get("/check-in/").content.decode()
    assert "Check-ins are <strong>off</strong>" in html
    assert "isn't a diagnosis or a test" in html
    assert "groups of 10 or more members" in html
    assert "BMC Psychiatry</cite> 2014;14:272" in html and "Clarke J" in html
    assert "Turn on check-ins" in html


def test_member_opts_in_and_is_taken_to_the_questions(client, alice):
    client.force_login(alice)
    assert not CheckInOptIn.objects.filter(member=alice).exists()  # off by default
    response = client.post("/check-in/opt-in/")
    assert response.status_code == 302 and response.url == "/check-in/new/"
    assert CheckInOptIn.objects.filter(member=alice).exists()
    html = client.get("/check-in/").content.decode()
    assert "Check-ins are <strong>on</strong>" in html and "Turn off check-ins" in html


def test_opting_in_and_out_refuse_get(client, alice):
    client.force_login(alice)
    for url in ["/check-in/opt-in/", "/check-in/opt-out/", "/check-in/not-now/"]:
        assert client.get(url).status_code == 405
    assert not CheckInOptIn.objects.exists()


def test_opting_out_stops_invitations_keeps_answers_and_offers_deletion(client, opted_in):
    checked_in(opted_in, days_ago=40)
    client.force_login(opted_in)
    assert "Would you like to check in?" in client.get("/").content.decode()
    response = client.post("/check-in/opt-out/", follow=True)
    html = response.content.decode()
    assert "Check-ins are off" in html
    assert "You have 1 past check-in saved" in html
    assert "/check-in/delete-all/" in html
    assert CheckIn.objects.filter(member=opted_in).count() == 1
    assert "Would you like to check in?" not in client.get("/").content.decode()


def test_opting_out_can_delete_every_answer_too(client, opted_in):
    checked_in(opted_in, days_ago=3)
    checked_in(opted_in, days_ago=1)
    client.force_login(opted_in)
    response = client.post("/check-in/opt-out/", {"delete_answers": "yes"}, follow=True)
    assert "Your 2 check-ins were deleted" in response.content.decode()
    assert not CheckIn.objects.filter(member=opted_in).exists()
    assert not CheckInAnswer.objects.exists()


# --- Answering -------------------------------------------------------------------------


def test_answering_needs_sign_in(client, items):
    response = client.post("/check-in/new/", answers_for(items))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert not CheckIn.objects.exists()


def test_answering_needs_opting_in_first(client, alice, items):
    client.force_login(alice)
    response = client.post("/check-in/new/", answers_for(items))
    assert response.status_code == 302 and response.url == "/check-in/"
    assert not CheckIn.objects.exists()


def test_answering_refuses_other_methods(client, opted_in):
    client.force_login(opted_in)
    assert client.put("/check-in/new/").status_code == 405


def test_member_answers_every_question_and_sees_it_saved(client, opted_in, items):
    client.force_login(opted_in)
    form = client.get("/check-in/new/").content.decode()
    for item in items:
        assert item.text in form
    data = {f"item_{item.pk}": str(n + 3) for n, item in enumerate(items)}
    response = client.post("/check-in/new/", data)
    assert response.status_code == 302 and response.url == "/check-in/history/"
    checkin = CheckIn.objects.get(member=opted_in)
    saved = list(checkin.answers.order_by("position").values_list("question", "score"))
    assert saved == [(item.text, n + 3) for n, item in enumerate(items)]


def test_a_missing_answer_saves_nothing_and_keeps_every_choice(client, opted_in, items):
    client.force_login(opted_in)
    data = answers_for(items[:-1], score=8)
    response = client.post("/check-in/new/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert not CheckIn.objects.exists() and not CheckInAnswer.objects.exists()
    assert "Please choose a number for this question" in html
    assert "Your other answers are kept" in html
    assert html.count("Please choose a number for this question") == 1
    # The five answers given are still chosen.
    for item in items[:-1]:
        assert f'value="8" id="id_item_{item.pk}_7" required checked' in html


def test_an_answer_outside_1_to_10_is_refused(client, opted_in, items):
    client.force_login(opted_in)
    data = {**answers_for(items), f"item_{items[0].pk}": "11"}
    assert client.post("/check-in/new/", data).status_code == 400
    assert not CheckIn.objects.exists()


def test_answers_keep_the_wording_they_were_given_with(client, opted_in, items):
    client.force_login(opted_in)
    client.post("/check-in/new/", answers_for(items))
    first = items[0]
    CheckInItem.objects.filter(pk=first.pk).update(text="How confident do you feel today?")
    html = client.get("/check-in/history/").content.decode()
    assert first.text in html and "How confident do you feel today?" not in html


def test_questions_staff_stopped_asking_are_not_asked(client, opted_in, items):
    CheckInItem.objects.filter(pk=items[0].pk).update(is_active=False)
    client.force_login(opted_in)
    assert items[0].text not in client.get("/check-in/new/").content.decode()
    response = client.post("/check-in/new/", answers_for(items[1:]))
    assert response.status_code == 302
    assert CheckInAnswer.objects.count() == 5


# --- The trend -------------------------------------------------------------------------


def test_history_shows_the_trend_as_a_chart_and_a_table(client, opted_in):
    checked_in(opted_in, days_ago=56, score=3)
    checked_in(opted_in, days_ago=28, score=5)
    checked_in(opted_in, days_ago=0, score=8)
    client.force_login(opted_in)
    html = client.get("/check-in/history/").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-line" role="img"' in html
    assert "Your check-ins over time" in html
    for value in ["3.0", "5.0", "8.0"]:
        assert f"<td>{value}</td>" in html


def test_history_never_shows_someone_elses_check_ins(client, opted_in, bob):
    actions.opt_in_to_check_ins(bob)
    checked_in(bob, score=2)
    client.force_login(opted_in)
    html = client.get("/check-in/history/").content.decode()
    assert "You haven't saved a check-in yet" in html
    assert "<td>2.0</td>" not in html


def test_history_refuses_writes(client, opted_in):
    client.force_login(opted_in)
    assert client.post("/check-in/history/").status_code == 405


def test_history_query_count_does_not_grow_with_check_ins(client, opted_in):
    """Guards the N+1 of reading each check-in's answers one by one."""
    checked_in(opted_in, days_ago=30)
    client.force_login(opted_in)
    few = count_queries(client, "/check-in/history/")
    for week in range(12):
        checked_in(opted_in, days_ago=week * 7)
    many = count_queries(client, "/check-in/history/")
    assert few == many
    assert many <= 6


# --- Deleting --------------------------------------------------------------------------


def test_member_deletes_one_check_in_for_real(client, opted_in):
    keep = checked_in(opted_in, days_ago=7)
    gone = checked_in(opted_in, days_ago=1)
    client.force_login(opted_in)
    assert "Delete this check-in?" in client.get(f"/check-in/{gone.pk}/delete/").content.decode()
    response = client.post(f"/check-in/{gone.pk}/delete/")
    assert response.status_code == 302 and response.url == "/check-in/history/"
    assert list(CheckIn.objects.values_list("pk", flat=True)) == [keep.pk]
    assert not CheckInAnswer.objects.filter(checkin_id=gone.pk).exists()
    assert CheckInAnswer.objects.filter(checkin=keep).count() == 6


def test_nobody_can_see_or_delete_another_members_check_in(client, opted_in, bob):
    theirs = checked_in(opted_in)
    client.force_login(bob)
    assert client.get(f"/check-in/{theirs.pk}/delete/").status_code == 404
    assert client.post(f"/check-in/{theirs.pk}/delete/").status_code == 404
    client.post("/check-in/delete-all/")
    assert CheckIn.objects.filter(pk=theirs.pk).exists()
    assert CheckInAnswer.objects.filter(checkin=theirs).count() == 6


def test_deleting_needs_sign_in_and_refuses_other_methods(client, opted_in):
    checkin = checked_in(opted_in)
    response = client.post(f"/check-in/{checkin.pk}/delete/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    response = client.post("/check-in/delete-all/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    client.force_login(opted_in)
    assert client.put(f"/check-in/{checkin.pk}/delete/").status_code == 405
    assert client.delete("/check-in/delete-all/").status_code == 405
    assert CheckIn.objects.filter(pk=checkin.pk).exists()


def test_member_deletes_all_their_check_ins_for_real(client, opted_in, bob):
    for days in (20, 10, 0):
        checked_in(opted_in, days_ago=days)
    actions.opt_in_to_check_ins(bob)
    others = checked_in(bob)
    client.force_login(opted_in)
    assert "All 3 of your check-ins" in client.get("/check-in/delete-all/").content.decode()
    response = client.post("/check-in/delete-all/")
    assert response.status_code == 302
    assert not CheckIn.objects.filter(member=opted_in).exists()
    assert list(CheckInAnswer.objects.values_list("checkin_id", flat=True).distinct()) == [
        others.pk
    ]


# --- The invitation on the home page ----------------------------------------------------

INVITE = "Would you like to check in?"


def test_invitation_only_for_members_who_opted_in(client, alice):
    client.force_login(alice)
    assert INVITE not in client.get("/").content.decode()
    client.logout()
    assert INVITE not in client.get("/").content.decode()


def test_invitation_appears_when_due_and_not_before(client, opted_in, settings):
    client.force_login(opted_in)
    assert INVITE in client.get("/").content.decode()  # opted in, never answered
    checked_in(opted_in, days_ago=27)
    assert INVITE not in client.get("/").content.decode()
    CheckIn.objects.update(created_at=timezone.now() - timedelta(days=29))
    assert INVITE in client.get("/").content.decode()
    # Staff choose how often.
    CheckInSettings.objects.filter(pk=1).update(interval_weeks=8)
    assert INVITE not in client.get("/").content.decode()


def test_not_now_hides_the_invitation_for_a_week(client, opted_in):
    client.force_login(opted_in)
    response = client.post("/check-in/not-now/")
    assert response.status_code == 302 and response.url == "/"
    assert INVITE not in client.get("/").content.decode()
    CheckInOptIn.objects.update(not_now_until=timezone.now() - timedelta(minutes=1))
    assert INVITE in client.get("/").content.decode()


def test_invitation_is_never_on_other_pages(client, opted_in, board):
    client.force_login(opted_in)
    for url in ["/latest/", f"/b/{board.slug}/", "/notifications/"]:
        assert INVITE not in client.get(url).content.decode(), url


def test_account_area_links_to_check_ins(client, alice):
    client.force_login(alice)
    assert 'href="/check-in/"' in client.get("/accounts/email/").content.decode()


def test_sending_nothing_is_told_kindly_and_saves_nothing(client, opted_in, items):
    client.force_login(opted_in)
    response = client.post("/check-in/new/", {})
    assert response.status_code == 400
    assert response.content.decode().count("Please choose a number for this question") == 6
    assert not CheckIn.objects.exists()
