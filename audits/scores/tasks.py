"""Scores' background work (task names kept from before the move: "audits.tasks.*")."""

from celery import shared_task
from django.db import OperationalError

from audits.scores.services import audit_compile_scores, audits_needing_scores


@shared_task(
    name="audits.tasks.compile_scores",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
    reject_on_worker_lost=True,
)
def compile_scores(audit_id: int) -> int | None:
    """Compile one audit's figures (idempotent: a redelivery gives the same snapshot)."""
    snapshot = audit_compile_scores(audit_id=audit_id)
    return snapshot.pk if snapshot else None


@shared_task(name="audits.tasks.sweep_audits_needing_scores")
def sweep_audits_needing_scores() -> int:
    """Periodic: compile every audit still flagged (covers an enqueue lost with the broker)."""
    ids = audits_needing_scores()
    for audit_id in ids:
        compile_scores.delay(audit_id)
    return len(ids)
