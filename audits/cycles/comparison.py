"""Two audit cycles side by side: what changed, per pillar and dimension. Pure: no Django.

Each cycle comes in as plain figures (built by audits/cycles/selectors.py from the cycle's
latest score snapshot, which holds released peer aggregates only):
    {"overall": float | None, "confidence": str,
     "pillars": {code: {"score", "self", "peers"}}, "dimensions": {code: {"self", "peers"}},
     "network": {"total_contacts", "coverage", "champions"},
     "evidence": {network: {figure: value}}}   (own data, audits/scores/evidence_map.toml)
Every figure is 0..100 (contacts and champions are counts). A change is said in words
(up, down, unchanged, new, no longer measured) as well as by its sign, never by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from audits.scores.evidence import evidence_map
from audits.selfaudit.scoring import round_half_away_from_zero

# A change smaller than this (after rounding to one decimal) is "unchanged".
UNCHANGED_BELOW = Fraction(1, 20)
NETWORK_FIGURES = ("total_contacts", "coverage", "champions")


@dataclass(frozen=True)
class Change:
    then: float | None
    now: float | None

    @property
    def delta(self) -> float | None:
        if self.then is None or self.now is None:
            return None
        exact = Fraction(str(self.now)) - Fraction(str(self.then))
        return float(round_half_away_from_zero(exact, 1))

    @property
    def direction(self) -> str:
        """ "up", "down", "same", "new" (no figure then), "gone" (none now) or "none"."""
        if self.then is None and self.now is None:
            return "none"
        if self.then is None:
            return "new"
        if self.now is None:
            return "gone"
        delta = Fraction(str(self.delta))
        if abs(delta) < UNCHANGED_BELOW:
            return "same"
        return "up" if delta > 0 else "down"

    @property
    def magnitude(self) -> float | None:
        return abs(self.delta) if self.delta is not None else None


@dataclass(frozen=True)
class Row:
    code: str
    self: Change
    peers: Change
    score: Change | None = None  # pillars only: the reputation score of the pillar
    dimensions: tuple[Row, ...] = ()


@dataclass(frozen=True)
class EvidenceRow:
    """One own-data figure of one network, then and now; shares as percentages (0..100)."""

    network: str
    figure: str
    kind: str  # evidence_map.toml's kind: share, count, hours, days, bool
    change: Change


@dataclass(frozen=True)
class Comparison:
    overall: Change
    confidence_then: str
    confidence_now: str
    pillars: tuple[Row, ...]
    network: dict[str, Change] = field(default_factory=dict)
    evidence: tuple[EvidenceRow, ...] = ()

    @property
    def confidence_changed(self) -> bool:
        return self.confidence_then != self.confidence_now


def _figure(cycle: dict, group: str, code: str, name: str) -> float | None:
    value = ((cycle.get(group) or {}).get(code) or {}).get(name)
    return float(value) if value is not None else None


def _evidence_value(entry: dict, figures: dict) -> float | None:
    value = figures.get(entry["figure"])
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return None  # booleans (headline matches) are said in words on the score page
    return float(value) * 100 if entry["kind"] == "share" else float(value)


def compare_evidence(then: dict, now: dict) -> tuple[EvidenceRow, ...]:
    """Every figure of the evidence map that either cycle measured, per network."""
    rows = []
    for network in sorted(set(then) | set(now)):
        figures_then, figures_now = then.get(network) or {}, now.get(network) or {}
        for entry in evidence_map():
            change = Change(
                _evidence_value(entry, figures_then), _evidence_value(entry, figures_now)
            )
            if change.direction != "none":
                rows.append(EvidenceRow(network, entry["figure"], entry["kind"], change))
    return tuple(rows)


def compare(then: dict, now: dict, structure: list[tuple[str, list[str]]]) -> Comparison:
    """`structure` lists (pillar code, [dimension codes]) in the order to show them: the
    current questionnaire's, with any code only the earlier cycle had appended by the caller."""

    def row(group: str, code: str, *, with_score: bool, dimensions=()) -> Row:
        return Row(
            code=code,
            self=Change(_figure(then, group, code, "self"), _figure(now, group, code, "self")),
            peers=Change(_figure(then, group, code, "peers"), _figure(now, group, code, "peers")),
            score=(
                Change(_figure(then, group, code, "score"), _figure(now, group, code, "score"))
                if with_score
                else None
            ),
            dimensions=tuple(dimensions),
        )

    pillars = tuple(
        row(
            "pillars",
            pillar,
            with_score=True,
            dimensions=[row("dimensions", d, with_score=False) for d in dimensions],
        )
        for pillar, dimensions in structure
    )
    network_then, network_now = then.get("network") or {}, now.get("network") or {}
    return Comparison(
        overall=Change(then.get("overall"), now.get("overall")),
        confidence_then=then.get("confidence") or "none",
        confidence_now=now.get("confidence") or "none",
        pillars=pillars,
        network={
            name: Change(network_then.get(name), network_now.get(name)) for name in NETWORK_FIGURES
        },
        evidence=compare_evidence(then.get("evidence") or {}, now.get("evidence") or {}),
    )
