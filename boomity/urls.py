from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Boomity administration"
admin.site.site_title = "Boomity admin"

urlpatterns = [
    path("guidelines/", views.guidelines, name="guidelines"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("forums.urls")),
]

if settings.BOOMITY_BENCH:
    urlpatterns.insert(0, path("_bench/ceiling/", views.bench_ceiling, name="bench-ceiling"))

handler403 = "boomity.views.permission_denied"
handler404 = "boomity.views.page_not_found"
handler500 = "boomity.views.server_error"
