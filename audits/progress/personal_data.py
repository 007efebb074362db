"""Progress's entries in the personal-data registry (accounts.personal_data)."""

from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from audits.progress.models import CheckIn, CheckInAction, CheckInSchedule


@personal_data.section(
    "check_ins",
    models=[CheckIn, CheckInAction, CheckInSchedule],
    descriptions={
        "check_ins": _(
            "your check-ins on each objective: results, introductions, time spent, notes, "
            "the actions of your plan they reported done, and how often you asked to be reminded."
        )
    },
    order=150,
)
def export_check_ins(user) -> list[dict]:
    check_ins = (
        CheckIn.objects.filter(objective__owner=user)
        .order_by("objective_id", "created_at", "pk")
        .prefetch_related("actions__recommendation")
    )
    schedules = dict(
        CheckInSchedule.objects.filter(objective__owner=user).values_list(
            "objective_id", "frequency"
        )
    )
    return [
        {
            "objective": c.objective_id,
            "period_start": c.period_start,
            "results": c.results,
            "introductions": c.introductions,
            "minutes": c.minutes,
            "note": c.note,
            "created_at": c.created_at,
            "actions_done": [a.recommendation.code for a in c.actions.all()],
            "reminders": schedules.get(c.objective_id, "weekly"),
        }
        for c in check_ins
    ]


@personal_data.eraser(order=40)
def delete_check_ins(user) -> None:
    # Before the audits and objectives (order 50): nothing of the progress outlives them.
    CheckIn.objects.filter(objective__owner=user).delete()
    CheckInSchedule.objects.filter(objective__owner=user).delete()
