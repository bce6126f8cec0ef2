"""Server-drawn SVG charts: accessible, escaped, honest about gaps and empty data."""

import re
import xml.etree.ElementTree as ET

from core.charts import Series, bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"
WEEKS = ["3 Nov", "10 Nov", "17 Nov", "24 Nov"]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(str(svg))  # noqa: S314 - our own output; well-formed XML, or this raises
    assert root.tag == f"{SVG}svg"
    return root


def accessible_name(svg: str) -> tuple[str, str]:
    root = parse(svg)
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby").split()
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    assert [by_id[i].tag for i in ids] == [f"{SVG}title", f"{SVG}desc"]
    return by_id[ids[0]].text, by_id[ids[1]].text


def paths(svg: str) -> list[str]:
    return [el.get("d") for el in parse(svg).iter(f"{SVG}path")]


def texts(svg: str) -> list[str]:
    return [el.text for el in parse(svg).iter(f"{SVG}text")]


def test_line_chart_is_an_image_named_by_its_title_and_described():
    svg = line_chart(
        [Series("Active members", list(zip(WEEKS, [3, 5, 4, 8], strict=True)))],
        title="Active members by week",
        y_label="Members",
    )
    title, desc = accessible_name(svg)
    assert title == "Active members by week"
    assert "lowest 3" in desc and "highest 8" in desc and "latest 8 (24 Nov)" in desc
    assert "Members" in texts(svg)  # the axis says what it counts
    assert {"3 Nov", "24 Nov"} <= set(texts(svg))
    assert len(paths(svg)) == 1


def test_every_chart_has_its_own_ids():
    a = line_chart([Series("A", [("x", 1)])], title="A", y_label="n")
    b = bar_chart([("x", 1)], title="B", y_label="n")
    ids_a = parse(a).get("aria-labelledby").split()
    ids_b = parse(b).get("aria-labelledby").split()
    assert not set(ids_a) & set(ids_b)


def test_labels_titles_and_axis_names_are_escaped():
    evil = '<script>alert(1)</script>" onload="x'
    line = line_chart(
        [Series(evil, [(evil, 1), ("b", 2)]), Series("two", [(evil, 2)])], title=evil, y_label=evil
    )
    bar = bar_chart([(evil, 3), ("<b>bold</b>", 1)], title=evil, y_label=evil)
    for svg in (line, bar):
        root = parse(svg)
        assert "<script" not in str(svg) and "<b>" not in str(svg)
        assert not any(el.tag.endswith("script") for el in root.iter())
        assert not any(name.startswith("on") for el in root.iter() for name in el.attrib)
        assert accessible_name(svg)[0] == evil  # shown as text, as written


def test_no_inline_style_and_nothing_external():
    svg = str(
        line_chart(
            [Series("A", [("x", 1), ("y", 2)]), Series("B", [("x", 2)])], title="t", y_label="n"
        )
    )
    svg += str(bar_chart([("x", 1), ("y", None)], title="t", y_label="n"))
    assert "style" not in svg
    assert not re.search(r"(href|src)=", svg)


def test_a_missing_value_is_a_gap_not_a_zero():
    svg = line_chart(
        [Series("Answered", [("a", 1), ("b", 2), ("c", None), ("d", 3), ("e", 4)])],
        title="t",
        y_label="%",
    )
    (d,) = paths(svg)
    assert d.count("M") == 2  # two separate runs of line
    tips = [el.text for el in parse(svg).iter(f"{SVG}title")][1:]
    assert tips == ["Answered, a: 1", "Answered, b: 2", "Answered, d: 3", "Answered, e: 4"]
    assert "1 not shown" in accessible_name(svg)[1]


def test_a_lone_value_between_gaps_still_shows_as_a_point():
    svg = line_chart([Series("A", [("a", None), ("b", 5), ("c", None)])], title="t", y_label="n")
    assert paths(svg) == []  # nothing to join
    assert len(list(parse(svg).iter(f"{SVG}circle"))) == 1


def test_a_single_point():
    svg = line_chart([Series("A", [("3 Nov", 7)])], title="t", y_label="n")
    circles = list(parse(svg).iter(f"{SVG}circle"))
    assert len(circles) == 1
    axis = next(el for el in parse(svg).iter(f"{SVG}line") if el.get("class") == "chart-axis")
    middle = (float(axis.get("x1")) + float(axis.get("x2"))) / 2
    assert float(circles[0].get("cx")) == middle  # in the middle, not squeezed to one side
    assert "3 Nov" in texts(svg)
    assert circles[0].find(f"{SVG}title").text == "A, 3 Nov: 7"


def test_zero_is_drawn_as_zero():
    svg = line_chart([Series("A", [("a", 0), ("b", 0)])], title="t", y_label="n")
    assert len(paths(svg)) == 1
    assert "0" in texts(svg)


def test_empty_data_says_so():
    for svg in (
        line_chart([], title="Replies", y_label="n"),
        line_chart([Series("A", [("a", None)])], title="Replies", y_label="n"),
        bar_chart([], title="Replies", y_label="n"),
    ):
        assert accessible_name(svg)[0] == "Replies"
        assert "No data for this period yet." in texts(svg)
        assert paths(svg) == []


def test_several_series_have_a_legend_and_differ_by_more_than_colour():
    svg = line_chart(
        [Series("Opened", [("a", 1), ("b", 2)]), Series("Resolved", [("a", 0), ("b", 2)])],
        title="Review items",
        y_label="Items",
    )
    assert {"Opened", "Resolved"} <= set(texts(svg))
    ds = [el.get("stroke-dasharray") for el in parse(svg).iter(f"{SVG}path")]
    assert ds[0] is None and ds[1]
    assert parse(svg).find(f".//{SVG}rect") is not None  # the second series' markers are squares


def test_explicit_y_range_is_kept():
    svg = line_chart(
        [Series("Share", [("a", 40), ("b", 60)])], title="t", y_label="%", y_min=0, y_max=100
    )
    assert {"0", "100"} <= set(texts(svg))
    assert "120" not in texts(svg)


def test_many_weeks_do_not_crowd_the_axis_and_the_latest_is_labelled():
    weeks = [f"W{i}" for i in range(1, 53)]
    svg = line_chart([Series("A", [(w, i) for i, w in enumerate(weeks)])], title="t", y_label="n")
    shown = [t for t in texts(svg) if t.startswith("W")]
    assert 4 <= len(shown) <= 9
    assert "W52" in shown


def test_bar_chart_shows_values_and_says_when_one_is_not_shown():
    svg = bar_chart(
        [("Anxiety", 12), ("Grief", None), ("Sleep", 30)],
        title="Active members by board",
        y_label="Members",
    )
    assert {"Anxiety", "Grief", "Sleep", "12", "30", "not shown", "Members"} <= set(texts(svg))
    bars = parse(svg).findall(f".//{SVG}rect")
    assert len(bars) == 2
    assert float(bars[1].get("width")) > float(bars[0].get("width"))
    assert "Grief: not shown" in accessible_name(svg)[1]


def test_bar_chart_with_only_hidden_values():
    svg = bar_chart([("Anxiety", None)], title="t", y_label="n")
    assert {"Anxiety", "not shown"} <= set(texts(svg))
    assert parse(svg).find(f".//{SVG}rect") is None


def test_long_bar_labels_are_shortened_but_complete_in_the_description():
    long = "A board with a very long name indeed, longer than fits"
    svg = bar_chart([(long, 3)], title="t", y_label="n")
    assert any(t.endswith("…") for t in texts(svg))
    assert long in accessible_name(svg)[1]


def test_fractional_values_are_rounded_for_people():
    svg = line_chart(
        [Series("Median hours", [("a", 1.234), ("b", 15.56), ("c", 250.4)])],
        title="t",
        y_label="hours",
    )
    tips = [el.text for el in parse(svg).iter(f"{SVG}title")][1:]
    assert tips == ["Median hours, a: 1.23", "Median hours, b: 15.6", "Median hours, c: 250"]


def test_axis_labels_never_overlap_even_with_a_long_latest_label():
    weeks = [f"{d} Sep" for d in (1, 8, 15, 22, 29)] + [f"{d} Oct" for d in (6, 13, 20, 27)]
    weeks += ["3 Nov", "10 Nov", "17 Nov", "24 Nov (so far)"]
    svg = line_chart([Series("A", [(w, 1) for w in weeks])], title="t", y_label="n")
    labels = [el for el in parse(svg).iter(f"{SVG}text") if el.get("class") == "chart-x-label"]
    assert labels[0].text == "24 Nov (so far)"
    half = [len(el.text) * 3.6 for el in labels]  # 0.6 em per character, at 12 px
    boxes = sorted(
        (float(el.get("x")) - h, float(el.get("x")) + h) for el, h in zip(labels, half, strict=True)
    )
    assert all(
        right < next_left for (_, right), (next_left, _) in zip(boxes, boxes[1:], strict=False)
    )
    assert all(left >= 0 and right <= 640 for left, right in boxes)
