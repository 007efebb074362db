"""Reads about engagements that other packages ask for through a registered provider."""

from audits.consulting.models import Engagement
from audits.selfaudit.models import Audit


def has_external_review(audit: Audit) -> bool:
    """An independent consultant is engaged by the audit's owner: the outside view the seed
    article 001 asks for (the scores' `no_external_view` rule stays quiet)."""
    return Engagement.objects.filter(
        client_id=audit.owner_id, status=Engagement.Status.ACTIVE
    ).exists()
