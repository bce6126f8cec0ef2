from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import HttpResponseRedirect
from django.urls import reverse

from .models import CheckInItem, CheckInSettings, Profile, User


class AccountCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email",)
        field_classes: dict = {}


class AccountChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"
        field_classes: dict = {}


class ProfileInline(admin.StackedInline):
    # An account made here gets its profile in the same save (min_num=1).
    model = Profile
    can_delete = False
    min_num = 1
    max_num = 1
    fields = ["display_name", "guidelines_accepted_at", "created_at"]
    readonly_fields = ["guidelines_accepted_at", "created_at"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = AccountChangeForm
    add_form = AccountCreationForm
    ordering = ["-date_joined"]
    list_display = ["__str__", "email", "is_active", "is_staff", "date_joined", "last_login"]
    list_select_related = ["profile"]
    list_filter = ["is_active", "is_staff", "is_superuser", "groups"]
    search_fields = ["email", "profile__display_name"]
    inlines = [ProfileInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups",
                               "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "usable_password",
                                                             "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "created_at", "guidelines_accepted_at"]
    search_fields = ["display_name"]
    readonly_fields = ["user", "guidelines_accepted_at", "created_at"]


# Check-ins: staff set the questions and how often members are invited. The
# answers themselves are never registered here: staff see only aggregates, on
# the check-in figures page (/staff/check-ins/).
@admin.register(CheckInItem)
class CheckInItemAdmin(admin.ModelAdmin):
    list_display = ["text", "position", "is_active"]
    list_editable = ["position", "is_active"]
    fields = ["text", "position", "is_active"]

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
        return HttpResponseRedirect(reverse("admin:members_checkinsettings_change", args=[row.pk]))
