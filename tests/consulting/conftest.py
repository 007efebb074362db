import pytest

from tests.factories import AuditFactory, ConsultantFactory
from tests.helpers.consulting import engage  # noqa: F401  (also used by the fixtures)


@pytest.fixture
def audit():
    return AuditFactory()


@pytest.fixture
def consultant():
    return ConsultantFactory()
