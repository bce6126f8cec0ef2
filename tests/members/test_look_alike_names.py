"""A name that reads like another member's ("R0bin" beside "Robin", "kettle-on" beside
"kettle_on") is refused wherever a name is chosen, without saying whose it looks like;
different names pass, and nobody loses the name they have."""

from __future__ import annotations

import importlib
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from boomity.demo_content import MEMBERS as DEMO_MEMBERS
from core.privacy import erase_member
from members.models import (
    NAME_TAKEN,
    NAME_TOO_CLOSE,
    Profile,
    User,
    name_problem,
    skeleton_of,
    validate_display_name,
)
from tests.factories import give_two_step_sign_in, make_member

SIGNUP = "/accounts/signup/"


def signup(client, name: str, email: str = "river@example.org"):
    return client.post(
        SIGNUP,
        {
            "email": email,
            "display_name": name,
            "password1": "calm-waters-2026",
            "accept_guidelines": "on",
        },
    )


def name_errors(response) -> list[str]:
    return response.context["form"].errors.get("display_name", [])


# --- A generated list: real names × the ways people disguise one -----------------------

REAL_NAMES = [
    "Robin",
    "kettle_on",
    "QuietHarbour",
    "Sam T",
    "Ravi.K",
    "Juniper-Lou",
    "marigold_days",
    "DeeOnTheCoast",
    "northern_wren",
]
_DIGITS = {"o": "0", "i": "1", "l": "1", "e": "3", "a": "4", "s": "5"}
_LOOK_ALIKE = {"m": "rn", "w": "vv", "d": "cl", "l": "I", "i": "l"}


def _first(name: str, table: dict[str, str]) -> str:
    """`name` with the first letter `table` knows swapped for its stand-in."""
    for i, c in enumerate(name):
        if c.lower() in table:
            return name[:i] + table[c.lower()] + name[i + 1 :]
    raise AssertionError(f"nothing to disguise in {name}")


def _separators(name: str) -> str:
    if re.search(r"[ ._-]", name):
        return re.sub(r"[ ._-]", lambda m: "-" if m.group() != "-" else "_", name)
    return f"{name[:2]}.{name[2:]}"


DISGUISES = {
    "a digit for a letter": lambda n: _first(n, _DIGITS),
    "every digit it can": lambda n: "".join(_DIGITS.get(c, c) for c in n),
    "other punctuation": _separators,
    "spacing": lambda n: (
        re.sub(r"[ ._-]", "", n) if re.search(r"[ ._-]", n) else f"{n[:3]} {n[3:]}"
    ),
    "a letter doubled": lambda n: n[:2] + n[1] + n[2:],
    "a look-alike letter": lambda n: _first(n, _LOOK_ALIKE),
    "capitals and a digit": lambda n: _first(n.swapcase(), _DIGITS),
}
LOOK_ALIKES = [
    pytest.param(real, disguise(real), id=f"{real}-{how}")
    for real in REAL_NAMES
    for how, disguise in DISGUISES.items()
]


def test_every_disguise_is_a_different_name_that_would_pass_on_its_own():
    # Otherwise the cases below would prove nothing about look-alikes.
    for param in LOOK_ALIKES:
        real, disguised = param.values
        assert disguised.lower() != real.lower(), param.id
        validate_display_name(disguised)  # raises if the name's own rules refused it


@pytest.mark.django_db
@pytest.mark.parametrize(("real", "disguised"), LOOK_ALIKES)
def test_a_look_alike_of_a_members_name_is_refused_at_sign_up(client, real, disguised):
    make_member(real)
    response = signup(client, disguised)
    assert response.status_code == 200
    assert name_errors(response) == [NAME_TOO_CLOSE]
    assert f'value="{disguised}"' in response.content.decode()  # what they typed is kept
    assert not User.objects.filter(email="river@example.org").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("real", "disguised"), [("Robin", "R0bin"), ("kettle_on", "kettle-on")])
def test_the_reported_look_alikes_get_a_kind_note_that_names_nobody(client, real, disguised):
    make_member(real)
    response = signup(client, disguised)
    html = response.content.decode()
    assert "That name is too close to another member&#x27;s name." in html
    assert "Please choose a different one." in html
    assert real not in html


@pytest.mark.django_db
def test_the_same_name_in_other_capitals_is_still_called_taken(client):
    make_member("Robin")
    assert name_errors(signup(client, "ROBIN")) == [NAME_TAKEN]


# --- No false alarms ---------------------------------------------------------------------

DIFFERENT = [
    ("Sam", "Sami"),
    ("Sam", "Sam T"),
    ("Sam T", "Sam R"),
    ("Robin", "Robyn"),
    ("Jo", "Joe"),
    ("Hope22", "Hope23"),
    ("Tomasz84", "Tomasz85"),
    ("Robin", "Robin2"),  # what the note for a taken name suggests: adding a number
    ("Robin", "Robin Hood"),  # or a word
]


@pytest.mark.django_db
@pytest.mark.parametrize(("first", "second"), DIFFERENT)
def test_two_different_names_both_pass(client, first, second):
    assert signup(client, first, email="first@example.org").status_code == 302
    client.logout()
    assert signup(client, second, email="second@example.org").status_code == 302
    assert set(Profile.objects.values_list("display_name", flat=True)) == {first, second}


def test_the_demo_communitys_names_are_all_far_enough_apart():
    names = [m["display_name"] for m in DEMO_MEMBERS]
    assert len({skeleton_of(n) for n in names}) == len(names)


@pytest.mark.django_db
def test_an_erased_members_name_is_free_again(client):
    robin = make_member("Robin")
    erase_member(robin, remove_posts=False)
    assert signup(client, "R0bin").status_code == 302


# --- Keeping one's own name ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_member_keeps_their_name_and_may_change_only_its_capitals(alice):
    profile = alice.profile
    assert name_problem("Alice", other_than=profile) == ""
    assert name_problem("ALICE", other_than=profile) == ""
    assert name_problem("Al1ce", other_than=profile) == ""  # only like their own
    assert name_problem("Al1ce") == NAME_TOO_CLOSE  # but a newcomer can't


@pytest.mark.django_db
def test_names_that_already_looked_alike_stay_when_saved_unchanged(client, staff):
    # Chosen before the rule: nobody loses their name over it.
    make_member("Robin")
    r0bin = make_member("R0bin").profile
    client.force_login(staff)
    response = client.post(
        f"/admin/members/profile/{r0bin.pk}/change/",
        {"display_name": "R0bin", "bio": "Hello", "is_peer_supporter": "on"},
    )
    assert response.status_code == 302, name_errors_admin(response)
    r0bin.refresh_from_db()
    assert (r0bin.display_name, r0bin.is_peer_supporter) == ("R0bin", True)


@pytest.mark.django_db
def test_checking_a_name_is_one_query(alice, bob):
    with CaptureQueriesContext(connection) as newcomer:
        assert name_problem("A1ice") == NAME_TOO_CLOSE
    with CaptureQueriesContext(connection) as member:
        assert name_problem("B0b", other_than=alice.profile) == NAME_TOO_CLOSE
    assert (len(newcomer), len(member)) == (1, 1)


# --- The admin ---------------------------------------------------------------------------


def name_errors_admin(response) -> list[str]:
    form = response.context["adminform"].form
    return form.errors.get("display_name", [])


@pytest.mark.django_db
def test_the_admin_refuses_a_look_alike_when_renaming(client, staff, alice, bob):
    client.force_login(staff)
    response = client.post(
        f"/admin/members/profile/{bob.profile.pk}/change/", {"display_name": "A1ice", "bio": ""}
    )
    assert response.status_code == 200
    assert name_errors_admin(response) == [NAME_TOO_CLOSE]
    assert Profile.objects.get(user=bob).display_name == "Bob"


@pytest.mark.django_db
def test_the_admin_saves_a_profile_with_its_name_unchanged(client, staff, alice):
    client.force_login(staff)
    response = client.post(
        f"/admin/members/profile/{alice.profile.pk}/change/",
        {"display_name": "Alice", "bio": "Still me"},
    )
    assert response.status_code == 302
    assert Profile.objects.get(user=alice).bio == "Still me"


@pytest.mark.django_db
def test_the_admin_refuses_a_look_alike_for_a_new_account(client, alice):
    # Accounts are made by whoever may change them: here, a superuser.
    root = give_two_step_sign_in(make_member("Root", is_staff=True, is_superuser=True))
    client.force_login(root)
    response = client.post(
        "/admin/members/user/add/",
        {
            "email": "newcomer@example.org",
            "usable_password": "false",
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "0",
            "profile-MIN_NUM_FORMS": "1",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-display_name": "A.lice",
        },
    )
    assert response.status_code == 200
    assert NAME_TOO_CLOSE.replace("'", "&#x27;") in response.content.decode()
    assert not User.objects.filter(email="newcomer@example.org").exists()


# --- The stored skeleton ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_skeleton_follows_the_name_on_every_save(alice):
    profile = alice.profile
    assert profile.display_name_skeleton == skeleton_of("Alice")
    profile.display_name = "Wren"
    profile.save(update_fields=["display_name"])
    profile.refresh_from_db()
    assert profile.display_name_skeleton == skeleton_of("Wren") == skeleton_of("vvren")


@pytest.mark.django_db
def test_a_name_made_from_an_address_does_not_look_like_anyones():
    make_member("Robin")
    user = User.objects.create_user(email="r0bin@example.org", password="a-long-password-1")
    assert skeleton_of(user.profile.display_name) != skeleton_of("Robin")


@pytest.mark.django_db
def test_the_migration_fills_the_skeleton_of_every_existing_name():
    for name in ("Robin", "kettle_on", "Sam T"):
        make_member(name)
    Profile.objects.update(display_name_skeleton="")
    migration = "0014_profile_name_skeleton"
    state = MigrationExecutor(connection).loader.project_state(("members", migration))

    importlib.import_module(f"members.migrations.{migration}").fill_skeletons(state.apps, None)

    assert dict(Profile.objects.values_list("display_name", "display_name_skeleton")) == {
        "Robin": skeleton_of("R0bin"),
        "kettle_on": skeleton_of("kettle-on"),
        "Sam T": skeleton_of("SamT"),
    }
