"""The plan: the three actions that matter most for the objective, each with a date.

Pure: no Django. Every recommendation gets a priority from three things (docs/scoring.md,
"The plan"): its severity, the size of the gap it addresses, and whether the objective needs
it; and a suggested date for its next step (the catalogue's `days` after the compile, never
after the objective's deadline). The plan is the first PLAN_SIZE open ones; the rest is
shown folded under "more".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from audits.scores.catalogue import rules
from audits.scores.engine import Inputs, Reputation
from audits.scores.recommendations import Recommendation

PLAN_SIZE = 3
SEVERITY_POINTS = {"urgent": 100, "high": 60, "medium": 30, "low": 10}
GAP_POINTS = 30  # a dimension at 0/100 (or a gap of 4 points on 1..5) adds this much
OBJECTIVE_POINTS = 20  # the rule serves the kind of objective, or a profile it needs
# Rules about the profiles the objective needs serve every objective.
OBJECTIVE_RULES = frozenset({"absent_role", "thin_role", "absent_sector"})


def priority(rec: Recommendation, inputs: Inputs, reputation: Reputation) -> float:
    rule = rules()[rec.code]
    points = float(SEVERITY_POINTS[rec.severity])
    gap = rec.gap
    if gap is None and rec.dimension:
        figures = reputation.dimensions.get(rec.dimension) or {}
        known = [v for v in (figures.get("self"), figures.get("peers")) if v is not None]
        gap = 100 - min(known) if known else None
    if gap is not None:
        points += GAP_POINTS * min(max(gap, 0), 100) / 100
    if rec.code in OBJECTIVE_RULES or inputs.objective.kind in rule.objectives:
        points += OBJECTIVE_POINTS
    return round(points, 1)


def due_on(rec: Recommendation, inputs: Inputs) -> str | None:
    """The suggested date of the next step (ISO), or None without a compile date."""
    if not inputs.today:
        return None
    today = datetime.date.fromisoformat(inputs.today)
    date = today + datetime.timedelta(days=rules()[rec.code].days)
    if inputs.objective.deadline:
        deadline = datetime.date.fromisoformat(inputs.objective.deadline)
        if today < deadline < date:
            date = deadline
    return date.isoformat()


def plan_priorities(
    recommendations: Sequence[Recommendation], inputs: Inputs, reputation: Reputation
) -> list[tuple[float, str | None]]:
    """(priority, suggested date) for each recommendation, in the same order."""
    return [(priority(rec, inputs, reputation), due_on(rec, inputs)) for rec in recommendations]


def by_priority(items: Iterable) -> list:
    """Items (with .priority, .code, .key) highest priority first; ties in catalogue order."""
    order = {code: index for index, code in enumerate(rules())}
    return sorted(items, key=lambda r: (-r.priority, order.get(r.code, len(order)), r.key))


def select_plan(items: Iterable, *, size: int = PLAN_SIZE) -> list:
    """The `size` open items of highest priority, one per rule (three different actions, not
    three missing profiles). The caller passes only the open ones."""
    plan, codes = [], set()
    for item in by_priority(items):
        if item.code not in codes:
            plan.append(item)
            codes.add(item.code)
        if len(plan) == size:
            break
    return plan
