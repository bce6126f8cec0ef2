from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("guidelines/", views.guidelines, name="guidelines"),
    path("notifications/", views.notifications, name="notifications"),
    path("account/blocked/", views.blocked_members, name="blocked"),
    path("account/blocked/<int:pk>/unblock/", views.unblock, name="unblock"),
    path("account/profile/", views.profile_edit, name="profile-edit"),
    # A member's own page, /members/<name>/, is in forums: it shows their posts.
    path("members/", views.directory, name="directory"),
    path("account/email-preferences/", views.email_preferences, name="email-preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("check-in/", views.checkin, name="checkin"),
    path("check-in/opt-in/", views.checkin_opt_in, name="checkin-opt-in"),
    path("check-in/opt-out/", views.checkin_opt_out, name="checkin-opt-out"),
    path("check-in/not-now/", views.checkin_not_now, name="checkin-not-now"),
    path("check-in/new/", views.checkin_new, name="checkin-new"),
    path("check-in/history/", views.checkin_history, name="checkin-history"),
    path("check-in/<int:pk>/delete/", views.checkin_delete, name="checkin-delete"),
    path("check-in/delete-all/", views.checkin_delete_all, name="checkin-delete-all"),
    path("account/two-step-sign-in/", views.two_step_needed, name="two-step-needed"),
    path("account/privacy/", views.privacy, name="privacy"),
    path("account/privacy/export/", views.export_data, name="export"),
    path("account/privacy/erase/", views.erase_account, name="erase"),
    path("account/break/", views.take_a_break, name="break"),
    path("goodbye/", views.goodbye, name="goodbye"),
]
