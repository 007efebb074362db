"""Peer feedback figures: approval, agreement, perception per item, silence. Pure: no Django.

Everything here reads RELEASED answers only (audits/feedback: answers reach figures in batches
of at least k, `settings.FEEDBACK_RELEASE_K`). Below k answers every answer-derived figure is
None: one or two answers never show.

Silence is not consent: the share of requests with no answer is reported beside the figures
(overall and per relationship group), never counted inside them.
Urgency rule (seed article 000): negative + neutral appraisals outnumbering positive ones
means the professional must change their practices urgently; None below k answers.
Definitions, reasons and limits: docs/scoring.md, "Peer feedback figures".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from audits.selfaudit.scoring import round_half_away_from_zero

DEFAULT_K = 3  # settings.FEEDBACK_RELEASE_K's default; callers pass the setting
MIN_GROUP = DEFAULT_K  # comments and group breakdowns: from k answers
APPRAISALS = ("positive", "neutral", "negative")
CLOSE_CIRCLE = frozenset({"friend"})  # answers that speak from affection more than practice
Z_95 = 1.959963984540054  # two-sided 95 % normal quantile


@dataclass(frozen=True)
class PeerResponse:
    relationship: str
    appraisal: str  # positive / neutral / negative
    # item code (a dimension; a pillar in questionnaire v1) -> 1..5, or None for "can't say"
    perceptions: Mapping[str, int | None] = field(default_factory=dict)


@dataclass(frozen=True)
class GroupCounts:
    """What SQL can aggregate for one relationship group: counts and sums, no rows."""

    positive: int = 0
    neutral: int = 0
    negative: int = 0
    item_sums: Mapping[str, int] = field(default_factory=dict)
    item_counts: Mapping[str, int] = field(default_factory=dict)  # ratings given (not "can't say")

    @property
    def responses(self) -> int:
        return self.positive + self.neutral + self.negative


@dataclass(frozen=True)
class GroupFigures:
    responses: int
    positive: int
    neutral: int
    negative: int
    approval: float | None  # % positive among these answers
    items: dict[str, float | None]  # mean rating 1..5, 2 decimals; None if nobody rated it


@dataclass(frozen=True)
class SilenceGroup:
    requests: int
    answered: int
    silent_rate: float  # % of these requests with no answer


@dataclass(frozen=True)
class FeedbackFigures:
    k: int
    requests_sent: int
    responses: int  # released answers
    response_rate: float | None  # % of requests sent that were answered
    silent_rate: float | None  # % of requests sent with no answer: never counted as approval
    # None below k answers -------------------------------------------------------------
    approval: float | None  # raw % positive among answers
    approval_lower: float | None  # Wilson 95 % lower bound of that share, in %
    agreement: float | None  # % of answers giving the most common appraisal
    groups: int | None  # relationship groups reached (with at least one answer)
    close_circle_share: float | None  # % of answers from friends
    urgent: bool | None  # negative + neutral > positive
    overall: GroupFigures | None
    by_relationship: dict[str, GroupFigures]  # only groups of at least k answers
    # Silence per relationship group of the requests: groups of at least k requests; the
    # others are added up under "other" (shown when that sum reaches k).
    silence_by_group: dict[str, SilenceGroup] = field(default_factory=dict)


def percent(part: int, whole: int) -> float | None:
    """part / whole in %, 1 decimal, computed exactly and rounded half away from zero."""
    return round_half_away_from_zero(Fraction(100 * part, whole), 1) if whole else None


def wilson_lower_bound(positive: int, n: int, z: float = Z_95) -> float | None:
    """Lowest share of approval, in %, that `positive` out of `n` answers support at 95 %.

    Wilson's score interval: unlike the raw share (3 of 3 = 100 %), it accounts for how few
    answers there are (3 of 3 -> 43.9 %, 10 of 10 -> 72.2 %), and unlike the normal
    approximation it stays within 0..100 for small n and extreme shares.
    """
    if n <= 0:
        return None
    p = positive / n
    denominator = 1 + z * z / n
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return round(100 * max(0.0, (centre - margin) / denominator), 1)


def _merge(groups: Iterable[GroupCounts]) -> GroupCounts:
    sums: dict[str, int] = {}
    counts: dict[str, int] = {}
    positive = neutral = negative = 0
    for g in groups:
        positive, neutral, negative = (
            positive + g.positive,
            neutral + g.neutral,
            negative + g.negative,
        )
        for item, value in g.item_sums.items():
            sums[item] = sums.get(item, 0) + value
        for item, value in g.item_counts.items():
            counts[item] = counts.get(item, 0) + value
    return GroupCounts(positive, neutral, negative, sums, counts)


def _figures(counts: GroupCounts, items: Iterable[str]) -> GroupFigures:
    means: dict[str, float | None] = {}
    for item in items:
        n = counts.item_counts.get(item, 0)
        total = counts.item_sums.get(item, 0)
        means[item] = round_half_away_from_zero(Fraction(total, n), 2) if n else None
    return GroupFigures(
        responses=counts.responses,
        positive=counts.positive,
        neutral=counts.neutral,
        negative=counts.negative,
        approval=percent(counts.positive, counts.responses),
        items=means,
    )


def silence_by_group(requests: Mapping[str, tuple[int, int]], k: int) -> dict[str, SilenceGroup]:
    """requests: relationship -> (requests sent, answered). Small groups go under "other"."""
    shown: dict[str, SilenceGroup] = {}
    other_sent = other_answered = 0
    for group, (sent, answered) in sorted(requests.items()):
        if group != "other" and sent >= k:
            shown[group] = SilenceGroup(sent, answered, percent(sent - answered, sent) or 0.0)
        else:
            other_sent, other_answered = other_sent + sent, other_answered + answered
    if other_sent >= k:
        silent = percent(other_sent - other_answered, other_sent) or 0.0
        shown["other"] = SilenceGroup(other_sent, other_answered, silent)
    return shown


def summarise_counts(
    *,
    requests_sent: int,
    groups: Mapping[str, GroupCounts],
    items: list[str],
    k: int = DEFAULT_K,
    requests_by_group: Mapping[str, tuple[int, int]] | None = None,
) -> FeedbackFigures:
    """The figures from per-group counts (what the compile job aggregates in SQL)."""
    total = _merge(groups.values())
    responses = total.responses
    # A response always answers a sent request; never report more answers than requests.
    sent = max(requests_sent, responses)
    silence = silence_by_group(requests_by_group or {}, k)
    common = {
        "k": k,
        "requests_sent": sent,
        "responses": responses,
        "response_rate": percent(responses, sent),
        "silent_rate": percent(sent - responses, sent),
        "silence_by_group": silence,
    }
    if responses < k:
        return FeedbackFigures(
            **common,
            approval=None,
            approval_lower=None,
            agreement=None,
            groups=None,
            close_circle_share=None,
            urgent=None,
            overall=None,
            by_relationship={},
        )
    close = sum(g.responses for name, g in groups.items() if name in CLOSE_CIRCLE)
    return FeedbackFigures(
        **common,
        approval=percent(total.positive, responses),
        approval_lower=wilson_lower_bound(total.positive, responses),
        agreement=percent(max(total.positive, total.neutral, total.negative), responses),
        groups=sum(1 for g in groups.values() if g.responses),
        close_circle_share=percent(close, responses),
        urgent=total.negative + total.neutral > total.positive,
        overall=_figures(total, items),
        by_relationship={
            name: _figures(g, items)
            for name, g in sorted(groups.items())
            if g.responses >= k and name != "other"
        },
    )


def summarise_feedback(
    *,
    requests_sent: int,
    responses: list[PeerResponse],
    items: list[str],
    k: int = DEFAULT_K,
    requests_by_group: Mapping[str, tuple[int, int]] | None = None,
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
        for item, value in response.perceptions.items():
            if item not in items or (value is not None and not 1 <= value <= 5):
                raise ValueError(f"invalid perception {item!r}={value!r}")
            if value is None:  # "can't say": no rating, not a middle one
                continue
            sums.setdefault(key, {})[item] = sums.get(key, {}).get(item, 0) + value
            counts.setdefault(key, {})[item] = counts.get(key, {}).get(item, 0) + 1
    groups = {
        key: GroupCounts(item_sums=sums.get(key, {}), item_counts=counts.get(key, {}), **tally)
        for key, tally in appraisals.items()
    }
    return summarise_counts(
        requests_sent=requests_sent,
        groups=groups,
        items=items,
        k=k,
        requests_by_group=requests_by_group,
    )
