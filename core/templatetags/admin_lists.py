from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

register = template.Library()


@register.filter
def labelled_cells(cells: Iterable[str], headers: Iterable[Mapping[str, Any]]) -> list[str]:
    """A changelist row's cells, each with its column's name in `data-label`: on a
    phone the rows become cards (moderation-admin.css) and every part is named, as in
    "Author: Sam", in words the list's own header row uses.

    The admin renders each cell as one `<td …>` or `<th …>` string; the label goes into
    that opening tag. The tick box's column has no words to give."""
    labelled: list[str] = []
    for cell, header in zip(cells, headers, strict=False):
        opening = cell[:3]
        if opening not in ("<td", "<th") or "action-checkbox" in header.get("class_attrib", ""):
            labelled.append(cell)
            continue
        label = capfirst(strip_tags(str(header["text"])).strip())
        # The label is escaped by format_html; the rest is the admin's own escaped cell.
        named = format_html('<t{} data-label="{}"', opening[2], label)
        labelled.append(mark_safe(named + cell[3:]))  # noqa: S308
    return labelled
