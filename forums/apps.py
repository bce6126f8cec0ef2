from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = "Boards and threads"

    def ready(self) -> None:
        from . import privacy  # noqa: F401  (registers the boards' part of an export)
