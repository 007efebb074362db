import pytest

from audits.consulting.services import engagement_accept, engagement_invite
from audits.models import Engagement
from tests.factories import AuditFactory, ConsultantFactory


def engage(client, consultant, *, share_contacts=False) -> Engagement:
    engagement = engagement_invite(
        client=client, email=consultant.email, share_contacts=share_contacts
    )
    return engagement_accept(
        engagement=engagement,
        consultant=consultant,
        not_relative=True,
        not_friend=True,
        not_former_colleague=True,
    )


@pytest.fixture
def audit():
    return AuditFactory()


@pytest.fixture
def consultant():
    return ConsultantFactory()
