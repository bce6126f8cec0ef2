"""Each cell of an admin list names its column (core.templatetags.admin_lists), so that
on a phone every row reads as a card: "Author: Sam" (moderation-admin.css)."""

from __future__ import annotations

import pytest
from django.utils.safestring import mark_safe

from core.templatetags.admin_lists import labelled_cells
from moderation.roles import MODERATORS
from tests.factories import make_staff_member
from tests.moderation.queue_world import fill_queue

CHECKBOX = {
    "text": mark_safe('<input type="checkbox">'),
    "class_attrib": ' class="action-checkbox-column"',
}


def test_each_cell_gets_its_columns_name_escaped_and_the_tick_box_none():
    cells = [
        mark_safe('<td class="action-checkbox"><input type="checkbox"></td>'),
        mark_safe('<th class="field-what"><a href="/x/">Same here.</a></th>'),
        mark_safe('<td class="field-where">Board: <b>Hard</b></td>'),
    ]
    headers = [
        CHECKBOX,
        {"text": "post", "class_attrib": ""},
        {"text": 'where "<b>', "class_attrib": ""},
    ]
    assert labelled_cells(cells, headers) == [
        cells[0],
        '<th data-label="Post" class="field-what"><a href="/x/">Same here.</a></th>',
        '<td data-label="Where &quot;" class="field-where">Board: <b>Hard</b></td>',
    ]


@pytest.mark.django_db
def test_the_queue_names_every_cell_by_its_column(client):
    fill_queue(2)
    moderator = make_staff_member("Robin", MODERATORS)
    client.force_login(moderator)
    html = client.get("/admin/moderation/reviewitem/").content.decode()
    for label in ("Priority", "Post", "Where", "Author", "Why", "Waiting", "Flags", "Claimed by"):
        assert f'data-label="{label}"' in html, label
    assert 'data-label="<' not in html
