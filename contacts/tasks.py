from celery import shared_task
from django.db import OperationalError

from contacts.services.imports import contact_import_run, contact_import_sweep
from contacts.services.uploads import abandoned_imports_purge


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3, time_limit=600)
def import_contacts(import_id: int) -> None:
    """Import one uploaded file (idempotent: the job row is claimed before any work)."""
    contact_import_run(import_id=import_id)


@shared_task
def sweep_contact_imports() -> int:
    """Periodic: re-enqueue imports whose enqueue was lost or whose worker died."""
    return contact_import_sweep()


@shared_task(name="contacts.tasks.purge_abandoned_imports")
def purge_abandoned_imports() -> int:
    """Hourly (beat), the contacts' retention: files left at the column step are deleted."""
    return abandoned_imports_purge()


@shared_task(name="contacts.tasks.send_introduction_email", acks_late=False)
def send_introduction_email(request_id: int) -> bool:
    """Email one introduction request, claimed before it was queued. Not acks_late: a
    redelivered message could email the contact twice."""
    from contacts.services.introductions import introduction_send_email

    return introduction_send_email(request_id=request_id)


@shared_task(name="contacts.tasks.resend_introduction_emails")
def resend_introduction_emails() -> int:
    """Every few minutes (beat): send the introduction requests asked for and still unsent."""
    from contacts.services.introductions import introductions_unsent

    due = introductions_unsent()
    for request_id in due:
        send_introduction_email.delay(request_id)
    return len(due)
