from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("notifications/", views.notifications, name="notifications"),
    path("account/blocked/", views.blocked_members, name="blocked"),
    path("account/blocked/<int:pk>/unblock/", views.unblock, name="unblock"),
    path("account/two-step-sign-in/", views.two_step_needed, name="two-step-needed"),
]
