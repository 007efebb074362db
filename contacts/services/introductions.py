"""Introduction requests: record one, email it once, mark the introduction obtained.

One row per contact, objective and zone (a unique constraint): asking the same person twice for
the same profile is impossible, and the one email a row may send is claimed by a guarded update
on `emailed_at` before it is queued, so a double click or a resubmitted form sends nothing more.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from config.text import plain_text, single_line
from contacts.alignment import Zone
from contacts.models import Contact, IntroductionRequest

logger = logging.getLogger(__name__)
MESSAGE_MAX = IntroductionRequest._meta.get_field("message").max_length


def _request_for(*, owner: User, contact: Contact, objective_id: int, zone: Zone,
                 language: str) -> IntroductionRequest:  # fmt: skip
    request, _created = IntroductionRequest.objects.get_or_create(
        owner=owner,
        introducer=contact,
        objective_ref=objective_id,
        zone_kind=zone.kind,
        zone_code=zone.code,
        defaults={"language": language},
    )
    return request


def emails_sent_today(owner: User, *, now: datetime.datetime | None = None) -> int:
    since = (now or timezone.now()) - datetime.timedelta(days=1)
    return IntroductionRequest.objects.filter(owner=owner, emailed_at__gte=since).count()


@transaction.atomic
def introduction_record(*, owner: User, contact: Contact, objective_id: int, zone: Zone,
                        message: str, language: str) -> IntroductionRequest:  # fmt: skip
    """The professional copied the draft and sent it themselves: remember that they asked."""
    request = _request_for(
        owner=owner, contact=contact, objective_id=objective_id, zone=zone, language=language
    )
    if not request.emailed_at:
        request.message = plain_text(message)[:MESSAGE_MAX]
        request.save(update_fields=["message"])
    return request


@transaction.atomic
def introduction_send(*, owner: User, contact: Contact, objective_id: int, zone: Zone,
                      message: str, language: str) -> bool:  # fmt: skip
    """Queue the one email of this request; False if it was already sent (never twice)."""
    from contacts.tasks import send_introduction_email

    if contact.owner_id != owner.pk:
        raise ValidationError(_("Unknown contact."))
    if not contact.email:
        raise ValidationError(_("This contact has no email address: copy the message instead."))
    text = plain_text(message).strip()[:MESSAGE_MAX]
    if not text:
        raise ValidationError(_("The message is empty."))
    if emails_sent_today(owner) >= settings.INTRODUCTION_EMAILS_PER_DAY:
        raise ValidationError(
            _("You have sent %(count)d introduction requests by email today: copy this one, or "
              "send it tomorrow.") % {"count": settings.INTRODUCTION_EMAILS_PER_DAY}
        )  # fmt: skip
    request = _request_for(
        owner=owner, contact=contact, objective_id=objective_id, zone=zone, language=language
    )
    claimed = IntroductionRequest.objects.filter(pk=request.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now(), message=text, language=language
    )
    if not claimed:
        return False
    send_introduction_email.delay_on_commit(request.pk)
    return True


def introduction_send_email(*, request_id: int) -> bool:
    """The task's body: send the claimed email, from the app, with the owner as Reply-To.

    The send itself is claimed (`sent_at`) by a guarded update: a redelivered task or the sweep
    running beside it sends nothing more."""
    request = IntroductionRequest.objects.select_related("owner", "introducer").get(pk=request_id)
    if request.emailed_at is None or request.sent_at is not None or not request.introducer.email:
        return False
    claimed = IntroductionRequest.objects.filter(
        pk=request.pk, emailed_at__isnull=False, sent_at__isnull=True
    ).update(sent_at=timezone.now())
    if not claimed:
        return False
    owner = request.owner
    context = {"owner_name": single_line(owner.display_name), "message": request.message}
    with translation.override(request.language):
        subject = single_line(render_to_string("contacts/email/introduction_subject.txt", context))
        body = render_to_string("contacts/email/introduction_body.txt", context)
    email = EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, [request.introducer.email],
        reply_to=[owner.email],
    )  # fmt: skip
    try:
        email.send()
    except smtplib.SMTPRecipientsRefused as exc:
        # That address will not work: released, so the professional can copy the message.
        logger.warning("introduction request %s: recipient refused: %s", request_id, exc)
        IntroductionRequest.objects.filter(pk=request.pk).update(emailed_at=None, sent_at=None)
        return False
    except (smtplib.SMTPException, OSError) as exc:
        # A passing error: the send is released and the sweep tries again.
        logger.warning("introduction request %s: not sent yet: %s", request_id, exc)
        IntroductionRequest.objects.filter(pk=request.pk).update(sent_at=None)
        return False
    return True


def introductions_unsent(*, now: datetime.datetime | None = None, limit: int = 200) -> list[int]:
    """Requests asked for by email a few minutes ago or more and still not sent (the sweep)."""
    before = (now or timezone.now()) - datetime.timedelta(minutes=5)
    return list(
        IntroductionRequest.objects.filter(emailed_at__lte=before, sent_at__isnull=True)
        .order_by("emailed_at")
        .values_list("pk", flat=True)[:limit]
    )


@transaction.atomic
def introduction_mark_obtained(*, owner: User, contact: Contact, objective_id: int, zone: Zone,
                               language: str) -> IntroductionRequest:  # fmt: skip
    """The introduction happened: it now counts as progress towards the objective."""
    request = _request_for(
        owner=owner, contact=contact, objective_id=objective_id, zone=zone, language=language
    )
    IntroductionRequest.objects.filter(pk=request.pk, obtained_at__isnull=True).update(
        status=IntroductionRequest.Status.OBTAINED, obtained_at=timezone.now()
    )
    request.refresh_from_db()
    return request
