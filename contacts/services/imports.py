"""Contact imports: create the job, then parse and merge the file into the owner's network.

The whole file goes in one transaction: either every valid row is merged (and the rows that
could not be read are listed with their reason), or nothing changes and the import says why.
"""

import dataclasses
import datetime
import functools
import gc
import logging
from contextlib import contextmanager

from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from config.sweeps import STALE_AFTER, jobs_to_enqueue_again
from contacts.classification import classify
from contacts.importers import ParsedFile, detect_format, parse
from contacts.importers.base import ImportFileError, ParsedContact, RowError
from contacts.limits import fit, max_length
from contacts.merging import email_key, fold, name_key, url_key
from contacts.models import Contact, ContactImport
from contacts.services.uploads import upload_quota_check
from contacts.signals import network_changed

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 1000
BATCH = 2000
MERGED_FIELDS = [
    "first_name", "last_name", "email", "other_emails", "phone", "profile_url", "company",
    "position", "networks", "connected_on", "notes", "role_category", "sector", "url_key",
    "email_key", "name_key", "updated_at",
]  # fmt: skip
EXCHANGE_FIELDS = [
    "messages_sent", "messages_received", "conversations", "two_way_conversations",
    "last_exchange_on", "invitation", "invitation_with_message",
]  # fmt: skip


@transaction.atomic
def contact_import_create(
    *,
    owner: User,
    upload: UploadedFile,
    fmt: str = "",
    network: str = "",
    mapping: dict[str, str] | None = None,
    check_quota: bool = True,
) -> ContactImport:
    """Store the uploaded file and enqueue its import once the row is committed.

    Raises ValidationError when the owner already has their quota of files waiting (not for
    the operator's import command, which runs its import at once)."""
    from contacts.tasks import import_contacts

    if check_quota:
        upload_quota_check(owner)
    head = upload.read(64 * 1024)
    upload.seek(0)
    fmt = fmt or detect_format(upload.name, head)
    needs_mapping = fmt == "generic_csv" and not mapping
    job = ContactImport.objects.create(
        owner=owner,
        file=upload,
        original_name=upload.name[:255],
        size=upload.size,
        format=fmt,
        network=network,
        mapping=mapping or {},
        status=ContactImport.Status.MAPPING if needs_mapping else ContactImport.Status.PENDING,
    )
    if not needs_mapping:
        import_contacts.delay_on_commit(job.pk)
    return job


@transaction.atomic
def contact_import_queue(*, job: ContactImport, mapping: dict[str, str]) -> ContactImport:
    """A generic CSV's columns are chosen: the import can run."""
    from contacts.tasks import import_contacts

    updated = ContactImport.objects.filter(pk=job.pk, status=ContactImport.Status.MAPPING).update(
        mapping=mapping, status=ContactImport.Status.PENDING
    )
    if updated:
        import_contacts.delay_on_commit(job.pk)
    job.refresh_from_db()
    return job


def contact_import_fail(*, job: ContactImport, code: str) -> None:
    """A file refused before its job could run (its columns cannot be read)."""
    _finish(job, ContactImport.Status.FAILED, error_code=code)


def import_progress_key(import_id: int) -> str:
    return f"contacts:import-progress:{import_id}"


def import_progress(job: ContactImport) -> tuple[int, int]:
    done, total = cache.get(import_progress_key(job.pk), (0, 0))
    return done, total


def _claim(import_id: int) -> ContactImport | None:
    """Take the job: a pending one, or a running one whose worker died long ago."""
    now = timezone.now()
    claimed = ContactImport.objects.filter(pk=import_id, status=ContactImport.Status.PENDING)
    if not claimed.update(status=ContactImport.Status.RUNNING, started_at=now):
        stale = ContactImport.objects.filter(
            pk=import_id, status=ContactImport.Status.RUNNING, started_at__lt=now - STALE_AFTER
        )
        if not stale.update(started_at=now):
            return None
    return ContactImport.objects.select_related("owner").get(pk=import_id)


@contextmanager
def _cyclic_gc_paused():
    """No cycle collection while an import builds its tens of thousands of objects.

    They all stay alive until the end, yet each full collection walks them and the whole
    process heap: in a process holding the demo data, 30,000 rows took about 11 s with
    collections and 8 to 10 s without (`make bench`). Reference counting still frees the
    rest; one collection runs at the end.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.collect()


def contact_import_run(*, import_id: int) -> ContactImport | None:
    """Run one import (idempotent: a finished or running job is left alone)."""
    job = _claim(import_id)
    if job is None:
        return None
    try:
        with job.file.open("rb") as handle:
            data = handle.read()
        with _cyclic_gc_paused():
            parsed = parse(
                data, job.format, mapping=job.mapping or None, network=job.network or None
            )
            items = list(parsed.items)
            with transaction.atomic():
                summary = merge_into_network(owner=job.owner, parsed=parsed, items=items, job=job)
                _finish(job, ContactImport.Status.DONE, **summary)
                network_changed.send(ContactImport, owner=job.owner)
    except ImportFileError as exc:
        _finish(job, ContactImport.Status.FAILED, error_code=exc.code)
    except Exception:
        logger.exception("contact import %s failed", import_id)
        _finish(job, ContactImport.Status.FAILED, error_code="internal")
        raise
    finally:
        cache.delete(import_progress_key(import_id))
    return job


def _finish(job: ContactImport, status: str, **fields) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    job.status = status
    job.finished_at = timezone.now()
    # The uploaded file holds other people's personal data: it is not kept once read.
    if job.file:
        job.file.delete(save=False)
    job.save()


def merge_into_network(
    *, owner: User, parsed: ParsedFile, items: list, job: ContactImport | None = None
) -> dict:
    """Merge parsed rows into the owner's contacts; returns the summary counts and errors."""
    errors = [item.as_dict() for item in items if isinstance(item, RowError)]
    rows = [_fitted(i) for i in items if isinstance(i, ParsedContact)]
    index = _NetworkIndex(owner)
    created: list[Contact] = []
    matched: dict[int, list[ParsedContact]] = {}
    pending: dict[str, Contact] = {}
    skipped = len(errors)
    for position, row in enumerate(rows, start=1):
        keys = _keys(row)
        row_url = _url_key(row.profile_url)
        existing_id = index.find(keys, row_url)
        if existing_id is not None:
            matched.setdefault(existing_id, []).append(row)
        elif (twin := _pending_twin(pending, keys, row_url)) is not None:
            _absorb(twin, row)  # the same person twice in one file
            skipped += 1
        else:
            contact = _new_contact(owner, row)
            created.append(contact)
            for key in keys:
                pending.setdefault(key, contact)
        if job is not None and position % PROGRESS_EVERY == 0:
            cache.set(import_progress_key(job.pk), (position, len(rows)), 3600)

    Contact.objects.bulk_create(created, batch_size=BATCH)
    _apply_matches(matched)
    _apply_exchanges(owner, parsed)
    return {
        "created": len(created),
        "merged": sum(len(v) for v in matched.values()),
        "skipped": skipped,
        "errors": errors,
    }


def _same_person(key: str, row_url: str, other_url: str) -> bool:
    """A name match is no match when both sides have different profile URLs: two people."""
    return not (key.startswith("n:") and row_url and other_url and row_url != other_url)


def _pending_twin(pending: dict[str, Contact], keys: list[str], row_url: str) -> Contact | None:
    for key in keys:
        contact = pending.get(key)
        if contact is not None and _same_person(key, row_url, contact.url_key):
            return contact
    return None


class _NetworkIndex:
    """Existing contacts of the owner by merge key (one query, only the keys)."""

    def __init__(self, owner: User) -> None:
        self.ids: dict[str, int] = {}
        self.urls: dict[int, str] = {}
        rows = Contact.objects.filter(owner=owner).values_list(
            "id", "url_key", "email_key", "name_key", "other_emails"
        )
        for contact_id, url, email, name, others in rows.iterator(chunk_size=5000):
            self.urls[contact_id] = url
            for key in (f"u:{url}" if url else "", f"e:{email}" if email else "", f"n:{name}"):
                if key and key != "n:":
                    self.ids.setdefault(key, contact_id)
            for other in others or []:
                self.ids.setdefault(f"e:{other}", contact_id)

    def find(self, keys: list[str], row_url: str) -> int | None:
        for key in keys:
            contact_id = self.ids.get(key)
            if contact_id is not None and _same_person(key, row_url, self.urls[contact_id]):
                return contact_id
        return None


# The row's values that become a contact's columns (emails are at most 254 characters already).
_FITTED_FIELDS = (
    "full_name", "first_name", "last_name", "profile_url", "company", "position", "notes"
)  # fmt: skip


@functools.cache
def _row_limits() -> tuple[tuple[str, int], ...]:
    return tuple((field, max_length(field)) for field in _FITTED_FIELDS)


def _fitted(row: ParsedContact) -> ParsedContact:
    """The row with each value cut to its column, once, before it is matched, created or
    merged: a new contact and a merged one get the same value, and the keys a row is matched
    on are those its contact is stored with."""
    changes = {
        field: fit(field, getattr(row, field))
        for field, limit in _row_limits()
        if len(getattr(row, field)) > limit
    }
    if any(len(phone) > max_length("phone") for phone in row.phones):
        changes["phones"] = tuple(fit("phone", phone) for phone in row.phones)
    return dataclasses.replace(row, **changes) if changes else row


def _url_key(profile_url: str) -> str:
    # Lower-casing can lengthen a text ("İ" is two characters in lower case): cut again.
    return fit("url_key", url_key(profile_url))


def _name_key(full_name: str, company: str) -> str:
    return fit("name_key", name_key(full_name, company))


def _keys(row: ParsedContact) -> list[str]:
    keys = []
    if row.profile_url:
        keys.append(f"u:{_url_key(row.profile_url)}")
    keys.extend(f"e:{email_key(e)}" for e in row.emails)
    name = _name_key(row.full_name, row.company)
    if name:
        keys.append(f"n:{name}")
    return keys


def _new_contact(owner: User, row: ParsedContact) -> Contact:
    """A contact from a row already cut to the columns (see _fitted)."""
    found = classify(row.position, row.company)
    return Contact(
        owner=owner,
        full_name=row.full_name,
        first_name=row.first_name,
        last_name=row.last_name,
        email=row.emails[0] if row.emails else "",
        other_emails=list(row.emails[1:]),
        phone=row.phones[0] if row.phones else "",
        profile_url=row.profile_url,
        company=row.company,
        position=row.position,
        role_category=found.role,
        sector=found.sector,
        networks=row.network,
        connected_on=row.connected_on,
        notes=row.notes,
        url_key=_url_key(row.profile_url),
        email_key=email_key(row.emails[0]) if row.emails else "",
        name_key=_name_key(row.full_name, row.company),
    )


def _absorb(contact: Contact, row: ParsedContact) -> None:
    """Fill what the contact lacks from another row about the same person; never overwrite.

    The row is already cut to the columns (see _fitted), as for a new contact."""
    for field in ("first_name", "last_name", "company", "position", "notes"):
        if not getattr(contact, field) and getattr(row, field):
            setattr(contact, field, getattr(row, field))
    if not contact.profile_url and row.profile_url:
        contact.profile_url = row.profile_url
        contact.url_key = _url_key(row.profile_url)
    emails = [contact.email, *contact.other_emails] if contact.email else []
    for email in row.emails:
        if email not in emails:
            emails.append(email)
    if emails:
        contact.email, contact.other_emails = emails[0], emails[1:]
        contact.email_key = email_key(emails[0])
    if not contact.phone and row.phones:
        contact.phone = row.phones[0]
    if contact.connected_on is None:
        contact.connected_on = row.connected_on
    contact.networks = ",".join(sorted({*contact.network_list, row.network}))
    if not contact.name_key:
        contact.name_key = _name_key(contact.full_name, contact.company)
    found = classify(contact.position, contact.company)
    if not contact.category_set_by_user:
        contact.role_category = found.role
    if not contact.sector_set_by_user:
        contact.sector = found.sector


def _apply_matches(matched: dict[int, list[ParsedContact]]) -> list[Contact]:
    contacts = []
    ids = list(matched)
    for start in range(0, len(ids), BATCH):
        chunk = Contact.objects.in_bulk(ids[start : start + BATCH])
        for contact_id, contact in chunk.items():
            for row in matched[contact_id]:
                _absorb(contact, row)
            contact.updated_at = timezone.now()
            contacts.append(contact)
    Contact.objects.bulk_update(contacts, MERGED_FIELDS, batch_size=BATCH)
    return contacts


def _apply_exchanges(owner: User, parsed: ParsedFile) -> None:
    """Messages and invitations from a LinkedIn export, matched on profile URL or name."""
    if not parsed.exchanges and not parsed.invitations:
        return
    by_key: dict[str, Contact] = {}
    for contact in Contact.objects.filter(owner=owner).only(
        "id", "url_key", "full_name", *EXCHANGE_FIELDS
    ):
        if contact.url_key:
            by_key[contact.url_key] = contact
        by_key.setdefault(fold(contact.full_name), contact)
    touched: dict[int, Contact] = {}
    for key, exchange in parsed.exchanges.items():
        contact = by_key.get(url_key(key)) or by_key.get(fold(key))
        if contact is None:
            continue
        contact.messages_sent = exchange.messages_sent
        contact.messages_received = exchange.messages_received
        contact.conversations = exchange.conversations
        contact.two_way_conversations = exchange.two_way_conversations
        contact.last_exchange_on = exchange.last_message_on
        touched[contact.pk] = contact
    for key, invitation in parsed.invitations.items():
        contact = by_key.get(url_key(key)) or by_key.get(fold(key))
        if contact is None:
            continue
        contact.invitation = invitation.direction
        contact.invitation_with_message = invitation.personal_message
        touched[contact.pk] = contact
    Contact.objects.bulk_update(touched.values(), EXCHANGE_FIELDS, batch_size=BATCH)


def contact_import_sweep(older_than: datetime.timedelta = datetime.timedelta(minutes=2)) -> int:
    """Enqueue imports left pending (an enqueue lost while the broker was down) or stale."""
    from contacts.tasks import import_contacts

    ids = jobs_to_enqueue_again(ContactImport, older_than=older_than)
    for import_id in ids:
        import_contacts.delay(import_id)
    return len(ids)
