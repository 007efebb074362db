from celery import shared_task
from django.db import OperationalError

from evidence.services import activity_import_run, activity_import_sweep


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3, time_limit=900)
def read_activity(import_id: int) -> None:
    """Read one uploaded export (idempotent: the job row is claimed before any work)."""
    activity_import_run(import_id=import_id)


@shared_task(name="evidence.tasks.sweep_activity_imports")
def sweep_activity_imports() -> int:
    """Periodic: re-enqueue imports whose enqueue was lost or whose worker died."""
    return activity_import_sweep()
