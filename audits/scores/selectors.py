"""Reads for the score dashboard: a fixed number of queries whatever the number of answers."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from audits.feedback.models import Relationship
from audits.questionnaires.models import Dimension, Pillar
from audits.scores.catalogue import SEVERITIES
from audits.scores.charts import SERIES_COLOURS, moment_labels
from audits.scores.conditions.evidence import NETWORK_NAMES
from audits.scores.evidence import entry_for
from audits.scores.models import Recommendation, ScoreSnapshot
from audits.scores.plan import by_priority, select_plan
from audits.selfaudit.models import Audit
from config.templatetags.numbers import percent
from config.typography import french

TREND_POINTS = 20
SEVERITY_ORDER = SEVERITIES  # the one order, from the catalogue


def named_gaps(gaps: list[dict] | None, names: dict[str, str]) -> list[dict]:
    """Blind spots or hidden strengths, each with its dimension's name in the active language.

    Snapshots of algorithm reputation/1 compared pillars: their "pillar" is named instead."""
    return [
        {**gap, "name": names.get(gap.get("dimension") or gap.get("pillar"), "")}
        for gap in gaps or []
    ]


@dataclass
class ScoreBoard:
    snapshot: ScoreSnapshot | None
    trend: list[tuple[str, float | None]]
    pillar_names: dict[str, str]
    dimension_names: dict[str, str] = field(default_factory=dict)
    plan: list[Recommendation] = field(default_factory=list)  # the three actions
    # The other open ones, by severity then priority ("more", folded on the page).
    recommendations: dict[str, list[Recommendation]] = field(default_factory=dict)
    closed: list[Recommendation] = field(default_factory=list)

    @property
    def reputation(self) -> dict:
        return (self.snapshot.figures.get("reputation") or {}) if self.snapshot else {}

    @property
    def blind_spots(self) -> list[dict]:
        return named_gaps(self.reputation.get("blind_spots"), self._names)

    @property
    def hidden_strengths(self) -> list[dict]:
        return named_gaps(self.reputation.get("hidden_strengths"), self._names)

    @property
    def _names(self) -> dict[str, str]:
        return {**self.pillar_names, **self.dimension_names}

    @property
    def peer(self) -> dict:
        return (self.snapshot.figures.get("peer") or {}) if self.snapshot else {}

    @property
    def urgent(self) -> Recommendation | None:
        """The urgent recommendation, whose evidence names the cause found (for the banner)."""
        for rec in [*self.plan, *self.recommendations.get("urgent", [])]:
            if rec.code == "urgent_change_practices":
                return rec
        return None

    @property
    def more_count(self) -> int:
        return sum(len(items) for items in self.recommendations.values())

    @property
    def silence_groups(self) -> list[tuple[str, dict]]:
        """The silence map: (group name, {"requests", "answered", "silent_rate"})."""
        names = dict(Relationship.choices)
        groups = self.peer.get("silence_by_group") or {}
        return [(str(names.get(code, code)), figures) for code, figures in groups.items()]

    @property
    def evidence(self) -> dict:
        """What the own data showed at this compile: {"networks", "dimensions", "gaps"}, or {}."""
        return (self.snapshot.figures.get("evidence") or {}) if self.snapshot else {}

    @property
    def dimension_rows(self) -> list[dict]:
        """Each dimension, self against peers (and what the own data shows, when there is
        any), in questionnaire order, with its name."""
        figures = self.reputation.get("dimensions") or {}
        shown = (self.evidence.get("dimensions") or {}) if self.evidence else {}
        return [
            {
                "code": code,
                "name": name,
                **(figures.get(code) or {}),
                "evidence": [evidence_display(row) for row in shown.get(code, [])],
            }
            for code, name in self.dimension_names.items()
            if code in figures
        ]

    @property
    def evidence_gaps(self) -> list[dict]:
        """ "You say you rarely pitch; 38 % of your last 50 posts on LinkedIn are pitches":
        the blind spots the own data shows, in the active language."""
        return [
            {
                **evidence_display(gap),
                "name": self._names.get(gap["dimension"], ""),
                "sentence": gap_sentence(gap),
            }
            for gap in (self.evidence.get("gaps") or [])
            if entry_for(gap["figure"])
        ]

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
            "colours": SERIES_COLOURS,
        }


def _language() -> str:
    return "fr" if (get_language() or "").startswith("fr") else "en"


def evidence_value(entry: dict, value) -> str:
    """A figure as the active language writes it (percent filter, localised numbers)."""
    if entry["kind"] == "share":
        return percent(round(value * 100), 0)
    if entry["kind"] == "bool":
        return str(_("yes") if value else _("no"))
    return formats.number_format(value, use_l10n=True)


def evidence_display(row: dict) -> dict:
    entry = entry_for(row["figure"]) or {
        "label": {"fr": row["figure"], "en": row["figure"]},
        "kind": "count",
    }
    return {
        **row,
        "label": entry["label"][_language()],
        "network_name": NETWORK_NAMES.get(row["network"], row["network"]),
        "shown": evidence_value(entry, row["value"]),
    }


def gap_sentence(gap: dict) -> str:
    entry = entry_for(gap["figure"])
    language = _language()
    shows = entry["shows"][language].format(
        value=evidence_value(entry, gap["value"]),
        base=formats.number_format(gap.get("base") or 0),
        network=NETWORK_NAMES.get(gap["network"], gap["network"]),
    )
    sentence = (
        f"{entry['says'][language]} ; {shows}"
        if language == "fr"
        else f"{entry['says'][language]}; {shows}"
    )
    sentence = sentence[:1].upper() + sentence[1:] + "."
    return french(sentence) if language == "fr" else sentence


def board_recommendations(
    audit: Audit,
) -> tuple[list[Recommendation], dict[str, list[Recommendation]], list[Recommendation]]:
    """(plan, the other open ones by severity, done or dismissed) — one query."""
    active = list(Recommendation.objects.filter(audit=audit, active=True))
    open_ = [r for r in active if r.status == Recommendation.Status.OPEN]
    plan = select_plan(open_)
    in_plan = {r.pk for r in plan}
    more: dict[str, list[Recommendation]] = {s: [] for s in SEVERITY_ORDER}
    for rec in by_priority(r for r in open_ if r.pk not in in_plan):
        more.setdefault(rec.severity, []).append(rec)
    closed = by_priority(r for r in active if r.status != Recommendation.Status.OPEN)
    return plan, {k: v for k, v in more.items() if v}, closed


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
    dimensions = Dimension.objects.filter(pillar__questionnaire=audit.questionnaire_id).order_by(
        "pillar__position", "position"
    )
    plan, more, closed = board_recommendations(audit)
    return ScoreBoard(
        snapshot=snapshots[0] if snapshots else None,
        trend=trend_points(snapshots),
        pillar_names={p.code: p.name for p in pillars},
        dimension_names={d.code: d.name for d in dimensions},
        plan=plan,
        recommendations=more,
        closed=closed,
    )
