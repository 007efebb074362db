"""Charts drawn as plain SVG strings, for the printable report and its PDF (no JavaScript).

Pure: no Django. Every text that reaches the markup (labels, series names, colours, titles)
goes through `_text`, which escapes it with `html.escape`: callers may mark the result safe.
Styling uses presentation attributes only (no `style` attribute or element), which the
Content Security Policy allows and WeasyPrint draws.
"""

import html
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime

FONT = "DejaVu Sans, sans-serif"
GRID = "#c9d3de"
AXIS_TEXT = "#3d4a57"
LINE = "#1f4e79"
# The one home of the radar's series colours, on the page (static/js/score_charts.js reads
# them from the chart data) and in the report and its PDF: the self series is orange, the
# others' navy, wherever the radar is drawn.
SERIES_COLOURS = {"self": "#c46a00", "peers": "#1f4e79"}
# Characters XML 1.0 forbids even when escaped (controls other than tab and newlines).
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

RADAR_WIDTH, RADAR_HEIGHT, RADAR_RADIUS = 520, 400, 120
TREND_WIDTH, TREND_HEIGHT = 480, 240
TREND_MARGIN = {"left": 40, "right": 16, "top": 16, "bottom": 36}
TREND_MAX_X_LABELS = 6


def _text(value: object) -> str:
    return html.escape(_INVALID_XML.sub("", str(value)), quote=True)


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _open(width: int, height: int, title: str, kind: str) -> list[str]:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" class="chart chart-{kind}" role="img"'
        + (f' aria-label="{_text(title)}"' if title else "")
        + ">"
    ]
    if title:
        parts.append(f"<title>{_text(title)}</title>")
    return parts


def _no_data(width: int, height: int, title: str, kind: str, empty_text: str) -> str:
    parts = _open(width, height, title, kind)
    parts.append(
        f'<text x="{width / 2:.0f}" y="{height / 2:.0f}" text-anchor="middle" '
        f'font-family="{FONT}" font-size="14" fill="{AXIS_TEXT}" class="no-data">'
        f"{_text(empty_text)}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def _clamp(value: float | None, max_value: float) -> float:
    if value is None or not math.isfinite(value):
        return 0.0
    return min(max(float(value), 0.0), max_value)


def _wrap(label: str, width: int = 14) -> list[str]:
    """A long axis label on two or three short lines, split on spaces."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 3:  # never drop words: the rest goes on the third line
        lines = [*lines[:2], " ".join(lines[2:])]
    return lines or [""]


def radar_svg(
    labels: list[str],
    series: list[tuple[str, list[float | None], str]],
    max_value: float = 100,
    *,
    title: str = "",
    empty_text: str = "No data",
    missing_text: str = "",
    point_text: Callable[[str, float | None], str] | None = None,
) -> str:
    """A radar: one axis per label, one polygon per (name, values, colour) series.

    `point_text(label, value)` words each point's tooltip in the reader's language (the
    decimal sign, French punctuation; value None when missing); by default "label: 12.5".

    A missing value (None) is drawn at 0 with a hollow dot, so that the polygon keeps one
    point per axis; `missing_text` explains the hollow dot in the legend.
    """
    if max_value <= 0:
        raise ValueError("max_value must be positive")
    if not labels or not series:
        return _no_data(RADAR_WIDTH, RADAR_HEIGHT, title, "radar", empty_text)
    n = len(labels)
    cx, cy, r = RADAR_WIDTH / 2, 180, RADAR_RADIUS

    def point(index: int, fraction: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / n  # the first axis points up
        return cx + r * fraction * math.cos(angle), cy + r * fraction * math.sin(angle)

    def points(fractions: list[float]) -> str:
        return " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (point(i, f) for i, f in enumerate(fractions))
        )

    parts = _open(RADAR_WIDTH, RADAR_HEIGHT, title, "radar")
    parts.append('<g class="grid">')
    for step in (0.25, 0.5, 0.75, 1.0):
        parts.append(
            f'<polygon points="{points([step] * n)}" fill="none" stroke="{GRID}" stroke-width="1"/>'
        )
    for i in range(n):
        x, y = point(i, 1.0)
        parts.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="1"/>'
        )
    parts.append("</g>")

    parts.append('<g class="labels">')
    for i, label in enumerate(labels):
        x, y = point(i, 1.16)
        anchor = "middle" if abs(x - cx) < 8 else ("start" if x > cx else "end")
        lines = _wrap(str(label))
        # Labels above the centre grow upwards, those below grow downwards.
        first_dy = -(len(lines) - 1) * 13 if y < cy - 8 else (0 if y > cy + 8 else -6)
        tspans = "".join(
            f'<tspan x="{x:.1f}" dy="{first_dy if k == 0 else 13}">{_text(line)}</tspan>'
            for k, line in enumerate(lines)
        )
        parts.append(
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}" font-family="{FONT}" '
            f'font-size="12" fill="{AXIS_TEXT}">{tspans}</text>'
        )
    parts.append("</g>")

    any_missing = False
    for name, values, colour in series:
        values = list(values)[:n] + [None] * max(0, n - len(values))
        fractions = [_clamp(v, max_value) / max_value for v in values]
        colour = _text(colour)
        parts.append(f'<g class="series"><title>{_text(name)}</title>')
        parts.append(
            f'<polygon points="{points(fractions)}" fill="{colour}" fill-opacity="0.18" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
        for i, (value, fraction) in enumerate(zip(values, fractions, strict=True)):
            x, y = point(i, fraction)
            missing = value is None
            any_missing = any_missing or missing
            shown = "–" if missing else _num(float(value))
            tip = (
                point_text(str(labels[i]), None if missing else float(value))
                if point_text
                else f"{labels[i]}: {shown}"
            )
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{4 if missing else 3}" '
                f'fill="{"#ffffff" if missing else colour}" stroke="{colour}" '
                f'stroke-width="1.5" class="{"missing" if missing else "value"}">'
                f"<title>{_text(tip)}</title></circle>"
            )
        parts.append("</g>")

    # The legend, centred below the chart (text widths estimated at 7 units a character).
    widths = [30 + 7 * len(str(name)) for name, _values, _colour in series]
    if any_missing and missing_text:
        widths.append(18 + 7 * len(missing_text))
    x = max(8, (RADAR_WIDTH - sum(widths)) // 2)
    y = RADAR_HEIGHT - 18
    parts.append('<g class="legend">')
    for (name, _values, colour), width in zip(series, widths, strict=False):
        parts.append(
            f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{_text(colour)}" '
            f'fill-opacity="0.6" stroke="{_text(colour)}"/>'
        )
        parts.append(
            f'<text x="{x + 18}" y="{y}" font-family="{FONT}" font-size="12" '
            f'fill="{AXIS_TEXT}">{_text(name)}</text>'
        )
        x += width
    if any_missing and missing_text:
        parts.append(
            f'<circle cx="{x + 6}" cy="{y - 4}" r="4" fill="#ffffff" stroke="{AXIS_TEXT}" '
            f'stroke-width="1.5"/>'
        )
        parts.append(
            f'<text x="{x + 16}" y="{y}" font-family="{FONT}" font-size="12" '
            f'fill="{AXIS_TEXT}">{_text(missing_text)}</text>'
        )
    parts.append("</g></svg>")
    return "".join(parts)


def moment_labels(
    moments: Sequence[datetime], formats: Sequence[Callable[[datetime], str]]
) -> list[str]:
    """A label for each moment: the coarsest format (the day, then the minute, then the
    second) under which no other moment reads the same, so that no two points share a label.

    `formats` go from coarse to fine; the caller localises them ("1 Dec", "1 déc. 14:05").
    """
    if not formats:
        raise ValueError("at least one format is needed")
    rendered = [[fmt(moment) for moment in moments] for fmt in formats]
    counts = [Counter(labels) for labels in rendered]
    labels = []
    for index in range(len(moments)):
        chosen = next(
            (
                row[index]
                for row, count in zip(rendered, counts, strict=True)
                if count[row[index]] == 1
            ),
            rendered[-1][index],
        )
        labels.append(chosen)
    return labels


def trend_svg(
    points: list[tuple[str, float | None]],
    max_value: float = 100,
    *,
    title: str = "",
    empty_text: str = "No data",
    point_text: Callable[[str, float | None], str] | None = None,
) -> str:
    """A line over time: one dot per known value, labelled axes; unknown values are skipped.
    `point_text` as for `radar_svg`."""
    if max_value <= 0:
        raise ValueError("max_value must be positive")
    if not any(value is not None for _label, value in points):
        return _no_data(TREND_WIDTH, TREND_HEIGHT, title, "trend", empty_text)
    m = TREND_MARGIN
    left, right = m["left"], TREND_WIDTH - m["right"]
    top, bottom = m["top"], TREND_HEIGHT - m["bottom"]
    count = len(points)

    def x_of(index: int) -> float:
        return (left + right) / 2 if count == 1 else left + (right - left) * index / (count - 1)

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * _clamp(value, max_value) / max_value

    parts = _open(TREND_WIDTH, TREND_HEIGHT, title, "trend")
    parts.append('<g class="axes">')
    for step in (0, 0.25, 0.5, 0.75, 1.0):
        y = y_of(max_value * step)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + 3:.1f}" text-anchor="end" font-family="{FONT}" '
            f'font-size="10" fill="{AXIS_TEXT}">{_text(_num(max_value * step))}</text>'
        )
    every = max(1, math.ceil(count / TREND_MAX_X_LABELS))
    for index, (label, _value) in enumerate(points):
        if index % every and index != count - 1:
            continue
        # The first and last labels grow inwards: centred on the edge, they would be clipped.
        anchor = (
            "middle" if count == 1 or 0 < index < count - 1 else ("start" if index == 0 else "end")
        )
        parts.append(
            f'<text x="{x_of(index):.1f}" y="{bottom + 16}" text-anchor="{anchor}" '
            f'font-family="{FONT}" font-size="10" fill="{AXIS_TEXT}">{_text(label)}</text>'
        )
    parts.append("</g>")

    known = [(i, label, v) for i, (label, v) in enumerate(points) if v is not None]
    line = " ".join(f"{x_of(i):.1f},{y_of(v):.1f}" for i, _label, v in known)
    parts.append(
        f'<polyline points="{line}" fill="none" stroke="{LINE}" stroke-width="2" '
        f'stroke-linejoin="round"/>'
    )
    for i, label, v in known:
        parts.append(
            f'<circle cx="{x_of(i):.1f}" cy="{y_of(v):.1f}" r="3.5" fill="{LINE}">'
            f"<title>{_text(point_text(label, float(v)) if point_text else f'{label}: {_num(v)}')}"
            "</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)
