from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Boards and threads")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from . import privacy  # noqa: F401  (registers the boards' part of an export)
        from .views import forget_others_words

        user_logged_in.connect(forget_others_words, dispatch_uid="forums.forget_others_words")
