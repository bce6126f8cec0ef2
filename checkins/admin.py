from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse

from .models import CheckInItem, CheckInSettings


# Check-ins: staff set the questions and how often members are invited. The
# answers themselves are never registered here: staff see only aggregates, on
# the check-in figures page (/staff/check-ins/).
@admin.register(CheckInItem)
class CheckInItemAdmin(admin.ModelAdmin):
    list_display = ["text", "position", "is_active"]
    list_editable = ["position", "is_active"]
    fields = ["text", "texts", "position", "is_active"]

    def has_delete_permission(self, request, obj=None):
        # Stop asking a question instead: its answers then still count per question.
        return False


@admin.register(CheckInSettings)
class CheckInSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not CheckInSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One row of settings: go straight to it.
        row = CheckInSettings.load()
        return HttpResponseRedirect(reverse("admin:checkins_checkinsettings_change", args=[row.pk]))
