"""Small, accessible SVG charts drawn on the server.

No JavaScript, nothing fetched, no inline `style` (the CSP is self-only): only SVG
presentation attributes and CSS classes. Text and axes use `currentColor`, so a
chart follows the page's light or dark colours; series colours are picked to stay
readable on both, and series also differ by dash and marker shape, never by colour
alone. Every label is escaped: board names and the like are user-controlled.

Each chart is an `<svg role="img">` named by its `<title>` and described by its
`<desc>`; pages should still show the numbers as a table beside it.

This module imports nothing from our apps, so any layer may use it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext

# Okabe–Ito colours: told apart with common colour-vision differences, and each
# at least 3:1 against both a white and a near-black background.
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#a65fa0")
DASHES = ("", "6 4", "2 3", "10 3 2 3")
WIDTH = 640
FONT_SIZE = 12
MAX_X_LABELS = 8
MAX_BAR_LABEL = 24

_ids = itertools.count(1)


@dataclass
class Series:
    """One line: `points` are (x label, value); a value of None is a gap."""

    label: str
    points: list[tuple[str, float | None]] = field(default_factory=list)


def format_value(value: float) -> str:
    """A number as a chart label: whole numbers plain, others to 1–2 decimals."""
    if float(value).is_integer():
        return str(int(value))
    digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _nice_step(span: float, count: int = 5) -> float:
    raw = span / count
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * magnitude >= raw:
            return m * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def _scale(
    values: list[float], lo: float | None, hi: float | None
) -> tuple[float, float, list[float]]:
    """Axis bounds and tick values: round numbers that contain every value."""
    data_lo = min(values, default=0.0)
    data_hi = max(values, default=0.0)
    auto_lo = min(0.0, data_lo) if lo is None else lo
    auto_hi = data_hi if hi is None else hi
    if auto_hi <= auto_lo:
        auto_hi = auto_lo + 1
    step = _nice_step(auto_hi - auto_lo)
    if all(float(v).is_integer() for v in values) and step < 1:
        step = 1.0  # counts: no ticks at 0.5 of a member
    lo = math.floor(auto_lo / step) * step if lo is None else lo
    hi = math.ceil(auto_hi / step) * step if hi is None else hi
    first = math.ceil(lo / step - 1e-9) * step
    ticks = [round(first + i * step, 10) for i in range(int((hi - first) / step + 1e-9) + 1)]
    return lo, hi, ticks


def _truncate(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _svg(*, title: str, desc: str, height: int, body: list[str], kind: str) -> SafeString:
    n = next(_ids)
    title_id, desc_id = f"chart-{n}-title", f"chart-{n}-desc"
    return mark_safe(  # noqa: S308 - every piece of text below went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMidYMid meet" '
        f'aria-labelledby="{title_id} {desc_id}" font-size="{FONT_SIZE}" fill="currentColor">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _text(x: float, y: float, text: str, *, anchor: str = "middle", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def _no_data(top: float, bottom: float) -> str:
    return _text(
        WIDTH / 2,
        (top + bottom) / 2,
        gettext("No data for this period yet."),
        extra=' class="chart-empty"',
    )


def _marker(shape: int, x: float, y: float, colour: str, tip: str) -> str:
    tip_el = f"<title>{escape(tip)}</title>"
    if shape == 0:
        mark = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">'
        return f"{mark}{tip_el}</circle>"
    if shape == 1:
        mark = f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}">'
        return f"{mark}{tip_el}</rect>"
    corners = (
        [(0, -4.5), (4.5, 3.5), (-4.5, 3.5)]
        if shape == 2  # triangle
        else [(0, -4.5), (4.5, 0), (0, 4.5), (-4.5, 0)]
    )  # diamond
    points = " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in corners)
    return f'<polygon points="{points}" fill="{colour}">{tip_el}</polygon>'


def _describe_series(series: Series) -> str:
    present = [(x, v) for x, v in series.points if v is not None]
    if not present:
        return gettext("%(series)s: no values.") % {"series": series.label}
    values = [v for _, v in present]
    text = ngettext(
        "%(series)s: %(count)s value, lowest %(lowest)s, highest %(highest)s, "
        "latest %(latest)s (%(when)s).",
        "%(series)s: %(count)s values, lowest %(lowest)s, highest %(highest)s, "
        "latest %(latest)s (%(when)s).",
        len(present),
    ) % {
        "series": series.label,
        "count": len(present),
        "lowest": format_value(min(values)),
        "highest": format_value(max(values)),
        "latest": format_value(present[-1][1]),
        "when": present[-1][0],
    }
    missing = len(series.points) - len(present)
    if missing:
        text += " " + ngettext("%(count)s not shown.", "%(count)s not shown.", missing) % {
            "count": missing
        }
    return text


def _y_axis(
    ticks: list[float],
    y_of: Callable[[float], float],
    left: float,
    right: float,
    y_label: str,
    top: float,
    bottom: float,
) -> list[str]:
    parts = ['<g class="chart-grid" stroke="currentColor" stroke-opacity="0.18">']
    parts += [
        f'<line x1="{left}" x2="{right}" y1="{y_of(t):.1f}" y2="{y_of(t):.1f}"/>' for t in ticks
    ]
    parts.append("</g>")
    parts += [_text(left - 6, y_of(t) + 4, format_value(t), anchor="end") for t in ticks]
    middle = (top + bottom) / 2
    parts.append(
        _text(
            14,
            middle,
            y_label,
            extra=f' class="chart-axis-label" transform="rotate(-90 14 {middle:.1f})"',
        )
    )
    return parts


def line_chart(
    series: list[Series],
    *,
    title: str,
    y_label: str,
    y_min: float | None = None,
    y_max: float | None = None,
) -> SafeString:
    """Lines over shared x labels (in order of first appearance); None values are gaps."""
    xs = list(dict.fromkeys(x for s in series for x, _ in s.points))
    values = [v for s in series for _, v in s.points if v is not None]
    legend = len(series) > 1
    height = 300
    left, right = 64.0, WIDTH - 20.0
    top, bottom = (40.0 if legend else 16.0), height - 40.0
    desc = " ".join(_describe_series(s) for s in series) or gettext("No data.")
    if not values:
        return _svg(
            title=title, desc=desc, height=height, kind="line", body=[_no_data(top, bottom)]
        )

    lo, hi, ticks = _scale(values, y_min, y_max)

    def y_of(v: float) -> float:
        v = min(max(v, lo), hi)
        return bottom - (v - lo) / (hi - lo) * (bottom - top)

    inner = 12.0

    def x_of(i: int) -> float:
        if len(xs) == 1:
            return (left + right) / 2
        return left + inner + i * (right - left - 2 * inner) / (len(xs) - 1)

    body = _y_axis(ticks, y_of, left, right, y_label, top, bottom)
    body.append(
        f'<line class="chart-axis" x1="{left}" x2="{right}" y1="{bottom}" '
        f'y2="{bottom}" stroke="currentColor"/>'
    )
    body += _x_labels(xs, x_of, left, bottom)
    position = {x: i for i, x in enumerate(xs)}
    for n, s in enumerate(series):
        body.append(_line(s, n, position, x_of, y_of))
    if legend:
        body.append(_legend(series, left))
    return _svg(title=title, desc=desc, height=height, kind="line", body=body)


def _x_labels(xs: list[str], x_of: Callable[[int], float], left: float, bottom: float) -> list[str]:
    """At most MAX_X_LABELS labels, counted from the end so the latest always shows,
    and none drawn over its neighbour."""
    every = max(1, math.ceil(len(xs) / MAX_X_LABELS))
    parts, free_until = [], WIDTH + 6.0  # the latest label always fits
    for i in range(len(xs) - 1, -1, -every):
        half = len(xs[i]) * FONT_SIZE * 0.3  # about half the text's width
        centre = min(max(x_of(i), left - 40 + half), WIDTH - 2 - half)  # stay on the canvas
        if centre + half > free_until - 6:
            continue
        parts.append(_text(centre, bottom + 18, xs[i], extra=' class="chart-x-label"'))
        free_until = centre - half
    return parts


def _line(
    s: Series,
    n: int,
    position: dict[str, int],
    x_of: Callable[[int], float],
    y_of: Callable[[float], float],
) -> str:
    colour, dash = COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)]
    segments: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for x, v in s.points:
        if v is None:
            segments.append(current)
            current = []
        else:
            current.append((x_of(position[x]), y_of(v)))
    segments.append(current)
    d = " ".join(
        "M" + " L".join(f"{px:.1f} {py:.1f}" for px, py in seg) for seg in segments if len(seg) > 1
    )
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    parts = [f'<g class="chart-series chart-series-{n}">']
    if d:
        parts.append(
            f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2.5" '
            f'stroke-linejoin="round"{dash_attr}/>'
        )
    parts += [
        _marker(n % 4, x_of(position[x]), y_of(v), colour, f"{s.label}, {x}: {format_value(v)}")
        for x, v in s.points
        if v is not None
    ]
    parts.append("</g>")
    return "".join(parts)


def _legend(series: list[Series], left: float) -> str:
    parts, x = ['<g class="chart-legend">'], left
    for n, s in enumerate(series):
        colour, dash = COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{x:.1f}" x2="{x + 24:.1f}" y1="14" y2="14" stroke="{colour}" '
            f'stroke-width="2.5"{dash_attr}/>'
        )
        parts.append(_marker(n % 4, x + 12, 14, colour, s.label))
        label = _truncate(s.label, 28)
        parts.append(_text(x + 30, 18, label, anchor="start"))
        x += 30 + 7 * len(label) + 20
    parts.append("</g>")
    return "".join(parts)


def bar_chart(bars: Sequence[tuple[str, float | None]], *, title: str, y_label: str) -> SafeString:
    """Horizontal bars, one per (label, value), top to bottom; `y_label` names the value
    axis. A None value draws no bar but says "not shown" (e.g. a suppressed small cell)."""
    row, label_width = 30, 180.0
    left, right = label_width + 8, WIDTH - 56.0
    top = 8.0
    bottom = top + max(len(bars), 1) * row
    height = int(bottom + 44)
    values = [v for _, v in bars if v is not None]
    described = "; ".join(
        f"{label}: {_not_shown() if v is None else format_value(v)}" for label, v in bars
    )
    desc = (described + ".") if bars else gettext("No data.")
    if not values:
        body = [_no_data(top, bottom)] if not bars else []
        body += [_bar_label(i, label, top, row, label_width) for i, (label, _) in enumerate(bars)]
        body += [
            _text(
                left,
                top + i * row + row / 2 + 4,
                _not_shown(),
                anchor="start",
                extra=' class="chart-suppressed"',
            )
            for i in range(len(bars))
        ]
        return _svg(title=title, desc=desc, height=height, kind="bar", body=body)

    lo, hi, ticks = _scale(values, None, None)

    def x_of(v: float) -> float:
        return left + (v - lo) / (hi - lo) * (right - left)

    body = ['<g class="chart-grid" stroke="currentColor" stroke-opacity="0.18">']
    body += [
        f'<line x1="{x_of(t):.1f}" x2="{x_of(t):.1f}" y1="{top}" y2="{bottom}"/>' for t in ticks
    ]
    body.append("</g>")
    body += [_text(x_of(t), bottom + 16, format_value(t)) for t in ticks]
    body.append(_text((left + right) / 2, bottom + 36, y_label, extra=' class="chart-axis-label"'))
    zero = x_of(max(lo, 0.0))
    for i, (label, v) in enumerate(bars):
        body.append(_bar_label(i, label, top, row, label_width))
        y = top + i * row
        if v is None:
            body.append(
                _text(
                    zero + 4,
                    y + row / 2 + 4,
                    _not_shown(),
                    anchor="start",
                    extra=' class="chart-suppressed"',
                )
            )
            continue
        x0, x1 = sorted((zero, x_of(v)))
        body.append(
            f'<rect class="chart-bar" x="{x0:.1f}" y="{y + 5:.1f}" width="{max(x1 - x0, 1):.1f}" '
            f'height="{row - 10}" fill="{COLOURS[0]}"><title>{escape(label)}: '
            f"{escape(format_value(v))}</title></rect>"
        )
        body.append(_text(x1 + 4, y + row / 2 + 4, format_value(v), anchor="start"))
    body.append(
        f'<line class="chart-axis" x1="{zero:.1f}" x2="{zero:.1f}" y1="{top}" '
        f'y2="{bottom}" stroke="currentColor"/>'
    )
    return _svg(title=title, desc=desc, height=height, kind="bar", body=body)


def _not_shown() -> str:
    # Translators: in a chart, where a figure about too few people is hidden.
    return pgettext("chart value", "not shown")


def _bar_label(i: int, label: str, top: float, row: int, width: float) -> str:
    y = top + i * row + row / 2 + 4
    return _text(
        width, y, _truncate(label, MAX_BAR_LABEL), anchor="end", extra=' class="chart-bar-label"'
    )
