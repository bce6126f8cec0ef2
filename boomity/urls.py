from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from members import views as member_views

from . import views

admin.site.site_header = _("Boomity administration")
admin.site.site_title = _("Boomity admin")
# The admin's sign-in is allauth's, so its rate limits and two-step sign-in cover
# the admin too (members.middleware.AdminTwoStepMiddleware requires the latter).
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    # Browsers (and the admin's pages, which don't link an icon) ask for this.
    path("favicon.ico", views.favicon, name="favicon"),
    # allauth's sign-up, which also knows about invitation codes (members/views.py).
    path("accounts/signup/", member_views.signup, name="account_signup"),
    # allauth's page for changing one's address, which keeps the old one until the
    # new one is confirmed (members/addresses.py).
    path("accounts/email/", member_views.email, name="account_email"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("staff/", include("boomity.figures.urls")),
    path("", include("moderation.urls")),
    path("", include("members.urls")),
    path("", include("checkins.urls")),
    path("", include("forums.urls")),
]

handler400 = "boomity.views.bad_request"
handler403 = "boomity.views.permission_denied"
handler404 = "boomity.views.page_not_found"
handler500 = "boomity.views.server_error"
