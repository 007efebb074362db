"""A consultant whose client does not share individual contacts: the map names no small group.

Tried as an attacker would: every grouping, drill-downs on real and made-up values, list
parameters, a forged client id, a revoked engagement.
"""

import json

import pytest
from django.urls import reverse

from audits.models import Engagement
from contacts.models import Contact
from tests.factories import ConsultantFactory
from tests.helpers.consulting import engage

pytestmark = pytest.mark.django_db

# One person alone at a company, two at another: both would all but name them.
SMALL = {"Tiny Clinic": 1, "Duo Consulting": 2}
LARGE = {"Acme": 3, "Globex": 5}
SECRET_NAMES = ["Tiny Clinic", "Duo Consulting", "Person Tiny Clinic 0", "Person Duo Consulting 1"]


@pytest.fixture
def network(audit):
    contacts = []
    for company, n in {**SMALL, **LARGE}.items():
        for i in range(n):
            contacts.append(
                Contact(
                    owner=audit.owner,
                    full_name=f"Person {company} {i}",
                    company=company,
                    # Small groups in categories and sectors too: a lone investor, a lone lawyer.
                    role_category="investor" if company == "Tiny Clinic" else "peer",
                    sector="legal" if company == "Tiny Clinic" else "technology",
                    networks="linkedin,google" if company == "Duo Consulting" else "linkedin",
                    two_way_conversations=1 if company == "Tiny Clinic" else 0,
                    messages_sent=4 if company == "Tiny Clinic" else 1,
                )
            )
    Contact.objects.bulk_create(contacts)
    return audit.owner


@pytest.fixture
def consultant(client, network):
    consultant = ConsultantFactory()
    engage(network, consultant)
    client.force_login(consultant)
    return consultant


def data_url(owner) -> str:
    return reverse("consulting:client_map_data", args=[owner.pk])


def get(client, owner, query: str = ""):
    return client.get(data_url(owner) + query)


@pytest.mark.parametrize("group", ["company", "category", "sector", None])
def test_no_group_of_fewer_than_three_is_named_or_counted_apart(client, network, consultant, group):
    response = get(client, network, f"?group={group}" if group else "")

    assert response.status_code == 200
    clusters = response.json()["clusters"]
    body = response.content.decode()
    for secret in SECRET_NAMES:
        assert secret not in body
    assert all(c["count"] >= 3 for c in clusters if not c.get("merged"))
    assert sum(c["count"] for c in clusters) == sum({**SMALL, **LARGE}.values())
    for hidden in ("investor", "Investor", "legal", "Legal"):
        assert hidden not in body


def test_the_small_companies_are_one_other_node(client, network, consultant):
    clusters = get(client, network, "?group=company").json()["clusters"]

    by_label = {c["label"]: c for c in clusters}
    assert set(by_label) == {"Globex", "Acme", "Other companies"}
    other = by_label["Other companies"]
    assert (other["count"], other["value"], other["merged"]) == (3, "", True)
    # Figures of the merged people are summed, never shown per company.
    assert (other["champions"], other["exchanges"], other["multi_network"]) == (1, 6, 2)


def test_small_categories_are_counted_in_other(client, network, consultant):
    clusters = get(client, network, "?group=category").json()["clusters"]

    assert {(c["value"], c["count"]) for c in clusters} == {("peer", 10), ("other", 1)}


@pytest.mark.parametrize(
    "value", ["Tiny Clinic", "Duo Consulting", "Acme", "", "other", "investor", "legal", "x' OR 1"]
)
@pytest.mark.parametrize("group", ["company", "category", "sector"])
def test_no_drill_down_gives_anyone_away(client, network, consultant, group, value):
    response = client.get(data_url(network), {"group": group, "value": value})

    assert response.status_code == 200
    assert response.json()["contacts"] == [] and response.json()["hidden"] is True
    assert "Person" not in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?group=full_name",
        "?group=role_category",
        "?group=company&group=full_name",
        "?group=COMPANY",
        "?group=company%00",
        "?group[]=company",
        "?group=",
    ],
)
def test_other_groupings_are_refused_or_fall_back(client, network, consultant, query):
    response = get(client, network, query)

    body = response.content.decode()
    assert response.status_code in (200, 400)
    for secret in SECRET_NAMES:
        assert secret not in body
    if response.status_code == 200:
        clusters = json.loads(body)["clusters"]
        assert all(c["count"] >= 3 for c in clusters if not c.get("merged"))


def test_a_forged_client_id_is_a_404_and_a_revoked_engagement_a_403(
    client, network, consultant, audit
):
    other_client = ConsultantFactory()  # anybody this consultant is not engaged with
    Contact.objects.create(owner=other_client, full_name="Theirs", company="Solo", networks="x")

    assert get(client, other_client, "?group=company").status_code == 404
    assert client.get(f"/consultant/clients/{network.pk + 10_000}/map/data.json").status_code == 404
    Engagement.objects.filter(client=network).update(status=Engagement.Status.REVOKED)
    revoked = get(client, network, "?group=company")
    assert revoked.status_code == 403  # the "access has ended" page, with no figure
    assert "clusters" not in revoked.content.decode()


def test_with_shared_contacts_the_consultant_sees_what_the_owner_sees(client, network, consultant):
    Engagement.objects.filter(client=network).update(share_contacts=True)

    clusters = get(client, network, "?group=company").json()["clusters"]
    drill = client.get(data_url(network), {"group": "company", "value": "Tiny Clinic"}).json()

    assert {c["label"]: c["count"] for c in clusters} == {**SMALL, **LARGE}
    assert drill["contacts"][0]["label"] == "Person Tiny Clinic 0"


def test_the_owner_still_sees_every_company(client, network):
    client.force_login(network)

    clusters = client.get(reverse("contacts:map_data") + "?group=company").json()["clusters"]

    assert {c["label"]: c["count"] for c in clusters} == {**SMALL, **LARGE}
