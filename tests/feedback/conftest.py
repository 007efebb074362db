import re
import uuid

import pytest
from django.urls import reverse

from audits.feedback.services import Recipient, feedback_link_issue, feedback_requests_create
from tests.factories import AuditFactory


@pytest.fixture
def audit(client):
    audit = AuditFactory()
    client.force_login(audit.owner)
    return audit


def make_requests(audit, *emails, relationship="client", names=()):
    recipients = [Recipient(email=e) for e in emails] + [Recipient(name=n) for n in names]
    return feedback_requests_create(
        audit=audit,
        recipients=recipients,
        relationship=relationship,
        message="Votre avis compte",
        language="fr",
    ).created


def answer_requests(audit, count, appraisal="positive", perceptions=None) -> None:
    """`count` new people asked and answering the same way (one anonymous response each)."""
    from audits.feedback.services import feedback_answer
    from audits.models import FeedbackRequest

    requests = make_requests(audit, *[f"peer-{uuid.uuid4().hex[:8]}@ex.com" for _ in range(count)])
    FeedbackRequest.objects.filter(pk__in=[r.pk for r in requests]).update(status="sent")
    for request in requests:
        request.refresh_from_db()
        feedback_answer(
            request=request,
            appraisal=appraisal,
            perceptions=perceptions or {"objectives": 4, "boundaries": 2},
            keep_doing="",
            change="",
        )


def link_from(message) -> str:
    match = re.search(r"https?://[^/\s]+(/f/[A-Za-z0-9_\-]+/)", message.body)
    assert match, message.body
    return match.group(1)


def fresh_link(request) -> str:
    token = feedback_link_issue(request=request)
    return reverse("peer", args=[token])


ANSWER = {
    "appraisal": "positive",
    "item_objectives": "4",
    "item_alignment": "3",
    "item_two_way": "",
    "item_security": "na",
    "item_boundaries": "5",
    "keep_doing": "Vos articles sont utiles.",
    "change": "Moins de messages commerciaux.",
}
