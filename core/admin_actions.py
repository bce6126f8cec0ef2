"""The page an admin action shows before it acts (choose a board, give a reason, ...)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def these(count: int, noun: tuple[str, str]) -> str:
    """ "this post" or "these 3 posts": `noun` is (singular, plural)."""
    singular, plural = noun
    return f"this {singular}" if count == 1 else f"these {count} {plural}"


def confirm_action(
    model_admin: admin.ModelAdmin[Any],
    request: HttpRequest,
    page: str,
    *,
    ask: str,
    noun: tuple[str, str],
    items: Iterable[Any],
    **context: Any,
) -> HttpResponse:
    """Render admin/<app>/<model>/<page>.html (which extends admin/action_confirmation.html)
    for the selected `items`; its form posts the same action and selection back, with
    what it asks for.

    Nothing has happened yet, so the page's title is the question, in plain words, with
    the number of items: `ask` holds "{these}", which becomes "this post" or "these 3
    posts" (`noun` is the singular and plural), e.g. ask="Hide {these}?"."""
    items = list(items)
    opts = model_admin.model._meta
    return render(
        request,
        f"admin/{opts.app_label}/{opts.model_name}/{page}.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": ask.format(these=these(len(items), noun)),
            "these": these(len(items), noun),
            "opts": opts,
            "items": items,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            **context,
        },
    )
