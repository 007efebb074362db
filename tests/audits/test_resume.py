"""'Resume the self-audit' returns where the professional stopped, blank comments or not."""

import pytest
from django.urls import reverse

from tests.factories import AuditFactory
from tests.helpers.selfaudit import section_post, section_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def audit(client):
    audit = AuditFactory()
    client.force_login(audit.owner)
    return audit


def section_url(audit, number):
    return reverse("audits:section", args=[audit.pk, number])


def without_comments(audit, number, action="next"):
    """A section answered as a hurried professional does: every comment box left blank."""
    data = section_post(audit, number, action=action)
    for question in section_questions(audit, number):
        if not question.required:
            data[f"q_{question.pk}"] = ""
    return data


def resume(client, audit):
    return client.get(reverse("audits:resume", args=[audit.pk])).url


def test_optional_questions_have_blank_comments_in_every_section(audit):
    # The premise: each section has an optional comment that a hurried user leaves blank.
    for number in range(1, 5):
        assert any(not q.required for q in section_questions(audit, number))


def test_a_blank_optional_comment_does_not_send_the_user_back_to_section_one(client, audit):
    client.post(section_url(audit, 1), without_comments(audit, 1))
    client.post(section_url(audit, 2), without_comments(audit, 2, action="leave"))

    assert resume(client, audit) == section_url(audit, 3)


def test_a_section_left_half_done_is_where_the_user_resumes(client, audit):
    client.post(section_url(audit, 1), without_comments(audit, 1))
    half = without_comments(audit, 2, action="leave")
    required = [q for q in section_questions(audit, 2) if q.required]
    half.pop(f"q_{required[-1].pk}")
    client.post(section_url(audit, 2), half)

    assert resume(client, audit) == section_url(audit, 2)


def test_with_every_required_answer_given_it_returns_where_the_last_save_led(client, audit):
    for number in range(1, 5):
        client.post(section_url(audit, number), without_comments(audit, number))
    assert resume(client, audit) == reverse("audits:review", args=[audit.pk])

    # Went back to add a comment in section 2, then saved and left.
    client.post(section_url(audit, 2), without_comments(audit, 2, action="leave"))
    assert resume(client, audit) == section_url(audit, 2)
