from django.apps import AppConfig


class BoomityConfig(AppConfig):
    name = "boomity"
    verbose_name = "Community"
