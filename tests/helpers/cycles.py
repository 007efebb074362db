"""Helpers for the audit-cycle tests: a submitted audit, fixed snapshots."""

from audits.models import Audit, Choice, Pillar, Question, ScoreSnapshot
from audits.selfaudit.services import audit_save_section, audit_submit
from tests.factories import AuditFactory


def value_for(question: Question, level: int):
    """A service-level answer value: `level` 1..5 on scales, yes from 3, a choice by rank."""
    if question.kind in (Question.Kind.AGREEMENT, Question.Kind.FREQUENCY):
        return level
    if question.kind == Question.Kind.YES_NO:
        return level >= 3
    if question.kind == Question.Kind.CHOICE:
        choices = sorted(Choice.objects.filter(question=question), key=lambda c: c.score)
        return choices[min(level - 1, len(choices) - 1)]
    return f"Answer at level {level}."


def answer_all(audit: Audit, level: int = 4) -> None:
    for pillar in Pillar.objects.filter(questionnaire=audit.questionnaire):
        questions = Question.objects.filter(dimension__pillar=pillar)
        audit_save_section(
            audit=audit, pillar=pillar, values={q: value_for(q, level) for q in questions}
        )


def submitted_audit(level: int = 4, **factory_kwargs) -> Audit:
    audit = AuditFactory(**factory_kwargs)
    answer_all(audit, level)
    return audit_submit(audit=audit)


def snapshot(audit: Audit, *, overall, confidence="low", pillars=None, dimensions=None,
             network=None, inputs_hash="fixture") -> ScoreSnapshot:  # fmt: skip
    return ScoreSnapshot.objects.create(
        audit=audit,
        algorithm="reputation/2",
        inputs_hash=inputs_hash,
        overall=overall,
        confidence=confidence,
        figures={
            "reputation": {"pillars": pillars or {}, "dimensions": dimensions or {}},
            "network": network or {},
            "peer": None,
        },
    )
