"""Who may see what: the owner sees their audits; an engaged consultant sees their client's.

Every consultant view reaches its client through `client_engagement`, which requires an
ACTIVE engagement at the moment of the request: a revoked consultant loses access at once.
A consultant whose engagement was revoked or ended is told so (`AccessEnded`, a 403 page
that leads back to the workspace); one who never had an engagement gets a plain 404.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.activity import consultant_access_record
from accounts.models import User
from audits.consulting.models import Engagement
from audits.selfaudit.models import Audit


class AccessEnded(PermissionDenied):
    """The consultant had access to this client and no longer has it."""

    def __init__(self, engagement: Engagement) -> None:
        super().__init__("access to this client has ended")
        self.engagement = engagement


def client_engagement(consultant: User, client_id: int) -> Engagement:
    engagements = Engagement.objects.select_related("client").filter(
        client_id=client_id, consultant=consultant, consultant__is_consultant=True
    )
    engagement = engagements.filter(status=Engagement.Status.ACTIVE).first()
    if engagement is None:
        ended = (
            engagements.filter(status__in=[Engagement.Status.REVOKED, Engagement.Status.ENDED])
            .order_by("-ended_at", "-id")
            .first()
        )
        if ended is not None:
            raise AccessEnded(ended)
        raise Http404("no engagement with this client")
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
