"""The page an admin action shows before it acts (choose a board, give a reason, ...)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


def these(count: int, noun: tuple[str, str] | _StrPromise) -> str:
    """ "this post" or "these 3 posts".

    `noun` is a plural message with a `count` placeholder, so each language can say it
    whole: `ngettext_lazy("this post", "these %(count)s posts", "count")`. A pair of
    English words (singular, plural) still works, in English only.
    """
    if isinstance(noun, tuple):
        singular, plural = noun
        return f"this {singular}" if count == 1 else f"these {count} {plural}"
    return noun % {"count": count}


def confirm_action(
    model_admin: admin.ModelAdmin[Any],
    request: HttpRequest,
    page: str,
    *,
    ask: str | _StrPromise,
    noun: tuple[str, str] | _StrPromise,
    items: Iterable[Any],
    **context: Any,
) -> HttpResponse:
    """Render admin/<app>/<model>/<page>.html (which extends admin/action_confirmation.html)
    for the selected `items`; its form posts the same action and selection back, with
    what it asks for.

    Nothing has happened yet, so the page's title is the question, in plain words, with
    the number of items: `ask` holds "%(these)s", which becomes "this post" or "these 3
    posts" (`noun`, see `these`), e.g. `ask=gettext_lazy("Hide %(these)s?")`. An English
    `ask` with "{these}" still works.
    """
    items = list(items)
    these_ones = these(len(items), noun)
    opts = model_admin.model._meta
    return render(
        request,
        f"admin/{opts.app_label}/{opts.model_name}/{page}.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": _question(ask, these_ones),
            "these": these_ones,
            "opts": opts,
            "items": items,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            **context,
        },
    )


def _question(ask: str | _StrPromise, these_ones: str) -> str:
    if isinstance(ask, Promise) or "%(these)s" in ask:
        return ask % {"these": these_ones}
    return ask.format(these=these_ones)
