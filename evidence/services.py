"""Activity imports: store the upload, read it in a worker, keep only figures and excerpts.

The raw file is deleted as soon as its bytes are read, whatever happens next. Everything is
computed before anything is written; the figures, the excerpts and the job's summary then go
in one transaction, so a refused or failing file leaves the previous evidence untouched.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.models import User
from config.sweeps import STALE_AFTER, jobs_to_enqueue_again
from contacts.models import Contact, Relationship
from contacts.objectives import active_objective
from evidence import figures as figures_module
from evidence.models import ActivityImport, FlaggedExcerpt, NetworkEvidence
from evidence.readers import ActivityFileError, Limits, read_export
from evidence.signals import send_evidence_changed

logger = logging.getLogger(__name__)

WAITING = (ActivityImport.Status.PENDING, ActivityImport.Status.RUNNING)
_READING_SHARE = 80  # percent of the bar for reading the file; the figures take the rest


def limits() -> Limits:
    mb = 1024 * 1024
    return Limits(
        max_upload_bytes=settings.EVIDENCE_MAX_UPLOAD_MB * mb,
        max_items=settings.EVIDENCE_MAX_ITEMS,
        max_zip_members=settings.EVIDENCE_MAX_ZIP_MEMBERS,
        max_unzipped_bytes=settings.EVIDENCE_MAX_UNZIPPED_MB * mb,
    )


def client_names(owner: User) -> list[str]:
    """The companies and names of the contacts the professional marked as clients: a post
    naming them may leak a confidential relationship."""
    rows = Contact.objects.filter(owner=owner, relationship=Relationship.CLIENT).values_list(
        "company", "full_name"
    )
    return sorted({value.strip() for row in rows for value in row if value and value.strip()})


def objective_terms(owner: User) -> figures_module.ObjectiveTerms | None:
    objective = active_objective(owner)
    if objective is None:
        return None
    return figures_module.ObjectiveTerms(
        title=getattr(objective, "title", "") or "",
        roles=tuple(objective.needed_roles or ()),
        sectors=tuple(objective.needed_sectors or ()),
    )


@transaction.atomic
def activity_import_create(
    *, owner: User, upload: UploadedFile, network: str = ""
) -> ActivityImport:
    """Store the upload and enqueue its reading once the row is committed. Refuses (a
    ValidationError) one more file while EVIDENCE_IMPORT_PENDING_LIMIT are waiting."""
    from evidence.tasks import read_activity

    User.objects.select_for_update().only("pk").get(pk=owner.pk)
    limit = settings.EVIDENCE_IMPORT_PENDING_LIMIT
    if ActivityImport.objects.filter(owner=owner, status__in=WAITING).count() >= limit:
        raise ValidationError(
            ngettext(
                "%(limit)d file is already being read: wait until it is done.",
                "%(limit)d files are already being read: wait until one is done.",
                limit,
            )
            % {"limit": limit},
            code="quota",
        )
    job = ActivityImport.objects.create(
        owner=owner,
        file=upload,
        original_name=upload.name[:255],
        size=upload.size,
        network=network,
    )
    read_activity.delay_on_commit(job.pk)
    return job


def _claim(import_id: int) -> ActivityImport | None:
    """Take the job: a pending one, or a running one whose worker died long ago."""
    now = timezone.now()
    pending = ActivityImport.objects.filter(pk=import_id, status=ActivityImport.Status.PENDING)
    if not pending.update(status=ActivityImport.Status.RUNNING, started_at=now, progress=0):
        stale = ActivityImport.objects.filter(
            pk=import_id, status=ActivityImport.Status.RUNNING, started_at__lt=now - STALE_AFTER
        )
        if not stale.update(started_at=now):
            return None
    return ActivityImport.objects.select_related("owner").get(pk=import_id)


def activity_import_run(*, import_id: int) -> ActivityImport | None:
    """Read one uploaded export (idempotent: a finished or running job is left alone)."""
    job = _claim(import_id)
    if job is None:
        return None
    data = b""
    try:
        if job.file:
            with job.file.open("rb") as handle:
                data = handle.read()
    except OSError:
        logger.warning("activity import %s: its file is gone", import_id)
    finally:
        # Other people's messages are in there: the file goes as soon as it is read.
        _delete_file(job)
    if not data and job.size:
        _fail(job, "lost", job.original_name)
        return job
    return _process(job, data)


def activity_import_from_bytes(
    *, owner: User, name: str, data: bytes, network: str = ""
) -> ActivityImport:
    """The operator's import (`import_activity`): the same reading, at once, no file kept."""
    job = ActivityImport.objects.create(
        owner=owner,
        original_name=name[:255],
        size=len(data),
        network=network,
        status=ActivityImport.Status.RUNNING,
        started_at=timezone.now(),
    )
    return _process(job, data)


def _process(job: ActivityImport, data: bytes) -> ActivityImport:
    last = [-1]

    def progress(share: float) -> None:
        percent = int(max(0.0, min(1.0, share)) * _READING_SHARE)
        if percent >= last[0] + 5:
            last[0] = percent
            ActivityImport.objects.filter(pk=job.pk).update(progress=percent)

    try:
        activity = read_export(
            job.original_name,
            data,
            network=job.network or None,
            limits=limits(),
            progress=progress,
        )
        del data
        progress(1.0)
        evidence = figures_module.compute(
            activity, client_names=client_names(job.owner), objective=objective_terms(job.owner)
        )
        with transaction.atomic():
            _store(job.owner, evidence)
            job.network = activity.network
            job.counts = activity.counts()
            job.errors = activity.errors
            _finish(job, ActivityImport.Status.DONE)
    except ActivityFileError as error:
        _fail(job, error.code, error.file)
    except Exception:
        logger.exception("activity import %s failed", job.pk)
        _fail(job, "internal", job.original_name)
    return job


def _store(owner: User, evidence: figures_module.Evidence) -> None:
    """Replace one network's figures and excerpts (the caller holds the transaction); the
    score recompiles once it has committed."""
    send_evidence_changed(owner)
    NetworkEvidence.objects.update_or_create(
        owner=owner,
        network=evidence.network,
        defaults={
            "figures": evidence.figures,
            "period_start": evidence.period_start,
            "period_end": evidence.period_end,
        },
    )
    FlaggedExcerpt.objects.filter(owner=owner, network=evidence.network).delete()
    FlaggedExcerpt.objects.bulk_create(
        FlaggedExcerpt(
            owner=owner,
            network=evidence.network,
            kind=excerpt.kind,
            flag=excerpt.flag,
            occurred_on=excerpt.occurred_on,
            excerpt=excerpt.excerpt[:400],
        )
        for excerpt in evidence.excerpts
    )


def _delete_file(job: ActivityImport) -> None:
    if job.file:
        try:
            job.file.delete(save=False)
        except OSError:
            logger.exception("activity import %s: its file could not be deleted", job.pk)
        ActivityImport.objects.filter(pk=job.pk).update(file="")


def _fail(job: ActivityImport, code: str, file: str) -> None:
    job.error_code = code
    job.error_file = (file or "")[:255]
    _finish(job, ActivityImport.Status.FAILED)


def _finish(job: ActivityImport, status: str) -> None:
    job.status = status
    job.progress = 100 if status == ActivityImport.Status.DONE else job.progress
    job.finished_at = timezone.now()
    job.file = ""
    job.save()


def activity_import_sweep(older_than: datetime.timedelta = datetime.timedelta(minutes=2)) -> int:
    """Enqueue imports left pending (an enqueue lost while the broker was down) or stale."""
    from evidence.tasks import read_activity

    ids = jobs_to_enqueue_again(ActivityImport, older_than=older_than)
    for import_id in ids:
        read_activity.delay(import_id)
    return len(ids)


# --- Deleting what was kept ------------------------------------------------------------------


def excerpt_delete(*, owner: User, pk: int) -> bool:
    return FlaggedExcerpt.objects.filter(owner=owner, pk=pk).delete()[0] > 0


def excerpts_delete_all(*, owner: User, network: str = "") -> int:
    excerpts = FlaggedExcerpt.objects.filter(owner=owner)
    if network:
        excerpts = excerpts.filter(network=network)
    return excerpts.delete()[0]


@transaction.atomic
def network_evidence_delete(*, owner: User, network: str) -> bool:
    """A network's figures and excerpts, entirely; the score recompiles without them."""
    send_evidence_changed(owner)
    FlaggedExcerpt.objects.filter(owner=owner, network=network).delete()
    return NetworkEvidence.objects.filter(owner=owner, network=network).delete()[0] > 0


def activity_import_delete(*, owner: User, pk: int) -> bool:
    """An import's summary (a waiting one cannot be deleted under its worker)."""
    return (
        ActivityImport.objects.filter(owner=owner, pk=pk).exclude(status__in=WAITING).delete()[0]
        > 0
    )
