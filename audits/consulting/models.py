"""Consultants engaged by a professional (their client), and the reviews they write.

The seed article 001 asks for an external reviewer who is neither a relative, a friend nor a
former colleague (at work or in leisure): accepting an engagement means declaring exactly
that, and the declaration is kept with its date.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audits.consulting.attachments import attachment_storage
from audits.selfaudit.models import Audit


class Engagement(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Active")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Revoked by the client")
        ENDED = "ended", _("Ended by the consultant")

    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="engagements_as_client"
    )
    # SET_NULL: a consultant who erases their account leaves the client's published reviews.
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="engagements_as_consultant",
    )
    invited_email = models.EmailField(_("consultant's email"))
    # For a consultant without an account yet: the invitation link's token, hashed.
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.INVITED)
    message = models.TextField(_("message"), max_length=1000, blank=True)
    share_contacts = models.BooleanField(
        _("share my individual contacts"),
        default=False,
        help_text=_("Otherwise the consultant sees aggregated figures only."),
    )
    not_relative = models.BooleanField(default=False)
    not_friend = models.BooleanField(default=False)
    not_former_colleague = models.BooleanField(default=False)
    independence_declared_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["consultant", "status"])]

    def __str__(self) -> str:
        return f"{self.client} → {self.consultant or self.invited_email} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class Review(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="reviews")
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="reviews")
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    findings = models.TextField(_("overall findings"), max_length=5000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["engagement", "audit"], name="one_review_per_audit")
        ]

    def __str__(self) -> str:
        return f"review of audit {self.audit_id} ({self.status})"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ReviewPillar(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="pillars")
    pillar = models.CharField(max_length=50)
    rating = models.PositiveSmallIntegerField(_("rating (1–5)"), null=True, blank=True)
    comment = models.TextField(_("comment"), max_length=3000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "pillar"], name="one_rating_per_pillar"),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="review_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pillar}: {self.rating}"


class ReviewRecommendation(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("recommendation"), max_length=2000)
    position = models.PositiveSmallIntegerField(default=0)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:60]


# --- Independence check and the private channel (issue 20, items 1 and 3) -------------------


class IndependenceCheck(models.Model):
    """What the client's contacts say about the consultant, at the invitation and again at the
    acceptance (audits/consulting/independence.py matches, independence_services.py stores).

    A match means the consultant may not start before explaining and the client approving:
    access checks (audits/consulting/access.py) refuse the audit until then.
    """

    class Status(models.TextChoices):
        CLEAR = "clear", _("No match")
        CONFLICT = "conflict", _("A match waits for the consultant's explanation")
        EXPLAINED = "explained", _("Explained, waiting for the client's approval")
        APPROVED = "approved", _("Explanation approved by the client")

    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, related_name="independence"
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.CLEAR)
    # [{"contact": id, "key": "email"|"other_email"|"profile_url"|"name_company",
    #   "relationship": Contact.relationship}], one per matching contact.
    matches = models.JSONField(default=list, blank=True)
    # Employers (as the consultant wrote them) that the client lists too: a notice only.
    shared_employers = models.JSONField(default=list, blank=True)
    checked_at = models.DateTimeField()
    explanation = models.TextField(_("your explanation"), max_length=2000, blank=True)
    explained_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("independence check")
        verbose_name_plural = _("independence checks")

    def __str__(self) -> str:
        return f"independence of engagement {self.engagement_id}: {self.status}"

    @property
    def blocks_access(self) -> bool:
        return self.status in (self.Status.CONFLICT, self.Status.EXPLAINED)


class Message(models.Model):
    """One message of an engagement's private thread (client ↔ consultant)."""

    class Role(models.TextChoices):
        CLIENT = "client", _("Client")
        CONSULTANT = "consultant", _("Consultant")

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="messages")
    # SET_NULL: the other party keeps the thread; the author shows as "a deleted account".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_role = models.CharField(max_length=10, choices=Role)
    body = models.TextField(_("message"), max_length=4000, blank=True)
    attachment = models.FileField(
        storage=attachment_storage, upload_to="messages/%Y/%m/", blank=True, max_length=300
    )
    attachment_name = models.CharField(max_length=200, blank=True)
    attachment_type = models.CharField(max_length=50, blank=True)
    attachment_size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # Read by the other party (there are only two).
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["engagement", "author_role", "read_at"])]

    def __str__(self) -> str:
        return f"message {self.pk} in engagement {self.engagement_id}"


# --- Annotated recommendations (issue 20, item 2) ------------------------------------------


class RecommendationAnnotation(models.Model):
    """The consultant's word on one automatic recommendation of the audit they review.

    Keyed by the recommendation's stable (code, key), not by its row: a recompile updates
    the same rows, and one the rules no longer raise is kept inactive; should the row ever go,
    the annotation stays with the automatic text it was made on (`original_text`) and is shown
    as "no longer raised". Visible to the client only once the review is published.
    """

    class Decision(models.TextChoices):
        AGREED = "agreed", _("Agreed")
        ADJUSTED = "adjusted", _("Adjusted")
        SET_ASIDE = "set_aside", _("Set aside")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="annotations")
    code = models.CharField(max_length=60)
    key = models.CharField(max_length=60, blank=True, default="")
    decision = models.CharField(max_length=10, choices=Decision)
    # The consultant's own wording (adjusted) and reason (set aside): plain text, escaped.
    wording = models.TextField(_("your wording"), max_length=2000, blank=True)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    original_text = models.JSONField(default=dict)  # {"fr": ..., "en": ...} when annotated
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("recommendation annotation")
        verbose_name_plural = _("recommendation annotations")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "code", "key"], name="one_annotation_per_recommendation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}:{self.key} {self.decision}"

    def local_original(self) -> str:
        from django.utils.translation import get_language

        values = self.original_text or {}
        return values.get((get_language() or "fr")[:2]) or values.get("fr") or values.get("en", "")
