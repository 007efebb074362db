import pytest
from django.urls import reverse

from audits.models import Review, ReviewRecommendation
from tests.helpers.consulting import engage

pytestmark = pytest.mark.django_db

REVIEW = {
    "findings": "A clear strategy, but a monologue.",
    "rating_strategy": "4",
    "comment_strategy": "Measurable goals.",
    "rating_engagement": "2",
    "comment_engagement": "Answer your comments.",
    "recommendation_0": "Reply to every comment within two days.",
    "recommendation_1": "",
}


def test_a_review_is_drafted_published_read_and_acknowledged(
    client, audit, consultant, mailoutbox, django_capture_on_commit_callbacks
):
    engage(audit.owner, consultant)
    url = reverse("consulting:review", args=[audit.owner.pk, audit.pk])
    client.force_login(consultant)

    client.post(url, {**REVIEW, "action": "save"})
    review = Review.objects.get(audit=audit)
    assert review.status == Review.Status.DRAFT
    owner = client.__class__()
    owner.force_login(audit.owner)
    assert (
        "A clear strategy"
        not in owner.get(reverse("audits:review_read", args=[audit.pk])).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**REVIEW, "action": "publish"})
    review.refresh_from_db()
    assert review.status == Review.Status.PUBLISHED
    assert mailoutbox[-1].to == [audit.owner.email]
    page = owner.get(reverse("audits:review_read", args=[audit.pk])).content.decode()
    assert "A clear strategy" in page
    assert "Reply to every comment within two days." in page
    review.refresh_from_db()
    assert review.read_at is not None

    rec = ReviewRecommendation.objects.get(review=review)
    owner.post(
        reverse("audits:review_read", args=[audit.pk]),
        {"review": review.pk, "recommendation": rec.pk},
    )
    rec.refresh_from_db()
    assert rec.acknowledged_at is not None


def test_a_published_review_can_no_longer_change(client, audit, consultant):
    engage(audit.owner, consultant)
    url = reverse("consulting:review", args=[audit.owner.pk, audit.pk])
    client.force_login(consultant)
    client.post(url, {**REVIEW, "action": "publish"})

    client.post(url, {**REVIEW, "findings": "Changed", "action": "save"})

    assert Review.objects.get(audit=audit).findings == REVIEW["findings"]


def test_an_empty_review_cannot_be_published(client, audit, consultant):
    engage(audit.owner, consultant)
    client.force_login(consultant)

    client.post(
        reverse("consulting:review", args=[audit.owner.pk, audit.pk]),
        {"findings": "", "action": "publish"},
    )

    assert Review.objects.get(audit=audit).status == Review.Status.DRAFT


def test_a_rating_out_of_range_is_refused(client, audit, consultant):
    engage(audit.owner, consultant)
    client.force_login(consultant)

    response = client.post(
        reverse("consulting:review", args=[audit.owner.pk, audit.pk]),
        {**REVIEW, "rating_strategy": "9", "action": "save"},
    )

    assert response.status_code == 200
    assert not Review.objects.filter(audit=audit, findings=REVIEW["findings"]).exists()


def test_a_forged_acknowledgement_reaches_nothing(client, audit, consultant):
    from tests.factories import AuditFactory

    engage(audit.owner, consultant)
    client.force_login(consultant)
    client.post(
        reverse("consulting:review", args=[audit.owner.pk, audit.pk]),
        {**REVIEW, "action": "publish"},
    )
    rec = ReviewRecommendation.objects.get()
    other = AuditFactory()
    client.force_login(other.owner)

    client.post(
        reverse("audits:review_read", args=[other.pk]),
        {"review": rec.review_id, "recommendation": rec.pk},
    )

    rec.refresh_from_db()
    assert rec.acknowledged_at is None
