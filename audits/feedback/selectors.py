"""Reads for the feedback tracking page: a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from audits.feedback.models import FeedbackRequest, FeedbackResponse
from audits.feedback.nudges import nudge_due_on
from audits.feedback.release import ReleaseStatus, release_status
from audits.selfaudit.models import Audit


@dataclass
class Tracking:
    requests: list[FeedbackRequest]
    counts: dict[str, int]
    sent: int
    answered: int
    release: ReleaseStatus
    # Requests made but not yet in their recipient's hands (links not handed out, emails queued).
    not_sent: int = 0
    # No request has been out long enough for silence to mean anything: until the first
    # reminder day of the oldest one, the silence rate is not shown (it would read 100 %).
    too_early: bool = False
    # ("keep" | "change", text) of released answers; empty below k of them
    texts: list[tuple[str, str]] = field(default_factory=list)

    @property
    def min_group(self) -> int:
        return self.release.k

    @property
    def response_rate(self) -> float | None:
        return round(100 * self.answered / self.sent, 1) if self.sent else None

    @property
    def silent_rate(self) -> float | None:
        return round(100 * (self.sent - self.answered) / self.sent, 1) if self.sent else None

    @property
    def texts_hidden(self) -> bool:
        return 0 < self.answered < self.min_group


def next_reminder(request: FeedbackRequest, days: tuple[int, ...]) -> datetime.date | None:
    if (
        request.status not in (FeedbackRequest.Status.SENT, FeedbackRequest.Status.OPENED)
        or request.delivery != FeedbackRequest.Delivery.EMAIL
        or request.sent_at is None
        or request.reminders_sent >= len(days)
    ):
        return None
    due = timezone.localdate(request.sent_at) + datetime.timedelta(
        days=days[request.reminders_sent]
    )
    return due if due < timezone.localdate(request.expires_at) else None


def feedback_tracking(audit: Audit) -> Tracking:
    requests = list(audit.feedback_requests.order_by("status", "name", "email", "id"))
    days = settings.FEEDBACK_REMINDER_DAYS
    for request in requests:
        # A copied link's "reminder" is the nudge its owner sends (audits/feedback/nudges.py).
        request.next_reminder = (
            next_reminder(request, days) if request.is_emailed else nudge_due_on(request, days)
        )
    counts = dict(audit.feedback_requests.values_list("status").annotate(n=Count("id")).order_by())
    sent = sum(counts.get(s, 0) for s in FeedbackRequest.SENT_STATUSES)
    # Released answers only: FeedbackResponse holds nothing else (audits/feedback/release.py).
    answered = FeedbackResponse.objects.filter(audit=audit).count()
    release = release_status(audit.pk)
    texts: list[tuple[str, str]] = []
    if answered >= release.k:
        for keep, change in FeedbackResponse.objects.filter(audit=audit).values_list(
            "keep_doing", "change"
        ):
            texts.extend(
                (kind, text) for kind, text in (("keep", keep), ("change", change)) if text
            )
    first_wait = datetime.timedelta(days=days[0] if days else 3)
    oldest = min(
        (r.sent_at for r in requests if r.status in FeedbackRequest.SENT_STATUSES and r.sent_at),
        default=None,
    )
    return Tracking(
        requests=requests,
        counts=counts,
        not_sent=counts.get(FeedbackRequest.Status.PENDING, 0),
        too_early=answered == 0 and (oldest is None or timezone.now() - oldest < first_wait),
        sent=max(sent, answered),
        answered=answered,
        release=release,
        texts=texts,
    )
