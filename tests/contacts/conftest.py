import pytest

from contacts.importers.samples import linkedin_connections_csv, linkedin_export_zip
from tests.factories import ObjectiveFactory, UserFactory


@pytest.fixture
def owner(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def linkedin_zip() -> bytes:
    return linkedin_export_zip(120, seed=7)


@pytest.fixture
def linkedin_csv() -> bytes:
    return linkedin_connections_csv(60, seed=3)


@pytest.fixture
def objective(owner):
    return ObjectiveFactory(owner=owner, kind="financing", needed_roles=["investor", "mentor"])
