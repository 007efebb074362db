"""What the professional's own exports show, kept as aggregates and flagged excerpts only:
the raw files are deleted once read (docs/privacy.md)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityNetwork(models.TextChoices):
    LINKEDIN = "linkedin", "LinkedIn"
    X = "x", "X (Twitter)"
    FACEBOOK = "facebook", "Facebook"


class ActivityImport(models.Model):
    """One upload of an export; the file lives only until it has been read."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("reading")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_imports"
    )
    file = models.FileField(upload_to="activity/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    network = models.CharField(max_length=20, choices=ActivityNetwork, blank=True, default="")
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)  # percent of the file read
    # {"posts": n, "comments": n, "reactions": n, "messages": n, "invitations": n, "skipped": n}
    counts = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)  # [{"file": ..., "code": ..., "line": n}]
    error_code = models.CharField(max_length=40, blank=True, default="")
    error_file = models.CharField(max_length=255, blank=True, default="")  # inside the upload
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class NetworkEvidence(models.Model):
    """The practice figures of one network for one professional, over the 12 months before
    the export's most recent item (`figures`: see docs/scoring.md, "evidence")."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_evidence"
    )
    network = models.CharField(max_length=20, choices=ActivityNetwork)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    figures = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "network"], name="one_evidence_per_network")
        ]

    def __str__(self) -> str:
        return self.network


class FlaggedExcerpt(models.Model):
    """A short excerpt of one item that raised a flag: the example behind a figure."""

    class Kind(models.TextChoices):
        POST = "post", _("post")
        COMMENT = "comment", _("comment")
        MESSAGE = "message", _("message")
        INVITATION = "invitation", _("invitation")
        PROFILE = "profile", _("profile")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flagged_excerpts"
    )
    network = models.CharField(max_length=20, choices=ActivityNetwork)
    kind = models.CharField(max_length=12, choices=Kind)
    flag = models.CharField(max_length=30)  # evidence.textflags.FLAGS or a figure's own code
    occurred_on = models.DateField(null=True, blank=True)
    excerpt = models.TextField(max_length=400)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "pk"]
        indexes = [models.Index(fields=["owner", "network", "flag"])]

    def __str__(self) -> str:
        return f"{self.network} {self.flag}"
