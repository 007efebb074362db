"""Who may see what: the owner sees their audits; an engaged consultant sees their client's.

Every consultant view reaches its client through `client_engagement`, which requires an
ACTIVE engagement at the moment of the request: a revoked consultant loses access at once.
"""

from django.shortcuts import get_object_or_404

from accounts.activity import consultant_access_record
from accounts.models import User
from audits.consulting.models import Engagement
from audits.selfaudit.models import Audit


def client_engagement(consultant: User, client_id: int) -> Engagement:
    engagement = get_object_or_404(
        Engagement.objects.select_related("client"),
        client_id=client_id,
        consultant=consultant,
        status=Engagement.Status.ACTIVE,
        consultant__is_consultant=True,
    )
    # The client sees in their activity log when their consultant looks at their audit.
    consultant_access_record(client=engagement.client, consultant=consultant)
    return engagement


def client_audit(consultant: User, client_id: int, audit_id: int) -> tuple[Engagement, Audit]:
    engagement = client_engagement(consultant, client_id)
    audit = get_object_or_404(
        Audit.objects.select_related("objective", "questionnaire", "owner"),
        pk=audit_id,
        owner_id=engagement.client_id,
    )
    return engagement, audit


def consultant_invitation(consultant: User, engagement_id: int) -> Engagement:
    return get_object_or_404(
        Engagement.objects.select_related("client"),
        pk=engagement_id,
        consultant=consultant,
        status=Engagement.Status.INVITED,
    )
