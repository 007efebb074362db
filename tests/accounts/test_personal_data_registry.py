"""The personal-data registry: complete, and what it exports and erases holds under attack."""

import json

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from accounts import personal_data
from accounts.activity import activity_record
from accounts.data_sections import ERASED_PERSON
from accounts.models import Activity, User
from accounts.services import user_erase
from audits.consulting.models import Engagement, Review
from audits.consulting.services import review_for, review_publish, review_save
from tests.factories import AuditFactory, ConsultantFactory
from tests.helpers.consulting import engage

pytestmark = pytest.mark.django_db

OUR_APPS = ("accounts", "audits", "contacts", "evidence")


def test_every_model_of_our_apps_is_exported_or_declared_not_personal():
    known = personal_data.covered_models()
    missing = [
        model._meta.label
        for label in OUR_APPS
        for model in apps.get_app_config(label).get_models()
        if model not in known
    ]
    assert missing == [], f"models with no personal-data registration: {missing}"


def test_the_registry_refuses_a_section_registered_twice():
    with pytest.raises(ValueError, match="registered twice"):
        personal_data.section("contacts", models=[])(lambda user: [])


@pytest.fixture
def engaged():
    audit = AuditFactory()
    consultant = ConsultantFactory(full_name="Claire Conseil")
    engagement = engage(audit.owner, consultant)
    return audit, consultant, engagement


def _review(engagement, audit, findings, *, publish):
    review = review_save(
        review=review_for(engagement=engagement, audit=audit),
        findings=findings,
        ratings={},
        recommendations=[],
    )
    return review_publish(review=review) if publish else review


def test_the_client_s_export_never_holds_a_consultant_s_draft(client, engaged):
    audit, _consultant, engagement = engaged
    _review(engagement, audit, "Draft thoughts not for the client yet", publish=False)
    client.force_login(audit.owner)

    text = client.get(reverse("accounts:my_data_export")).content.decode()
    archive = client.get(reverse("accounts:my_data_export_csv")).getvalue()

    assert "Draft thoughts" not in text
    assert b"Draft thoughts" not in archive
    assert json.loads(text)["reviews"] == []


def test_the_client_s_export_holds_the_published_review(client, engaged):
    audit, _consultant, engagement = engaged
    _review(engagement, audit, "Published findings", publish=True)
    client.force_login(audit.owner)

    data = json.loads(client.get(reverse("accounts:my_data_export")).content)

    assert [r["findings"] for r in data["reviews"]] == ["Published findings"]


def test_an_erased_client_leaves_no_name_in_the_consultant_s_log(client, engaged):
    audit, consultant, _engagement = engaged
    owner = audit.owner
    # An entry written the old way, with the client's name and address in the detail.
    activity_record(
        subject=consultant,
        actor=owner,
        action=Activity.Action.ENGAGEMENT_CHANGED,
        detail=f"accepted: {owner.full_name} <{owner.email.upper()}>",
    )
    names = (owner.full_name, owner.email)

    user_erase(user=owner)

    client.force_login(consultant)
    page = client.get(reverse("accounts:activity")).content.decode()
    export = client.get(reverse("accounts:my_data_export")).content.decode()
    details = list(Activity.objects.filter(subject=consultant).values_list("detail", flat=True))
    for name in names:
        assert name.lower() not in page.lower()
        assert name.lower() not in export.lower()
        assert not any(name.lower() in d.lower() for d in details)
    assert any(ERASED_PERSON in d for d in details)


def test_erasing_an_account_signs_out_every_browser(engaged):
    audit, _consultant, _engagement = engaged
    owner = audit.owner
    browsers = [Client(), Client()]
    for browser in browsers:
        browser.force_login(owner)
    other = Client()
    other.force_login(_consultant)
    assert Session.objects.count() == 3

    user_erase(user=owner)

    assert Session.objects.count() == 1
    assert browsers[1].get(reverse("dashboard")).status_code == 302


def test_a_consultant_s_erasure_keeps_the_client_s_published_review(client, engaged):
    audit, consultant, engagement = engaged
    published = _review(engagement, audit, "Kept for the client", publish=True)

    user_erase(user=consultant)

    assert not User.objects.filter(pk=consultant.pk).exists()
    review = Review.objects.get(pk=published.pk)
    assert review.engagement.consultant is None
    engagement = Engagement.objects.get(pk=engagement.pk)
    assert engagement.invited_email == ""
    assert engagement.status == Engagement.Status.ENDED
    client.force_login(audit.owner)
    page = client.get(reverse("audits:review_read", args=[audit.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Kept for the client" in text
    assert consultant.email not in text and "Claire Conseil" not in text
