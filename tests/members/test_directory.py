"""Find people like me: the members directory, by experience and peer supporters."""

from __future__ import annotations

import pytest

from members.actions import merge_experiences
from members.models import Block
from tests.conftest import count_queries, main_of
from tests.factories import experience, make_member, make_peer_supporter, share

URL = "/members/"


@pytest.mark.django_db
def test_visitors_sign_in_first(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_it_only_reads(client, alice):
    client.force_login(alice)
    assert client.post(URL).status_code == 405


@pytest.mark.django_db
def test_members_find_others_by_a_shared_experience(client, alice, bob):
    carol = make_member("Carol")
    share(bob, "Grief and loss", "Anxiety")
    share(carol, "Anxiety")
    client.force_login(alice)
    everyone = main_of(client.get(URL))
    assert "Bob" in everyone and "Carol" in everyone
    grief = main_of(client.get(URL, {"experience": "grief-and-loss"}))
    assert 'href="/members/Bob/"' in grief and "Carol" not in grief
    assert "Members who share “Grief and loss”" in grief
    assert 'href="/members/?experience=anxiety"' in grief  # Bob's other experience, a link


@pytest.mark.django_db
def test_only_members_who_chose_to_be_found_appear(client, alice, bob):
    """Sharing nothing, or sharing with nobody, keeps a member out of the directory."""
    carol, dee = make_member("Carol"), make_member("Dee")
    share(bob, "Psychosis", shown=False)
    share(carol)  # no experiences, shown to members
    share(dee, "Psychosis")
    client.force_login(alice)
    for query in ({}, {"experience": "psychosis"}):
        html = main_of(client.get(URL, query))
        assert "Bob" not in html and "Carol" not in html and "Alice" not in html
        assert "Dee" in html


@pytest.mark.django_db
def test_peer_supporters_are_listed_and_can_be_the_only_ones_shown(client, alice, bob):
    carol = make_member("Carol")
    make_peer_supporter(bob)
    share(bob, "Bipolar disorder", shown=False)
    share(carol, "Bipolar disorder")
    client.force_login(alice)
    html = main_of(client.get(URL, {"supporters": "1"}))
    assert 'href="/members/Bob/"' in html and "Peer supporter" in html
    assert "Carol" not in html
    # A peer supporter's hidden experiences stay hidden, here too.
    assert "Bipolar disorder</a>" not in html.split("Bob")[1]
    assert "Bob" not in main_of(client.get(URL, {"experience": "bipolar-disorder"}))


@pytest.mark.django_db
def test_a_merged_name_lands_on_the_kept_experience(client, alice, bob):
    share(bob, "Panic")
    merge_experiences(keep=experience("Anxiety"), merged=[experience("Panic")])
    client.force_login(alice)
    response = client.get(URL, {"experience": "panic", "supporters": ""})
    assert response.status_code == 302 and response.url == "/members/?experience=anxiety"
    assert "Bob" in main_of(client.get(response.url))


@pytest.mark.django_db
def test_an_unknown_experience_shows_everyone_kindly(client, alice, bob):
    share(bob, "Anxiety")
    client.force_login(alice)
    html = main_of(client.get(URL, {"experience": "no-such-thing"}))
    assert "We couldn't find that experience" in html and "Bob" in html


@pytest.mark.django_db
def test_a_block_keeps_the_blocked_member_out_of_the_blockers_directory_only(client, alice, bob):
    share(alice, "Anxiety")
    share(bob, "Anxiety")
    Block.objects.create(blocker=bob, blocked=alice)
    client.force_login(bob)
    assert "Alice" not in main_of(client.get(URL))
    client.force_login(alice)  # a block is silent: Alice still finds Bob
    assert "Bob" in main_of(client.get(URL))


@pytest.mark.django_db
def test_nobody_matching_gets_a_kind_empty_state(client, alice):
    client.force_login(alice)
    html = main_of(client.get(URL, {"experience": "ocd"}))
    assert "Nobody here matches that yet" in html


@pytest.mark.django_db
def test_pages_keep_the_filter(client, alice, settings):
    for i in range(32):
        share(make_member(f"Friend{i:02}"), "Loneliness")
    client.force_login(alice)
    first = main_of(client.get(URL, {"experience": "loneliness"}))
    assert 'href="/members/?experience=loneliness&amp;page=2"' in first
    second = main_of(client.get(URL, {"experience": "loneliness", "page": "2"}))
    assert "Friend31" in second and "Friend00" not in second


@pytest.mark.django_db
def test_directory_query_count_is_flat(client, alice):
    """Guards the N+1 of each listed member's experiences and peer-supporter badge."""
    client.force_login(alice)
    share(make_member(), "Anxiety", "Depression")
    few = count_queries(client, URL + "?experience=anxiety")
    for i in range(25):
        member = make_member()
        share(member, "Anxiety", "Depression", "Loneliness")
        if i % 3 == 0:
            make_peer_supporter(member)
    many = count_queries(client, URL + "?experience=anxiety")
    assert few == many <= 9
    assert count_queries(client, URL) == many - 1  # no experience to look up


@pytest.mark.django_db
def test_a_member_is_found_by_what_they_show_never_by_what_they_keep(client, alice, bob):
    share(bob, "Anxiety", "Psychosis", shown=["Anxiety"])
    client.force_login(alice)
    anxiety = main_of(client.get(URL, {"experience": "anxiety"}))
    assert 'href="/members/Bob/"' in anxiety
    assert 'href="/members/?experience=anxiety"' in anxiety
    assert "Psychosis" not in anxiety.split("</select>")[-1]  # only in the filter's list
    psychosis = main_of(client.get(URL, {"experience": "psychosis"}))
    assert "Bob" not in psychosis
    assert "Bob" in main_of(client.get(URL))  # listed for what he shows


@pytest.mark.django_db
def test_keeping_every_experience_keeps_a_member_out(client, alice, bob):
    share(bob, "Anxiety", "Psychosis", shown=[])
    client.force_login(alice)
    assert "Bob" not in main_of(client.get(URL))
