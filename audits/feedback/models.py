"""Feedback from the people around a professional, anonymous by construction.

An answer is first a PendingFeedbackAnswer, tied to its request so that it is durable and
answered once; the request stays "opened". Only a release (audits/feedback/release.py) turns
pending answers into FeedbackResponse rows, at least FEEDBACK_RELEASE_K of one audit at a
time, shuffled, in one transaction that also marks their requests answered. A FeedbackResponse
has no link to the request, the contact or the email that produced it, no timestamp finer than
the week of its release, and a random primary key. So FeedbackResponse holds released answers
only: whatever reads it (scores, pages, exports) sees nothing until a batch is released.
docs/privacy.md states the threat model.
"""

import datetime
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audits.selfaudit.models import Audit


class Relationship(models.TextChoices):
    CLIENT = "client", _("Client")
    COLLEAGUE = "colleague", _("Colleague")
    MANAGER = "manager", _("Manager")
    FORMER_COLLEAGUE = "former_colleague", _("Former colleague")
    FRIEND = "friend", _("Friend")
    NETWORK = "network", _("Network contact")
    OTHER = "other", _("Other")


class FeedbackRequestQuerySet(models.QuerySet):
    def open(self):
        """Requests that may still be answered or declined (if not past their deadline)."""
        return self.filter(status__in=FeedbackRequest.OPEN_STATUSES)

    def sent(self):
        """Requests that reached their recipient's hands: the denominator of response rates."""
        return self.filter(status__in=FeedbackRequest.SENT_STATUSES)

    def closed(self):
        return self.filter(status__in=FeedbackRequest.CLOSED_STATUSES)

    def past_deadline(self, now: datetime.datetime | None = None):
        """Open requests whose link has run out, not yet marked expired."""
        return self.open().filter(expires_at__lte=now or timezone.now())

    def still_open(self, now: datetime.datetime | None = None):
        """Open and within their deadline, answered-but-unreleased ones included: the round
        is over, for the professional's eyes and for the release, when none is left."""
        return self.open().filter(expires_at__gt=now or timezone.now())


class FeedbackRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Not sent yet")
        SENT = "sent", _("Sent")
        # Also the status of an answered request until its answer is released: the
        # professional cannot tell an opened request from one answered but not yet released.
        OPENED = "opened", _("Opened or answered")
        ANSWERED = "answered", _("Answered")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        FAILED = "failed", _("Failed")

    class Delivery(models.TextChoices):
        EMAIL = "email", _("By email")
        LINK = "link", _("By personal link")

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="feedback_requests")
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    relationship = models.CharField(_("relationship"), max_length=20, choices=Relationship)
    message = models.TextField(_("personal message"), max_length=1000, blank=True)
    language = models.CharField(_("language"), max_length=8, default="fr")
    delivery = models.CharField(max_length=10, choices=Delivery, default=Delivery.EMAIL)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    # No time is recorded when a request is answered: it would date the anonymous response.
    expires_at = models.DateTimeField()
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminder_on = models.DateField(null=True, blank=True)
    # A FailureReason code once a send failed (older rows may hold an English sentence).
    failure_reason = models.CharField(max_length=300, blank=True)
    # Invitation sends tried (each Celery retry counts), and when the last one started: the
    # sweep re-sends what stayed pending, at most FEEDBACK_SEND_MAX_ATTEMPTS times.
    send_attempts = models.PositiveSmallIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)

    # The status groups, in one place (issue 13). An answered request keeps its open status
    # until its answer is released (see OPENED), so "open" includes answered-but-pending.
    OPEN_STATUSES = frozenset({Status.PENDING, Status.SENT, Status.OPENED})
    SENT_STATUSES = frozenset(
        {Status.SENT, Status.OPENED, Status.ANSWERED, Status.DECLINED, Status.EXPIRED}
    )
    CLOSED_STATUSES = frozenset({Status.ANSWERED, Status.DECLINED, Status.EXPIRED})

    objects = FeedbackRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback request")
        verbose_name_plural = _("feedback requests")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["audit", "status"]),
            models.Index(fields=["status", "sent_at"]),
        ]

    def __str__(self) -> str:
        return self.name or self.email or f"#{self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED_STATUSES

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_expired(self, now: datetime.datetime | None = None) -> bool:
        return self.status == self.Status.EXPIRED or (
            self.is_open and self.expires_at <= (now or timezone.now())
        )

    @property
    def is_emailed(self) -> bool:
        return self.delivery == self.Delivery.EMAIL

    @property
    def failure_text(self) -> str:
        """The reason of a failed send, in the reader's language."""
        if not self.failure_reason:
            return ""
        return str(FAILURE_TEXTS.get(self.failure_reason, self.failure_reason))


class FailureReason(models.TextChoices):
    """Why an invitation could not be sent; the sweep retries only the RETRYABLE ones."""

    REFUSED = "refused", _("The recipient's mail server refused this address.")
    UNREACHABLE = (
        "unreachable",
        _("The mail server could not be reached; the invitation will be sent again."),
    )
    INVALID = "invalid", _("The email could not be built from this request.")
    GAVE_UP = (
        "gave_up",
        _(
            "The invitation could not be sent after several attempts. Copy the link and send it "
            "another way."
        ),
    )


FAILURE_TEXTS = dict(FailureReason.choices)
RETRYABLE_FAILURES = (FailureReason.UNREACHABLE,)


class FeedbackLink(models.Model):
    """A personal link to a request: only the SHA-256 of its token is kept.

    A request may have several live links (the first email and its reminders, or the links
    copied for a request without email: never both); the request itself is answered once.
    """

    request = models.ForeignKey(FeedbackRequest, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    # True when the app emailed this link to request.email: only such a link may put that
    # address on the global opt-out list (a copied link may be in anyone's hands).
    emailed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback link")
        verbose_name_plural = _("feedback links")

    def __str__(self) -> str:
        return f"link {self.pk} of request {self.request_id}"


class FeedbackResponse(models.Model):
    class Appraisal(models.TextChoices):
        POSITIVE = "positive", _("Positive")
        NEUTRAL = "neutral", _("Neutral")
        NEGATIVE = "negative", _("Negative")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="feedback_responses")
    relationship = models.CharField(max_length=20, choices=Relationship)
    appraisal = models.CharField(max_length=10, choices=Appraisal)
    # dimension code (pillar code on questionnaire v1) -> 1..5, or null for "can't say"
    perceptions = models.JSONField(default=dict)
    keep_doing = models.TextField(max_length=1000, blank=True)
    change = models.TextField(max_length=1000, blank=True)
    week = models.DateField()  # the Monday of the week it was released, nothing finer

    class Meta:
        verbose_name = _("feedback response")
        verbose_name_plural = _("feedback responses")

    def __str__(self) -> str:
        return f"{self.get_appraisal_display()} ({self.get_relationship_display()})"


class PendingFeedbackAnswer(models.Model):
    """An answer given but not released yet: durable, linked to its request, shown nowhere.

    `payload` holds exactly the values of the FeedbackResponse fields the peer gave
    (relationship, appraisal, perceptions, keep_doing, change, or whatever the peer form
    asks), so that the release copies it without knowing the form. `payload` is None for an
    answer withheld for good: its round closed with fewer than FEEDBACK_RELEASE_K answers left,
    so its content was deleted and only the fact that the request was answered remains. No
    timestamp: the row is deleted when released.
    """

    request = models.OneToOneField(
        FeedbackRequest, on_delete=models.CASCADE, related_name="pending_answer"
    )
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="+")
    payload = models.JSONField(null=True)

    class Meta:
        verbose_name = _("pending feedback answer")
        verbose_name_plural = _("pending feedback answers")

    def __str__(self) -> str:
        return f"pending answer to request {self.request_id}"


class FeedbackOptOut(models.Model):
    """People who asked never to be asked again, by anyone: the SHA-256 of their email.

    Recorded only from a link the app emailed to that address (FeedbackLink.emailed)."""

    email_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback opt-out")
        verbose_name_plural = _("feedback opt-outs")

    def __str__(self) -> str:
        return self.email_hash[:12]
