from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from django.contrib.auth.models import Group

        from members.models import User

        from . import privacy  # noqa: F401  (registers moderation's part of an export)
        from .roles import ensure_roles_after_migrate, group_changed, groups_changed

        # Permissions only exist after migrate has run, so the role groups are
        # (re)made then: every database, tests included, has them.
        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="moderation-roles")
        # Group membership is changed by Django's admin and auth, not by a flow of
        # ours: these keep each member's role badge (Profile.role) in step with it.
        m2m_changed.connect(
            groups_changed, sender=User.groups.through, dispatch_uid="moderation-role-badges"
        )
        post_save.connect(group_changed, sender=Group, dispatch_uid="moderation-group-saved")
        post_delete.connect(group_changed, sender=Group, dispatch_uid="moderation-group-gone")
