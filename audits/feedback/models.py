"""Feedback from the people around a professional, anonymous by construction.

A FeedbackResponse has no link to the request, the contact or the email that produced it, no
timestamp finer than the week, and a random primary key: even someone reading the database
cannot tell who answered what. The request only learns that it was answered.
"""

import uuid

from django.db import models
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


class FeedbackRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Not sent yet")
        SENT = "sent", _("Sent")
        OPENED = "opened", _("Opened")
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
        return self.status in (self.Status.ANSWERED, self.Status.DECLINED, self.Status.EXPIRED)

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

    A request may have several live links (the first email, a reminder, a copied link); the
    request itself can be answered once.
    """

    request = models.ForeignKey(FeedbackRequest, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
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
    week = models.DateField()  # the Monday of the week it came in, nothing finer

    class Meta:
        verbose_name = _("feedback response")
        verbose_name_plural = _("feedback responses")

    def __str__(self) -> str:
        return f"{self.get_appraisal_display()} ({self.get_relationship_display()})"


class FeedbackOptOut(models.Model):
    """People who asked never to be asked again, by anyone: the SHA-256 of their email."""

    email_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback opt-out")
        verbose_name_plural = _("feedback opt-outs")

    def __str__(self) -> str:
        return self.email_hash[:12]
