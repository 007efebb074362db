"""The audit pages run a fixed number of queries, however many questions are answered."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AuditFactory
from tests.helpers.selfaudit import section_post

pytestmark = pytest.mark.django_db


def queries(client, method, url, data=None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = getattr(client, method)(url, data or {})
    assert response.status_code in (200, 302), response.status_code
    return len(context.captured_queries)


def answer_sections(client, audit, numbers):
    for number in numbers:
        client.post(reverse("audits:section", args=[audit.pk, number]), section_post(audit, number))


@pytest.mark.parametrize("number", [1, 4])
def test_a_section_page_costs_the_same_empty_or_full(client, number):
    empty, full = AuditFactory(), AuditFactory()
    client.force_login(empty.owner)
    empty_count = queries(client, "get", reverse("audits:section", args=[empty.pk, number]))
    client.force_login(full.owner)
    answer_sections(client, full, [1, 2, 3, 4])

    full_count = queries(client, "get", reverse("audits:section", args=[full.pk, number]))

    assert full_count == empty_count
    assert full_count <= 12


def test_saving_a_section_costs_the_same_first_time_or_again(client):
    audit = AuditFactory()
    client.force_login(audit.owner)
    url = reverse("audits:section", args=[audit.pk, 2])

    first = queries(client, "post", url, section_post(audit, 2))
    again = queries(client, "post", url, section_post(audit, 2))

    assert first <= 16
    assert again <= 16


@pytest.mark.parametrize("page", ["review", "resume", "dashboard"])
def test_review_resume_and_dashboard_cost_the_same_empty_or_full(client, page):
    empty, full = AuditFactory(), AuditFactory()
    client.force_login(full.owner)
    answer_sections(client, full, [1, 2, 3])

    def url(audit):
        return (
            reverse("dashboard")
            if page == "dashboard"
            else reverse(f"audits:{page}", args=[audit.pk])
        )

    full_count = queries(client, "get", url(full))
    client.force_login(empty.owner)
    empty_count = queries(client, "get", url(empty))

    assert full_count == empty_count


def test_the_results_page_does_not_grow_with_the_answers(client):
    audit = AuditFactory()
    client.force_login(audit.owner)
    answer_sections(client, audit, [1, 2, 3, 4])
    client.post(reverse("audits:submit", args=[audit.pk]))

    assert queries(client, "get", reverse("audits:results", args=[audit.pk])) <= 8
