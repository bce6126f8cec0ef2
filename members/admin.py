from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.shortcuts import render

from . import actions
from .models import Experience, ExperienceSynonym, Profile, User


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
    fields = ["display_name", "is_peer_supporter", "guidelines_accepted_at", "created_at"]
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
    list_display = ["display_name", "is_peer_supporter", "created_at", "guidelines_accepted_at"]
    list_filter = ["is_peer_supporter"]
    search_fields = ["display_name"]
    # A member's lived experiences and who sees them are theirs alone: not shown here.
    fields = ["user", "display_name", "is_peer_supporter", "bio", "created_at",
              "guidelines_accepted_at"]
    readonly_fields = ["user", "guidelines_accepted_at", "created_at"]
    view_on_site = True


class SynonymInline(admin.TabularInline):
    model = ExperienceSynonym
    fields = ["name"]
    extra = 0
    verbose_name = "synonym (another name that leads here)"
    verbose_name_plural = "synonyms (other names that lead here)"


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(queryset=Experience.objects.all(),
                                  label="Merge them into this experience")


@admin.register(Experience)
class ExperienceAdmin(admin.ModelAdmin):
    list_display = ["name", "description", "is_official"]
    list_filter = ["is_official"]
    search_fields = ["name", "synonyms__name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", "is_official"]
    inlines = [SynonymInline]
    actions = ["merge"]

    @admin.action(description="Merge selected experiences into another…",
                  permissions=["change", "delete"])
    def merge(self, request, queryset):
        form = MergeForm(request.POST if "keep" in request.POST else None)
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            names = [e.name for e in queryset if e.pk != keep.pk]
            actions.merge_experiences(keep=keep, merged=list(queryset))
            self.log_change(request, keep, f"Merged in: {', '.join(names)}")
            self.message_user(
                request, f"Merged {len(names)} experience(s) into {keep}. Their names are now "
                "synonyms of it, and members who chose them have it instead.", messages.SUCCESS,
            )
            return None
        return render(request, "admin/members/experience/merge.html", {
            **self.admin_site.each_context(request), "title": "Merge lived experiences",
            "opts": self.model._meta, "experiences": queryset, "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })
