import re

import pytest
from django.urls import reverse

from audits.models import Answer, Audit
from tests.factories import AuditFactory, UserFactory
from tests.helpers.selfaudit import section_post, section_questions, worst_value

pytestmark = pytest.mark.django_db


@pytest.fixture
def audit(client):
    audit = AuditFactory()
    client.force_login(audit.owner)
    return audit


def checked_inputs(page: str) -> dict[str, str]:
    """name -> value of every radio shown as checked on a page."""
    tags = re.findall(r"<input[^>]*>", page, flags=re.S)
    return {
        re.search(r'name="([^"]+)"', tag).group(1): re.search(r'value="([^"]*)"', tag).group(1)
        for tag in tags
        if re.search(r"\schecked\b", tag) and 'type="radio"' in tag
    }


def section_url(audit, number):
    return reverse("audits:section", args=[audit.pk, number])


def answer_all(client, audit, pick=None):
    for number in range(1, audit.questionnaire.pillars.count() + 1):
        data = section_post(audit, number) if pick is None else section_post(audit, number, pick)
        assert client.post(section_url(audit, number), data).status_code == 302


def test_a_section_page_shows_its_questions_in_the_users_language(client, audit):
    questions = section_questions(audit, 1)

    response = client.get(section_url(audit, 1), HTTP_ACCEPT_LANGUAGE="fr")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Section 1 sur 4" in body or "Section 1 of 4" in body
    for question in questions:
        assert f'name="q_{question.pk}"' in body


def test_saving_a_section_stores_answers_and_moves_on(client, audit):
    response = client.post(section_url(audit, 1), section_post(audit, 1))

    assert response.url == section_url(audit, 2)
    assert Answer.objects.filter(audit=audit).count() == len(section_questions(audit, 1))


def test_save_and_leave_then_resume_where_it_stopped(client, audit):
    client.post(section_url(audit, 1), section_post(audit, 1))
    data = section_post(audit, 2, action="leave")
    half = {k: v for i, (k, v) in enumerate(data.items()) if i % 2 == 0 or k == "action"}

    response = client.post(section_url(audit, 2), half)

    assert response.url == reverse("dashboard")
    resume = client.get(reverse("audits:resume", args=[audit.pk]))
    assert resume.url == section_url(audit, 2)
    page = client.get(resume.url).content.decode()
    radios = {k: v for k, v in half.items() if k.startswith("q_") and "Nothing" not in v}
    assert checked_inputs(page) == radios


def test_answers_are_shown_again_when_coming_back(client, audit):
    question = section_questions(audit, 1)[1]
    client.post(
        section_url(audit, 1), {f"q_{question.pk}": worst_value(question), "action": "next"}
    )

    page = client.get(section_url(audit, 1)).content.decode()

    assert checked_inputs(page) == {f"q_{question.pk}": worst_value(question)}


def test_clearing_a_text_answer_removes_it(client, audit):
    text_question = next(q for q in section_questions(audit, 1) if q.kind == "text")
    client.post(section_url(audit, 1), {f"q_{text_question.pk}": "A note", "action": "next"})
    assert Answer.objects.filter(audit=audit, question=text_question).exists()

    client.post(section_url(audit, 1), {f"q_{text_question.pk}": "", "action": "next"})

    assert not Answer.objects.filter(audit=audit, question=text_question).exists()


@pytest.mark.parametrize("bad", ["0", "6", "five", "3.5", ""])
def test_out_of_range_values_are_refused_and_nothing_is_saved(client, audit, bad):
    scale = next(q for q in section_questions(audit, 1) if q.kind in ("agreement", "frequency"))
    data = section_post(audit, 1)
    data[f"q_{scale.pk}"] = bad

    response = client.post(section_url(audit, 1), data, HTTP_ACCEPT_LANGUAGE="en")

    if bad == "":
        assert response.status_code == 302  # left blank: allowed until submission
    else:
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
        assert not Answer.objects.filter(audit=audit).exists()


def test_a_choice_of_another_question_is_refused(client, audit):
    questions = section_questions(audit, 1)
    choice_questions = [q for q in questions if q.kind == "choice"]
    other_choice = AuditFactory().questionnaire.pillars.first()  # same questionnaire
    data = section_post(audit, 1)
    foreign = next(
        c.pk for q in section_questions(audit, 2) if q.kind == "choice" for c in q.choices.all()
    )
    data[f"q_{choice_questions[0].pk}"] = str(foreign)

    response = client.post(section_url(audit, 1), data, HTTP_ACCEPT_LANGUAGE="en")

    assert other_choice is not None
    assert response.status_code == 200
    assert not Answer.objects.filter(audit=audit).exists()


def test_a_question_from_another_section_is_refused_as_a_whole(client, audit):
    data = section_post(audit, 1)
    data.update({k: v for k, v in section_post(audit, 2).items() if k.startswith("q_")})

    response = client.post(section_url(audit, 1), data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert "questions that are not on it; nothing was saved" in response.content.decode()
    assert not Answer.objects.filter(audit=audit).exists()


def test_a_forged_question_id_is_refused(client, audit):
    data = section_post(audit, 1)
    data["q_99999999"] = "5"

    response = client.post(section_url(audit, 1), data)

    assert response.status_code == 200
    assert not Answer.objects.filter(audit=audit).exists()


def test_someone_elses_audit_is_a_404_and_is_not_changed(client, audit):
    other = AuditFactory()

    for url in (
        section_url(other, 1),
        reverse("audits:review", args=[other.pk]),
        reverse("audits:results", args=[other.pk]),
        reverse("audits:resume", args=[other.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(section_url(other, 1), section_post(other, 1)).status_code == 404
    assert client.post(reverse("audits:submit", args=[other.pk])).status_code == 404
    assert not Answer.objects.filter(audit=other).exists()


def test_a_section_number_out_of_range_is_a_404(client, audit):
    assert client.get(section_url(audit, 5)).status_code == 404
    assert client.get(section_url(audit, 0)).status_code == 404


def test_the_review_lists_unanswered_required_questions_and_submit_is_refused(client, audit):
    client.post(section_url(audit, 1), section_post(audit, 1))

    review = client.get(reverse("audits:review", args=[audit.pk]), HTTP_ACCEPT_LANGUAGE="en")
    submit = client.post(
        reverse("audits:submit", args=[audit.pk]), follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )

    missing = [q for n in (2, 3, 4) for q in section_questions(audit, n) if q.required]
    assert f"{len(missing)} required questions are still unanswered" in review.content.decode()
    assert missing[0].text_en in review.content.decode()
    assert "required questions are still unanswered" in submit.content.decode()
    audit.refresh_from_db()
    assert audit.status == Audit.Status.IN_PROGRESS


def test_submitting_a_complete_audit_computes_the_self_scores(client, audit):
    answer_all(client, audit)

    response = client.post(reverse("audits:submit", args=[audit.pk]))

    assert response.url == reverse("audits:results", args=[audit.pk])
    audit.refresh_from_db()
    assert audit.is_submitted
    assert audit.submitted_at is not None
    assert audit.self_scores["overall"] == 100.0
    assert set(audit.self_scores["pillars"]) == {"strategy", "network", "engagement", "conduct"}
    results = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "My self scores" in results
    assert "Two-way communication" in results or "two" in results.lower()


def test_the_worst_answers_score_zero(client, audit):
    answer_all(client, audit, worst_value)

    client.post(reverse("audits:submit", args=[audit.pk]))

    audit.refresh_from_db()
    assert audit.self_scores["overall"] == 0.0
    assert all(score == 0.0 for score in audit.self_scores["dimensions"].values())


def test_a_submitted_audit_is_read_only(client, audit):
    answer_all(client, audit)
    client.post(reverse("audits:submit", args=[audit.pk]))
    before = list(Answer.objects.filter(audit=audit).values_list("pk", "scale_value"))

    page = client.get(section_url(audit, 1), HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(
        section_url(audit, 1),
        section_post(audit, 1, worst_value),
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    again = client.post(reverse("audits:submit", args=[audit.pk]), follow=True)

    assert "can no longer be changed" in page.content.decode()
    assert "disabled" in page.content.decode()
    assert "can no longer be changed" in response.content.decode()
    assert again.status_code == 200
    assert list(Answer.objects.filter(audit=audit).values_list("pk", "scale_value")) == before


def test_audits_form_a_history_on_the_dashboard(client, audit):
    answer_all(client, audit)
    client.post(reverse("audits:submit", args=[audit.pk]))
    client.post(reverse("audits:start"), {"objective": audit.objective.pk})

    page = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert Audit.objects.filter(owner=audit.owner).count() == 2
    assert page.count(audit.objective.title) >= 2
    assert "Submitted" in page
    assert "In progress" in page


def test_the_dashboard_gives_the_next_step(client):
    user = UserFactory()
    client.force_login(user)

    page = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Set my objective" in page
