"""Nudges for requests handed out as copied links: the app cannot remind these people, so it
offers the professional a ready message to send them, on the days an email would go
(FEEDBACK_REMINDER_DAYS after the link was first handed out).

Anonymity (docs/privacy.md): a nudge is computed only from facts the professional already
sees on the tracking page: the delivery, the shown status ("Sent", "Opened or answered",
"Declined", …), the day the link was handed out, the deadline, and the nudges they marked as
sent themselves. It never reads PendingFeedbackAnswer: an answer not yet released leaves its
request "opened", and an opened request is nudged exactly like it, with the same words (the
message thanks those who already answered). A declined request is shown as declined, so it is
not nudged: that tells the professional nothing the status column does not.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import User
from audits.feedback.models import FeedbackRequest
from config.text import single_line

# Statuses a nudge is offered for; the same two the email reminders go to.
NUDGE_STATUSES = (FeedbackRequest.Status.SENT, FeedbackRequest.Status.OPENED)


def nudge_due_on(request: FeedbackRequest, days: tuple[int, ...]) -> datetime.date | None:
    """The day the next nudge is offered from, or None when none is left to offer."""
    if (
        request.delivery != FeedbackRequest.Delivery.LINK
        or request.status not in NUDGE_STATUSES
        or request.sent_at is None
        or request.reminders_sent >= len(days)
    ):
        return None
    due = timezone.localdate(request.sent_at) + datetime.timedelta(
        days=days[request.reminders_sent]
    )
    return due if due < timezone.localdate(request.expires_at) else None


def nudge_is_due(request: FeedbackRequest, *, today: datetime.date | None = None) -> bool:
    """Offered from its day until the professional marks it sent or the link expires."""
    today = today or timezone.localdate()
    due = nudge_due_on(request, settings.FEEDBACK_REMINDER_DAYS)
    return (
        due is not None
        and due <= today
        and request.last_reminder_on != today
        and request.expires_at > timezone.now()
    )


def nudge_message(request: FeedbackRequest, *, owner: User) -> str:
    """The reminder to paste, in the language the request was made in, signed by the owner."""
    first_name = single_line(request.name).split(" ")[0] if request.name else ""
    context = {
        "first_name": first_name,
        "owner_name": single_line(owner.display_name),
        "sent_on": timezone.localdate(request.sent_at),
        "expires_on": timezone.localdate(request.expires_at),
    }
    with translation.override(request.language or "fr"):
        return render_to_string("audits/nudge_message.txt", context).strip()


@dataclass(frozen=True)
class Nudge:
    request: FeedbackRequest
    message: str


def nudges_for_audit(requests: list[FeedbackRequest], *, owner: User) -> dict[int, Nudge]:
    """The nudges due today among an audit's requests (already loaded: no query)."""
    today = timezone.localdate()
    return {
        r.pk: Nudge(r, nudge_message(r, owner=owner))
        for r in requests
        if nudge_is_due(r, today=today)
    }


def nudges_due_for_owner(owner: User) -> list[FeedbackRequest]:
    """Everyone to nudge today, over all the owner's audits (one query)."""
    today = timezone.localdate()
    candidates = (
        FeedbackRequest.objects.filter(
            audit__owner=owner,
            delivery=FeedbackRequest.Delivery.LINK,
            status__in=NUDGE_STATUSES,
            sent_at__isnull=False,
            reminders_sent__lt=len(settings.FEEDBACK_REMINDER_DAYS),
            expires_at__gt=timezone.now(),
        )
        .select_related("audit__objective")
        .order_by("sent_at", "id")
    )
    return [r for r in candidates if nudge_is_due(r, today=today)]


@transaction.atomic
def nudge_mark_sent(*, request: FeedbackRequest) -> bool:
    """The professional sent the nudge: the next one is offered on the next reminder day.

    A guarded update on what the page showed (the nudge count and the day), so a double
    click counts once; whether the person answered plays no part."""
    if not nudge_is_due(request):
        return False
    today = timezone.localdate()
    return bool(
        FeedbackRequest.objects.filter(
            pk=request.pk,
            delivery=FeedbackRequest.Delivery.LINK,
            status__in=NUDGE_STATUSES,
            reminders_sent=request.reminders_sent,
        )
        .exclude(last_reminder_on=today)
        .update(reminders_sent=request.reminders_sent + 1, last_reminder_on=today)
    )
