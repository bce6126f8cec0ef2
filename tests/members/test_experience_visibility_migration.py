"""Moving who sees a lived experience from the profile to each experience (members
migrations 0020 and 0021): nobody's choice changes on the way, in either direction."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("members", "0019_notification_actor_anonymous")]
AFTER = [("members", "0021_retire_profile_experiences_visibility")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_each_experience_takes_its_profiles_choice_and_going_back_keeps_privacy():
    old = _migrate(BEFORE)
    try:
        User = old.get_model("members", "User")
        Profile = old.get_model("members", "Profile")
        Experience = old.get_model("members", "Experience")
        Item = old.get_model("members", "MemberExperience")
        anxiety = Experience.objects.get(name="Anxiety")
        grief = Experience.objects.get(name="Grief and loss")
        profiles = {}
        for name, choice in [("Shower", "members"), ("Keeper", "nobody"), ("Mixed", "members")]:
            user = User.objects.create(email=f"{name.lower()}@example.org")
            profile = Profile.objects.create(
                user=user, display_name=name, experiences_visibility=choice
            )
            for tag in (anxiety, grief):
                Item.objects.create(content_object=profile, tag=tag)
            profiles[name] = profile.pk

        new = _migrate(AFTER)
        Item = new.get_model("members", "MemberExperience")
        Profile = new.get_model("members", "Profile")
        assert "experiences_visibility" not in {f.name for f in Profile._meta.get_fields()}

        def shown(name):
            items = Item.objects.filter(content_object_id=profiles[name])
            return sorted((i.tag.name, i.is_shown) for i in items)

        assert shown("Shower") == [("Anxiety", True), ("Grief and loss", True)]
        assert shown("Keeper") == [("Anxiety", False), ("Grief and loss", False)]
        # Mixed then keeps one of the two to themselves.
        Item.objects.filter(content_object_id=profiles["Mixed"], tag__name="Anxiety").update(
            is_shown=False
        )

        back = _migrate(BEFORE)
        Profile = back.get_model("members", "Profile")
        choice = dict(Profile.objects.values_list("display_name", "experiences_visibility"))
        assert choice["Shower"] == "members"
        assert choice["Keeper"] == "nobody"
        # One choice for all again: what Mixed kept is never shown by going back.
        assert choice["Mixed"] == "nobody"
    finally:
        _latest()
