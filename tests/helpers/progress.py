"""Helpers for the tests of objective progress and introductions."""

import datetime

from django.utils import timezone

from audits.progress.models import CheckIn
from audits.scores.models import Recommendation
from contacts.models import Contact


def plan_item(audit, code: str, priority: float = 50, text: str = "") -> Recommendation:
    text = text or f"Do {code}"
    return Recommendation.objects.create(
        audit=audit,
        code=code,
        severity="high",
        pillar="strategy",
        text={"fr": f"FR {text}", "en": text},
        evidence={"fr": "", "en": ""},
        priority=priority,
    )


def set_created(obj, moment: datetime.datetime) -> None:
    type(obj).objects.filter(pk=obj.pk).update(created_at=moment)
    obj.refresh_from_db()


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def check_in_on(objective, day: datetime.date, period: datetime.date, results=0, **extra):
    check_in = CheckIn.objects.create(
        objective=objective, period_start=period, results=results, **extra
    )
    set_created(check_in, at(day))
    return check_in


def contact(owner, name: str, **fields) -> Contact:
    first = name.split(" ")[0]
    return Contact.objects.create(owner=owner, full_name=name, first_name=first, **fields)
