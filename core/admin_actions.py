"""The page an admin action shows before it acts (choose a board, give a reason, ...)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def confirm_action(
    model_admin: admin.ModelAdmin[Any],
    request: HttpRequest,
    page: str,
    *,
    ask: StrOrPromise,
    items: Iterable[Any],
    **context: Any,
) -> HttpResponse:
    """Render admin/<app>/<model>/<page>.html (which extends admin/action_confirmation.html)
    for the selected `items`; its form posts the same action and selection back, with
    what it asks for.

    Nothing has happened yet, so the page's title is the question, in plain words, with
    the number of items. `ask` is one whole sentence per number, made with
    `ngettext_lazy(singular, plural, "count")`, e.g.
    `ngettext_lazy("Hide this post?", "Hide these %(count)s posts?", "count")`: translators
    see the whole question, and their language's plural rules pick the form. The
    template gets `count` too, for its own plural sentences."""
    items = list(items)
    opts = model_admin.model._meta
    count = len(items)
    return render(
        request,
        f"admin/{opts.app_label}/{opts.model_name}/{page}.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": ask % {"count": count},
            "opts": opts,
            "items": items,
            "count": count,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            **context,
        },
    )
