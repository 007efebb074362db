"""Reads for the score dashboard: a fixed number of queries whatever the number of answers."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import formats, timezone

from audits.questionnaires.models import Pillar
from audits.scores.charts import moment_labels
from audits.scores.models import Recommendation, ScoreSnapshot
from audits.selfaudit.models import Audit

TREND_POINTS = 20
SEVERITY_ORDER = ("urgent", "high", "medium", "low")


def named_gaps(gaps: list[dict] | None, names: dict[str, str]) -> list[dict]:
    """Blind spots or hidden strengths, each with its pillar's name in the active language."""
    return [{**gap, "name": names.get(gap["pillar"], gap["pillar"])} for gap in gaps or []]


@dataclass
class ScoreBoard:
    snapshot: ScoreSnapshot | None
    trend: list[tuple[str, float | None]]
    pillar_names: dict[str, str]
    recommendations: dict[str, list[Recommendation]] = field(default_factory=dict)
    closed: list[Recommendation] = field(default_factory=list)

    @property
    def reputation(self) -> dict:
        return (self.snapshot.figures.get("reputation") or {}) if self.snapshot else {}

    @property
    def blind_spots(self) -> list[dict]:
        return named_gaps(self.reputation.get("blind_spots"), self.pillar_names)

    @property
    def hidden_strengths(self) -> list[dict]:
        return named_gaps(self.reputation.get("hidden_strengths"), self.pillar_names)

    @property
    def peer(self) -> dict:
        return (self.snapshot.figures.get("peer") or {}) if self.snapshot else {}

    def chart(self) -> dict:
        """What the radar and trend charts draw (read by static/js/score_charts.js)."""
        pillars = self.reputation.get("pillars", {})
        codes = list(self.pillar_names)
        return {
            "labels": [self.pillar_names[c] for c in codes],
            "self": [(pillars.get(c) or {}).get("self") for c in codes],
            "peers": [(pillars.get(c) or {}).get("peers") for c in codes],
            "trend_labels": [label for label, _ in self.trend],
            "trend": [value for _, value in self.trend],
        }


def _day(moment: datetime) -> str:
    return formats.date_format(moment, "MONTH_DAY_FORMAT")


def trend_points(snapshots: list[ScoreSnapshot]) -> list[tuple[str, float | None]]:
    """(label, score) oldest first, labelled by day in the active language ("1 Dec",
    "1 déc."), with the time only where several snapshots share a day."""
    ordered = list(reversed(snapshots))
    moments = [timezone.localtime(s.computed_at) for s in ordered]
    labels = moment_labels(
        moments,
        [
            _day,
            lambda m: f"{_day(m)} {formats.time_format(m, 'H:i')}",
            lambda m: f"{_day(m)} {formats.time_format(m, 'H:i:s')}",
        ],
    )
    return [(label, s.overall) for label, s in zip(labels, ordered, strict=True)]


def score_board(audit: Audit) -> ScoreBoard:
    snapshots = list(
        ScoreSnapshot.objects.filter(audit=audit).only("computed_at", "overall", "figures")[
            :TREND_POINTS
        ]
    )
    pillars = Pillar.objects.filter(questionnaire=audit.questionnaire_id)
    pillar_names = {p.code: p.name for p in pillars}
    recommendations: dict[str, list[Recommendation]] = {s: [] for s in SEVERITY_ORDER}
    closed = []
    for rec in Recommendation.objects.filter(audit=audit, active=True).order_by("code", "key"):
        if rec.status == Recommendation.Status.OPEN:
            recommendations.setdefault(rec.severity, []).append(rec)
        else:
            closed.append(rec)
    return ScoreBoard(
        snapshot=snapshots[0] if snapshots else None,
        trend=trend_points(snapshots),
        pillar_names=pillar_names,
        recommendations={k: v for k, v in recommendations.items() if v},
        closed=closed,
    )
