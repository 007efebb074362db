import pytest

from tests.factories import AuditFactory


@pytest.fixture
def audit(client):
    audit = AuditFactory()
    client.force_login(audit.owner)
    return audit
