"""The consultant's map finds a client's contact by name only when the client shares their
contacts (issue 21, the map up close, for the consultant too)."""

import pytest
from django.urls import reverse

from contacts.models import Contact
from tests.factories import AuditFactory, ConsultantFactory
from tests.helpers.consulting import engage

pytestmark = pytest.mark.django_db


def search(client, consultant, owner, q="Ana"):
    client.force_login(consultant)
    url = reverse("consulting:client_map_search", args=[owner.pk])
    return client.get(url, {"q": q, "group": "company"})


def test_with_shared_contacts_the_search_finds_the_client_s_contact():
    from django.test import Client

    owner = AuditFactory().owner
    Contact.objects.create(owner=owner, full_name="Ana Lima", company="Acme")
    consultant = ConsultantFactory()
    engage(owner, consultant, share_contacts=True)

    response = search(Client(), consultant, owner)

    assert response.status_code == 200
    assert [r["label"] for r in response.json()["results"]] == ["Ana Lima"]
    page = Client()
    page.force_login(consultant)
    html = page.get(reverse("consulting:client_map", args=[owner.pk])).content.decode()
    assert reverse("consulting:client_map_search", args=[owner.pk]) in html


def test_without_shared_contacts_no_name_is_found_nor_offered(client):
    owner = AuditFactory().owner
    Contact.objects.create(owner=owner, full_name="Ana Lima", company="Acme")
    consultant = ConsultantFactory()
    engage(owner, consultant)

    response = search(client, consultant, owner)
    assert response.status_code == 403
    assert "Ana" not in response.content.decode()
    html = client.get(reverse("consulting:client_map", args=[owner.pk])).content.decode()
    assert "map/search.json" not in html


def test_another_consultant_reaches_no_client_s_search(client):
    owner = AuditFactory().owner
    Contact.objects.create(owner=owner, full_name="Ana Lima", company="Acme")
    engage(owner, ConsultantFactory(), share_contacts=True)
    assert search(client, ConsultantFactory(), owner).status_code == 404
