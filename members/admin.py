from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from core.admin_actions import confirm_action

from . import actions
from .models import (
    Experience,
    ExperienceSynonym,
    Invitation,
    Profile,
    User,
)


def member_link(user: User | None, *, anonymous: bool = False) -> str:
    """A member's name in the admin, linked to the moderators' page about them
    (BOOMITY_ADMIN_MEMBER_URL). The one place that link is made: every list and page of
    the admin that names a member uses this, or the `member_link` template filter.
    `anonymous` marks a name that members don't see beside the post. Expects the
    profile loaded with the user (select_related "…__profile")."""
    if user is None:
        return str(_("a former member"))
    url = reverse(settings.BOOMITY_ADMIN_MEMBER_URL, args=[user.pk])
    if anonymous:
        return format_html(
            '<a href="{}" class="member-link">{}</a> <em>{}</em>',
            url,
            str(user),
            _("(posted anonymously: only moderators see this name)"),
        )
    return format_html('<a href="{}" class="member-link">{}</a>', url, str(user))


class AccountCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email",)
        field_classes = {}


class AccountChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"
        field_classes = {}


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
        (
            _("Access"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["email", "usable_password", "password1", "password2"]},
        )
    ]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = [
        "display_name",
        "role",
        "is_peer_supporter",
        "created_at",
        "guidelines_accepted_at",
    ]
    list_filter = ["role", "is_peer_supporter"]
    search_fields = ["display_name"]
    # A member's lived experiences and who sees them are theirs alone: not shown here.
    fields = [
        "user",
        "display_name",
        "role",
        "is_peer_supporter",
        "bio",
        "created_at",
        "guidelines_accepted_at",
    ]
    # The role follows the account's groups (Moderators, Staff): change those instead.
    readonly_fields = ["user", "role", "guidelines_accepted_at", "created_at"]
    view_on_site = True


class SynonymInline(admin.TabularInline):
    model = ExperienceSynonym
    fields = ["name"]
    extra = 0
    verbose_name = _("synonym (another name that leads here)")
    verbose_name_plural = _("synonyms (other names that lead here)")


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Experience.objects.all(), label=_("Merge them into this experience")
    )


@admin.register(Experience)
class ExperienceAdmin(admin.ModelAdmin):
    list_display = ["name", "description", "is_official"]
    list_filter = ["is_official"]
    search_fields = ["name", "synonyms__name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", "names", "descriptions", "is_official"]
    inlines = [SynonymInline]
    actions = ["merge"]

    @admin.action(
        description=_("Merge selected experiences into another…"), permissions=["change", "delete"]
    )
    def merge(self, request, queryset):
        form = MergeForm(request.POST if "keep" in request.POST else None)
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            names = [e.name for e in queryset if e.pk != keep.pk]
            actions.merge_experiences(keep=keep, merged=list(queryset))
            self.log_change(request, keep, f"Merged in: {', '.join(names)}")
            self.message_user(
                request,
                ngettext(
                    "Merged %(count)s experience into %(keep)s. Its name is now a "
                    "synonym of it, and members who chose it have it instead.",
                    "Merged %(count)s experiences into %(keep)s. Their names are now "
                    "synonyms of it, and members who chose them have it instead.",
                    len(names),
                )
                % {"count": len(names), "keep": keep},
                messages.SUCCESS,
            )
            return None
        return confirm_action(
            self,
            request,
            "merge",
            ask=ngettext_lazy(
                "Merge this experience into another?",
                "Merge these %(count)s experiences into another?",
                "count",
            ),
            items=queryset,
            form=form,
        )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitation codes, for when joining is by invitation (Community settings)."""

    list_display = ["note", "code", "uses_of_max", "expires_at", "created_at"]
    search_fields = ["note", "code"]
    fields = [
        "note",
        "max_uses",
        "expires_at",
        "code",
        "signup_link",
        "uses",
        "created_by",
        "created_at",
    ]
    readonly_fields = ["code", "signup_link", "uses", "created_by", "created_at"]
    actions = ["stop_now"]

    @admin.display(description=_("used"))
    def uses_of_max(self, invitation: Invitation) -> str:
        # Translators: how many people joined with an invitation code, of how many may.
        return _("%(uses)s of %(max)s") % {"uses": invitation.uses, "max": invitation.max_uses}

    @admin.display(description=_("sign-up link"))
    def signup_link(self, invitation: Invitation) -> str:
        if invitation.pk is None:
            return str(_("Made when you save: a link that fills the code in for the person."))
        return format_html(
            '<code class="signup-link">{}</code><div class="help">{}</div>',
            invitation.signup_url(),
            _("Share this link, or the code on its own."),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Stop the selected codes working now"), permissions=["change"])
    def stop_now(self, request, queryset):
        stopped = queryset.update(expires_at=timezone.now())
        self.message_user(
            request,
            ngettext(
                "%(count)s code stopped. Nobody can join with it now; "
                "everyone who already joined stays a member.",
                "%(count)s codes stopped. Nobody can join with them now; "
                "everyone who already joined stays a member.",
                stopped,
            )
            % {"count": stopped},
        )
