"""The site's URLs with the bench's two ceiling pages in front: the root URLconf while
BOOMITY_BENCH is on (boomity/settings.py), so the site itself never routes them.
The bare page is first, so resolving it costs one pattern; bench/wsgi.py sends its
path to the handler without middleware."""

from django.urls import path

from boomity.urls import handler400, handler403, handler404, handler500
from boomity.urls import urlpatterns as site

from . import views
from .bare import BARE_PATH

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]

urlpatterns = [
    path(BARE_PATH.removeprefix("/"), views.bare, name="bench-bare"),
    path("_bench/ceiling/", views.ceiling, name="bench-ceiling"),
    *site,
]
