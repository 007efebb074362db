"""The map's search and its focus: the owner's contacts only, a fixed number of queries, and
never a 500 on bad input."""

import pytest
from django.urls import reverse

from contacts.models import Contact
from contacts.selectors import MAP_DRILL_LIMIT
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    user = UserFactory(language="en")
    Contact.objects.bulk_create(
        Contact(
            owner=user,
            full_name=f"Ana {i:03d}",
            role_category="recruiter",
            company="Acme" if i % 2 else "",
            messages_sent=1000 - i,
        )
        for i in range(MAP_DRILL_LIMIT + 20)
    )
    return user


def _search(client, **params):
    return client.get(reverse("contacts:map_search"), params)


def test_the_search_finds_the_owners_contacts_with_their_group(client, owner):
    stranger = UserFactory()
    Contact.objects.create(owner=stranger, full_name="Ana Stranger", role_category="recruiter")
    client.force_login(owner)

    results = _search(client, q="ana 01", group="category").json()["results"]

    assert [r["label"] for r in results] == [f"Ana {i:03d}" for i in range(10, 20)]
    assert {r["value"] for r in results} == {"recruiter"}
    names = [r["label"] for r in _search(client, q="Stranger").json()["results"]]
    assert names == []


def test_by_company_a_contact_without_one_is_not_offered(client, owner):
    client.force_login(owner)

    results = _search(client, q="Ana 01", group="company").json()["results"]

    assert results and all(r["value"] == "Acme" for r in results)


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"q": "a"}, 200),
        ({"q": "x" * 5000}, 200),
        ({"q": "\x00%_'"}, 200),
        ({"q": "ana", "group": "nope"}, 400),
    ],
)
def test_bad_input_is_never_a_500(client, owner, params, status):
    client.force_login(owner)

    response = _search(client, **params)

    assert response.status_code == status
    if status == 200:
        assert response.json()["results"] == []


def test_the_search_costs_the_same_queries_whatever_the_network(
    client, owner, django_assert_max_num_queries
):
    client.force_login(owner)
    with django_assert_max_num_queries(4):
        assert _search(client, q="ana").status_code == 200


def test_a_focused_contact_beyond_the_drawn_ones_is_added_but_not_anothers(client, owner):
    last = Contact.objects.filter(owner=owner).order_by("-full_name").first()
    stranger = Contact.objects.create(
        owner=UserFactory(), full_name="Other", role_category="recruiter"
    )
    client.force_login(owner)
    url = reverse("contacts:map_data")

    drawn = client.get(url, {"group": "category", "value": "recruiter"}).json()["contacts"]
    focused = client.get(url, {"group": "category", "value": "recruiter", "focus": last.pk}).json()[
        "contacts"
    ]
    forged = client.get(
        url, {"group": "category", "value": "recruiter", "focus": stranger.pk}
    ).json()["contacts"]
    junk = client.get(url, {"group": "category", "value": "recruiter", "focus": "1e9x"})

    assert len(drawn) == MAP_DRILL_LIMIT and last.pk not in {c["id"] for c in drawn}
    assert len(focused) == MAP_DRILL_LIMIT + 1 and focused[-1]["id"] == last.pk
    assert stranger.pk not in {c["id"] for c in forged} and len(forged) == MAP_DRILL_LIMIT
    assert junk.status_code == 200


def test_a_group_value_with_a_nul_is_no_500(client, owner):
    client.force_login(owner)

    response = client.get(reverse("contacts:map_data"), {"group": "company", "value": "Ac\x00me"})

    assert response.status_code == 200
