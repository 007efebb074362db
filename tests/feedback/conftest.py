import re

import pytest
from django.urls import reverse

from audits.services.feedback import Recipient, feedback_link_issue, feedback_requests_create
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


def link_from(message) -> str:
    match = re.search(r"https?://[^/\s]+(/f/[A-Za-z0-9_\-]+/)", message.body)
    assert match, message.body
    return match.group(1)


def fresh_link(request) -> str:
    token = feedback_link_issue(request=request)
    return reverse("peer", args=[token])


ANSWER = {
    "appraisal": "positive",
    "pillar_strategy": "4",
    "pillar_network": "3",
    "pillar_engagement": "",
    "pillar_conduct": "5",
    "keep_doing": "Vos articles sont utiles.",
    "change": "Moins de messages commerciaux.",
}
