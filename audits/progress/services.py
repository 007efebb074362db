"""Writes of objective progress: a check-in, the reminder frequency, the reminder email."""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audits.progress.models import CheckIn, CheckInAction, CheckInSchedule, Frequency
from audits.progress.periods import period_start
from audits.progress.selectors import anchor_of, frequency_of, plan_items
from audits.scores.models import Recommendation
from audits.selfaudit.models import Objective
from config.links import absolute_url
from config.text import plain_text, single_line

logger = logging.getLogger(__name__)


@transaction.atomic
def check_in_create(
    *,
    objective: Objective,
    results: int,
    introductions: int,
    minutes: int,
    note: str = "",
    done: list[Recommendation] | tuple = (),
    today: datetime.date | None = None,
) -> CheckIn:
    """Record one check-in; the plan actions ticked are marked done and linked to it."""
    if objective.archived:
        raise ValidationError(_("This objective is archived: it takes no more check-ins."))
    today = today or timezone.localdate()
    check_in = CheckIn(
        objective=objective,
        period_start=period_start(today, frequency_of(objective), anchor_of(objective)),
        results=results,
        introductions=introductions,
        minutes=minutes,
        note=plain_text(note).strip(),
    )
    check_in.full_clean()
    check_in.save()
    allowed = {r.pk for r in plan_items(objective)}
    ticked = [r for r in done if r.pk in allowed]
    CheckInAction.objects.bulk_create(
        [CheckInAction(check_in=check_in, recommendation=r) for r in ticked],
        ignore_conflicts=True,  # already reported by an earlier check-in: the first one keeps it
    )
    Recommendation.objects.filter(pk__in=[r.pk for r in ticked]).update(
        status=Recommendation.Status.DONE
    )
    return check_in


def schedule_set(*, objective: Objective, frequency: str) -> CheckInSchedule:
    if frequency not in Frequency.values:
        raise ValidationError(_("Unknown frequency."))
    schedule, _created = CheckInSchedule.objects.update_or_create(
        objective=objective, defaults={"frequency": frequency}
    )
    return schedule


def check_in_remind(*, objective_id: int, period: datetime.date) -> bool:
    """Email the check-in reminder of one period, once: the period is claimed by a guarded
    update before the email goes, so a second run the same period (or a redelivered task)
    sends nothing. A failed send releases the claim for the next day's run."""
    objective = Objective.objects.select_related("owner").get(pk=objective_id)
    owner = objective.owner
    if objective.archived or not owner.is_active or not owner.email:
        return False
    schedule, _created = CheckInSchedule.objects.get_or_create(objective=objective)
    if schedule.frequency == Frequency.OFF:
        return False
    previous = schedule.last_reminded_period
    claimed = (
        CheckInSchedule.objects.filter(pk=schedule.pk)
        .filter(Q(last_reminded_period__isnull=True) | ~Q(last_reminded_period=period))
        .update(last_reminded_period=period)
    )
    if not claimed:
        return False
    context = {
        "name": single_line(owner.display_name),
        "objective": objective,
        "title": single_line(objective.title),
        "unit": single_line(objective.target_unit),
        "check_in_url": absolute_url("audits:check_in", objective.pk),
        "progress_url": absolute_url("audits:progress", objective.pk),
        "biweekly": schedule.frequency == Frequency.BIWEEKLY,
    }
    with translation.override(owner.language or settings.LANGUAGE_CODE):
        subject = single_line(render_to_string("progress/email/check_in_subject.txt", context))
        body = render_to_string("progress/email/check_in_body.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [owner.email])
    except OSError as exc:  # smtplib.SMTPException is an OSError
        logger.warning("check-in reminder %s: not sent: %s", objective_id, exc)
        CheckInSchedule.objects.filter(pk=schedule.pk).update(last_reminded_period=previous)
        return False
    return True
