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


def _group(responses: list[PeerResponse], pillars: Iterable[str]) -> GroupFigures:
    counts = {a: sum(r.appraisal == a for r in responses) for a in APPRAISALS}
    means: dict[str, float | None] = {}
    for pillar in pillars:
        values = [r.perceptions[pillar] for r in responses if pillar in r.perceptions]
        means[pillar] = round(sum(values) / len(values), 2) if values else None
    return GroupFigures(responses=len(responses), pillars=means, **counts)


def summarise_feedback(
    *,
    requests_sent: int,
    responses: list[PeerResponse],
    pillars: list[str],
    min_group: int = MIN_GROUP,
) -> FeedbackFigures:
    for response in responses:
        if response.appraisal not in APPRAISALS:
            raise ValueError(f"unknown appraisal {response.appraisal!r}")
        for pillar, value in response.perceptions.items():
            if pillar not in pillars or not 1 <= value <= 5:
                raise ValueError(f"invalid perception {pillar!r}={value!r}")
    # A response always answers a sent request; never report more answers than requests.
    sent = max(requests_sent, len(responses))
    overall = _group(responses, pillars)
    groups: dict[str, list[PeerResponse]] = {}
    for response in responses:
        groups.setdefault(response.relationship, []).append(response)
    shown = {k: _group(v, pillars) for k, v in sorted(groups.items()) if len(v) >= min_group}
    return FeedbackFigures(
        requests_sent=sent,
        responses=len(responses),
        response_rate=_percent(len(responses), sent),
        silent_rate=_percent(sent - len(responses), sent),
        approval_over_responses=_percent(overall.positive, len(responses)),
        approval_over_requests=_percent(overall.positive, sent),
        urgent=bool(responses) and overall.negative + overall.neutral > overall.positive,
        overall=overall,
        by_relationship=shown,
        hidden_groups=len(groups) - len(shown),
    )
