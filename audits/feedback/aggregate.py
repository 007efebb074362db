"""Peer feedback figures: approval, silence, perception per pillar. Pure: no Django, no ORM.

Silence is not consent: approval is reported over the requests sent as well as over the
responses received, and the share of people who did not answer is reported beside it.
Urgency rule (seed article 000): negative + neutral appraisals outnumbering positive ones
means the professional must change their practices urgently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

MIN_GROUP = 3  # a relationship category's breakdown is shown only from this many responses
APPRAISALS = ("positive", "neutral", "negative")


@dataclass(frozen=True)
class PeerResponse:
    relationship: str
    appraisal: str  # positive / neutral / negative
    perceptions: Mapping[str, int] = field(default_factory=dict)  # pillar code -> 1..5


@dataclass(frozen=True)
class GroupFigures:
    responses: int
    positive: int
    neutral: int
    negative: int
    pillars: dict[str, float | None]  # mean perception 1..5, 2 decimals


@dataclass(frozen=True)
class FeedbackFigures:
    requests_sent: int
    responses: int
    response_rate: float | None  # % of requests sent that were answered
    silent_rate: float | None  # % of requests sent with no answer: never counted as approval
    approval_over_responses: float | None  # % positive among responses
    approval_over_requests: float | None  # % positive among requests sent
    urgent: bool  # negative + neutral > positive
    overall: GroupFigures
    by_relationship: dict[str, GroupFigures]  # only groups of at least MIN_GROUP responses
    hidden_groups: int  # groups left out for anonymity


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class GroupCounts:
    """What SQL can aggregate for one relationship category: counts and sums, no rows."""

    positive: int = 0
    neutral: int = 0
    negative: int = 0
    pillar_sums: Mapping[str, int] = field(default_factory=dict)
    pillar_counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def responses(self) -> int:
        return self.positive + self.neutral + self.negative


def _merge(groups: Iterable[GroupCounts]) -> GroupCounts:
    total = GroupCounts(pillar_sums={}, pillar_counts={})
    for g in groups:
        sums = dict(total.pillar_sums)
        counts = dict(total.pillar_counts)
        for pillar, value in g.pillar_sums.items():
            sums[pillar] = sums.get(pillar, 0) + value
        for pillar, value in g.pillar_counts.items():
            counts[pillar] = counts.get(pillar, 0) + value
        total = GroupCounts(
            total.positive + g.positive,
            total.neutral + g.neutral,
            total.negative + g.negative,
            sums,
            counts,
        )
    return total


def _figures(counts: GroupCounts, pillars: Iterable[str]) -> GroupFigures:
    means: dict[str, float | None] = {}
    for pillar in pillars:
        n = counts.pillar_counts.get(pillar, 0)
        means[pillar] = round(counts.pillar_sums.get(pillar, 0) / n, 2) if n else None
    return GroupFigures(
        responses=counts.responses,
        positive=counts.positive,
        neutral=counts.neutral,
        negative=counts.negative,
        pillars=means,
    )


def summarise_counts(
    *,
    requests_sent: int,
    groups: Mapping[str, GroupCounts],
    pillars: list[str],
    min_group: int = MIN_GROUP,
) -> FeedbackFigures:
    """The figures from per-category counts (what the compile job aggregates in SQL)."""
    total = _merge(groups.values())
    responses = total.responses
    # A response always answers a sent request; never report more answers than requests.
    sent = max(requests_sent, responses)
    overall = _figures(total, pillars)
    shown = {k: _figures(g, pillars) for k, g in sorted(groups.items()) if g.responses >= min_group}
    return FeedbackFigures(
        requests_sent=sent,
        responses=responses,
        response_rate=_percent(responses, sent),
        silent_rate=_percent(sent - responses, sent),
        approval_over_responses=_percent(overall.positive, responses),
        approval_over_requests=_percent(overall.positive, sent),
        urgent=responses > 0 and overall.negative + overall.neutral > overall.positive,
        overall=overall,
        by_relationship=shown,
        hidden_groups=sum(1 for g in groups.values() if 0 < g.responses < min_group),
    )


def summarise_feedback(
    *,
    requests_sent: int,
    responses: list[PeerResponse],
    pillars: list[str],
    min_group: int = MIN_GROUP,
) -> FeedbackFigures:
    """The figures from individual responses (validated), through the same counts."""
    sums: dict[str, dict[str, int]] = {}
    counts: dict[str, dict[str, int]] = {}
    appraisals: dict[str, dict[str, int]] = {}
    for response in responses:
        if response.appraisal not in APPRAISALS:
            raise ValueError(f"unknown appraisal {response.appraisal!r}")
        key = response.relationship
        tally = appraisals.setdefault(key, dict.fromkeys(APPRAISALS, 0))
        tally[response.appraisal] += 1
        for pillar, value in response.perceptions.items():
            if pillar not in pillars or not 1 <= value <= 5:
                raise ValueError(f"invalid perception {pillar!r}={value!r}")
            sums.setdefault(key, {})[pillar] = sums.get(key, {}).get(pillar, 0) + value
            counts.setdefault(key, {})[pillar] = counts.get(key, {}).get(pillar, 0) + 1
    groups = {
        key: GroupCounts(pillar_sums=sums.get(key, {}), pillar_counts=counts.get(key, {}), **tally)
        for key, tally in appraisals.items()
    }
    return summarise_counts(
        requests_sent=requests_sent, groups=groups, pillars=pillars, min_group=min_group
    )
