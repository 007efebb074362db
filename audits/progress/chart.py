"""The progress chart: cumulative results against the target line, up to the deadline.

Pure: no Django. Drawn as plain SVG like the report's charts (audits.scores.charts: every text
escaped, presentation attributes only, no style attribute, so the strict CSP allows it). The
x axis is time, from the day the objective was set to its deadline (or to today, if later).
"""

import datetime
from dataclasses import dataclass

from audits.progress.figures import Figures
from audits.scores.charts import AXIS_TEXT, FONT, GRID, LINE, _num, _open, _text

WIDTH, HEIGHT = 560, 280
MARGIN = {"left": 40, "right": 20, "top": 20, "bottom": 56}
TARGET = "#8a99a8"
INTRODUCTIONS = "#e8a33d"
TODAY = "#b02a37"


@dataclass(frozen=True)
class Labels:
    title: str
    results: str  # "Clients obtained"
    introductions: str
    target: str  # "Target pace"
    today: str
    deadline: str  # "Deadline: 30 Apr 2026"
    start: str  # the first day, formatted


def progress_svg(figures: Figures, labels: Labels) -> str:
    left, right = MARGIN["left"], WIDTH - MARGIN["right"]
    top, bottom = MARGIN["top"], HEIGHT - MARGIN["bottom"]
    first = figures.start
    last = max(figures.deadline, figures.today, *(d for d, _ in figures.results), first)
    span = max((last - first).days, 1)
    highest = max(
        figures.target,
        figures.done,
        figures.introductions_total,
        1,
    )

    def x_of(day: datetime.date) -> float:
        return left + (right - left) * min(max((day - first).days, 0), span) / span

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * min(max(value, 0), highest) / highest

    parts = _open(WIDTH, HEIGHT, labels.title, "progress")
    parts.append('<g class="axes">')
    for step in (0, 0.25, 0.5, 0.75, 1.0):
        y = y_of(highest * step)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 3:.1f}" text-anchor="end" font-family="{FONT}" '
            f'font-size="10" fill="{AXIS_TEXT}">{_text(_num(highest * step))}</text>'
        )
    parts.append(
        f'<text x="{left}" y="{bottom + 16}" text-anchor="start" font-family="{FONT}" '
        f'font-size="10" fill="{AXIS_TEXT}">{_text(labels.start)}</text>'
    )
    parts.append("</g>")

    # The target line: the pace that reaches the target on the deadline.
    (d0, v0), (d1, v1) = figures.target_line
    parts.append(
        f'<line class="target-line" x1="{x_of(d0):.1f}" y1="{y_of(v0):.1f}" x2="{x_of(d1):.1f}" '
        f'y2="{y_of(v1):.1f}" stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4">'
        f"<title>{_text(labels.target)}</title></line>"
    )
    x_deadline = x_of(figures.deadline)
    parts.append(
        f'<line class="deadline" x1="{x_deadline:.1f}" y1="{top}" x2="{x_deadline:.1f}" '
        f'y2="{bottom}" stroke="{TARGET}" stroke-width="1"/>'
        f'<text x="{x_deadline:.1f}" y="{bottom + 16}" text-anchor="end" font-family="{FONT}" '
        f'font-size="10" fill="{AXIS_TEXT}">{_text(labels.deadline)}</text>'
    )
    if figures.today <= last:
        x_today = x_of(figures.today)
        parts.append(
            f'<line class="today" x1="{x_today:.1f}" y1="{top}" x2="{x_today:.1f}" y2="{bottom}" '
            f'stroke="{TODAY}" stroke-width="1" stroke-dasharray="2 3">'
            f"<title>{_text(labels.today)}</title></line>"
        )

    for kind, points, colour, name in (
        ("introductions", figures.introductions, INTRODUCTIONS, labels.introductions),
        ("results", figures.results, LINE, labels.results),
    ):
        if not points:
            continue
        # A step line: the total holds until the next day something was obtained, and up to today.
        coords = [(x_of(first), y_of(0))]
        for day, total in points:
            coords.append((x_of(day), coords[-1][1]))
            coords.append((x_of(day), y_of(total)))
        coords.append((x_of(min(figures.today, last)), coords[-1][1]))
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(
            f'<g class="series series-{kind}"><title>{_text(name)}</title>'
            f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2.5" '
            f'stroke-linejoin="round"/>'
        )
        for day, total in points:
            parts.append(
                f'<circle cx="{x_of(day):.1f}" cy="{y_of(total):.1f}" r="3.5" fill="{colour}">'
                f"<title>{_text(name)}: {_text(total)}</title></circle>"
            )
        parts.append("</g>")

    legend = [
        (LINE, labels.results, ""),
        (INTRODUCTIONS, labels.introductions, ""),
        (TARGET, labels.target, ' stroke-dasharray="6 4"'),
    ]
    x, y = left, HEIGHT - 12
    parts.append('<g class="legend">')
    for colour, name, dash in legend:
        parts.append(
            f'<line x1="{x}" y1="{y - 4}" x2="{x + 18}" y2="{y - 4}" stroke="{colour}" '
            f'stroke-width="2.5"{dash}/>'
            f'<text x="{x + 24}" y="{y}" font-family="{FONT}" font-size="11" '
            f'fill="{AXIS_TEXT}">{_text(name)}</text>'
        )
        x += 36 + 6 * len(name)
    parts.append("</g></svg>")
    return "".join(parts)
