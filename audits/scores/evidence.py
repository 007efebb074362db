"""What the professional's own data shows, per dimension: the figures of evidence_map.toml read
against their thresholds. Pure: no Django, no ORM.

The score does not move with these figures (docs/scoring.md, "Evidence in the score"): they
fill the third column, the "you say / your data shows" blind spots and the evidence rules.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

SAYS_GOOD = 3.5  # a self-rating (1..5) at or above this claims the good practice
# The rules whose excerpts the user can open, and the text flags behind them.
EXCERPT_GROUPS = {
    "evidence_pitching": "pitch",
    "evidence_heated": "heated",
    "evidence_leaks": "leak",
}


@cache
def evidence_map() -> tuple[dict, ...]:
    data = tomllib.loads((Path(__file__).parent / "evidence_map.toml").read_text("utf-8"))
    return tuple(data["figures"])


def is_bad(entry: dict, value) -> bool:
    if entry["bad"] == "false":
        return value is False
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return value > entry["threshold"] if entry["bad"] == "above" else value < entry["threshold"]


def evidence_rows(evidence: dict[str, dict]) -> dict[str, list[dict]]:
    """{dimension: [{"network", "figure", "value", "base", "bad", "threshold"}]}, networks in
    name order, figures in map order; a figure a network does not have is left out."""
    rows: dict[str, list[dict]] = {}
    for network in sorted(evidence):
        figures = evidence[network] or {}
        for entry in evidence_map():
            value = figures.get(entry["figure"])
            if value is None:
                continue
            rows.setdefault(entry["dimension"], []).append(
                {
                    "network": network,
                    "figure": entry["figure"],
                    "value": value,
                    "base": figures.get(entry.get("base") or "", None),
                    "bad": is_bad(entry, value),
                    "threshold": entry["threshold"],
                }
            )
    return rows


def evidence_gaps(rows: dict[str, list[dict]], self_on_five: dict[str, float]) -> list[dict]:
    """The blind spots the data shows: a dimension the professional rates themself well on
    (>= SAYS_GOOD on 1..5) while one of its figures is on the bad side of its threshold."""
    gaps = []
    for dimension, items in rows.items():
        own = self_on_five.get(dimension)
        if own is None or own < SAYS_GOOD:
            continue
        gaps.extend(
            {"dimension": dimension, "self_on_five": own, **row} for row in items if row["bad"]
        )
    return gaps


def entry_for(figure: str) -> dict | None:
    return next((e for e in evidence_map() if e["figure"] == figure), None)


def evidence_snapshot(inputs, reputation) -> dict:
    """What a snapshot keeps of the own data: the figures per network, the rows per dimension
    and the "you say / your data shows" gaps (read by the score page, the report and
    compile_scores --json)."""
    rows = evidence_rows(inputs.evidence)
    self_on_five = {
        code: figures["self_on_five"]
        for code, figures in reputation.dimensions.items()
        if figures.get("self_on_five") is not None
    }
    return {
        "networks": {
            network: dict(figures) for network, figures in sorted(inputs.evidence.items())
        },
        "dimensions": rows,
        "gaps": evidence_gaps(rows, self_on_five),
    }
