"""Check-in periods and the streak. Pure: no Django.

A weekly period starts on a Monday; a two-week period starts every other Monday counted from the
Monday of the week the objective was set (its anchor). With reminders off, progress is still
counted in weeks. The streak is the number of consecutive periods, up to the current one, with
at least one check-in: the "minimum presence over time" the seeds ask for (seed 002). The current
period counts once it has a check-in; until then the streak runs to the previous one, since the
period is not over.
"""

import datetime
from collections.abc import Iterable


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def period_days(frequency: str) -> int:
    return 14 if frequency == "biweekly" else 7


def period_start(day: datetime.date, frequency: str, anchor: datetime.date) -> datetime.date:
    """The first day of the period holding `day`."""
    week = monday(day)
    if frequency != "biweekly":
        return week
    first = monday(anchor)
    return first + datetime.timedelta(days=14 * ((week - first).days // 14))


def streak(
    check_in_periods: Iterable[datetime.date],
    *,
    today: datetime.date,
    frequency: str,
    anchor: datetime.date,
) -> int:
    present = {period_start(p, frequency, anchor) for p in check_in_periods}
    step = datetime.timedelta(days=period_days(frequency))
    current = period_start(today, frequency, anchor)
    if current not in present:
        current -= step
    count = 0
    while current in present:
        count += 1
        current -= step
    return count
