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


# --- Independence (issue 20) ----------------------------------------------------------------


def known_contact(client, consultant, *, relationship="former_colleague", **fields):
    """The client's contact for the consultant, found by their email unless told otherwise."""
    from contacts.models import Contact

    return Contact.objects.create(
        owner=client,
        full_name=fields.pop("full_name", consultant.full_name or "Someone"),
        email=fields.pop("email", consultant.email),
        relationship=relationship,
        **fields,
    )


def explained_engagement(client, consultant, explanation="We met once at a fair, ten years ago."):
    """Invited while in the client's contacts, then explained: waits for the client."""
    engagement = engagement_invite(client=client, email=consultant.email)
    return engagement_accept(
        engagement=engagement,
        consultant=consultant,
        not_relative=True,
        not_friend=True,
        not_former_colleague=False,
        explanation=explanation,
    )
