"""The portfolio shows the private channel's unread client messages (the channel's waiting
provider, registered in AuditsConfig.ready), and only the consultant's own engagements'."""

import pytest
from django.urls import reverse

from audits.consulting.access import client_thread, consultant_thread
from audits.consulting.channel import message_post
from tests.factories import AuditFactory, ConsultantFactory
from tests.helpers.consulting import engage

pytestmark = pytest.mark.django_db


def workspace(client, user, **params) -> str:
    client.force_login(user)
    response = client.get(reverse("consulting:workspace"), params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_unread_client_messages_wait_for_the_consultant_until_read(client):
    owner = AuditFactory().owner
    consultant = ConsultantFactory()
    engagement = engage(owner, consultant)
    for body in ("First question", "Second question"):
        message_post(access=client_thread(owner, engagement.pk), author=owner, body=body)

    html = workspace(client, consultant, waiting="messages")
    assert "2 unread messages" in html
    assert reverse("consulting:messages", kwargs={"engagement_id": engagement.pk}) in html

    # Their own reply is not something waiting for them; reading the thread clears the item.
    message_post(
        access=consultant_thread(consultant, engagement.pk), author=consultant, body="Answer"
    )
    client.get(reverse("consulting:messages", kwargs={"engagement_id": engagement.pk}))
    assert "unread message" not in workspace(client, consultant)


def test_another_consultant_s_portfolio_shows_nothing_of_the_thread(client):
    owner = AuditFactory().owner
    engagement = engage(owner, ConsultantFactory())
    message_post(access=client_thread(owner, engagement.pk), author=owner, body="Question")
    other = ConsultantFactory()
    engage(AuditFactory().owner, other)
    assert "unread message" not in workspace(client, other)
