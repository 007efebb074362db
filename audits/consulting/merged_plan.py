"""The one plan the client reads: the automatic recommendations as the consultant annotated
them, then the consultant's own, each saying who stands behind it.

Reads only. The caller decides who may read which review: the client's pages and report pass
a PUBLISHED review only (`published_review`); the consultant previews their own draft.
A fixed number of queries whatever the number of recommendations.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from audits.consulting.models import RecommendationAnnotation, Review
from audits.scores.selectors import board_recommendations
from audits.selfaudit.models import Audit

Decision = RecommendationAnnotation.Decision


def attribution(kind: str, name: str) -> str:
    """Who stands behind an item, in the active language (the one place of this wording)."""
    if kind == "agreed":
        return _("ePratiques, agreed by %(name)s") % {"name": name}
    if kind == "adjusted":
        return _("adjusted by %(name)s") % {"name": name}
    if kind == "own":
        return _("%(name)s's recommendation") % {"name": name}
    if kind == "set_aside":
        return _("set aside by %(name)s") % {"name": name}
    if kind == "gone":
        return _("no longer raised")
    return _("ePratiques")


@dataclass
class PlanItem:
    kind: str  # epratiques, agreed, adjusted, own, set_aside, gone
    text: str
    attribution: str
    original: str = ""  # the automatic wording, beside an adjusted or set-aside item
    reason: str = ""
    evidence: str = ""
    step: str = ""
    due_on: object = None
    recommendation_id: int | None = None
    own_id: int | None = None  # a ReviewRecommendation (the client acknowledges it)
    acknowledged_at: object = None


@dataclass
class MergedPlan:
    consultant: str
    items: list[PlanItem] = field(default_factory=list)
    set_aside: list[PlanItem] = field(default_factory=list)  # shown folded, with the reason
    gone: list[PlanItem] = field(default_factory=list)  # annotated, no longer raised

    def __bool__(self) -> bool:
        return bool(self.items or self.set_aside or self.gone)


def consultant_name(review: Review) -> str:
    consultant = review.engagement.consultant
    return consultant.display_name if consultant else _("a former consultant")


def merged_plan(review: Review, audit: Audit | None = None) -> MergedPlan:
    """Three queries (none for what is prefetched): the audit's recommendations, the
    annotations, the consultant's own. `audit` spares loading the review's when known."""
    name = consultant_name(review)
    plan, more, closed = board_recommendations(audit or review.audit)
    automatic = [*plan, *(rec for items in more.values() for rec in items)]
    annotations = {(a.code, a.key): a for a in review.annotations.all()}
    merged = MergedPlan(consultant=name)
    for rec in automatic:
        note = annotations.get((rec.code, rec.key))
        item = PlanItem(
            kind="epratiques",
            text=rec.local_text,
            attribution=attribution("epratiques", name),
            evidence=rec.local_evidence,
            step=rec.local_step,
            due_on=rec.due_on,
            recommendation_id=rec.pk,
        )
        if note is not None:
            item.kind = note.decision
            item.attribution = attribution(note.decision, name)
            if note.decision == Decision.ADJUSTED:
                item.text, item.original = note.wording, rec.local_text
            elif note.decision == Decision.SET_ASIDE:
                item.reason = note.reason
        (merged.set_aside if item.kind == Decision.SET_ASIDE else merged.items).append(item)
    # An action the client marked done or dismissed is theirs to have closed: not "gone".
    raised = {(r.code, r.key) for r in [*automatic, *closed]}
    for (code, key), note in annotations.items():
        if (code, key) not in raised:
            merged.gone.append(
                PlanItem(
                    kind="gone",
                    text=note.wording or note.local_original(),
                    original=note.local_original(),
                    reason=note.reason,
                    attribution=attribution("gone", name),
                )
            )
    for own in review.recommendations.all():
        merged.items.append(
            PlanItem(
                kind="own",
                text=own.text,
                attribution=attribution("own", name),
                own_id=own.pk,
                acknowledged_at=own.acknowledged_at,
            )
        )
    return merged


def published_review(audit: Audit) -> Review | None:
    """The latest PUBLISHED review of the audit; a draft is never the client's to read."""
    return (
        Review.objects.filter(audit=audit, status=Review.Status.PUBLISHED)
        .select_related("engagement__consultant", "audit")
        .prefetch_related("pillars", "recommendations", "annotations")
        .order_by("-published_at", "-id")
        .first()
    )
