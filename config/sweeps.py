"""Background jobs whose enqueue may have been lost (the broker was down) or whose worker died:
the ids a periodic sweep enqueues again. One rule for every kind of import."""

import datetime

from django.utils import timezone

# A job still "running" after this long has lost its worker.
STALE_AFTER = datetime.timedelta(minutes=15)


def jobs_to_enqueue_again(model, *, older_than: datetime.timedelta) -> list[int]:
    """Ids of `model` rows (with status, created_at, started_at and the PENDING/RUNNING
    statuses) left pending for `older_than`, or running for longer than STALE_AFTER."""
    now = timezone.now()
    waiting = model.objects.filter(
        status=model.Status.PENDING, created_at__lt=now - older_than
    ).values_list("pk", flat=True)
    stale = model.objects.filter(
        status=model.Status.RUNNING, started_at__lt=now - STALE_AFTER
    ).values_list("pk", flat=True)
    return [*waiting, *stale]
