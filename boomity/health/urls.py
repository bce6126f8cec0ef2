from django.urls import path

from . import views

app_name = "health"

urlpatterns = [
    path("health/", views.health, name="page"),
    path("health/<slug:figure>.csv", views.health_csv, name="csv"),
]
