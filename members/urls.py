from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("guidelines/", views.guidelines, name="guidelines"),
    path("notifications/", views.notifications, name="notifications"),
    path("messages/", views.conversation_list, name="conversations"),
    path("messages/<int:pk>/", views.conversation, name="conversation"),
    path("account/blocked/", views.blocked_members, name="blocked"),
    path("account/blocked/<int:pk>/unblock/", views.unblock, name="unblock"),
    path("account/profile/", views.profile_edit, name="profile-edit"),
    # A member's own page, /members/<name>/, is in forums: it shows their posts.
    path("members/", views.directory, name="directory"),
    path("account/colours/", views.colours, name="colours"),
    path("account/language/", views.language, name="language"),
    path("language/", views.set_language, name="set-language"),
    path("account/email-preferences/", views.email_preferences, name="email-preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("account/two-step-sign-in/", views.two_step_needed, name="two-step-needed"),
    path("account/privacy/", views.privacy, name="privacy"),
    path("account/privacy/export/", views.export_data, name="export"),
    path("account/privacy/erase/", views.erase_account, name="erase"),
    path("account/break/", views.take_a_break, name="break"),
    path("goodbye/", views.goodbye, name="goodbye"),
]
