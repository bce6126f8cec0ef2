"""core.paging's cursors: readable, exact, and only in the form it writes."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from core.paging import BadCursor, Cursor, Place, address


def test_a_cursor_reads_as_a_moment_in_utc_and_an_id():
    moment = datetime(2026, 11, 30, 15, 5, 0, 123456, tzinfo=timezone(timedelta(hours=1)))
    assert str(Cursor(moment, 4312)) == "2026-11-30T14:05:00.123456Z_4312"
    whole = datetime(2026, 11, 30, 14, 5, tzinfo=UTC)
    assert str(Cursor(whole, 1)) == "2026-11-30T14:05:00.000000Z_1"


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 11, 30, 14, 5, 0, 123456, tzinfo=UTC),
        datetime(2026, 1, 1, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    ],
)
def test_a_cursor_reads_back_exactly(moment):
    cursor = Cursor(moment, 2**63 - 1)
    assert Cursor.parse(str(cursor)) == cursor


def test_a_place_is_one_direction_or_an_old_page():
    cursor = "2026-11-30T14:05:00.123456Z_4312"
    assert Place.of({}) == Place()
    assert Place.of({"before": cursor}).before == Cursor.parse(cursor)
    assert Place.of({"after": cursor}).after == Cursor.parse(cursor)
    assert Place.of({"page": "3"}) == Place(page=3)
    for bad in ({"before": cursor, "after": cursor}, {"page": "2", "before": cursor}):
        with pytest.raises(BadCursor):
            Place.of(bad)
    with pytest.raises(BadCursor):
        Cursor.parse("2026-11-30T14:05:00.123456Z_9223372036854775808")  # past bigint


def test_addresses_keep_filters_in_order_and_the_cursor_readable():
    cursor = Cursor.parse("2026-11-30T14:05:00.123456Z_4312")
    assert address("/b/x/") == "/b/x/"
    assert (
        address("/b/x/", {"topic": "sleep", "shared": "1"}, before=cursor)
        == "/b/x/?topic=sleep&shared=1&before=2026-11-30T14:05:00.123456Z_4312"
    )
