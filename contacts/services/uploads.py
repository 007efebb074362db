"""Uploaded contact files waiting on disk: a quota per account, and a purge of those abandoned.

An uploaded file holds other people's personal data. It is deleted as soon as its import ends
(contacts.services.imports), but a CSV waits for its columns to be chosen and a user may never
come back: after CONTACT_IMPORT_ABANDONED_HOURS it is deleted and its import marked failed.
Until then it counts towards the CONTACT_IMPORT_PENDING_LIMIT files an account may keep
waiting, so that nobody can fill the media volume.
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.models import User
from contacts.models import ContactImport

logger = logging.getLogger(__name__)

WAITING = (
    ContactImport.Status.MAPPING,
    ContactImport.Status.PENDING,
    ContactImport.Status.RUNNING,
)


def waiting_uploads(owner: User) -> QuerySet[ContactImport]:
    """The owner's imports whose file is still on disk."""
    return ContactImport.objects.filter(owner=owner, status__in=WAITING)


def upload_quota_check(owner: User) -> None:
    """Refuse one more upload once the owner has CONTACT_IMPORT_PENDING_LIMIT waiting.

    Called in the upload's transaction with the owner's row locked, so that two uploads at
    the same moment cannot both take the last place.
    """
    User.objects.select_for_update().only("pk").get(pk=owner.pk)
    limit = settings.CONTACT_IMPORT_PENDING_LIMIT
    if waiting_uploads(owner).count() >= limit:
        raise ValidationError(
            ngettext(
                "You already have %(limit)d file waiting to be imported. Choose its columns "
                "or wait until it is imported before sending another one.",
                "You already have %(limit)d files waiting to be imported. Choose their columns "
                "or wait until they are imported before sending another one.",
                limit,
            )
            % {"limit": limit},
            code="quota",
        )


def abandoned_imports_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the files of imports left at the column step for too long; mark them failed.

    The row is claimed first (a guarded update from MAPPING), so a user choosing the columns
    at that very moment either wins (the import runs) or finds the import closed.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(hours=settings.CONTACT_IMPORT_ABANDONED_HOURS)
    abandoned = ContactImport.objects.filter(
        status=ContactImport.Status.MAPPING, created_at__lt=cutoff
    ).values_list("pk", "file")
    purged = 0
    for pk, name in abandoned.iterator():
        claimed = ContactImport.objects.filter(pk=pk, status=ContactImport.Status.MAPPING).update(
            status=ContactImport.Status.FAILED, error_code="abandoned", finished_at=now, file=""
        )
        if not claimed:
            continue
        purged += 1
        if name:
            try:
                ContactImport.file.field.storage.delete(name)
            except OSError:
                logger.exception("contact import %s: its file %s could not be deleted", pk, name)
    return purged
