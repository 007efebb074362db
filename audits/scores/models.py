"""Compiled scores (a history of snapshots) and the recommendations they raise."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audits.selfaudit.models import Audit


class ScoreSnapshot(models.Model):
    """The figures of one compile. A compile with the same inputs adds no snapshot."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="snapshots")
    algorithm = models.CharField(max_length=40)
    inputs_hash = models.CharField(max_length=64)
    computed_at = models.DateTimeField(auto_now_add=True)
    overall = models.FloatField(null=True)
    confidence = models.CharField(max_length=10)
    figures = models.JSONField()

    class Meta:
        verbose_name = _("score snapshot")
        verbose_name_plural = _("score snapshots")
        ordering = ["-computed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "algorithm", "inputs_hash"], name="one_snapshot_per_inputs"
            )
        ]

    def __str__(self) -> str:
        return f"{self.audit_id} @ {self.computed_at:%Y-%m-%d %H:%M}: {self.overall}"


class Recommendation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("To do")
        DONE = "done", _("Done")
        DISMISSED = "dismissed", _("Dismissed")

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="recommendations")
    code = models.CharField(max_length=60)
    key = models.CharField(max_length=60, blank=True, default="")
    severity = models.CharField(max_length=10)
    pillar = models.CharField(max_length=40)
    source = models.CharField(max_length=200, blank=True)
    text = models.JSONField()  # {"fr": ..., "en": ...}
    evidence = models.JSONField()  # {"fr": ..., "en": ...}: the finding that raised it
    step = models.JSONField(default=dict)  # {"fr": ..., "en": ...}: one concrete next step
    # Higher first in the plan: severity, size of the gap, what the objective needs.
    priority = models.FloatField(default=0)
    due_on = models.DateField(null=True, blank=True)  # suggested date for the next step
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    # False once the latest compile no longer finds it (kept, with the user's status).
    active = models.BooleanField(default=True)
    first_seen = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(fields=["audit", "code", "key"], name="one_recommendation")
        ]

    def __str__(self) -> str:
        return f"{self.code}:{self.key}"

    def local(self, field: str) -> str:
        from django.utils.translation import get_language

        from config.typography import french

        values = getattr(self, field) or {}
        language = (get_language() or "fr")[:2]
        if not values.get(language):
            language = "fr" if values.get("fr") else "en"
        value = values.get(language) or ""
        # French texts (catalogue data, evidence with its figures) get their no-break spaces.
        return french(value) if language == "fr" else value

    @property
    def local_text(self) -> str:
        return self.local("text")

    @property
    def local_evidence(self) -> str:
        return self.local("evidence")

    @property
    def local_step(self) -> str:
        return self.local("step")

    @property
    def excerpts_group(self) -> str:
        """The text flags behind an own-data rule ("pitch", "heated", "leak"), whose excerpts
        the owner can open; "" for every other rule. The key of these rules is the network."""
        from audits.scores.evidence import EXCERPT_GROUPS

        return EXCERPT_GROUPS.get(self.code, "") if self.key else ""
