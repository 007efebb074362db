import pytest
from django.urls import reverse

from audits.models import Audit, Question, Questionnaire
from audits.questionnaires.definition import load_definition
from audits.questionnaires.models import PublishedQuestionnaireError
from audits.questionnaires.services import (
    questionnaire_current,
    questionnaire_ensure_default,
    questionnaire_import,
    questionnaire_new_version,
    questionnaire_publish,
)
from audits.selfaudit.services import audit_save_section, audit_start, audit_submit
from tests.factories import ObjectiveFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_default_questionnaire_is_loaded_once_and_published():
    first = questionnaire_ensure_default()
    again = questionnaire_import(definition=load_definition())

    assert first.pk == again.pk
    assert first.status == Questionnaire.Status.PUBLISHED
    assert Questionnaire.objects.filter(code=first.code, version=first.version).count() == 1
    assert Question.objects.filter(dimension__pillar__questionnaire=first).count() == len(
        load_definition().questions
    )


def test_a_published_questionnaire_cannot_be_changed():
    question = Question.objects.filter(
        dimension__pillar__questionnaire=questionnaire_ensure_default()
    ).first()

    question.text_en = "Something else"
    with pytest.raises(PublishedQuestionnaireError):
        question.save()
    with pytest.raises(PublishedQuestionnaireError):
        question.delete()


def test_a_new_version_is_a_full_editable_copy():
    published = questionnaire_ensure_default()

    draft = questionnaire_new_version(questionnaire=published)

    assert draft.version == published.version + 1
    assert draft.status == Questionnaire.Status.DRAFT
    original = Question.objects.filter(dimension__pillar__questionnaire=published)
    copied = Question.objects.filter(dimension__pillar__questionnaire=draft)
    assert sorted(original.values_list("code", "text_fr", "kind", "reverse")) == sorted(
        copied.values_list("code", "text_fr", "kind", "reverse")
    )
    assert not set(original.values_list("pk", flat=True)) & set(copied.values_list("pk", flat=True))


def _answer_everything(audit, value_for):
    from audits.selfaudit.selectors import audit_pillars, pillar_with_questions

    for pillar in audit_pillars(audit):
        values = {
            question: value_for(question)
            for dimension in pillar_with_questions(pillar)
            for question in dimension.questions.all()
        }
        audit_save_section(audit=audit, pillar=pillar, values=values)


def _agree(question):
    if question.kind in ("agreement", "frequency"):
        return 4
    if question.kind == "yes_no":
        return True
    if question.kind == "choice":
        return question.choices.all()[0]
    return "note"


def test_changing_a_published_questionnaire_does_not_change_audits_already_started():
    user = UserFactory()
    objective = ObjectiveFactory(owner=user)
    v1 = questionnaire_ensure_default()
    old_audit = audit_start(owner=user, objective=objective)
    old_questions = list(
        Question.objects.filter(dimension__pillar__questionnaire=v1).values_list("pk", "text_en")
    )

    draft = questionnaire_new_version(questionnaire=v1)
    changed = Question.objects.filter(dimension__pillar__questionnaire=draft).first()
    changed.text_en = "A reworded question"
    changed.reverse = not changed.reverse if changed.kind != "choice" else changed.reverse
    changed.save()
    questionnaire_publish(questionnaire=draft)

    assert questionnaire_current() == draft
    new_audit = audit_start(owner=user, objective=objective)
    assert new_audit.questionnaire == draft
    old_audit.refresh_from_db()
    assert old_audit.questionnaire == v1
    assert (
        list(
            Question.objects.filter(dimension__pillar__questionnaire=v1).values_list(
                "pk", "text_en"
            )
        )
        == old_questions
    )
    _answer_everything(old_audit, _agree)
    audit_submit(audit=old_audit)
    old_audit.refresh_from_db()
    assert old_audit.self_scores["answered"] == old_audit.self_scores["scorable"]


def test_staff_cannot_edit_a_published_question_in_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    question = Question.objects.filter(
        dimension__pillar__questionnaire=questionnaire_ensure_default()
    ).first()
    url = reverse("admin:audits_question_change", args=[question.pk])

    page = client.get(url)
    response = client.post(url, {"code": question.code, "text_en": "Changed", "kind": "agreement"})

    assert page.status_code == 200
    assert b'name="text_en"' not in page.content  # shown read-only
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.text_en != "Changed"


def test_staff_create_a_draft_version_from_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    published = questionnaire_ensure_default()

    response = client.post(
        reverse("admin:audits_questionnaire_changelist"),
        {"action": "new_version", "_selected_action": [published.pk]},
        follow=True,
    )

    assert response.status_code == 200
    draft = Questionnaire.objects.get(code=published.code, version=published.version + 1)
    assert draft.status == Questionnaire.Status.DRAFT
    draft_question = Question.objects.filter(dimension__pillar__questionnaire=draft).first()
    edit = client.get(reverse("admin:audits_question_change", args=[draft_question.pk]))
    assert b'name="text_en"' in edit.content
    assert Audit.objects.count() == 0
