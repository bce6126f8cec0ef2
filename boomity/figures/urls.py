from django.urls import path

from . import views

app_name = "figures"

urlpatterns = [
    path("health/", views.health, name="health"),
    path("health/<slug:slug>.csv", views.health_csv, name="health-csv"),
    path("check-ins/", views.checkins, name="checkins"),
    path("check-ins/<slug:slug>.csv", views.checkins_csv, name="checkins-csv"),
]
