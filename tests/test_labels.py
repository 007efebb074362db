"""Every label on the professional's and the consultant's pages targets one field of its own."""

import pytest
from django.urls import reverse

from accounts.models import User
from audits.management.demo import DEMO_LOGINS, seed_demo
from tests.factories import AuditFactory
from tests.helpers.labels import label_problems

pytestmark = pytest.mark.django_db


def test_the_checker_finds_a_shared_id_and_a_dangling_label():
    page = (
        '<label for="id_relationship">A</label><select id="id_relationship"></select>'
        '<label for="id_relationship">B</label><select id="id_relationship"></select>'
        '<label for="nothing">C</label>'
    )

    assert label_problems(page) == [
        "id 'id_relationship' is used 2 times",
        "label for 'nothing': no such element",
    ]


def test_the_feedback_form_labels_its_relationship_select_apart_from_the_filter(client):
    audit = AuditFactory()
    client.force_login(audit.owner)

    page = client.get(reverse("audits:feedback_new", args=[audit.pk])).content.decode()

    assert label_problems(page) == []
    assert page.count('id="id_relationship"') == 1


def test_every_label_of_the_journeys_pages_points_at_a_unique_field(client):
    seed_demo()
    professional = User.objects.get(email=DEMO_LOGINS[0].email)
    in_progress = AuditFactory(objective__owner=professional)
    submitted = professional.audits.filter(status="submitted").first()
    pages = [
        reverse("dashboard"),
        reverse("audits:objective_create"),
        reverse("audits:section", args=[in_progress.pk, 1]),
        reverse("audits:review", args=[in_progress.pk]),
        reverse("audits:feedback_new", args=[submitted.pk]),
        reverse("audits:feedback", args=[submitted.pk]),
        reverse("audits:consultants"),
        reverse("contacts:list"),
        reverse("contacts:import"),
        reverse("contacts:network"),
        reverse("contacts:map"),
        reverse("accounts:profile"),
        reverse("accounts:my_data"),
    ]
    client.force_login(professional)
    found = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        if problems := label_problems(response.content.decode()):
            found[url] = problems

    assert found == {}


def test_every_label_of_the_consultants_pages_points_at_a_unique_field(client):
    seed_demo()
    professional = User.objects.get(email=DEMO_LOGINS[0].email)
    consultant = User.objects.get(email=DEMO_LOGINS[1].email)
    audit = professional.audits.filter(status="submitted").first()
    pages = [
        reverse("consulting:workspace"),
        reverse("consulting:client", args=[professional.pk]),
        reverse("consulting:client_network", args=[professional.pk]),
        reverse("consulting:review", args=[professional.pk, audit.pk]),
    ]
    client.force_login(consultant)
    found = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        if problems := label_problems(response.content.decode()):
            found[url] = problems

    assert found == {}
