"""The report and its PDF carry the consultant's merged plan and findings once published,
for the client and for the consultant, and nothing of a draft."""

import pytest
from django.urls import reverse

from audits.consulting.annotations import annotation_save
from audits.consulting.services import engagement_revoke, review_for, review_publish, review_save
from audits.scores.models import Recommendation
from tests.factories import ConsultantFactory
from tests.helpers.reports import engage, pdf_text, scored_audit

pytestmark = pytest.mark.django_db

FINDINGS = "Your answers to comments come late; your goals are clear."
ADJUSTED = "Answer every comment within two working days."
REASON = "Three answers are too few to draw that conclusion."
OWN = "Publish a short case study every month."


@pytest.fixture
def reviewed():
    audit = scored_audit()
    audit.owner.language = "en"
    audit.owner.save(update_fields=["language"])
    consultant = ConsultantFactory(full_name="Claire Conseil", language="en")
    engagement = engage(audit, consultant)
    review = review_for(engagement=engagement, audit=audit)
    recs = {r.code: r for r in Recommendation.objects.filter(audit=audit)}
    annotation_save(review=review, recommendation=recs["blind_spot"], decision="agreed")
    annotation_save(
        review=review,
        recommendation=recs["emotional_reactions"],
        decision="adjusted",
        wording=ADJUSTED,
    )
    annotation_save(
        review=review,
        recommendation=recs["too_few_responses"],
        decision="set_aside",
        reason=REASON,
    )
    review_save(review=review, findings=FINDINGS, ratings={}, recommendations=[OWN])
    return audit, consultant, engagement, review


def owner_pdf(client, audit) -> str:
    client.force_login(audit.owner)
    response = client.get(reverse("audits:report_pdf", args=[audit.pk]))
    assert response.status_code == 200
    return pdf_text(response)


def test_the_pdf_holds_nothing_of_the_draft(client, reviewed):
    audit, *_ = reviewed

    text = owner_pdf(client, audit)

    for secret in (FINDINGS, ADJUSTED, REASON, OWN, "Claire Conseil"):
        assert secret not in text


def test_the_pdf_holds_the_merged_plan_and_findings_once_published(client, reviewed):
    audit, _consultant, _engagement, review = reviewed
    review_publish(review=review)

    text = owner_pdf(client, audit)

    assert FINDINGS in text
    assert "Your plan, with your consultant's annotations" in text
    assert ADJUSTED in text and "adjusted by Claire Conseil" in text
    assert "ePratiques, agreed by Claire Conseil" in text
    assert OWN in text and "Claire Conseil's recommendation" in text
    assert REASON in text and "set aside by Claire Conseil" in text


def test_the_consultant_downloads_the_same_pdf(client, reviewed):
    audit, consultant, _engagement, review = reviewed
    review_publish(review=review)
    client.force_login(consultant)

    response = client.get(
        reverse("consulting:client_report_pdf", args=[audit.owner_id, audit.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    text = pdf_text(response)
    assert ADJUSTED in text and OWN in text and REASON in text and FINDINGS in text


def test_the_consultant_s_pdf_holds_no_draft_either(client, reviewed):
    audit, consultant, *_ = reviewed
    client.force_login(consultant)

    text = pdf_text(
        client.get(reverse("consulting:client_report_pdf", args=[audit.owner_id, audit.pk]))
    )

    assert ADJUSTED not in text and OWN not in text


def test_another_or_revoked_consultant_gets_no_pdf(client, reviewed):
    audit, consultant, engagement, review = reviewed
    review_publish(review=review)
    url = reverse("consulting:client_report_pdf", args=[audit.owner_id, audit.pk])
    client.force_login(ConsultantFactory())
    assert client.get(url).status_code == 404
    engagement_revoke(engagement=engagement, client=audit.owner)
    client.force_login(consultant)
    response = client.get(url)
    assert response.status_code == 403
    assert ADJUSTED not in response.content.decode()
