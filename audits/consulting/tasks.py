"""Consulting's background work (task name kept from before the move: "audits.tasks.*")."""

import logging
import smtplib

from celery import shared_task

from audits.consulting.services import engagement_email
from audits.feedback.tasks import TRANSIENT_MAIL_ERRORS

logger = logging.getLogger(__name__)


@shared_task(name="audits.tasks.send_engagement_email", bind=True, max_retries=4, acks_late=False)
def send_engagement_email(self, engagement_id: int, kind: str) -> bool:
    """Notify the client or the consultant of an engagement event."""
    try:
        return engagement_email(engagement_id=engagement_id, kind=kind)
    except smtplib.SMTPRecipientsRefused as exc:  # that address will not work: no retry
        logger.warning("engagement %s: %s email refused: %s", engagement_id, kind, exc)
        return False
    except TRANSIENT_MAIL_ERRORS as exc:
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc


# --- The private channel (issue 20) ---------------------------------------------------------


@shared_task(name="audits.tasks.send_message_notice", bind=True, max_retries=4, acks_late=False)
def send_message_notice(self, message_id: int) -> bool:
    """Tell the other party that a message waits in their thread (no content)."""
    from audits.consulting.channel import message_notice_email

    try:
        return message_notice_email(message_id=message_id)
    except smtplib.SMTPRecipientsRefused as exc:
        logger.warning("message %s: notice refused: %s", message_id, exc)
        return False
    except TRANSIENT_MAIL_ERRORS as exc:
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc
