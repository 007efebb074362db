"""Writes of the consultant's annotations on the automatic recommendations (agreed, adjusted
with their own wording, set aside with a reason).

An annotation belongs to the consultant's review of one audit (one cycle) and is keyed by the
recommendation's stable (code, key): the compiles of that audit update the same rows in place
(audits/scores/services.py `_store_recommendations`), so the annotation keeps applying. A
published review is final, its annotations with it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audits.consulting.models import RecommendationAnnotation, Review
from audits.scores.models import Recommendation

Decision = RecommendationAnnotation.Decision
MAX_TEXT = 2000


def _check_open(review: Review, recommendation: Recommendation) -> None:
    if review.is_published:
        raise ValidationError(_("A published review can no longer be changed."))
    if recommendation.audit_id != review.audit_id:
        # Views reach both through the access checks; this guards any other caller.
        raise ValidationError(_("This recommendation belongs to another audit."))


@transaction.atomic
def annotation_save(
    *, review: Review, recommendation: Recommendation, decision: str, wording: str = "",
    reason: str = "",
) -> RecommendationAnnotation:  # fmt: skip
    _check_open(review, recommendation)
    if decision not in Decision.values:
        raise ValidationError(_("Choose agreed, adjusted or set aside."))
    wording, reason = wording.strip()[:MAX_TEXT], reason.strip()[:MAX_TEXT]
    if decision == Decision.ADJUSTED and not wording:
        raise ValidationError(_("Write your wording of this recommendation."))
    if decision == Decision.SET_ASIDE and not reason:
        raise ValidationError(_("Say why you set this recommendation aside."))
    annotation, _created = RecommendationAnnotation.objects.update_or_create(
        review=review,
        code=recommendation.code,
        key=recommendation.key,
        defaults={
            "decision": decision,
            # Only what the decision needs is kept: an agreement carries no stale wording.
            "wording": wording if decision == Decision.ADJUSTED else "",
            "reason": reason if decision == Decision.SET_ASIDE else "",
            "original_text": dict(recommendation.text or {}),
        },
    )
    return annotation


@transaction.atomic
def annotation_clear(*, review: Review, recommendation: Recommendation) -> None:
    _check_open(review, recommendation)
    RecommendationAnnotation.objects.filter(
        review=review, code=recommendation.code, key=recommendation.key
    ).delete()
