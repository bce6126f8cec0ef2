from django.urls import path

from . import views

app_name = "checkins"

urlpatterns = [
    path("check-in/", views.checkin, name="checkin"),
    path("check-in/opt-in/", views.checkin_opt_in, name="checkin-opt-in"),
    path("check-in/opt-out/", views.checkin_opt_out, name="checkin-opt-out"),
    path("check-in/not-now/", views.checkin_not_now, name="checkin-not-now"),
    path("check-in/new/", views.checkin_new, name="checkin-new"),
    path("check-in/history/", views.checkin_history, name="checkin-history"),
    path("check-in/<int:pk>/delete/", views.checkin_delete, name="checkin-delete"),
    path("check-in/delete-all/", views.checkin_delete_all, name="checkin-delete-all"),
]
