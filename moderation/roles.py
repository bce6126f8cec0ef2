"""The two groups of people who run the community, and what each may do."""

import contextlib

from django.contrib.auth.models import Group, Permission
from django.db.models import Case, Exists, OuterRef, Value, When

from members.models import Profile, Role, User

MODERATORS = "Moderators"
STAFF = "Staff"

MODERATOR_PERMISSIONS = [
    "forums.view_boardgroup",
    "forums.view_board",
    "forums.view_thread",
    "forums.pin_thread",
    "forums.lock_thread",
    "forums.move_thread",
    "forums.change_thread_topics",
    "forums.view_topic",
    "forums.view_post",
    "forums.view_contentwarning",
    "moderation.work_queue",
    "moderation.view_reviewitem",
    "moderation.change_reviewitem",
    "moderation.view_sanction",
    "moderation.view_auditentry",
    "moderation.view_crisisresource",
    "moderation.view_escalationcontact",
    # Read, not change: what screening looks for is staff's to set.
    "moderation.view_crisisphrase",
    "moderation.view_watchedword",
    "moderation.view_messagetemplate",
]
STAFF_PERMISSIONS = [
    *MODERATOR_PERMISSIONS,
    "forums.add_boardgroup",
    "forums.change_boardgroup",
    "forums.delete_boardgroup",
    "forums.add_board",
    "forums.change_board",
    "forums.delete_board",
    "forums.add_contentwarning",
    "forums.change_contentwarning",
    "forums.delete_contentwarning",
    "forums.add_topic",
    "forums.change_topic",
    "forums.delete_topic",
    "moderation.view_moderationsettings",
    "moderation.change_moderationsettings",
    "members.view_communitysettings",
    "members.change_communitysettings",
    "members.view_invitation",
    "members.add_invitation",
    "members.change_invitation",
    "members.delete_invitation",
    "moderation.add_crisisresource",
    "moderation.change_crisisresource",
    "moderation.delete_crisisresource",
    "moderation.add_escalationcontact",
    "moderation.change_escalationcontact",
    "moderation.delete_escalationcontact",
    "moderation.add_messagetemplate",
    "moderation.change_messagetemplate",
    "moderation.delete_messagetemplate",
    "moderation.view_crisisphrase",
    "moderation.add_crisisphrase",
    "moderation.change_crisisphrase",
    "moderation.delete_crisisphrase",
    "moderation.add_watchedword",
    "moderation.change_watchedword",
    "moderation.delete_watchedword",
    "members.view_profile",
    "members.change_profile",
    "members.view_experience",
    "members.add_experience",
    "members.change_experience",
    "members.delete_experience",
    "members.view_experiencesynonym",
    "members.add_experiencesynonym",
    "members.change_experiencesynonym",
    "members.delete_experiencesynonym",
    "checkins.view_checkinitem",
    "checkins.add_checkinitem",
    "checkins.change_checkinitem",
    "checkins.view_checkinsettings",
    "checkins.change_checkinsettings",
    "checkins.view_community_figures",
]


def _permissions(names: list[str]) -> list[Permission]:
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = [
        p
        for p in Permission.objects.select_related("content_type")
        if (p.content_type.app_label, p.codename) in wanted
    ]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
    if missing:
        raise LookupError(f"Permissions missing; has migrate run? {sorted(missing)}")
    return found


def ensure_roles() -> dict[str, Group]:
    groups = {}
    for name, perms in ((MODERATORS, MODERATOR_PERMISSIONS), (STAFF, STAFF_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(perms))
        groups[name] = group
    return groups


def ensure_roles_after_migrate(**kwargs) -> None:
    # post_migrate fires once per app; the groups can be made from the moment
    # the last of the permissions they need has been created.
    with contextlib.suppress(LookupError):
        ensure_roles()
        sync_roles()  # and every badge agrees with the groups, after every deploy


def sync_roles(user_ids=None) -> int:
    """Write each member's role badge (Profile.role) from their groups — Staff before
    Moderators — for these members, or everyone. One UPDATE; returns rows written.

    The badge lives on the profile so bylines show it at no cost; this is the one
    place that writes it.
    """

    def in_group(name: str) -> Exists:
        return Exists(
            User.groups.through.objects.filter(user_id=OuterRef("user_id"), group__name=name)
        )

    profiles = Profile.objects.all()
    if user_ids is not None:
        profiles = profiles.filter(user_id__in=list(user_ids))
    return profiles.update(
        role=Case(
            When(in_group(STAFF), then=Value(Role.STAFF)),
            When(in_group(MODERATORS), then=Value(Role.MODERATOR)),
            default=Value(""),
        )
    )


def groups_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """Django's admin (and `user.groups.add`, `group.user_set.remove`, …) change group
    membership outside our own code: the badges follow every change, whichever side."""
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        sync_roles([instance.pk])
    else:
        sync_roles(pk_set)  # None after group.user_set.clear(): everyone


def group_changed(sender, **kwargs) -> None:
    """A group renamed or deleted: the badges of everyone are worked out again."""
    sync_roles()
