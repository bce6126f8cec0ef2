"""What staff set: the community, moderation, crisis services, escalation contacts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from members.models import CommunitySettings

from ..forms import CommunitySettingsForm, ModerationSettingsForm
from ..models import CrisisResource, EscalationContact, ModerationSettings

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@admin.register(CommunitySettings)
class CommunitySettingsAdmin(admin.ModelAdmin):
    """Everything staff set about the community, on one page: its name and texts, who
    may join, and how moderation works (members' and moderation's settings rows).

    Staff only: it needs the right to change both rows, which moderators don't have.
    """

    PERMISSIONS = ("members.change_communitysettings", "moderation.change_moderationsettings")
    FIELDSETS: dict[str, list[tuple[StrOrPromise, dict[str, Any]]]] = {
        "community": [
            (
                _("The community"),
                {"fields": ["name", "tagline", "taglines", "welcome", "welcomes", "guidelines"]},
            ),
            (_("Leave quickly"), {"fields": ["leave_quickly_url"]}),
            (_("When someone is struggling"), {"fields": ["responding"]}),
            (
                _("Who may join"),
                {
                    "fields": ["signup_policy", "allowed_domains"],
                    "description": _(
                        "Invitation codes, each with a use limit, an end date and a link "
                        'that fills the code in, are made under <a href="%(invitations)s">'
                        "Invitations</a>."
                    ),
                },
            ),
        ],
        "moderation": [
            (
                _("Moderation"),
                {
                    "fields": ModerationSettingsForm.Meta.fields,  # one list, the form's
                    "description": _(
                        "The people an escalated review item is e-mailed to (a clinical lead, "
                        "for example, with the hours they can be reached) are named under "
                        '<a href="%(escalation_contacts)s">Escalation contacts</a>.'
                    ),
                },
            ),
        ],
    }

    def has_view_permission(self, request, obj=None):
        return request.user.has_perms(self.PERMISSIONS)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perms(self.PERMISSIONS)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        # One row, so one page, at the address the admin's index links to.
        return [
            path(
                "",
                self.admin_site.admin_view(self.settings_view),
                name="members_communitysettings_changelist",
            )
        ]

    def settings_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_change_permission(request):
            raise PermissionDenied
        community, moderation = CommunitySettings.load(), ModerationSettings.load()
        data = request.POST if request.method == "POST" else None
        forms_ = {
            "community": CommunitySettingsForm(data, instance=community),
            "moderation": ModerationSettingsForm(data, instance=moderation),
        }
        if data is not None and all([form.is_valid() for form in forms_.values()]):
            self._save(request, forms_)
            return HttpResponseRedirect(request.path)
        return render(
            request,
            "admin/members/communitysettings/settings.html",
            {
                **self.admin_site.each_context(request),
                "title": gettext("Community settings"),
                "opts": self.model._meta,
                "adminforms": [self._adminform(name, form) for name, form in forms_.items()],
                "has_errors": any(form.errors for form in forms_.values()),
                "cache_seconds": settings.BOOMITY_COMMUNITY_CACHE_SECONDS,
            },
        )

    def _adminform(self, name: str, form: forms.ModelForm) -> helpers.AdminForm:
        links = {
            "invitations": reverse("admin:members_invitation_changelist"),
            "escalation_contacts": reverse("admin:moderation_escalationcontact_changelist"),
        }
        fieldsets = [
            (title, {**options, "description": options.get("description", "") % links})
            for title, options in self.FIELDSETS[name]
        ]
        return helpers.AdminForm(form, fieldsets, {}, model_admin=self)

    @transaction.atomic
    def _save(self, request: HttpRequest, forms_: dict) -> None:
        for form in forms_.values():
            if form.has_changed():
                form.save()
                self.log_change(
                    request, form.instance, self.construct_change_message(request, form, [])
                )
        messages.success(
            request,
            ngettext(
                "Saved. Every page shows the new settings within %(seconds)s second.",
                "Saved. Every page shows the new settings within %(seconds)s seconds.",
                settings.BOOMITY_COMMUNITY_CACHE_SECONDS,
            )
            % {"seconds": settings.BOOMITY_COMMUNITY_CACHE_SECONDS},
        )


@admin.register(CrisisResource)
class CrisisResourceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "region_name",
        "languages_named",
        "phone",
        "text_number",
        "hours",
        "position",
        "is_active",
    ]
    list_editable = ["position", "is_active"]
    fieldsets = [
        (
            None,
            {
                "fields": ["name", "description", "hours"],
                "description": _(
                    "These are shown on /help/ and to anyone whose post contains crisis "
                    "language. The ones that ship are real, widely known services; please add "
                    "the services your members use."
                ),
            },
        ),
        (
            _("How to reach it"),
            {"fields": ["phone", "text_number", "text_instructions", "web_url"]},
        ),
        (
            _("Where and in which languages"),
            {"fields": ["regions", "region_name", "languages", "position", "is_active"]},
        ),
    ]

    @admin.display(description=_("languages it answers in"), ordering="languages")
    def languages_named(self, resource: CrisisResource) -> str:
        """Staff type codes ("en, es") in the form; the list names the languages, in the
        reader's language. A code Django doesn't know stays as typed."""
        names = []
        for code in resource.language_codes:
            try:
                names.append(str(get_language_info(code)["name_translated"]))
            except KeyError:
                names.append(code)
        return ", ".join(sorted(names))


@admin.register(EscalationContact)
class EscalationContactAdmin(admin.ModelAdmin):
    """The people an escalated review item reaches. Staff edit; moderators can look."""

    list_display = ["name", "role", "email", "phone", "hours_described", "reachable_now"]
    fieldsets = [
        (
            None,
            {
                "fields": ["name", "role", "email", "phone", "hours", "position"],
                "description": _(
                    "When a moderator escalates a review item, the contacts who can be reached "
                    "at that hour are e-mailed a link to it (never the post); if none can, all "
                    "of them are, and told so. The item's page shows who has it. With no "
                    "contacts here, escalating e-mails nobody, and the moderator is told so."
                ),
            },
        ),
    ]

    @admin.display(description=_("hours"))
    def hours_described(self, contact: EscalationContact) -> str:
        return contact.hours_described

    @admin.display(description=_("can be reached now"), boolean=True)
    def reachable_now(self, contact: EscalationContact) -> bool:
        return contact.reachable_at(timezone.now())
