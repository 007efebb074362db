"""Releasing answers in batches: what makes a peer's answer anonymous to the professional and
to an operator reading the database (docs/privacy.md states the model).

An answer waits as a PendingFeedbackAnswer, tied to its request, and reaches no page, figure,
export or score. Once at least k (FEEDBACK_RELEASE_K) answers of one audit wait, one
transaction releases all of them: it marks their requests answered in one UPDATE, inserts
their responses in one INSERT, shuffled, with random ids, the week of the release and
relationship labels that keep every group of the batch at k or more, deletes the pending rows,
and tells the scores that the audit's inputs changed. Every row it writes carries the same
transaction id (xmin) and command id (cmin), and their physical order is the shuffle's, so
nothing left in the tables says which response came from which request.

A round that ends (every request past its deadline, or closed by the professional) with fewer
than k answers waiting cannot be released: their content is deleted (withheld) and only their
number is shown.
"""

import datetime
import random
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from audits.feedback.models import FeedbackRequest, FeedbackResponse, PendingFeedbackAnswer
from audits.feedback.services import RELEASE_SET_FIELDS
from audits.selfaudit.events import audit_inputs_changed

OTHER = "other"
# The first half of the advisory lock key (audits/feedback/locks.py uses "EPRA").
RELEASE_NAMESPACE = 0x45505252  # "EPRR"
_shuffle = random.SystemRandom().shuffle


def release_k() -> int:
    return max(settings.FEEDBACK_RELEASE_K, 1)


def batch_labels(relationships: list[str], k: int) -> list[str]:
    """The relationship each response of a batch is stored under, in the same order.

    Pure. A group keeps its label only if at least k of the batch's answers carry it; the
    others are stored as "other". If that leaves between 1 and k − 1 answers under "other",
    the smallest kept groups join it until it has k or more (or everything is "other"). So
    every label of a batch has 0 or ≥ k answers: the professional, who knows whom each
    released request was sent to and under which relationship, can never narrow a label
    down to fewer than k people, in this batch or by comparing pages across batches.
    """
    counts = Counter(r if r != OTHER else OTHER for r in relationships)
    kept = {r for r, n in counts.items() if r != OTHER and n >= k}
    pooled = sum(n for r, n in counts.items() if r not in kept)
    for group in sorted(kept, key=lambda r: (counts[r], r)):
        if pooled == 0 or pooled >= k:
            break
        kept.discard(group)
        pooled += counts[group]
    return [r if r in kept else OTHER for r in relationships]


def _lock_audit_for_release(audit_id: int) -> None:
    """Serialise the releases of one audit (PostgreSQL; SQLite serialises writes already)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [RELEASE_NAMESPACE, audit_id])


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _response_fields() -> set[str]:
    """The fields copied from a payload: the release sets the others (and the label) itself."""
    return (
        {f.name for f in FeedbackResponse._meta.concrete_fields}
        - RELEASE_SET_FIELDS
        - {"relationship"}
    )


@transaction.atomic
def feedback_release(*, audit_id: int) -> int:
    """Release every answer waiting for this audit if there are at least k; returns how many.

    Idempotent: a second run finds nothing waiting (the lock orders concurrent runs).
    """
    _lock_audit_for_release(audit_id)
    waiting = list(
        PendingFeedbackAnswer.objects.filter(audit_id=audit_id, payload__isnull=False).values_list(
            "pk", "request_id", "payload"
        )
    )
    if len(waiting) < release_k():
        return 0
    _shuffle(waiting)
    payloads = [payload for _pk, _request, payload in waiting]
    labels = batch_labels([p.get("relationship", OTHER) for p in payloads], release_k())
    fields = _response_fields()
    week = _monday(timezone.localdate())
    responses = [
        FeedbackResponse(
            audit_id=audit_id,
            week=week,
            **{k: v for k, v in payload.items() if k in fields},
            relationship=label,
        )
        for payload, label in zip(payloads, labels, strict=True)
    ]
    # One statement each: every row gets the same xmin, and the same cmin per statement. The
    # requests are updated in whatever order the database scans them, the responses are
    # inserted in the shuffle's order: neither order says anything about the other.
    FeedbackRequest.objects.filter(pk__in=[request for _pk, request, _p in waiting]).update(
        status=FeedbackRequest.Status.ANSWERED
    )
    FeedbackResponse.objects.bulk_create(responses, batch_size=len(responses))
    PendingFeedbackAnswer.objects.filter(pk__in=[pk for pk, _request, _p in waiting]).delete()
    audit_inputs_changed.send(FeedbackResponse, audit_id=audit_id)
    return len(responses)


def release_if_due(*, audit_id: int) -> None:
    """After an answer commits: enqueue the release once k answers wait (else nothing).

    Counted after the commit, so that answers committing together see each other; a lost
    enqueue is picked up by the sweep (audits.feedback.tasks.release_answers_sweep).
    """
    from audits.feedback.tasks import release_answers

    waiting = PendingFeedbackAnswer.objects.filter(audit_id=audit_id, payload__isnull=False)
    if waiting.count() >= release_k():
        # Called by a robust on_commit: with the broker down the failure is logged, the
        # peer still gets their thank-you page, and the sweep releases within minutes.
        release_answers.delay(audit_id)


@transaction.atomic
def feedback_withhold(*, audit_id: int) -> int:
    """Delete the content of the answers that can no longer be released (round over).

    Only once the round is over: every request past its deadline or closed. Not as soon as
    the last unanswered request is answered, which would show that it was. Then fewer than
    k answers wait and no more will come. Their requests keep looking opened (or expired);
    only the count of withheld answers is shown. Returns how many answers were withheld.
    """
    _lock_audit_for_release(audit_id)
    if FeedbackRequest.objects.filter(audit_id=audit_id).still_open().exists():
        return 0
    waiting = PendingFeedbackAnswer.objects.filter(audit_id=audit_id, payload__isnull=False)
    if waiting.count() >= release_k():
        return 0  # a release is due, not a withholding
    return waiting.update(payload=None)


@transaction.atomic
def feedback_round_close(*, audit_id: int) -> int:
    """The professional ends the round: open requests expire now, then what waits is released
    (k or more) or withheld. Returns how many requests were closed."""
    closed = (
        FeedbackRequest.objects.filter(audit_id=audit_id)
        .open()
        .update(status=FeedbackRequest.Status.EXPIRED, expires_at=timezone.now())
    )
    feedback_release(audit_id=audit_id)
    feedback_withhold(audit_id=audit_id)
    return closed


def feedback_release_sweep() -> tuple[int, int]:
    """Periodic: release every audit with k answers waiting, withhold what a closed round left.

    Returns (answers released, answers withheld).
    """
    k = release_k()
    per_audit = (
        PendingFeedbackAnswer.objects.filter(payload__isnull=False)
        .values("audit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    released = withheld = 0
    for row in per_audit:
        if row["n"] >= k:
            released += feedback_release(audit_id=row["audit_id"])
        else:
            withheld += feedback_withhold(audit_id=row["audit_id"])
    return released, withheld


@dataclass(frozen=True)
class ReleaseStatus:
    """What the professional may know of answers not released: counts, never content."""

    k: int
    waiting: int  # answers stored, to be released with the next batch
    withheld: int  # answers of a closed round that will never be shown
    round_open: bool  # some request is open and within its deadline (answered or not)
    emailed: int  # released answers that came through links the app emailed
    copied: int  # released answers that came through links the professional copied

    @property
    def missing(self) -> int:
        return max(self.k - self.waiting, 0)


def release_status(audit_id: int) -> ReleaseStatus:
    """Counts for the pages (three queries). The channel counts come from answered requests,
    which only a release marks: they move at releases only, like every peer figure."""
    pending = PendingFeedbackAnswer.objects.filter(audit_id=audit_id).aggregate(
        waiting=Count("pk", filter=Q(payload__isnull=False)),
        withheld=Count("pk", filter=Q(payload__isnull=True)),
    )
    channels = dict(
        FeedbackRequest.objects.filter(audit_id=audit_id, status=FeedbackRequest.Status.ANSWERED)
        .values_list("delivery")
        .annotate(n=Count("pk"))
        .order_by()
    )
    round_open = FeedbackRequest.objects.filter(audit_id=audit_id).still_open().exists()
    return ReleaseStatus(
        k=release_k(),
        waiting=pending["waiting"],
        withheld=pending["withheld"],
        round_open=round_open,
        emailed=channels.get(FeedbackRequest.Delivery.EMAIL, 0),
        copied=channels.get(FeedbackRequest.Delivery.LINK, 0),
    )
