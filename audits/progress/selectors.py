"""Reads for the check-in and progress pages: a fixed number of queries whatever the history."""

import datetime
from dataclasses import dataclass

from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audits.progress.chart import Labels, progress_svg
from audits.progress.figures import Figures, progress_figures
from audits.progress.models import CheckIn, CheckInAction, CheckInSchedule, Frequency
from audits.progress.periods import period_start, streak
from audits.scores.models import Recommendation
from audits.scores.selectors import board_recommendations
from audits.selfaudit.models import Audit, Objective
from contacts.models import IntroductionRequest


def frequency_of(objective: Objective) -> str:
    schedule = CheckInSchedule.objects.filter(objective=objective).first()
    return schedule.frequency if schedule else Frequency.WEEKLY


def anchor_of(objective: Objective) -> datetime.date:
    return timezone.localdate(objective.created_at)


def current_period(objective: Objective, frequency: str, today: datetime.date) -> datetime.date:
    return period_start(today, frequency, anchor_of(objective))


def checked_in_this_period(objective: Objective, frequency: str, today: datetime.date) -> bool:
    # Stored starts are Mondays (or the period's start): any check-in of the current period
    # starts on or after its first day, whichever frequency it was made under.
    start = current_period(objective, frequency, today)
    return CheckIn.objects.filter(objective=objective, period_start__gte=start).exists()


def is_due(objective: Objective, *, today: datetime.date | None = None) -> bool:
    """A check-in is asked for: reminders on, objective open, none yet this period."""
    today = today or timezone.localdate()
    if objective.archived:
        return False
    frequency = frequency_of(objective)
    if frequency == Frequency.OFF:
        return False
    return not checked_in_this_period(objective, frequency, today)


def plan_items(objective: Objective) -> list[Recommendation]:
    """The open actions of the plan of the objective's latest audit (what a check-in ticks)."""
    audit = Audit.objects.filter(objective=objective).first()
    if audit is None:
        return []
    plan, _more, _closed = board_recommendations(audit)
    return plan


@dataclass
class ProgressBoard:
    objective: Objective
    frequency: str
    figures: Figures
    check_ins: list[CheckIn]
    done_actions: list[CheckInAction]
    introductions_in_app: int
    due: bool

    @property
    def minutes_total(self) -> int:
        return sum(c.minutes for c in self.check_ins)

    def chart(self) -> str:
        unit = self.objective.target_unit
        f = self.figures
        return progress_svg(
            f,
            Labels(
                title=_("Progress towards “%(title)s”") % {"title": self.objective.title},
                results=_("%(unit)s obtained") % {"unit": unit.capitalize()},
                introductions=_("Introductions obtained"),
                target=_("Target pace"),
                today=_("Today"),
                deadline=_("Deadline: %(date)s")
                % {"date": formats.date_format(f.deadline, "SHORT_DATE_FORMAT")},
                start=formats.date_format(f.start, "SHORT_DATE_FORMAT"),
            ),
        )


def progress_board(objective: Objective, *, today: datetime.date | None = None) -> ProgressBoard:
    today = today or timezone.localdate()
    frequency = frequency_of(objective)
    anchor = anchor_of(objective)
    check_ins = list(CheckIn.objects.filter(objective=objective).order_by("created_at", "id"))
    obtained = list(
        IntroductionRequest.objects.filter(
            owner_id=objective.owner_id,
            objective_ref=objective.pk,
            status=IntroductionRequest.Status.OBTAINED,
        ).values_list("obtained_at", flat=True)
    )
    done_actions = list(
        CheckInAction.objects.filter(check_in__objective=objective)
        .select_related("check_in", "recommendation")
        .order_by("check_in__created_at", "id")
    )
    days = [(timezone.localdate(c.created_at), c) for c in check_ins]
    figures = progress_figures(
        start=anchor,
        deadline=objective.deadline,
        today=today,
        target=objective.target_quantity,
        results=[(day, c.results) for day, c in days],
        introductions=[(day, c.introductions) for day, c in days]
        + [(timezone.localdate(moment), 1) for moment in obtained if moment],
        streak=streak(
            [c.period_start for c in check_ins],
            today=today,
            frequency=frequency,
            anchor=anchor,
        ),
    )
    current = period_start(today, frequency, anchor)
    due = (
        frequency != Frequency.OFF
        and not objective.archived
        and not any(c.period_start >= current for c in check_ins)
    )
    return ProgressBoard(
        objective=objective,
        frequency=frequency,
        figures=figures,
        check_ins=list(reversed(check_ins)),
        done_actions=done_actions,
        introductions_in_app=len(obtained),
        due=due,
    )


def dashboard_context(user: User, objective: Objective | None) -> dict:
    """The dashboard's check-in card (registered with audits.selfaudit.dashboard)."""
    if objective is None:
        return {}
    return {"check_in_due": is_due(objective), "progress_objective": objective}


def objectives_to_remind(*, today: datetime.date) -> list[tuple[int, datetime.date]]:
    """(objective id, current period start) of every objective whose reminder is due today.

    Open objectives (not archived, deadline not passed) of active accounts, with reminders on,
    set before the current period began (a new objective is not chased the week it was set),
    with no check-in in the current period and no reminder claimed for it yet.
    """
    objectives = (
        Objective.objects.filter(archived=False, deadline__gte=today, owner__is_active=True)
        .exclude(check_in_schedule__frequency=Frequency.OFF)
        .select_related("check_in_schedule")
        .only("id", "created_at", "check_in_schedule__frequency",
              "check_in_schedule__last_reminded_period")
    )  # fmt: skip
    latest = dict(
        CheckIn.objects.filter(objective__archived=False, objective__deadline__gte=today)
        .values_list("objective_id")
        .annotate(last=Max("period_start"))
        .order_by()
    )
    due = []
    for objective in objectives.iterator(chunk_size=500):
        schedule = getattr(objective, "check_in_schedule", None)
        frequency = schedule.frequency if schedule else Frequency.WEEKLY
        current = period_start(today, frequency, anchor_of(objective))
        if anchor_of(objective) >= current:
            continue
        if schedule and schedule.last_reminded_period == current:
            continue
        if objective.pk in latest and latest[objective.pk] >= current:
            continue
        due.append((objective.pk, current))
    return due
