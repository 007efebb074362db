"""The activity log: sensitive actions recorded for the user they concern."""

from django.core.cache import cache

from accounts.models import Activity, User

ACCESS_THROTTLE_SECONDS = 3600


def activity_record(*, subject: User, actor: User | None, action: str, detail: str = "") -> None:
    Activity.objects.create(subject=subject, actor=actor, action=action, detail=detail[:300])


def consultant_access_record(*, client: User, consultant: User) -> None:
    """One entry per consultant and client an hour: enough to know, not a page-view log."""
    key = f"activity:access:{consultant.pk}:{client.pk}"
    if cache.add(key, 1, timeout=ACCESS_THROTTLE_SECONDS):
        activity_record(subject=client, actor=consultant, action=Activity.Action.CONSULTANT_ACCESS)
