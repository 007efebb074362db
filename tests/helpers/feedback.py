"""Helpers for tests that ask peers for feedback, answer and release."""

import re
import uuid

from django.urls import reverse

from audits.feedback.services import (
    Recipient,
    feedback_link_issue,
    feedback_requests_create,
    link_create,
)


def make_requests(audit, *emails, relationship="client", names=()):
    recipients = [Recipient(email=e) for e in emails] + [Recipient(name=n) for n in names]
    return feedback_requests_create(
        audit=audit,
        recipients=recipients,
        relationship=relationship,
        message="Votre avis compte",
        language="fr",
    ).created


def answer_requests(audit, count, appraisal="positive", perceptions=None, release=True) -> None:
    """`count` new people asked and answering the same way, then a release (if k answers wait:
    answers reach FeedbackResponse only in batches, audits/feedback/release.py)."""
    from audits.feedback.release import feedback_release
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
    if release:
        feedback_release(audit_id=audit.pk)


def link_from(message) -> str:
    match = re.search(r"https?://[^/\s]+(/f/[A-Za-z0-9_\-]+/)", message.body)
    assert match, message.body
    return match.group(1)


def fresh_token(request) -> str:
    """A working token: copied for a link-only request; for an emailed one, the token an
    email would carry (an emailed request never yields a copied link)."""
    from audits.models import FeedbackRequest

    if request.delivery != FeedbackRequest.Delivery.EMAIL:
        return feedback_link_issue(request=request)
    token = link_create(request=request, emailed=True)
    FeedbackRequest.objects.filter(pk=request.pk, status="pending").update(status="sent")
    return token


def fresh_link(request) -> str:
    return reverse("peer", args=[fresh_token(request)])


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
