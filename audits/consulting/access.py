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
from audits.consulting.models import Engagement, IndependenceCheck, Message
from audits.selfaudit.models import Audit

INDEPENDENCE_PENDING = (IndependenceCheck.Status.CONFLICT, IndependenceCheck.Status.EXPLAINED)


class AccessEnded(PermissionDenied):
    """The consultant had access to this client and no longer has it."""

    def __init__(self, engagement: Engagement) -> None:
        super().__init__("access to this client has ended")
        self.engagement = engagement


def client_engagement(consultant: User, client_id: int) -> Engagement:
    engagements = Engagement.objects.select_related("client").filter(
        client_id=client_id, consultant=consultant, consultant__is_consultant=True
    )
    # An active engagement whose independence check still waits (a match in the client's
    # contacts, not yet explained and approved) opens nothing (issue 20).
    engagement = (
        engagements.filter(status=Engagement.Status.ACTIVE)
        .exclude(independence__status__in=INDEPENDENCE_PENDING)
        .first()
    )
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


# --- The private channel (issue 20): who reads, who writes, who opens an attachment --------
#
# The client reads their thread whatever the engagement's status (it is kept with the
# engagement) and writes while the engagement is active. The consultant reads it while active
# and, read-only, after the access was revoked or ended (their own words, which their data
# export holds anyway); after that they open only the attachments they sent themselves, no
# longer the client's. Anyone else gets a 404, whatever id they try.


class ThreadAccess:
    def __init__(self, engagement: Engagement, role: str) -> None:
        self.engagement = engagement
        self.role = role

    @property
    def can_post(self) -> bool:
        engagement = self.engagement
        if engagement.status != Engagement.Status.ACTIVE or engagement.consultant_id is None:
            return False
        check = getattr(engagement, "_independence_status", None)
        return check not in INDEPENDENCE_PENDING

    def can_open(self, message: Message) -> bool:
        if self.role == Message.Role.CLIENT or self.engagement.is_active:
            return True
        return message.author_role == Message.Role.CONSULTANT

    @property
    def other_role(self) -> str:
        if self.role == Message.Role.CLIENT:
            return Message.Role.CONSULTANT
        return Message.Role.CLIENT


def _thread_engagements():
    return Engagement.objects.select_related("client", "consultant", "independence")


def _with_independence(engagement: Engagement) -> Engagement:
    try:
        engagement._independence_status = engagement.independence.status
    except IndependenceCheck.DoesNotExist:
        engagement._independence_status = None
    return engagement


def client_thread(user: User, engagement_id: int) -> ThreadAccess:
    engagement = get_object_or_404(_thread_engagements(), pk=engagement_id, client=user)
    return ThreadAccess(_with_independence(engagement), Message.Role.CLIENT)


def consultant_thread(user: User, engagement_id: int) -> ThreadAccess:
    engagement = get_object_or_404(
        _thread_engagements(),
        pk=engagement_id,
        consultant=user,
        consultant__is_consultant=True,
        status__in=[
            Engagement.Status.ACTIVE, Engagement.Status.REVOKED, Engagement.Status.ENDED
        ],
    )  # fmt: skip
    engagement = _with_independence(engagement)
    if engagement.is_active and engagement._independence_status in INDEPENDENCE_PENDING:
        raise Http404("independence not approved yet")
    return ThreadAccess(engagement, Message.Role.CONSULTANT)
