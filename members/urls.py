from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("notifications/", views.notifications, name="notifications"),
    path("account/blocked/", views.blocked_members, name="blocked"),
    path("account/blocked/<int:pk>/unblock/", views.unblock, name="unblock"),
    path("account/email-preferences/", views.email_preferences, name="email-preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
