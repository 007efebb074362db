"""Helpers for tests that need an engagement between a client and a consultant."""

from audits.consulting.models import Engagement
from audits.consulting.services import engagement_accept, engagement_invite


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
