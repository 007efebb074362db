import datetime

import pytest
from django.urls import reverse

from audits.models import Audit, Objective
from tests.factories import ObjectiveFactory, UserFactory

pytestmark = pytest.mark.django_db

IN_THREE_MONTHS = (datetime.date.today() + datetime.timedelta(days=90)).isoformat()
VALID = {
    "kind": "start_company",
    "title": "Launch my design studio",
    "target_quantity": "3",
    "target_unit": "first clients",
    "deadline": IN_THREE_MONTHS,
}


@pytest.fixture
def user(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_an_objective_without_chosen_profiles_gets_the_defaults_of_its_kind(client, user):
    response = client.post(reverse("audits:objective_create"), VALID)

    assert response.status_code == 302
    objective = Objective.objects.get(owner=user)
    assert objective.target == "3 first clients"
    assert objective.needed_roles == [str(r) for r in Objective.DEFAULT_ROLES["start_company"]]
    assert "investor" in objective.needed_roles


def test_chosen_profiles_and_sectors_are_kept(client, user):
    client.post(
        reverse("audits:objective_create"),
        {**VALID, "needed_roles": ["client", "mentor"], "needed_sectors": ["health"]},
    )

    objective = Objective.objects.get(owner=user)
    assert objective.needed_roles == ["client", "mentor"]
    assert objective.needed_sectors == ["health"]


def test_save_and_start_opens_the_first_section(client, user):
    response = client.post(reverse("audits:objective_create"), {**VALID, "start": "1"})

    audit = Audit.objects.get(owner=user)
    assert response.url == reverse("audits:section", args=[audit.pk, 1])


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("deadline", "2001-01-01", "The deadline must be in the future."),
        ("deadline", "31/02/2030", "Enter a valid date."),
        ("target_quantity", "", "This field is required."),
        ("target_quantity", "0", "The target must be at least 1."),
        ("target_quantity", "-4", "The target must be at least 1."),
        ("target_quantity", "many", "Enter a whole number."),
        ("target_unit", "   ", "This field is required."),
        ("kind", "world_domination", "Select a valid choice."),
    ],
)
def test_bad_objectives_get_a_clear_message_and_nothing_is_saved(
    client, user, field, value, message
):
    response = client.post(
        reverse("audits:objective_create"), {**VALID, field: value}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Objective.objects.exists()


def test_an_unknown_profile_is_refused(client, user):
    response = client.post(
        reverse("audits:objective_create"),
        {**VALID, "needed_roles": ["astronaut"]},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert not Objective.objects.exists()


def test_editing_keeps_a_past_deadline_that_was_not_changed(client, user):
    objective = ObjectiveFactory(owner=user)
    Objective.objects.filter(pk=objective.pk).update(deadline=datetime.date(2020, 1, 1))

    response = client.post(
        reverse("audits:objective_edit", args=[objective.pk]),
        {**VALID, "deadline": "2020-01-01", "title": "Renamed"},
    )

    assert response.status_code == 302
    objective.refresh_from_db()
    assert objective.title == "Renamed"


def test_someone_elses_objective_is_a_404_and_stays_unchanged(client, user):
    other = ObjectiveFactory(title="Theirs")

    page = client.get(reverse("audits:objective_edit", args=[other.pk]))
    post = client.post(reverse("audits:objective_edit", args=[other.pk]), VALID)
    start = client.post(reverse("audits:start"), {"objective": other.pk})

    assert (page.status_code, post.status_code, start.status_code) == (404, 404, 404)
    other.refresh_from_db()
    assert other.title == "Theirs"
    assert not Audit.objects.exists()


def test_a_forged_objective_id_to_start_is_a_404(client, user):
    assert client.post(reverse("audits:start"), {"objective": "abc"}).status_code == 404
    assert client.post(reverse("audits:start"), {"objective": "999999"}).status_code == 404
