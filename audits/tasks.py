import smtplib

from celery import shared_task
from django.db import OperationalError

from audits.services.feedback import (
    audits_needing_scores,
    feedback_expire,
    feedback_mark_failed,
    feedback_purge,
    feedback_reminders_due,
    feedback_send_email,
)
from audits.services.scoring import audit_compile_scores

TRANSIENT_MAIL_ERRORS = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    smtplib.SMTPDataError,
    ConnectionError,
    TimeoutError,
)


@shared_task(bind=True, max_retries=4, acks_late=False)
def send_feedback_email(self, request_id: int, kind: str) -> bool:
    """Email one feedback invitation or reminder. Transient SMTP errors are retried; a
    refused recipient marks the request failed, so the professional sees it and can copy the
    link instead. Not acks_late: a redelivered message could email the person twice."""
    try:
        return feedback_send_email(request_id=request_id, kind=kind)
    except smtplib.SMTPRecipientsRefused as exc:
        feedback_mark_failed(request_id=request_id, reason=f"recipient refused: {exc}")
        return False
    except TRANSIENT_MAIL_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            feedback_mark_failed(request_id=request_id, reason=f"could not send: {exc}")
            return False
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc


@shared_task
def send_feedback_reminders() -> int:
    """Daily (beat): remind after FEEDBACK_REMINDER_DAYS; safe to run twice the same day."""
    due = feedback_reminders_due()
    for request_id in due:
        send_feedback_email.delay(request_id, "reminder")
    return len(due)


@shared_task
def expire_feedback_requests() -> int:
    """Hourly (beat): close expired requests, then purge dead links and old recipients."""
    expired = feedback_expire()
    feedback_purge()
    return expired


@shared_task(
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


@shared_task
def sweep_audits_needing_scores() -> int:
    """Periodic: compile every audit still flagged (covers an enqueue lost with the broker)."""
    ids = audits_needing_scores()
    for audit_id in ids:
        compile_scores.delay(audit_id)
    return len(ids)


@shared_task(bind=True, max_retries=4, acks_late=False)
def send_engagement_email(self, engagement_id: int, kind: str) -> bool:
    """Notify the client or the consultant of an engagement event."""
    from audits.services.consulting import engagement_email

    try:
        return engagement_email(engagement_id=engagement_id, kind=kind)
    except TRANSIENT_MAIL_ERRORS as exc:
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc
