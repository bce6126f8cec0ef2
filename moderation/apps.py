from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"

    def ready(self) -> None:
        from . import privacy  # noqa: F401  (registers moderation's part of an export)
        from .roles import ensure_roles_after_migrate

        # Permissions only exist after migrate has run, so the role groups are
        # (re)made then: every database, tests included, has them.
        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="moderation-roles")
