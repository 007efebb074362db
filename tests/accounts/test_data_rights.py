import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from audits.models import (
    Audit,
    Engagement,
    FeedbackLink,
    FeedbackOptOut,
    FeedbackRequest,
    FeedbackResponse,
    Objective,
)
from audits.services.feedback import (
    feedback_answer,
    feedback_decline,
    feedback_link_issue,
    feedback_purge,
)
from contacts.models import Contact
from tests.consulting.conftest import engage
from tests.factories import PASSWORD, AuditFactory, ConsultantFactory
from tests.feedback.conftest import make_requests

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_with_everything():
    audit = AuditFactory()
    owner = audit.owner
    Contact.objects.create(
        owner=owner, full_name="Ana Lopes", email="ana@ex.com", networks="linkedin"
    )
    requests = make_requests(audit, "a@ex.com", "b@ex.com", "c@ex.com")
    FeedbackRequest.objects.filter(audit=audit).update(status="sent")
    for request in requests:
        request.refresh_from_db()
        feedback_answer(
            request=request,
            appraisal="positive",
            perceptions={},
            keep_doing="Secret words",
            change="",
        )
    engage(owner, ConsultantFactory())
    return owner, audit


def test_a_user_downloads_all_their_data_without_individual_peer_answers(
    client, owner_with_everything
):
    owner, audit = owner_with_everything
    client.force_login(owner)

    response = client.get(reverse("accounts:my_data_export"))

    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == owner.email
    assert data["contacts"][0]["full_name"] == "Ana Lopes"
    assert data["audits"][0]["id"] == audit.pk
    assert len(data["audits"][0]["feedback_requests"]) == 3
    assert data["engagements"][0]["status"] == "active"
    assert "Secret words" not in response.content.decode()  # answers only as totals


def test_erasing_the_account_needs_the_email_and_password(client, owner_with_everything):
    owner, _audit = owner_with_everything
    client.force_login(owner)

    wrong = client.post(
        reverse("accounts:my_data"),
        {"email": owner.email, "password": "nope"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert "The password is not correct." in wrong.content.decode()
    assert User.objects.filter(pk=owner.pk).exists()


def test_erasing_the_account_removes_everything_it_owns_but_peers_opt_outs(
    client, owner_with_everything
):
    owner, audit = owner_with_everything
    (extra,) = make_requests(audit, "optout@ex.com")
    feedback_decline(request=extra, opt_out=True)
    client.force_login(owner)

    response = client.post(
        reverse("accounts:my_data"), {"email": owner.email.upper(), "password": PASSWORD}
    )

    assert response.status_code == 302
    assert not User.objects.filter(pk=owner.pk).exists()
    for model in (Audit, Objective, Contact, FeedbackRequest, FeedbackResponse, Engagement):
        assert not model.objects.exists(), model.__name__
    assert FeedbackOptOut.objects.count() == 1
    assert client.get(reverse("dashboard")).status_code == 302


def test_contacts_can_be_deleted(client):
    audit = AuditFactory()
    mine = [
        Contact.objects.create(owner=audit.owner, full_name=f"P{i}", networks="google")
        for i in range(3)
    ]
    theirs = Contact.objects.create(owner=AuditFactory().owner, full_name="T", networks="x")
    client.force_login(audit.owner)

    client.post(
        reverse("contacts:list"),
        {
            "ids": [mine[0].pk, mine[1].pk],
            "action": "delete",
            "role_category": "__keep__",
            "sector": "__keep__",
            "relationship": "__keep__",
        },
    )
    client.post(
        reverse("contacts:list"),
        {
            "ids": [theirs.pk],
            "action": "delete",
            "role_category": "__keep__",
            "sector": "__keep__",
            "relationship": "__keep__",
        },
    )

    assert list(Contact.objects.filter(owner=audit.owner)) == [mine[2]]
    assert Contact.objects.filter(pk=theirs.pk).exists()


def test_the_retention_job_purges_dead_links_and_forgets_old_recipients():
    audit = AuditFactory()
    answered, waiting, old = make_requests(audit, "a@ex.com", "b@ex.com", "c@ex.com")
    for request in (answered, waiting, old):
        feedback_link_issue(request=request)
    answered.refresh_from_db()
    feedback_answer(request=answered, appraisal="neutral", perceptions={}, keep_doing="", change="")
    FeedbackRequest.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=400), status="expired"
    )

    links, forgotten = feedback_purge()

    assert links == 2
    assert list(FeedbackLink.objects.values_list("request_id", flat=True)) == [waiting.pk]
    assert forgotten == 1
    old.refresh_from_db()
    assert (old.email, old.name, old.status) == ("", "", "expired")
