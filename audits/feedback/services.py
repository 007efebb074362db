"""Feedback requests: create, send, open, answer, decline, remind, expire, compile.

Tokens: 256 random bits, shown once (in the email or on the copy-link page), kept only as a
SHA-256. Answering marks the request answered and stores an unlinked response in one
transaction, so a request is answered once and a response never points back at it.
"""

import datetime
import hashlib
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audits.feedback.models import (
    RETRYABLE_FAILURES,
    FailureReason,
    FeedbackLink,
    FeedbackOptOut,
    FeedbackRequest,
    FeedbackResponse,
)
from audits.selfaudit.events import audit_inputs_changed
from audits.selfaudit.models import Audit
from config.text import single_line
from contacts.models import Contact

logger = logging.getLogger(__name__)

TOKEN_BYTES = 32
OPEN_STATUSES = (
    FeedbackRequest.Status.PENDING,
    FeedbackRequest.Status.SENT,
    FeedbackRequest.Status.OPENED,
)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def hash_email(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def feedback_url(token: str) -> str:
    return f"{settings.SITE_URL}/f/{token}/"


@dataclass(frozen=True)
class Recipient:
    email: str = ""
    name: str = ""
    contact: Contact | None = None


@dataclass
class CreationResult:
    created: list[FeedbackRequest]
    opted_out: list[str]
    duplicates: list[str]


@transaction.atomic
def feedback_requests_create(
    *,
    audit: Audit,
    recipients: list[Recipient],
    relationship: str,
    message: str,
    language: str,
) -> CreationResult:
    """One request per recipient; emailed ones are sent by a task once committed."""
    from audits.feedback.tasks import send_feedback_email

    opted_out_hashes = set(
        FeedbackOptOut.objects.filter(
            email_hash__in=[hash_email(r.email) for r in recipients if r.email]
        ).values_list("email_hash", flat=True)
    )
    already = set(audit.feedback_requests.exclude(email="").values_list("email", flat=True)) | {
        f"contact:{c}"
        for c in audit.feedback_requests.exclude(contact=None).values_list("contact_id", flat=True)
    }
    expires_at = timezone.now() + datetime.timedelta(days=settings.FEEDBACK_LINK_DAYS)
    result = CreationResult(created=[], opted_out=[], duplicates=[])
    for recipient in recipients:
        email = recipient.email.strip().lower()
        label = recipient.name or email
        keys = {email} if email else set()
        if recipient.contact is not None:
            keys.add(f"contact:{recipient.contact.pk}")
        if keys & already:
            result.duplicates.append(label)
            continue
        if email and hash_email(email) in opted_out_hashes:
            result.opted_out.append(label)
            continue
        already |= keys
        result.created.append(
            FeedbackRequest(
                audit=audit,
                contact=recipient.contact,
                # A contact's name goes into an email subject: one line, whatever was imported.
                name=single_line(recipient.name)[:200],
                email=email,
                relationship=relationship,
                message=message,
                language=language,
                delivery=(
                    FeedbackRequest.Delivery.EMAIL if email else FeedbackRequest.Delivery.LINK
                ),
                expires_at=expires_at,
            )
        )
    FeedbackRequest.objects.bulk_create(result.created)
    for request in result.created:
        if request.delivery == FeedbackRequest.Delivery.EMAIL:
            send_feedback_email.delay_on_commit(request.pk, "invitation")
    return result


def _new_link(request: FeedbackRequest) -> str:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    FeedbackLink.objects.create(request=request, token_hash=hash_token(token))
    return token


@transaction.atomic
def feedback_link_issue(*, request: FeedbackRequest) -> str:
    """A fresh personal link to share by any channel; earlier links keep working."""
    if request.is_closed or request.expires_at <= timezone.now():
        raise ValidationError(_("This request is closed: no new link can be made for it."))
    token = _new_link(request)
    if request.status in (FeedbackRequest.Status.PENDING, FeedbackRequest.Status.FAILED):
        request.status = FeedbackRequest.Status.SENT
        request.sent_at = request.sent_at or timezone.now()
        request.failure_reason = ""
        request.save(update_fields=["status", "sent_at", "failure_reason"])
    return token


def feedback_mark_opened(*, request: FeedbackRequest) -> None:
    now = timezone.now()
    FeedbackRequest.objects.filter(
        pk=request.pk,
        status__in=[FeedbackRequest.Status.PENDING, FeedbackRequest.Status.SENT],
    ).update(status=FeedbackRequest.Status.OPENED, opened_at=now)


def feedback_is_expired(request: FeedbackRequest) -> bool:
    return request.status == FeedbackRequest.Status.EXPIRED or (
        request.status in OPEN_STATUSES and request.expires_at <= timezone.now()
    )


@transaction.atomic
def feedback_answer(
    *,
    request: FeedbackRequest,
    appraisal: str,
    perceptions: dict[str, int],
    keep_doing: str,
    change: str,
) -> bool:
    """Store one anonymous response; False when the request was already answered or closed."""
    claimed = FeedbackRequest.objects.filter(
        pk=request.pk, status__in=OPEN_STATUSES, expires_at__gt=timezone.now()
    ).update(status=FeedbackRequest.Status.ANSWERED)
    if not claimed:
        return False
    today = timezone.localdate()
    FeedbackResponse.objects.create(
        audit_id=request.audit_id,
        relationship=request.relationship,
        appraisal=appraisal,
        perceptions=perceptions,
        keep_doing=keep_doing.strip(),
        change=change.strip(),
        week=today - datetime.timedelta(days=today.weekday()),
    )
    audit_inputs_changed.send(FeedbackResponse, audit_id=request.audit_id)
    return True


@transaction.atomic
def feedback_decline(*, request: FeedbackRequest, opt_out: bool) -> None:
    FeedbackRequest.objects.filter(pk=request.pk, status__in=OPEN_STATUSES).update(
        status=FeedbackRequest.Status.DECLINED
    )
    if opt_out and request.email:
        FeedbackOptOut.objects.get_or_create(email_hash=hash_email(request.email))
        # Nobody may ask this person again: their other open requests close too.
        FeedbackRequest.objects.filter(email=request.email, status__in=OPEN_STATUSES).update(
            status=FeedbackRequest.Status.DECLINED
        )


def feedback_send_email(*, request_id: int, kind: str) -> bool:
    """Send the invitation or a reminder with a fresh link (the task's body).

    An invitation is sent only after claiming one attempt with a guarded update, so that two
    deliveries of the task (a redelivery, the sweep) never both send, and at most
    FEEDBACK_SEND_MAX_ATTEMPTS attempts are ever made.
    """
    request = FeedbackRequest.objects.select_related("audit__owner").get(pk=request_id)
    if not request.email or request.is_closed or request.expires_at <= timezone.now():
        return False
    sendable = (FeedbackRequest.Status.PENDING, FeedbackRequest.Status.FAILED)
    if kind == "invitation" and request.status not in sendable:
        return False  # already sent: a redelivered task must not send twice
    if FeedbackOptOut.objects.filter(email_hash=hash_email(request.email)).exists():
        FeedbackRequest.objects.filter(pk=request.pk).update(status=FeedbackRequest.Status.DECLINED)
        return False
    if kind == "invitation":
        claimed = FeedbackRequest.objects.filter(
            pk=request.pk,
            status__in=sendable,
            send_attempts=request.send_attempts,
            send_attempts__lt=settings.FEEDBACK_SEND_MAX_ATTEMPTS,
        ).update(send_attempts=F("send_attempts") + 1, last_attempt_at=timezone.now())
        if not claimed:
            return False
    token = _new_link(request)
    owner = request.audit.owner
    context = {
        "request": request,
        "owner_name": single_line(owner.display_name),
        "url": feedback_url(token),
        "expires_on": timezone.localdate(request.expires_at),
        "reminder": kind == "reminder",
    }
    with translation.override(request.language):
        # A subject is one header line: whatever a name holds, no line break reaches it.
        subject = single_line(render_to_string("audits/email/feedback_subject.txt", context))
        body = render_to_string("audits/email/feedback_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [request.email])
    if kind == "invitation":
        FeedbackRequest.objects.filter(pk=request.pk).update(
            status=FeedbackRequest.Status.SENT, sent_at=timezone.now(), failure_reason=""
        )
    return True


def feedback_mark_failed(*, request_id: int, reason: FailureReason) -> None:
    """The invitation could not be sent: the owner sees why and can copy the link instead."""
    FeedbackRequest.objects.filter(
        pk=request_id,
        status__in=[FeedbackRequest.Status.PENDING, FeedbackRequest.Status.FAILED],
    ).update(status=FeedbackRequest.Status.FAILED, failure_reason=reason)


def feedback_resend_due(*, now: datetime.datetime | None = None, limit: int = 500) -> list[int]:
    """Claim the invitations to send again: those left pending (a lost enqueue, a worker that
    died, an error no retry covered) or failed for a reason that may pass, once nothing was
    tried for FEEDBACK_RESEND_AFTER_MINUTES. Those that used every attempt are marked failed.

    The claim moves `last_attempt_at` with a guarded update: a second sweep running at the
    same time claims nothing more.
    """
    now = now or timezone.now()
    quiet_since = now - datetime.timedelta(minutes=settings.FEEDBACK_RESEND_AFTER_MINUTES)
    waiting = FeedbackRequest.objects.filter(
        Q(status=FeedbackRequest.Status.PENDING)
        | Q(status=FeedbackRequest.Status.FAILED, failure_reason__in=RETRYABLE_FAILURES),
        Q(last_attempt_at__isnull=True) | Q(last_attempt_at__lt=quiet_since),
        delivery=FeedbackRequest.Delivery.EMAIL,
        created_at__lt=quiet_since,
        expires_at__gt=now,
    ).exclude(email="")
    waiting.filter(send_attempts__gte=settings.FEEDBACK_SEND_MAX_ATTEMPTS).update(
        status=FeedbackRequest.Status.FAILED, failure_reason=FailureReason.GAVE_UP
    )
    due = []
    candidates = waiting.filter(send_attempts__lt=settings.FEEDBACK_SEND_MAX_ATTEMPTS)
    for pk, last_attempt_at in candidates.values_list("pk", "last_attempt_at")[:limit]:
        claimed = FeedbackRequest.objects.filter(pk=pk, last_attempt_at=last_attempt_at)
        if claimed.update(last_attempt_at=now):
            due.append(pk)
    return due


def feedback_reminders_due(*, today: datetime.date | None = None) -> list[int]:
    """Claim the reminders due today; each request at most once a day, at most len(days) times.

    The claim is a guarded update, so running the beat task twice the same day sends nothing
    more. Answered, declined, expired or opted-out requests are never reminded.
    """
    today = today or timezone.localdate()
    days = settings.FEEDBACK_REMINDER_DAYS
    due = []
    candidates = (
        FeedbackRequest.objects.filter(
            status__in=[FeedbackRequest.Status.SENT, FeedbackRequest.Status.OPENED],
            delivery=FeedbackRequest.Delivery.EMAIL,
            reminders_sent__lt=len(days),
            expires_at__gt=timezone.now(),
        )
        .exclude(email="")
        .values_list("pk", "sent_at", "reminders_sent", "email")
    )
    opted_out = set(FeedbackOptOut.objects.values_list("email_hash", flat=True))
    for pk, sent_at, sent_count, email in candidates.iterator():
        if sent_at is None or hash_email(email) in opted_out:
            continue
        if (today - timezone.localdate(sent_at)).days < days[sent_count]:
            continue
        claimed = (
            FeedbackRequest.objects.filter(pk=pk, reminders_sent=sent_count)
            .exclude(last_reminder_on=today)
            .update(reminders_sent=sent_count + 1, last_reminder_on=today)
        )
        if claimed:
            due.append(pk)
    return due


def feedback_expire(*, now: datetime.datetime | None = None) -> int:
    return FeedbackRequest.objects.filter(
        status__in=OPEN_STATUSES, expires_at__lte=now or timezone.now()
    ).update(status=FeedbackRequest.Status.EXPIRED)


SENT_STATUSES = (
    FeedbackRequest.Status.SENT,
    FeedbackRequest.Status.OPENED,
    FeedbackRequest.Status.ANSWERED,
    FeedbackRequest.Status.DECLINED,
    FeedbackRequest.Status.EXPIRED,
)


def feedback_purge(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Retention: links die with their request; recipients are forgotten after a while.

    Tokens of answered, declined or expired requests can no longer be used, so their hashes
    are deleted. After FEEDBACK_RETENTION_DAYS past expiry, a request keeps only what the
    figures need (relationship and status): its name, email and message are blanked.
    """
    now = now or timezone.now()
    closed = (
        FeedbackRequest.Status.ANSWERED,
        FeedbackRequest.Status.DECLINED,
        FeedbackRequest.Status.EXPIRED,
    )
    links, _by_model = FeedbackLink.objects.filter(
        models.Q(request__status__in=closed) | models.Q(request__expires_at__lte=now)
    ).delete()
    forgotten = (
        FeedbackRequest.objects.filter(
            expires_at__lte=now - datetime.timedelta(days=settings.FEEDBACK_RETENTION_DAYS)
        )
        .exclude(email="", name="", message="")
        .update(email="", name="", message="", contact=None)
    )
    return links, forgotten
