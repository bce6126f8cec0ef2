"""The page an admin action shows before it acts (choose a board, give a reason, ...)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def confirm_action(
    model_admin: admin.ModelAdmin[Any],
    request: HttpRequest,
    page: str,
    *,
    title: str,
    items: Iterable[Any],
    **context: Any,
) -> HttpResponse:
    """Render admin/<app>/<model>/<page>.html (which extends admin/action_confirmation.html)
    for the selected `items`; its form posts the same action and selection back, with
    what it asks for."""
    opts = model_admin.model._meta
    return render(
        request,
        f"admin/{opts.app_label}/{opts.model_name}/{page}.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": title,
            "opts": opts,
            "items": items,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            **context,
        },
    )
