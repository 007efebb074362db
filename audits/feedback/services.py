"""Feedback requests: create, send, open, answer, decline, remind, expire, purge.

Tokens: 256 random bits, shown once (in the email or on the copy-link page), kept only as a
SHA-256. A request goes out one way only: emailed by the app (invitation, reminders, "send
again") or, for a contact without an email address, as links the professional copies. An
answer is stored as a PendingFeedbackAnswer and the request stays "opened": the professional
sees nothing of it until audits/feedback/release.py releases it with at least k − 1 others.
"""

import datetime
import hashlib
import logging
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audits.feedback.models import (
    RETRYABLE_FAILURES,
    FailureReason,
    FeedbackLink,
    FeedbackOptOut,
    FeedbackRequest,
    FeedbackResponse,
    PendingFeedbackAnswer,
)
from audits.selfaudit.models import Audit
from config.text import single_line
from contacts.models import Contact

logger = logging.getLogger(__name__)

TOKEN_BYTES = 32
# The fields of FeedbackResponse a peer gives; the others are set by the release.
RELEASE_SET_FIELDS = frozenset({"id", "audit", "week"})


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def hash_email(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def feedback_url(token: str) -> str:
    return settings.SITE_URL + reverse("peer", args=[token])


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
    over_limit: list[str] = field(default_factory=list)  # FEEDBACK_INVITATIONS_PER_DAY


def invitations_left_today(owner_id: int, *, now: datetime.datetime | None = None) -> int:
    """How many more new addresses this account may email today (a rolling 24 hours).

    A new address is one the account never emailed a request to before; asking the same
    people again for a later audit does not count. This keeps the site's mail domain from
    being used to write to strangers in bulk.
    """
    since = (now or timezone.now()) - datetime.timedelta(days=1)
    emailed = FeedbackRequest.objects.filter(
        audit__owner_id=owner_id, delivery=FeedbackRequest.Delivery.EMAIL
    ).exclude(email="")
    recent = set(emailed.filter(created_at__gte=since).values_list("email", flat=True))
    known_before = set(
        emailed.filter(created_at__lt=since, email__in=recent).values_list("email", flat=True)
    )
    return max(settings.FEEDBACK_INVITATIONS_PER_DAY - len(recent - known_before), 0)


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
    known = set(
        FeedbackRequest.objects.filter(audit__owner_id=audit.owner_id)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    left = invitations_left_today(audit.owner_id)
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
        if (email and hash_email(email) in opted_out_hashes) or (
            recipient.contact is not None and recipient.contact.feedback_opted_out
        ):
            result.opted_out.append(label)
            continue
        if email and email not in known:
            if left <= 0:
                result.over_limit.append(label)
                continue
            left -= 1
            known.add(email)
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


def link_create(*, request: FeedbackRequest, emailed: bool) -> str:
    """A new personal link to the request; returns the token (kept nowhere but here)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    FeedbackLink.objects.create(request=request, token_hash=hash_token(token), emailed=emailed)
    return token


@transaction.atomic
def feedback_link_issue(*, request: FeedbackRequest) -> str:
    """A fresh personal link for a request without email; earlier links keep working.

    Never for an emailed request: its link belongs to the person it was emailed to, and a
    copy in the professional's hands would let them answer, decline or opt out in that
    person's name. "Send again" re-sends the email instead (feedback_resend).
    """
    if request.is_emailed:
        raise ValidationError(
            _("This request was emailed: its link is only in the email. Send the email again.")
        )
    if request.is_closed or request.expires_at <= timezone.now():
        raise ValidationError(_("This request is closed: no new link can be made for it."))
    token = link_create(request=request, emailed=False)
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


def answer_payload(*, request: FeedbackRequest, answer: dict) -> dict:
    """The FeedbackResponse field values of one answer, as the release will copy them."""
    allowed = {
        f.name for f in FeedbackResponse._meta.concrete_fields if f.name not in RELEASE_SET_FIELDS
    }
    unknown = set(answer) - allowed
    if unknown:
        raise ValueError(f"not FeedbackResponse fields: {sorted(unknown)}")
    payload = {k: v.strip() if isinstance(v, str) else v for k, v in answer.items()}
    payload["relationship"] = request.relationship
    return payload


def feedback_answer(*, request: FeedbackRequest, **answer) -> bool:
    """Store one answer until its release; False when the request was answered or closed.

    `answer` holds the FeedbackResponse fields the peer form gives (appraisal, perceptions,
    keep_doing, change, …). One transaction stores the pending answer and leaves the request
    "opened", as an opened request is, so the professional's pages do not change. The answer
    is durable once this returns; the release is tried once committed (and by the sweep).
    """
    from audits.feedback.release import release_if_due

    payload = answer_payload(request=request, answer=answer)
    try:
        with transaction.atomic():
            claimed = FeedbackRequest.objects.filter(
                pk=request.pk,
                status__in=FeedbackRequest.OPEN_STATUSES,
                expires_at__gt=timezone.now(),
            ).update(status=FeedbackRequest.Status.OPENED)
            if not claimed:
                return False
            # The one-to-one key answers a request once, even for two tabs posting together.
            PendingFeedbackAnswer.objects.create(
                request_id=request.pk, audit_id=request.audit_id, payload=payload
            )
            audit_id = request.audit_id
            transaction.on_commit(lambda: release_if_due(audit_id=audit_id), robust=True)
    except IntegrityError:
        return False
    return True


@dataclass(frozen=True)
class Declined:
    """What a decline recorded, so that the peer's page can say exactly that."""

    address_opted_out: bool = False  # the address is on the global do-not-ask list
    contact_opted_out: bool = False  # the owner's contact record says "never ask again"
    nothing_more: bool = False  # opt-out asked, but there was nothing it could be recorded on


@transaction.atomic
def feedback_decline(*, request: FeedbackRequest, opt_out: bool, token: str) -> Declined:
    """Decline this request only (the one whose link was used); optionally opt out.

    The global opt-out records the address only if this link was emailed by the app to that
    address: whoever holds a copied link may be anyone. Through a copied link, "never ask me
    again" is recorded on the professional's contact for this person.
    """
    FeedbackRequest.objects.filter(
        pk=request.pk, status__in=FeedbackRequest.OPEN_STATUSES, pending_answer=None
    ).update(status=FeedbackRequest.Status.DECLINED)
    if not opt_out:
        return Declined()
    emailed = FeedbackLink.objects.filter(
        token_hash=hash_token(token), request_id=request.pk, emailed=True
    ).exists()
    if emailed and request.email:
        FeedbackOptOut.objects.get_or_create(email_hash=hash_email(request.email))
        return Declined(address_opted_out=True)
    contact_id = (
        FeedbackRequest.objects.filter(pk=request.pk).values_list("contact_id", flat=True).first()
    )
    if contact_id and Contact.objects.filter(pk=contact_id).update(feedback_opted_out=True):
        return Declined(contact_opted_out=True)
    return Declined(nothing_more=True)


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
        if kind == "invitation":  # never sent: the person said never to be asked again
            FeedbackRequest.objects.filter(pk=request.pk).update(
                status=FeedbackRequest.Status.DECLINED
            )
        return False
    if kind == "reminder" and PendingFeedbackAnswer.objects.filter(request_id=request.pk).exists():
        return False  # answered, not yet released: claimed like the others, never sent
    if kind == "invitation":
        claimed = FeedbackRequest.objects.filter(
            pk=request.pk,
            status__in=sendable,
            send_attempts=request.send_attempts,
            send_attempts__lt=settings.FEEDBACK_SEND_MAX_ATTEMPTS,
        ).update(send_attempts=F("send_attempts") + 1, last_attempt_at=timezone.now())
        if not claimed:
            return False
    token = link_create(request=request, emailed=True)
    owner = request.audit.owner
    context = {
        "request": request,
        "owner_name": single_line(owner.display_name),
        "url": feedback_url(token),
        "expires_on": timezone.localdate(request.expires_at),
        "reminder": kind == "reminder",
        "k": settings.FEEDBACK_RELEASE_K,
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
    more. Answered, declined, expired or opted-out requests are never reminded. An answer not
    yet released is claimed like an unanswered request (the "next reminder" column must move
    the same way for both) and its email is skipped when sent (feedback_send_email).
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


@transaction.atomic
def feedback_resend(*, request: FeedbackRequest) -> bool:
    """The professional's "send again" on an emailed request: a reminder, at most once a day
    and within the reminders allowed. Claimed whether or not the person already answered (an
    answer not yet released must not show), and then not sent to someone who answered."""
    from audits.feedback.tasks import send_feedback_email

    if not request.is_emailed or request.is_closed or request.expires_at <= timezone.now():
        return False
    today = timezone.localdate()
    if (
        request.status == FeedbackRequest.Status.FAILED
        or request.status == FeedbackRequest.Status.PENDING
    ):
        send_feedback_email.delay_on_commit(request.pk, "invitation")
        return True
    claimed = (
        FeedbackRequest.objects.filter(
            pk=request.pk,
            reminders_sent=request.reminders_sent,
            reminders_sent__lt=len(settings.FEEDBACK_REMINDER_DAYS),
        )
        .exclude(last_reminder_on=today)
        .update(reminders_sent=request.reminders_sent + 1, last_reminder_on=today)
    )
    if claimed:
        send_feedback_email.delay_on_commit(request.pk, "reminder")
    return bool(claimed)


def feedback_expire(*, now: datetime.datetime | None = None) -> int:
    """Close the requests past their deadline, answered-but-unreleased ones included (they
    must look like the others); their pending answers stay and are released or withheld."""
    return FeedbackRequest.objects.past_deadline(now).update(status=FeedbackRequest.Status.EXPIRED)


def feedback_purge(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Retention: links die with their request; recipients are forgotten after a while.

    Tokens of answered, declined or expired requests can no longer be used, so their hashes
    are deleted. After FEEDBACK_RETENTION_DAYS past expiry, a request keeps only what the
    figures need (relationship and status): its name, email and message are blanked.
    """
    now = now or timezone.now()
    links, _by_model = FeedbackLink.objects.filter(
        models.Q(request__status__in=FeedbackRequest.CLOSED_STATUSES)
        | models.Q(request__expires_at__lte=now)
    ).delete()
    forgotten = (
        FeedbackRequest.objects.filter(
            expires_at__lte=now - datetime.timedelta(days=settings.FEEDBACK_RETENTION_DAYS)
        )
        .exclude(email="", name="", message="")
        .update(email="", name="", message="", contact=None)
    )
    return links, forgotten
