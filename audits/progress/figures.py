"""The figures of the progress page: cumulative results against the target line, the expected
pace, what remains per week. Pure: no Django.

The target line runs straight from (the day the objective was set, 0) to (its deadline, the
target): the pace that reaches the target exactly on time. "Expected by today" is that line read
at today; a professional at or above it is on pace.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figures:
    start: datetime.date
    deadline: datetime.date
    today: datetime.date
    target: int
    results: list[tuple[datetime.date, int]]  # cumulative, one point per day with results
    introductions: list[tuple[datetime.date, int]]  # cumulative, likewise
    done: int
    introductions_total: int
    expected_now: float
    days_left: int
    per_week_needed: float | None  # None once the target is reached or the deadline passed
    streak: int

    @property
    def status(self) -> str:
        if self.done >= self.target:
            return "reached"
        if self.today > self.deadline:
            return "missed"
        return "on_pace" if self.done >= self.expected_now else "behind"

    @property
    def percent(self) -> float:
        return min(100.0, 100 * self.done / self.target) if self.target else 0.0

    @property
    def target_line(self) -> list[tuple[datetime.date, float]]:
        return [(self.start, 0.0), (self.deadline, float(self.target))]


def cumulative(events: Iterable[tuple[datetime.date, int]]) -> list[tuple[datetime.date, int]]:
    """(day, running total) for each day with a non-zero amount, oldest first."""
    by_day: dict[datetime.date, int] = {}
    for day, amount in events:
        by_day[day] = by_day.get(day, 0) + amount
    total, points = 0, []
    for day in sorted(by_day):
        if by_day[day]:
            total += by_day[day]
            points.append((day, total))
    return points


def expected_by(day: datetime.date, *, start: datetime.date, deadline: datetime.date,
                target: int) -> float:  # fmt: skip
    span = max((deadline - start).days, 1)
    elapsed = min(max((day - start).days, 0), span)
    return round(target * elapsed / span, 2)


def progress_figures(
    *,
    start: datetime.date,
    deadline: datetime.date,
    today: datetime.date,
    target: int,
    results: Iterable[tuple[datetime.date, int]],
    introductions: Iterable[tuple[datetime.date, int]],
    streak: int,
) -> Figures:
    result_points = cumulative(results)
    intro_points = cumulative(introductions)
    done = result_points[-1][1] if result_points else 0
    days_left = max((deadline - today).days, 0)
    per_week = (
        round((target - done) / (days_left / 7), 2) if days_left > 0 and done < target else None
    )
    return Figures(
        start=start,
        deadline=deadline,
        today=today,
        target=target,
        results=result_points,
        introductions=intro_points,
        done=done,
        introductions_total=intro_points[-1][1] if intro_points else 0,
        expected_now=expected_by(today, start=start, deadline=deadline, target=target),
        days_left=days_left,
        per_week_needed=per_week,
        streak=streak,
    )
