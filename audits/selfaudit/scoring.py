"""Self-assessment score: the audited professional's own answers, per dimension and pillar.

Formula and a worked example (checked by a test): docs/scoring.md, "Self-assessment score".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TypeVar

from audits.questionnaires.kinds import KINDS, REVERSIBLE_KINDS, SCORED_KINDS

_Spec = TypeVar("_Spec", "PillarSpec", "DimensionSpec", "QuestionSpec")


class InvalidAnswer(ValueError):
    """A raw answer that cannot be scored: wrong type, out of range, unknown code."""


@dataclass(frozen=True)
class PillarSpec:
    code: str
    weight: float = 1.0

    def __post_init__(self) -> None:
        _check_weight(self.code, self.weight)


@dataclass(frozen=True)
class DimensionSpec:
    code: str
    pillar: str  # pillar code
    weight: float = 1.0

    def __post_init__(self) -> None:
        _check_weight(self.code, self.weight)


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    dimension: str  # dimension code
    kind: str  # "agreement" | "frequency" | "yes_no" | "choice" | "text"
    weight: float = 1.0
    reverse: bool = False
    choice_scores: Mapping[str, int] = field(default_factory=dict)  # only for "choice"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"question {self.code!r}: unknown kind {self.kind!r}")
        _check_weight(self.code, self.weight)
        for choice, score in self.choice_scores.items():
            if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100:
                raise ValueError(f"question {self.code!r}: choice {choice!r} score must be 0..100")


@dataclass(frozen=True)
class SelfScores:
    dimensions: dict[str, float | None]  # 0..100, 1 decimal; None when nothing scored in it
    pillars: dict[str, float | None]  # 0..100, 1 decimal; None when no dimension has a score
    overall: float | None  # 0..100, 1 decimal
    # The dimension figures on the 1..5 answer scale (1 + 4x), 2 decimals, to compare
    # self against peers (a gap of >= 1 point is notable).
    dimensions_on_five: dict[str, float | None]
    answered: int  # scored questions answered
    scorable: int  # scored (non-text) questions in the questionnaire


def normalise(question: QuestionSpec, value: object) -> float | None:
    """Map one raw answer to [0, 1] where 1 is the best practice; None for text or None value.

    Raises InvalidAnswer for out-of-range ints, bools passed to scale kinds (bool is an int
    subclass: reject it), unknown choice codes, wrong types.
    """
    exact = _normalise_exact(question, value)
    return None if exact is None else float(exact)


def score_self_assessment(
    pillars: Sequence[PillarSpec],
    dimensions: Sequence[DimensionSpec],
    questions: Sequence[QuestionSpec],
    answers: Mapping[str, object],
) -> SelfScores:
    """Score one self-assessment; answers maps question code -> raw value.

    Unknown question codes in answers raise InvalidAnswer: a forged id must never be
    scored, nor dropped, silently.
    """
    pillar_by_code = _index(pillars)
    dimension_by_code = _index(dimensions)
    question_by_code = _index(questions)
    for dimension in dimensions:
        if dimension.pillar not in pillar_by_code:
            raise ValueError(f"dimension {dimension.code!r}: unknown pillar {dimension.pillar!r}")
    for question in questions:
        if question.dimension not in dimension_by_code:
            raise ValueError(
                f"question {question.code!r}: unknown dimension {question.dimension!r}"
            )
    unknown = sorted(set(answers) - set(question_by_code))
    if unknown:
        raise InvalidAnswer(f"answers to unknown questions: {', '.join(map(str, unknown))}")

    # Unanswered questions are left out rather than counted as 0: an optional question
    # skipped is "no information", not "worst practice".
    per_dimension: dict[str, list[tuple[Fraction, Fraction]]] = {d.code: [] for d in dimensions}
    for question in questions:
        x = _normalise_exact(question, answers.get(question.code))
        if x is not None:
            per_dimension[question.dimension].append((x, _exact(question.weight)))

    # Figures stay exact (fractions) until the final rounding, so a true .x5 tie is
    # rounded as documented rather than as float noise happens to fall.
    dimension_x = {code: _weighted_mean(pairs) for code, pairs in per_dimension.items()}
    pillar_x = {
        code: _weighted_mean(
            (dimension_x[d.code], _exact(d.weight)) for d in dimensions if d.pillar == code
        )
        for code in pillar_by_code
    }
    overall_x = _weighted_mean((pillar_x[p.code], _exact(p.weight)) for p in pillars)

    return SelfScores(
        dimensions={code: _percent(x) for code, x in dimension_x.items()},
        pillars={code: _percent(x) for code, x in pillar_x.items()},
        overall=_percent(overall_x),
        dimensions_on_five={
            code: None if x is None else round_half_away_from_zero(1 + 4 * x, 2)
            for code, x in dimension_x.items()
        },
        answered=sum(len(pairs) for pairs in per_dimension.values()),
        scorable=sum(1 for q in questions if q.kind in SCORED_KINDS),
    )


def round_half_away_from_zero(value: Fraction | int, places: int) -> float:
    """Round to `places` decimals, ties away from zero (12.25 -> 12.3, -12.25 -> -12.3).

    Python's round() rounds ties to even (12.25 -> 12.2), which is not what a reader of
    a report expects, so it is not used for stored figures.
    """
    scale = Fraction(10) ** places
    magnitude = math.floor(abs(Fraction(value)) * scale + Fraction(1, 2))
    return float((magnitude if value >= 0 else -magnitude) / scale)


def _normalise_exact(question: QuestionSpec, value: object) -> Fraction | None:
    if value is None:
        return None
    if question.kind == "text":
        if not isinstance(value, str):
            raise InvalidAnswer(f"{question.code}: text answer must be a string")
        return None
    if question.kind == "choice":
        if not isinstance(value, str) or value not in question.choice_scores:
            raise InvalidAnswer(f"{question.code}: unknown choice {value!r}")
        return Fraction(question.choice_scores[value], 100)
    if question.kind == "yes_no":
        if not isinstance(value, bool):
            raise InvalidAnswer(f"{question.code}: yes/no answer must be a bool")
        x = Fraction(int(value))
    else:  # a 1..5 scale
        # bool is an int subclass: True would otherwise pass as 1.
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            raise InvalidAnswer(f"{question.code}: scale answer must be an int from 1 to 5")
        x = Fraction(value - 1, 4)
    return 1 - x if question.reverse and question.kind in REVERSIBLE_KINDS else x


def _weighted_mean(pairs: Iterable[tuple[Fraction | None, Fraction]]) -> Fraction | None:
    """Weighted mean of the values that exist; None when none does (never a 0)."""
    scored = [(x, weight) for x, weight in pairs if x is not None]
    if not scored:
        return None
    total = sum((x * weight for x, weight in scored), Fraction(0))
    return total / sum((weight for _, weight in scored), Fraction(0))


def _percent(x: Fraction | None) -> float | None:
    return None if x is None else round_half_away_from_zero(100 * x, 1)


def _exact(weight: float) -> Fraction:
    # Through str so that a weight typed as 0.1 counts as 1/10, not as its binary float
    # approximation; also accepts int, Decimal and Fraction.
    return Fraction(str(weight))


def _check_weight(code: str, weight: float) -> None:
    if isinstance(weight, bool) or not weight > 0:
        raise ValueError(f"{code!r}: weight must be > 0, got {weight!r}")


def _index(specs: Sequence[_Spec]) -> dict[str, _Spec]:
    index = {spec.code: spec for spec in specs}
    if len(index) != len(specs):
        raise ValueError("duplicate codes in questionnaire specs")
    return index
