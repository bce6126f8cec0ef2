"""Handover notes: "what the next shift should know", from one moderator to the rest.

Written from the admin's front page or the queue, shown there to every moderator until
one dismisses it; the list keeps every note, with who dismissed it and when.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from forums.admin import FoldedRowsMixin, FoldMedia, folded
from members.admin import member_link

from .. import actions, folding
from ..forms import HandoverNoteForm
from ..models import HandoverNote
from ..screening import crisis_words

# How many notes wait on the front page at most; the rest are in the list.
SHOWN = 10


def open_handover_notes() -> tuple[list[dict[str, Any]], int]:
    """The notes nobody has dismissed, newest first, each with its words folded if they
    hold crisis language; and how many there are. Three queries, however many."""
    notes = list(HandoverNote.objects.open().with_people()[:SHOWN])
    count = HandoverNote.objects.open().count()
    words = crisis_words()
    return [
        {"note": note, "text": folded("note", folding.text_why(note.text, words), note.text)}
        for note in notes
    ], count


def _back(request: HttpRequest) -> str:
    """Where the moderator wrote or dismissed from (the front page or the queue)."""
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return back
    return reverse("admin:index")


@admin.register(HandoverNote)
class HandoverNoteAdmin(FoldedRowsMixin):
    """Every handover note, dismissed ones too. Read here; written and dismissed from the
    notes box on the front page and the queue (`write_view`, `dismiss_view`)."""

    Media = FoldMedia
    list_display = ["created_at", "written_by_linked", "text_folded", "dismissed"]
    list_filter = [("dismissed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["written_by__profile", "dismissed_by__profile"]
    fields = readonly_fields = [  # type: ignore[assignment]
        "created_at",
        "written_by_linked",
        "text_folded",
        "dismissed",
    ]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("moderation.work_queue")

    def has_module_permission(self, request):
        return request.user.has_perm("moderation.work_queue")

    def has_add_permission(self, request):
        return False  # written from the notes box, so the audit row is written with it

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def fold_reasons(self, rows: list[HandoverNote]) -> Mapping[Any, list[str]]:
        words = crisis_words()
        return {note.pk: folding.text_why(note.text, words) for note in rows}

    @admin.display(description=pgettext_lazy("who wrote a note", "by"))
    def written_by_linked(self, note: HandoverNote) -> str:
        return member_link(note.written_by)

    @admin.display(description=_("note"))
    def text_folded(self, note: HandoverNote) -> str:
        return folded("note", self.fold_why(note), note.text)

    @admin.display(description=_("dismissed"), ordering="dismissed_at")
    def dismissed(self, note: HandoverNote) -> str:
        if note.dismissed_at is None:
            return gettext("not yet: every moderator sees it")
        when = date_format(timezone.localtime(note.dismissed_at), "DATETIME_FORMAT")
        return format_html("{}, {}", member_link(note.dismissed_by), when)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("write/", view(self.write_view), name="moderation_handovernote_write"),
            path(
                "<int:note_id>/dismiss/",
                view(self.dismiss_view),
                name="moderation_handovernote_dismiss",
            ),
            *super().get_urls(),
        ]

    def write_view(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = HandoverNoteForm(request.POST)
        if form.is_valid():
            actions.write_handover_note(by=request.user, text=form.cleaned_data["text"])
            messages.success(
                request,
                gettext("Handover note saved. Every moderator sees it until one dismisses it."),
            )
        else:
            messages.error(
                request,
                gettext(
                    "We couldn't save the handover note: it was empty, or longer than "
                    "2,000 characters. Please write it again in the box."
                ),
            )
        return HttpResponseRedirect(_back(request))

    def dismiss_view(self, request: HttpRequest, note_id: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_view_permission(request):
            raise PermissionDenied
        note = get_object_or_404(HandoverNote, pk=note_id)
        if actions.dismiss_handover_note(note, by=request.user):
            messages.success(request, gettext("Dismissed. The note is kept in Handover notes."))
        else:
            messages.info(request, gettext("Another moderator had already dismissed that note."))
        return HttpResponseRedirect(_back(request))
