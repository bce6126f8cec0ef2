"""The words screening looks for."""

from __future__ import annotations

from django.contrib import admin

from ..models import CrisisPhrase, WatchedWord


@admin.register(CrisisPhrase)
class CrisisPhraseAdmin(admin.ModelAdmin):
    search_fields = ["phrase"]
    list_display = ["phrase"]


@admin.register(WatchedWord)
class WatchedWordAdmin(admin.ModelAdmin):
    list_display = ["pattern", "is_regex", "action", "replacement"]
    list_filter = ["action", "is_regex"]
    search_fields = ["pattern"]
