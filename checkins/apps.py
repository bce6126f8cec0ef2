from django.apps import AppConfig


class CheckinsConfig(AppConfig):
    name = "checkins"
    verbose_name = "Check-ins"

    def ready(self) -> None:
        from . import privacy  # noqa: F401  (registers the check-ins' part of an export)
