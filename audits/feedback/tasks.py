"""Feedback's background work. Task names stay "audits.tasks.*" (queued messages and the beat
schedule name them) although the code moved into this package."""

import logging
import smtplib

from celery import shared_task
from django.core.mail import BadHeaderError

from audits.feedback.models import FailureReason
from audits.feedback.release import feedback_release, feedback_release_sweep
from audits.feedback.services import (
    feedback_expire,
    feedback_mark_failed,
    feedback_purge,
    feedback_reminders_due,
    feedback_resend_due,
    feedback_send_email,
)

logger = logging.getLogger(__name__)

# Errors that a later attempt may not meet (the server down, busy, misconfigured for a while).
# SMTPRecipientsRefused, a subclass, is caught before: that address will not work.
TRANSIENT_MAIL_ERRORS = (smtplib.SMTPException, OSError)


@shared_task(name="audits.tasks.send_feedback_email", bind=True, max_retries=4, acks_late=False)
def send_feedback_email(self, request_id: int, kind: str) -> bool:
    """Email one feedback invitation or reminder. Transient SMTP errors are retried; a
    refused recipient marks the request failed, so the professional sees it and can send it
    again (an emailed request never yields a copied link). Not acks_late: a redelivered
    message could email the person twice."""
    try:
        return feedback_send_email(request_id=request_id, kind=kind)
    except smtplib.SMTPRecipientsRefused as exc:
        logger.warning("feedback request %s: recipient refused: %s", request_id, exc)
        feedback_mark_failed(request_id=request_id, reason=FailureReason.REFUSED)
        return False
    except BadHeaderError as exc:
        # Names are made one line before they reach a header; should anything else slip
        # through, the owner sees the request failed instead of pending for ever.
        logger.error("feedback request %s: email not built: %s", request_id, exc)
        feedback_mark_failed(request_id=request_id, reason=FailureReason.INVALID)
        return False
    except TRANSIENT_MAIL_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            logger.warning("feedback request %s: could not send: %s", request_id, exc)
            # Shown as failed, and sent again by resend_pending_invitations later on.
            feedback_mark_failed(request_id=request_id, reason=FailureReason.UNREACHABLE)
            return False
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc


@shared_task(name="audits.feedback.tasks.resend_pending_invitations")
def resend_pending_invitations() -> int:
    """Every few minutes (beat): send again the invitations that stayed pending (an enqueue
    lost while the broker was down, a worker killed mid-send) or failed on a passing error."""
    due = feedback_resend_due()
    for request_id in due:
        send_feedback_email.delay(request_id, "invitation")
    return len(due)


@shared_task(name="audits.tasks.send_feedback_reminders")
def send_feedback_reminders() -> int:
    """Daily (beat): remind after FEEDBACK_REMINDER_DAYS; safe to run twice the same day."""
    due = feedback_reminders_due()
    for request_id in due:
        send_feedback_email.delay(request_id, "reminder")
    return len(due)


@shared_task(name="audits.tasks.expire_feedback_requests")
def expire_feedback_requests() -> int:
    """Hourly (beat): close expired requests, then purge dead links and old recipients."""
    expired = feedback_expire()
    feedback_purge()
    return expired


@shared_task(name="audits.feedback.tasks.release_answers")
def release_answers(audit_id: int) -> int:
    """Release the answers waiting for one audit if there are at least FEEDBACK_RELEASE_K
    (enqueued after each answer; idempotent, so a redelivery releases nothing more)."""
    return feedback_release(audit_id=audit_id)


@shared_task(name="audits.feedback.tasks.release_answers_sweep")
def release_answers_sweep() -> int:
    """Periodic (beat): release what a lost enqueue left waiting, and withhold the answers of
    rounds that closed with fewer than k waiting."""
    released, _withheld = feedback_release_sweep()
    return released
