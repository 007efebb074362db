"""The sector benchmark: who opted in (with their own percentiles) and per-sector counts.

The benchmark never stores anyone's score beside anyone else's name: the periodic job
(audits/cycles/benchmark.py) writes each participant's own percentile rank on their own row,
and per sector only how many took part.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from contacts.taxonomy import Sector


class BenchmarkParticipation(models.Model):
    """A professional's opt-in to the sector benchmark; deleting the row is the opt-out."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="benchmark"
    )
    sector = models.CharField(_("your sector"), max_length=20, choices=Sector)
    opted_in_at = models.DateTimeField(auto_now_add=True)
    # Written by the benchmark job: this professional's own percentile ranks (0..100), from
    # the scores of the sector's participants at `computed_at`; null below the minimum.
    overall_percentile = models.FloatField(null=True, blank=True)
    pillar_percentiles = models.JSONField(default=dict, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("benchmark participation")
        verbose_name_plural = _("benchmark participations")

    def __str__(self) -> str:
        return f"{self.owner_id}: {self.sector}"


class SectorBenchmark(models.Model):
    """How many opted-in professionals of a sector had a compiled score at the last run."""

    sector = models.CharField(max_length=20, choices=Sector, unique=True)
    participants = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("sector benchmark")
        verbose_name_plural = _("sector benchmarks")

    def __str__(self) -> str:
        return f"{self.sector}: {self.participants}"
