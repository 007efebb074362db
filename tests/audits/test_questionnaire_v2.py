"""Questionnaire version 2: the self-audit items fixed by issue 15 and one peer behaviour per
dimension, loaded beside version 1, which stays as it was published."""

import pytest

from audits.models import Question, Questionnaire
from audits.questionnaires.definition import DEFINITIONS, load_definition
from audits.questionnaires.services import questionnaire_current, questionnaire_ensure_default

V1, V2 = (load_definition(path) for path in DEFINITIONS)
V2_QUESTIONS = {q.code: q for q in V2.questions}


def test_version_2_follows_version_1_with_the_same_dimensions():
    assert (V1.version, V2.version) == (1, 2)
    dims = lambda d: [x.code for p in d.pillars for x in p.dimensions]  # noqa: E731
    assert dims(V1) == dims(V2)


def test_every_dimension_has_one_bilingual_peer_statement():
    dimensions = [d for p in V2.pillars for d in p.dimensions]

    assert len(dimensions) >= 12
    for dimension in dimensions:
        assert dimension.peer.fr and dimension.peer.en, dimension.code
        # One behaviour: no list of behaviours joined by colons or semicolons.
        assert ":" not in dimension.peer.en and ";" not in dimension.peer.en
    assert [d.code for d in dimensions if d.peer_states_objective] == ["alignment"]


@pytest.mark.parametrize(
    "code",
    [
        "engagement.listening.feedback_balance",
        "engagement.listening.silence_as_approval",
        "conduct.transparency.beginner",
        "conduct.commercial_restraint.pitch_new_contacts",
    ],
)
def test_no_help_text_gives_the_answer_away(code):
    assert not V2_QUESTIONS[code].help.en and not V2_QUESTIONS[code].help.fr


@pytest.mark.parametrize(
    "code",
    [
        "strategy.objectives.review",
        "network.absence_zones.outreach",
        "engagement.listening.ask_feedback",
        "engagement.participation.comment_others",
    ],
)
def test_recurring_activities_have_calendar_anchors(code):
    assert V2_QUESTIONS[code].kind == "choice"


def test_security_asks_two_step_verification_and_a_password_manager_not_password_changes():
    assert "conduct.security.change_passwords" not in V2_QUESTIONS
    assert V2_QUESTIONS["conduct.security.two_step"].kind == "yes_no"
    assert V2_QUESTIONS["conduct.security.password_manager"].kind == "yes_no"


def test_have_you_ever_items_ask_about_a_period_that_a_re_audit_can_improve():
    for code in (
        "strategy.helpers.external_view",
        "conduct.transparency.embellish",
        "conduct.confidentiality.shared_internal",
    ):
        assert "ever" not in V2_QUESTIONS[code].text.en, code
    assert " and comment" not in V2_QUESTIONS["network.champions.reciprocate"].text.en


@pytest.mark.django_db
def test_both_versions_are_published_and_new_audits_start_on_version_2():
    latest = questionnaire_ensure_default()
    first = Questionnaire.objects.get(code=latest.code, version=1)

    assert latest.version == 2 and questionnaire_current().pk == latest.pk
    assert first.status == latest.status == Questionnaire.Status.PUBLISHED
    assert Question.objects.filter(
        dimension__pillar__questionnaire=first, code="conduct.security.change_passwords"
    ).exists()
    assert latest.pillars.first().dimensions.exclude(peer_text_en="").exists()
