"""Progress's background work: the check-in reminders (beat, daily)."""

import datetime

from celery import shared_task
from django.utils import timezone

from audits.progress.selectors import objectives_to_remind
from audits.progress.services import check_in_remind


@shared_task(name="audits.progress.tasks.send_check_in_reminder", acks_late=False)
def send_check_in_reminder(objective_id: int, period: str) -> bool:
    """One reminder; idempotent (the period is claimed before the email is sent)."""
    return check_in_remind(objective_id=objective_id, period=datetime.date.fromisoformat(period))


@shared_task(name="audits.progress.tasks.send_check_in_reminders")
def send_check_in_reminders(today: str | None = None) -> int:
    """Daily (beat): remind every professional whose check-in is due, once per period.
    `today` (ISO) is for tests and catching up by hand; beat passes nothing."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    due = objectives_to_remind(today=day)
    for objective_id, period in due:
        send_check_in_reminder.delay(objective_id, period.isoformat())
    return len(due)
