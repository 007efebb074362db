"""Helpers for the report tests: a scored audit, an engagement and a review, the PDF's text."""

import io

from pypdf import PdfReader

from audits.consulting.services import (
    engagement_accept,
    engagement_invite,
    review_for,
    review_publish,
    review_save,
)
from audits.models import Audit, FeedbackRequest
from audits.scores.services import audit_compile_scores
from tests.factories import AuditFactory
from tests.helpers.feedback import answer_requests as answer
from tests.helpers.feedback import make_requests

FINDINGS = "Your positioning is clear but your network is thin among recruiters."
ADVICE = "Publish one case study a month on LinkedIn."
DRAFT_FINDINGS = "Unfinished thoughts that the client must never read."
# Self scores as a submitted self-audit stores them: objectives well above what peers see.
SELF_SCORES = {
    "overall": 70.0,
    "pillars": {"strategy": 100.0, "network": 50.0, "engagement": 60.0, "conduct": 25.0},
    "dimensions": {"objectives": 100.0, "boundaries": 25.0},
    "dimensions_on_five": {"objectives": 5.0, "boundaries": 2.0},
    "answered": 20,
    "scorable": 24,
}


def scored_audit(owner=None, responses=4) -> Audit:
    audit = AuditFactory(**({"objective__owner": owner} if owner else {}))
    Audit.objects.filter(pk=audit.pk).update(status="submitted", self_scores=SELF_SCORES)
    audit.refresh_from_db()
    answer(audit, responses, perceptions={"objectives": 3, "boundaries": 5})
    silent = make_requests(audit, "silent@ex.com")  # a request nobody answered
    FeedbackRequest.objects.filter(pk__in=[r.pk for r in silent]).update(status="sent")
    audit_compile_scores(audit_id=audit.pk)
    return audit


def engage(audit, consultant):
    engagement = engagement_invite(client=audit.owner, email=consultant.email)
    return engagement_accept(
        engagement=engagement,
        consultant=consultant,
        not_relative=True,
        not_friend=True,
        not_former_colleague=True,
    )


def write_review(engagement, audit, findings, advice, publish=True):
    review = review_for(engagement=engagement, audit=audit)
    review_save(
        review=review,
        findings=findings,
        ratings={"strategy": (4, "Clear and consistent.")},
        recommendations=[advice],
    )
    if publish:
        review_publish(review=review)
    return review


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
