from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("help/", views.help_page, name="help"),
    path("p/<int:pk>/flag/", views.flag_post, name="flag-post"),
    path("second-look/<int:pk>/", views.second_look, name="second-look"),
    path("second-look/s/<str:token>/", views.second_look_signed, name="second-look-signed"),
]
