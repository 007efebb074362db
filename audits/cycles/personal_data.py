"""The cycles' entries in the personal-data registry (accounts.personal_data).

Cycles themselves are audits (Audit.previous, Audit.cycle: exported with the audits)."""

from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from audits.cycles.models import BenchmarkParticipation, SectorBenchmark


@personal_data.section(
    "benchmark",
    models=[BenchmarkParticipation],
    descriptions={
        "benchmark": _(
            "your opt-in to the sector benchmark: your sector and your own percentile ranks."
        )
    },
    order=420,
)
def export_benchmark(user) -> list[dict]:
    return list(
        BenchmarkParticipation.objects.filter(owner=user).values(
            "sector", "opted_in_at", "overall_percentile", "pillar_percentiles", "computed_at"
        )
    )


personal_data.not_personal(
    SectorBenchmark, reason="how many professionals of a sector take part: a count, no person"
)
