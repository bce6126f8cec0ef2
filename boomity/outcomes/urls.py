from django.urls import path

from . import views

app_name = "outcomes"

urlpatterns = [
    path("check-ins/", views.checkins, name="checkins"),
    path("check-ins/<slug:slug>.csv", views.checkins_csv, name="checkins-csv"),
]
