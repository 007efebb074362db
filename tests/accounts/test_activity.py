import pytest
from django.urls import reverse

from accounts.models import Activity
from audits.consulting.services import engagement_revoke
from tests.factories import AuditFactory, ConsultantFactory
from tests.helpers.consulting import engage

pytestmark = pytest.mark.django_db


def test_the_client_sees_when_their_consultant_opens_their_audit_once_an_hour(client):
    audit = AuditFactory()
    consultant = ConsultantFactory(full_name="Dana Consult")
    engage(audit.owner, consultant)
    client.force_login(consultant)

    client.get(reverse("consulting:client", args=[audit.owner.pk]))
    client.get(reverse("consulting:client_network", args=[audit.owner.pk]))

    access = Activity.objects.filter(subject=audit.owner, action="consultant_access")
    assert access.count() == 1
    assert access.get().actor == consultant
    client.force_login(audit.owner)
    page = client.get(reverse("accounts:activity"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "A consultant opened your audit — Dana Consult" in page


def test_exports_and_engagement_changes_are_logged_for_the_people_concerned(client):
    audit = AuditFactory()
    consultant = ConsultantFactory()
    engagement = engage(audit.owner, consultant)
    client.force_login(audit.owner)

    client.get(reverse("contacts:export"))
    client.get(reverse("accounts:my_data_export"))
    engagement_revoke(engagement=engagement, client=audit.owner)

    mine = set(Activity.objects.filter(subject=audit.owner).values_list("action", flat=True))
    assert {"contacts_export", "data_export", "engagement_changed"} <= mine
    theirs = Activity.objects.filter(subject=consultant, action="engagement_changed")
    assert any(a.detail.startswith("revoked") for a in theirs)


def test_nobody_sees_someone_elses_activity(client):
    audit = AuditFactory()
    client.force_login(audit.owner)
    client.get(reverse("accounts:my_data_export"))
    other = AuditFactory().owner
    client.force_login(other)

    page = client.get(reverse("accounts:activity"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Your data was exported" not in page
