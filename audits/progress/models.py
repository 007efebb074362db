"""Progress towards an objective: the professional's check-ins and how often they are asked."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audits.scores.models import Recommendation
from audits.selfaudit.models import Objective


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    BIWEEKLY = "biweekly", _("Every two weeks")
    OFF = "off", _("Never (I check in when I want)")


class CheckInSchedule(models.Model):
    """How often one objective's check-in is asked for; no row means the default, weekly."""

    objective = models.OneToOneField(
        Objective, on_delete=models.CASCADE, related_name="check_in_schedule"
    )
    frequency = models.CharField(
        _("check-in reminders"), max_length=10, choices=Frequency, default=Frequency.WEEKLY
    )
    # The start of the last period whose reminder was claimed: one email per period at most.
    last_reminded_period = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("check-in schedule")
        verbose_name_plural = _("check-in schedules")

    def __str__(self) -> str:
        return f"{self.objective_id}: {self.frequency}"


class CheckIn(models.Model):
    """One check-in: what the period brought towards the objective's target, in its unit."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="check_ins")
    period_start = models.DateField()
    results = models.PositiveIntegerField(_("results obtained"), default=0)
    introductions = models.PositiveIntegerField(_("introductions obtained"), default=0)
    minutes = models.PositiveIntegerField(_("time spent (minutes)"), default=0)
    note = models.TextField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["objective", "period_start"])]

    def __str__(self) -> str:
        return f"{self.objective_id} @ {self.period_start}"


class CheckInAction(models.Model):
    """An action of the plan reported done by a check-in (once: the first report counts)."""

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="actions")
    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.CASCADE, related_name="check_in_action"
    )

    class Meta:
        verbose_name = _("action reported done")
        verbose_name_plural = _("actions reported done")

    def __str__(self) -> str:
        return f"{self.check_in_id}: {self.recommendation_id}"
