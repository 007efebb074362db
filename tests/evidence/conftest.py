import pytest

from tests.factories import UserFactory
from tests.helpers.evidence import zip_of


@pytest.fixture
def owner(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def linkedin_zip() -> bytes:
    return zip_of("linkedin")


@pytest.fixture
def x_zip() -> bytes:
    return zip_of("x", prefix="twitter-2024/data/")
