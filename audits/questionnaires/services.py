"""Loading, versioning and publishing questionnaires."""

from django.db import transaction
from django.utils import timezone

from audits.questionnaires.definition import (
    DEFINITIONS,
    QuestionnaireDef,
    load_definition,
)
from audits.questionnaires.models import Choice, Dimension, Pillar, Question, Questionnaire

DEFAULT_CODE = "epratiques-pro"


@transaction.atomic
def questionnaire_import(*, definition: QuestionnaireDef, publish: bool = True) -> Questionnaire:
    """Create the questionnaire of a definition; a (code, version) already there is kept as is.

    Published versions never change, so loading the same file twice is harmless and a changed
    text needs a new version number in the file.
    """
    existing = Questionnaire.objects.filter(
        code=definition.code, version=definition.version
    ).first()
    if existing is not None:
        return existing
    questionnaire = Questionnaire.objects.create(
        code=definition.code,
        version=definition.version,
        title_fr=definition.title.fr,
        title_en=definition.title.en,
        description_fr=definition.description.fr,
        description_en=definition.description.en,
    )
    for p_pos, p in enumerate(definition.pillars):
        pillar = Pillar.objects.create(
            questionnaire=questionnaire,
            code=p.code,
            position=p_pos,
            weight=p.weight,
            name_fr=p.name.fr,
            name_en=p.name.en,
            description_fr=p.description.fr,
            description_en=p.description.en,
        )
        for d_pos, d in enumerate(p.dimensions):
            dimension = Dimension.objects.create(
                pillar=pillar,
                code=d.code,
                position=d_pos,
                weight=d.weight,
                name_fr=d.name.fr,
                name_en=d.name.en,
                description_fr=d.description.fr,
                description_en=d.description.en,
                peer_text_fr=d.peer.fr,
                peer_text_en=d.peer.en,
                peer_states_objective=d.peer_states_objective,
            )
            questions = Question.objects.bulk_create(
                Question(
                    dimension=dimension,
                    code=q.code,
                    position=q_pos,
                    kind=q.kind,
                    reverse=q.reverse,
                    weight=q.weight,
                    required=q.required,
                    text_fr=q.text.fr,
                    text_en=q.text.en,
                    help_fr=q.help.fr,
                    help_en=q.help.en,
                )
                for q_pos, q in enumerate(d.questions)
            )
            Choice.objects.bulk_create(
                Choice(
                    question=question,
                    code=c.code,
                    position=c_pos,
                    score=c.score,
                    label_fr=c.label.fr,
                    label_en=c.label.en,
                )
                for question, q in zip(questions, d.questions, strict=True)
                for c_pos, c in enumerate(q.choices)
            )
    if publish:
        questionnaire_publish(questionnaire=questionnaire)
    return questionnaire


def questionnaire_ensure_default() -> Questionnaire:
    """Load every published version (a version already there is kept); the newest is returned."""
    loaded = [questionnaire_import(definition=load_definition(path)) for path in DEFINITIONS]
    return loaded[-1]


@transaction.atomic
def questionnaire_publish(*, questionnaire: Questionnaire) -> Questionnaire:
    """Freeze a draft: from now on audits may start on it and nothing in it may change."""
    if questionnaire.status != Questionnaire.Status.DRAFT:
        return questionnaire
    questionnaire.status = Questionnaire.Status.PUBLISHED
    questionnaire.published_at = timezone.now()
    questionnaire.save(update_fields=["status", "published_at"])
    return questionnaire


@transaction.atomic
def questionnaire_new_version(*, questionnaire: Questionnaire) -> Questionnaire:
    """Copy a questionnaire, whole, into a new draft version that staff can edit."""
    latest = Questionnaire.objects.filter(code=questionnaire.code).order_by("-version").first()
    draft = Questionnaire.objects.create(
        code=questionnaire.code,
        version=latest.version + 1,
        title_fr=questionnaire.title_fr,
        title_en=questionnaire.title_en,
        description_fr=questionnaire.description_fr,
        description_en=questionnaire.description_en,
    )
    pillars = questionnaire.pillars.prefetch_related("dimensions__questions__choices")
    for pillar in pillars:
        dimensions = list(pillar.dimensions.all())
        pillar.pk, pillar.questionnaire = None, draft
        pillar.save()
        for dimension in dimensions:
            questions = list(dimension.questions.all())
            dimension.pk, dimension.pillar = None, pillar
            dimension.save()
            for question in questions:
                choices = list(question.choices.all())
                question.pk, question.dimension = None, dimension
                question.save()
                for choice in choices:
                    choice.pk, choice.question = None, question
                    choice.save()
    return draft


def questionnaire_current(code: str = DEFAULT_CODE) -> Questionnaire | None:
    """The newest published version: new audits start on it."""
    return (
        Questionnaire.objects.filter(code=code, status=Questionnaire.Status.PUBLISHED)
        .order_by("-version")
        .first()
    )
