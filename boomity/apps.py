from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoomityConfig(AppConfig):
    name = "boomity"
    verbose_name = _("Community")
