"""The site's URLs with the bench's ceiling page in front: the root URLconf while
BOOMITY_BENCH is on (boomity/settings.py), so the site itself never routes it."""

from django.urls import path

from boomity.urls import handler400, handler403, handler404, handler500
from boomity.urls import urlpatterns as site

from . import views

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]

urlpatterns = [path("_bench/ceiling/", views.ceiling, name="bench-ceiling"), *site]
