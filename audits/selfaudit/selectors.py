"""Reads for the audit pages: each one a fixed number of queries, whatever the data size."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from audits.questionnaires.models import Dimension, Pillar, Question
from audits.selfaudit.models import Answer, Audit, Objective
from audits.selfaudit.scoring import DimensionSpec, PillarSpec, QuestionSpec


def objectives_for_owner(user: User) -> QuerySet[Objective]:
    return Objective.objects.filter(owner=user, archived=False)


def objective_get_for_owner(user: User, pk: int) -> Objective:
    return get_object_or_404(Objective, pk=pk, owner=user)


def audits_for_owner(user: User) -> QuerySet[Audit]:
    return Audit.objects.filter(owner=user).select_related("objective", "questionnaire")


def audit_get_for_owner(user: User, pk: int) -> Audit:
    """The only way views reach an audit: someone else's audit is a 404, never a 403 hint."""
    return get_object_or_404(audits_for_owner(user), pk=pk)


def audit_pillars(audit: Audit) -> list[Pillar]:
    return list(Pillar.objects.filter(questionnaire_id=audit.questionnaire_id))


def pillar_with_questions(pillar: Pillar) -> list[Dimension]:
    """The dimensions of one section with their questions and choices (three queries)."""
    questions = Question.objects.select_related("dimension__pillar").prefetch_related("choices")
    return list(
        Dimension.objects.filter(pillar=pillar).prefetch_related(
            Prefetch("questions", queryset=questions)
        )
    )


def answers_for_questions(audit: Audit, question_ids: list[int]) -> dict[int, Answer]:
    answers = Answer.objects.filter(audit=audit, question_id__in=question_ids)
    return {a.question_id: a for a in answers.select_related("choice")}


@dataclass
class SectionProgress:
    pillar: Pillar
    total: int = 0
    answered: int = 0
    required_missing: int = 0
    # Answers carried over from the previous cycle, not confirmed yet (audits/cycles).
    prefilled: int = 0

    @property
    def complete(self) -> bool:
        return self.required_missing == 0 and self.prefilled == 0


@dataclass
class AuditProgress:
    sections: list[SectionProgress] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.sections)

    @property
    def answered(self) -> int:
        return sum(s.answered for s in self.sections)

    @property
    def required_missing(self) -> int:
        return sum(s.required_missing for s in self.sections)

    @property
    def prefilled(self) -> int:
        return sum(s.prefilled for s in self.sections)

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0

    def first_incomplete(self) -> SectionProgress | None:
        """The first section with a required question unanswered: optional ones (a blank
        comment) never hold the professional back."""
        return next((s for s in self.sections if not s.complete), None)


def audit_progress(audit: Audit, pillars: list[Pillar]) -> AuditProgress:
    """Answered and missing counts per section, in one query over the questions."""
    by_pillar = {p.pk: SectionProgress(pillar=p) for p in pillars}
    rows = (
        Question.objects.filter(dimension__pillar__questionnaire_id=audit.questionnaire_id)
        .annotate(
            answered=Exists(Answer.objects.filter(audit=audit, question=OuterRef("pk"))),
            prefilled=Exists(
                Answer.objects.filter(audit=audit, question=OuterRef("pk"), prefilled=True)
            ),
        )
        .values_list("dimension__pillar_id", "required", "answered", "prefilled")
    )
    for pillar_id, required, answered, prefilled in rows:
        section = by_pillar[pillar_id]
        section.total += 1
        section.answered += int(answered)
        section.required_missing += int(required and not answered)
        section.prefilled += int(prefilled)
    return AuditProgress(sections=[by_pillar[p.pk] for p in pillars])


def audit_unanswered(audit: Audit) -> QuerySet[Question]:
    return (
        Question.objects.filter(dimension__pillar__questionnaire_id=audit.questionnaire_id)
        .exclude(Exists(Answer.objects.filter(audit=audit, question=OuterRef("pk"))))
        .select_related("dimension__pillar")
        .order_by("dimension__pillar__position", "dimension__position", "position", "id")
    )


def audit_unanswered_required(*, audit: Audit) -> list[Question]:
    return list(audit_unanswered(audit).filter(required=True))


def questionnaire_specs(
    questionnaire_id: int,
) -> tuple[list[PillarSpec], list[DimensionSpec], list[QuestionSpec]]:
    """The questionnaire as the pure scoring module sees it."""
    pillars = Pillar.objects.filter(questionnaire_id=questionnaire_id)
    dimensions = Dimension.objects.filter(pillar__questionnaire_id=questionnaire_id)
    questions = Question.objects.filter(
        dimension__pillar__questionnaire_id=questionnaire_id
    ).prefetch_related("choices")
    return (
        [PillarSpec(code=p.code, weight=p.weight) for p in pillars],
        [
            DimensionSpec(code=d.code, pillar=p_code, weight=d.weight)
            for d, p_code in ((d, d.pillar.code) for d in dimensions.select_related("pillar"))
        ],
        [
            QuestionSpec(
                code=q.code,
                dimension=q.dimension.code,
                kind=q.kind,
                weight=q.weight,
                reverse=q.reverse,
                choice_scores={c.code: c.score for c in q.choices.all()},
            )
            for q in questions.select_related("dimension")
        ],
    )


def active_objective(user: User) -> Objective | None:
    """The objective of the latest audit, else the latest objective set."""
    latest = audits_for_owner(user).first()
    if latest is not None:
        return latest.objective
    return objectives_for_owner(user).first()
