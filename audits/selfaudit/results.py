"""The self scores of a submitted audit, arranged for display: pillars with their dimensions."""

from dataclasses import dataclass

from audits.questionnaires.models import Dimension, Pillar
from audits.selfaudit.models import Audit


@dataclass(frozen=True)
class DimensionResult:
    dimension: Dimension
    score: float | None


@dataclass(frozen=True)
class PillarResult:
    pillar: Pillar
    score: float | None
    dimensions: list[DimensionResult]


@dataclass(frozen=True)
class SelfResults:
    overall: float | None
    pillars: list[PillarResult]
    answered: int
    scorable: int


def self_results(audit: Audit) -> SelfResults:
    scores = audit.self_scores or {}
    pillar_scores = scores.get("pillars", {})
    dimension_scores = scores.get("dimensions", {})
    dimensions_by_pillar: dict[int, list[Dimension]] = {}
    for dimension in Dimension.objects.filter(pillar__questionnaire_id=audit.questionnaire_id):
        dimensions_by_pillar.setdefault(dimension.pillar_id, []).append(dimension)
    return SelfResults(
        overall=scores.get("overall"),
        answered=scores.get("answered", 0),
        scorable=scores.get("scorable", 0),
        pillars=[
            PillarResult(
                pillar=pillar,
                score=pillar_scores.get(pillar.code),
                dimensions=[
                    DimensionResult(dimension=d, score=dimension_scores.get(d.code))
                    for d in dimensions_by_pillar.get(pillar.pk, [])
                ],
            )
            for pillar in Pillar.objects.filter(questionnaire_id=audit.questionnaire_id)
        ],
    )
