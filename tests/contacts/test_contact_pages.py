import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Contact
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def make_contacts(owner, n, **fields):
    defaults = {"company": "Acme", "position": "Engineer", "networks": "linkedin"}
    Contact.objects.bulk_create(
        Contact(owner=owner, full_name=f"Person {owner.pk}-{i}", **{**defaults, **fields})
        for i in range(n)
    )


def query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_list_filters_by_network_category_and_search(client, owner):
    make_contacts(owner, 3, networks="linkedin", role_category="recruiter")
    make_contacts(owner, 2, networks="google,linkedin", role_category="investor", company="Fonds")
    make_contacts(owner, 4, networks="google", role_category="peer")
    make_contacts(UserFactory(), 5, networks="google")

    def count(query):
        return client.get(reverse("contacts:list") + query).context["total"]

    assert count("") == 9
    assert count("?network=google") == 6
    assert count("?network=linkedin") == 5
    assert count("?category=investor") == 2
    assert count("?q=fonds") == 2
    assert count("?company=FONDS") == 2
    assert count("?network=nonsense&category=nonsense") == 9


@pytest.mark.parametrize("page", ["contacts:list", "contacts:network", "contacts:map"])
def test_contact_pages_cost_the_same_with_10_or_300_contacts(client, owner, page):
    make_contacts(owner, 10)
    small = query_count(client, reverse(page))
    make_contacts(owner, 290, two_way_conversations=1, messages_sent=3)

    assert query_count(client, reverse(page)) == small


@pytest.mark.parametrize(
    "query", ["?group=category", "?group=company", "?group=sector&value=other"]
)
def test_map_data_costs_the_same_with_10_or_300_contacts(client, owner, query):
    make_contacts(owner, 10)
    small = query_count(client, reverse("contacts:map_data") + query)
    make_contacts(owner, 290)

    assert query_count(client, reverse("contacts:map_data") + query) == small


def test_the_map_never_sends_every_contact(client, owner):
    make_contacts(owner, 400, role_category="peer")

    clusters = client.get(reverse("contacts:map_data") + "?group=category").json()["clusters"]
    drill = client.get(reverse("contacts:map_data") + "?group=category&value=peer").json()

    assert clusters == [
        {
            "value": "peer",
            "label": "Peer / expert",
            "count": 400,
            "exchanges": 0,
            "champions": 0,
            "multi_network": 0,
        }
    ]
    assert len(drill["contacts"]) == 150


def test_an_unknown_map_grouping_is_a_400(client, owner):
    response = client.get(reverse("contacts:map_data") + "?group=password")

    assert response.status_code == 400


def test_bulk_edit_changes_only_the_ticked_contacts_and_marks_them_corrected(client, owner):
    make_contacts(owner, 3)
    first, second, third = Contact.objects.filter(owner=owner).order_by("id")

    client.post(
        reverse("contacts:list"),
        {
            "ids": [first.pk, second.pk],
            "role_category": "mentor",
            "sector": "__keep__",
            "relationship": "friend",
        },
    )

    first.refresh_from_db()
    third.refresh_from_db()
    assert (first.role_category, first.relationship, first.category_set_by_user) == (
        "mentor",
        "friend",
        True,
    )
    assert first.sector_set_by_user is False
    assert third.role_category == "other"


def test_the_bulk_form_starts_on_keep_and_its_ids_are_not_the_filters(client, owner):
    make_contacts(owner, 1)

    page = client.get(reverse("contacts:list")).content.decode()

    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for name in ("role_category", "sector", "relationship"):
        select = re.search(
            rf'<select name="{name}"[^>]*id="id_bulk_{name}".*?</select>', page, re.S
        )
        assert re.search(r'<option value="__keep__" selected>', select.group(0)), name


def test_bulk_edit_can_set_the_relationship_back_to_not_set(client, owner):
    make_contacts(owner, 2, relationship="friend")
    first, second = Contact.objects.filter(owner=owner).order_by("id")

    client.post(
        reverse("contacts:list"),
        {
            "ids": [first.pk],
            "role_category": "__keep__",
            "sector": "__keep__",
            "relationship": "none",
        },
    )

    assert Contact.objects.get(pk=first.pk).relationship == ""
    assert Contact.objects.get(pk=second.pk).relationship == "friend"


def test_bulk_edit_refuses_a_forged_id(client, owner):
    make_contacts(owner, 1)
    theirs_owner = UserFactory()
    make_contacts(theirs_owner, 1)
    mine = Contact.objects.get(owner=owner)
    theirs = Contact.objects.get(owner=theirs_owner)

    response = client.post(
        reverse("contacts:list"),
        {
            "ids": [mine.pk, theirs.pk],
            "role_category": "mentor",
            "sector": "__keep__",
            "relationship": "__keep__",
        },
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert "not yours or no longer exist" in response.content.decode()
    assert Contact.objects.get(pk=theirs.pk).role_category == "other"
    assert Contact.objects.get(pk=mine.pk).role_category == "other"


def test_editing_a_contact_keeps_the_correction_and_others_are_404(client, owner):
    make_contacts(owner, 1)
    contact = Contact.objects.get(owner=owner)
    make_contacts(UserFactory(), 1)
    theirs = Contact.objects.exclude(owner=owner).get()

    client.post(
        reverse("contacts:edit", args=[contact.pk]),
        {
            "full_name": "Renamed",
            "company": "Acme",
            "position": "Engineer",
            "role_category": "investor",
            "sector": "finance",
            "relationship": "client",
            "email": "",
            "profile_url": "",
            "notes": "",
        },
    )

    contact.refresh_from_db()
    assert (contact.full_name, contact.role_category, contact.category_set_by_user) == (
        "Renamed",
        "investor",
        True,
    )
    assert client.get(reverse("contacts:edit", args=[theirs.pk])).status_code == 404


def test_the_export_is_safe_to_open_in_a_spreadsheet(client, owner):
    Contact.objects.create(
        owner=owner,
        full_name='=HYPERLINK("http://evil.example")',
        company="+33 1 23",
        position="-cmd",
        email="",
        networks="linkedin",
    )

    response = client.get(reverse("contacts:export"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")

    assert response["Content-Type"] == "text/csv"
    assert "'=HYPERLINK" in text
    assert "'+33 1 23" in text
    assert "'-cmd" in text
    assert "\n=" not in text


def test_the_network_page_shows_absence_zones_for_the_objective(client, owner, objective):
    make_contacts(owner, 6, role_category="mentor")
    make_contacts(owner, 2, role_category="peer", two_way_conversations=2, messages_sent=4)

    page = client.get(reverse("contacts:network"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Investor / banker" in page
    assert "Absent" in page
    assert "Present" in page
    assert "Your network covers 50% of the profiles this objective needs." in page
    assert "Attend a start-up or business-angel event" in page


def test_the_network_page_asks_for_an_objective_first(client, owner):
    page = client.get(reverse("contacts:network"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Set my objective" in page
