"""The opt-in sector benchmark: where a professional's scores stand among their sector's.

A percentile rank is "the share of the sector's other participants whose score is strictly
lower than yours", 0 to 100, one decimal: with n participants and b of the others below you,
100 × b / (n − 1). It exists only for a sector with at least BENCHMARK_MIN_PARTICIPANTS (10)
opted-in professionals with a compiled score (the overall score of their latest compile), and
for a pillar only when that many have a score for it. The periodic job writes each
participant's own ranks on their own row and, per sector, only how many took part: no score
is ever stored beside another person's name, and the page shows nothing but your own ranks
and the count. docs/scoring.md has the worked example a test checks.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable
from fractions import Fraction

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from audits.cycles.models import BenchmarkParticipation, SectorBenchmark
from audits.scores.models import ScoreSnapshot
from audits.selfaudit.scoring import round_half_away_from_zero


def min_participants() -> int:
    return settings.BENCHMARK_MIN_PARTICIPANTS


def percentile_ranks(scores: dict[Hashable, float], *, minimum: int) -> dict[Hashable, float]:
    """Pure: each key's share (0..100) of the other keys with a strictly lower score; empty
    below `minimum` scores."""
    if len(scores) < max(minimum, 2):
        return {}
    ordered = sorted(scores.values())
    others = len(ordered) - 1
    return {
        key: round_half_away_from_zero(
            Fraction(100 * bisect.bisect_left(ordered, value), others), 1
        )
        for key, value in scores.items()
    }


def _latest_scores() -> dict[int, tuple[str, float, dict[str, float]]]:
    """participation id -> (sector, overall, {pillar: score}) from each participant's latest
    compile with an overall score (two queries)."""
    latest = (
        ScoreSnapshot.objects.filter(audit__owner_id=OuterRef("owner_id"), overall__isnull=False)
        .order_by("-computed_at", "-id")
        .values("pk")[:1]
    )
    rows = list(
        BenchmarkParticipation.objects.annotate(snapshot_id=Subquery(latest)).values_list(
            "pk", "sector", "snapshot_id"
        )
    )
    snapshots = {
        pk: (overall, figures)
        for pk, overall, figures in ScoreSnapshot.objects.filter(
            pk__in=[s for _p, _s, s in rows if s]
        ).values_list("pk", "overall", "figures")
    }
    scores = {}
    for pk, sector, snapshot_id in rows:
        if snapshot_id not in snapshots:
            continue
        overall, figures = snapshots[snapshot_id]
        pillars = ((figures or {}).get("reputation") or {}).get("pillars") or {}
        scores[pk] = (
            sector,
            overall,
            {
                code: values["score"]
                for code, values in pillars.items()
                if isinstance(values, dict) and values.get("score") is not None
            },
        )
    return scores


@transaction.atomic
def benchmark_compute() -> dict[str, int]:
    """Recompute every participant's ranks and every sector's count; returns the counts."""
    now = timezone.now()
    minimum = min_participants()
    scores = _latest_scores()
    by_sector: dict[str, dict[int, tuple[float, dict[str, float]]]] = {}
    for pk, (sector, overall, pillars) in scores.items():
        by_sector.setdefault(sector, {})[pk] = (overall, pillars)

    overall_ranks: dict[int, float] = {}
    pillar_ranks: dict[int, dict[str, float]] = {}
    for members in by_sector.values():
        overall_ranks.update(
            percentile_ranks({pk: o for pk, (o, _p) in members.items()}, minimum=minimum)
        )
        codes = {code for _o, pillars in members.values() for code in pillars}
        for code in sorted(codes):
            ranks = percentile_ranks(
                {pk: p[code] for pk, (_o, p) in members.items() if code in p}, minimum=minimum
            )
            for pk, rank in ranks.items():
                pillar_ranks.setdefault(pk, {})[code] = rank

    participations = list(BenchmarkParticipation.objects.select_for_update())
    for participation in participations:
        participation.overall_percentile = overall_ranks.get(participation.pk)
        participation.pillar_percentiles = pillar_ranks.get(participation.pk, {})
        participation.computed_at = now
    BenchmarkParticipation.objects.bulk_update(
        participations, ["overall_percentile", "pillar_percentiles", "computed_at"]
    )
    counts = {sector: len(members) for sector, members in by_sector.items()}
    SectorBenchmark.objects.exclude(sector__in=list(counts)).delete()
    for sector, count in counts.items():
        SectorBenchmark.objects.update_or_create(
            sector=sector, defaults={"participants": count, "computed_at": now}
        )
    return counts


@transaction.atomic
def benchmark_join(*, owner, sector: str) -> BenchmarkParticipation:
    """Opt in (or change sector); the ranks are recomputed once committed."""
    from audits.cycles.tasks import compute_sector_benchmark

    participation, _created = BenchmarkParticipation.objects.update_or_create(
        owner=owner,
        defaults={
            "sector": sector,
            "overall_percentile": None,
            "pillar_percentiles": {},
            "computed_at": None,
        },
    )
    participation.full_clean()
    compute_sector_benchmark.delay_on_commit()
    return participation


@transaction.atomic
def benchmark_leave(*, owner) -> bool:
    """Opt out: the row goes, and the sector's counts and ranks are recomputed without you."""
    from audits.cycles.tasks import compute_sector_benchmark

    deleted, _ = BenchmarkParticipation.objects.filter(owner=owner).delete()
    if deleted:
        compute_sector_benchmark.delay_on_commit()
    return bool(deleted)


def benchmark_view_for(owner) -> dict:
    """What the benchmark page shows this owner (two queries): their own ranks, the count of
    their sector, and how many more participants are needed."""
    participation = BenchmarkParticipation.objects.filter(owner=owner).first()
    if participation is None:
        return {"participation": None}
    sector = SectorBenchmark.objects.filter(sector=participation.sector).first()
    count = sector.participants if sector else 0
    minimum = min_participants()
    return {
        "participation": participation,
        "participants": count,
        "minimum": minimum,
        "missing": max(minimum - count, 0),
        "shown": count >= minimum and participation.overall_percentile is not None,
    }
