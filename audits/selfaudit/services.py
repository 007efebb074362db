"""Objectives and the self-audit: start, save a section, submit and score."""

from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audits.questionnaires.models import Choice, Pillar, Question
from audits.questionnaires.services import questionnaire_current
from audits.selfaudit.events import audit_inputs_changed
from audits.selfaudit.models import Answer, Audit, Objective
from audits.selfaudit.scoring import score_self_assessment
from audits.selfaudit.selectors import audit_unanswered_required, questionnaire_specs

SELF_SCORE_ALGORITHM = "self-assessment/1"


class AuditLocked(ValidationError):
    """The audit was submitted: it is read-only."""


@transaction.atomic
def objective_create(*, owner: User, **fields) -> Objective:
    objective = Objective(owner=owner, **fields)
    _fill_default_roles(objective)
    objective.full_clean()
    objective.save()
    return objective


@transaction.atomic
def objective_update(*, objective: Objective, **fields) -> Objective:
    for name, value in fields.items():
        setattr(objective, name, value)
    _fill_default_roles(objective)
    objective.full_clean()
    objective.save()
    return objective


def _fill_default_roles(objective: Objective) -> None:
    if not objective.needed_roles:
        objective.needed_roles = [str(r) for r in Objective.DEFAULT_ROLES[objective.kind]]


@transaction.atomic
def audit_start(*, owner: User, objective: Objective) -> Audit:
    if objective.owner_id != owner.pk:
        raise ValidationError(_("This objective is not yours."))
    questionnaire = questionnaire_current()
    if questionnaire is None:
        raise ValidationError(_("No questionnaire is published yet."))
    return Audit.objects.create(owner=owner, objective=objective, questionnaire=questionnaire)


@transaction.atomic
def audit_save_section(*, audit: Audit, pillar: Pillar, values: dict[Question, object]) -> int:
    """Store the answers given on one section page; an emptied answer is removed.

    `values` maps each question of the section to its cleaned value (None when left empty).
    Returns how many answers are stored for the section afterwards.
    """
    audit = Audit.objects.select_for_update().get(pk=audit.pk)
    if audit.is_submitted:
        raise AuditLocked(_("This audit has been submitted and can no longer be changed."))
    for question in values:
        if question.dimension.pillar_id != pillar.pk or pillar.questionnaire_id != (
            audit.questionnaire_id
        ):
            raise ValidationError(_("A question does not belong to this section."))

    existing = {
        a.question_id: a for a in Answer.objects.filter(audit=audit, question__in=list(values))
    }
    to_create, to_update, to_delete = [], [], []
    for question, value in values.items():
        answer = existing.get(question.pk)
        if _is_empty(value):
            if answer is not None:
                to_delete.append(answer.pk)
            continue
        if answer is None:
            answer = Answer(audit=audit, question=question)
            to_create.append(answer)
        else:
            to_update.append(answer)
        _set_value(answer, question, value)
    now = timezone.now()
    for answer in [*to_create, *to_update]:
        answer.updated_at = now
        answer.prefilled = False  # saving the section confirms what was carried over
    Answer.objects.filter(pk__in=to_delete).delete()
    Answer.objects.bulk_create(to_create)
    Answer.objects.bulk_update(
        to_update, ["scale_value", "bool_value", "choice", "text_value", "updated_at", "prefilled"]
    )
    Audit.objects.filter(pk=audit.pk).update(updated_at=now)
    return len(existing) - len(to_delete) + len(to_create)


def _is_empty(value: object) -> bool:
    return value is None or value == ""


def _set_value(answer: Answer, question: Question, value: object) -> None:
    answer.scale_value = answer.bool_value = answer.choice = None
    answer.text_value = ""
    if question.kind in (Question.Kind.AGREEMENT, Question.Kind.FREQUENCY):
        answer.scale_value = int(value)
    elif question.kind == Question.Kind.YES_NO:
        answer.bool_value = bool(value)
    elif question.kind == Question.Kind.CHOICE:
        if not isinstance(value, Choice) or value.question_id != question.pk:
            raise ValidationError(_("That choice does not belong to the question."))
        answer.choice = value
    else:
        answer.text_value = str(value).strip()


@transaction.atomic
def audit_submit(*, audit: Audit) -> Audit:
    """Freeze the audit and compute its self scores; every required question must be answered."""
    audit = Audit.objects.select_for_update().get(pk=audit.pk)
    if audit.is_submitted:
        raise AuditLocked(_("This audit has already been submitted."))
    missing = audit_unanswered_required(audit=audit)
    if missing:
        raise ValidationError(
            _("%(count)d required questions are still unanswered.") % {"count": len(missing)}
        )
    unconfirmed = audit.answers.filter(prefilled=True).count()
    if unconfirmed:
        raise ValidationError(
            _(
                "%(count)d answers carried over from your previous audit are not confirmed yet: "
                "check and save each section."
            )
            % {"count": unconfirmed}
        )
    audit.self_scores = audit_compute_self_scores(audit=audit)
    audit.status = Audit.Status.SUBMITTED
    audit.submitted_at = timezone.now()
    audit.save(update_fields=["self_scores", "status", "submitted_at", "updated_at"])
    audit_inputs_changed.send(Audit, audit_id=audit.pk)
    return audit


def audit_compute_self_scores(*, audit: Audit) -> dict:
    pillars, dimensions, questions = questionnaire_specs(audit.questionnaire_id)
    kinds = {q.code: q.kind for q in questions}
    answers = {
        a.question.code: a.raw_value(kinds[a.question.code])
        for a in audit.answers.select_related("question", "choice")
    }
    answers = {code: value for code, value in answers.items() if value is not None}
    scores = score_self_assessment(pillars, dimensions, questions, answers)
    return {"algorithm": SELF_SCORE_ALGORITHM, **asdict(scores)}
