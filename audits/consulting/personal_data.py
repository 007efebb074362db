"""Consulting's entries in the personal-data registry (accounts.personal_data)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from audits.consulting.models import (
    Engagement,
    RecommendationAnnotation,
    Review,
    ReviewPillar,
    ReviewRecommendation,
)
from audits.consulting.services import OPEN_STATUSES


@personal_data.section(
    "reviews",
    models=[Review, ReviewPillar, ReviewRecommendation],
    descriptions={
        "reviews": _("the consultants' published reviews of your audits."),
        "reviews_pillars": _("each review's rating and comment per pillar."),
        "reviews_recommendations": _("the consultants' recommendations in each review."),
    },
    order=500,
)
def export_reviews(user) -> list[dict]:
    # A draft is the consultant's work in progress, not yet something the client may read.
    reviews = Review.objects.filter(audit__owner=user, status=Review.Status.PUBLISHED)
    return [
        {
            "audit": review.audit_id,
            "consultant": getattr(review.engagement.consultant, "email", ""),
            "status": review.status,
            "findings": review.findings,
            "published_at": review.published_at,
            "pillars": list(review.pillars.values("pillar", "rating", "comment")),
            "recommendations": list(review.recommendations.values("text", "acknowledged_at")),
        }
        for review in reviews.select_related("engagement__consultant").order_by("audit_id", "pk")
    ]


@personal_data.section(
    "engagements",
    models=[Engagement],
    descriptions={
        "engagements": _("your engagements with consultants, as client or as consultant.")
    },
    order=700,
)
def export_engagements(user) -> list[dict]:
    return list(
        Engagement.objects.filter(client=user).values(
            "invited_email",
            "status",
            "share_contacts",
            "independence_declared_at",
            "created_at",
            "ended_at",
        )
    ) + list(
        Engagement.objects.filter(consultant=user).values(
            "client__email", "status", "independence_declared_at", "created_at", "ended_at"
        )
    )


@personal_data.section(
    "reviews_written",
    models=[],
    descriptions={"reviews_written": _("as a consultant, the reviews you wrote for your clients.")},
    order=710,
)
def export_reviews_written(user) -> list[dict]:
    return list(
        Review.objects.filter(engagement__consultant=user).values(
            "audit__owner__email", "status", "findings", "published_at"
        )
    )


@personal_data.eraser(order=60)
def detach_consultant(user) -> None:
    """A consultant's erasure keeps their clients' published reviews (shown as written by a
    former consultant): their engagements lose the person, drafts go, open ones end."""
    engagements = Engagement.objects.filter(Q(consultant=user) | Q(invited_email=user.email))
    engagements = engagements.exclude(client=user)
    Review.objects.filter(engagement__in=engagements, status=Review.Status.DRAFT).delete()
    engagements.filter(status__in=OPEN_STATUSES).update(
        status=Engagement.Status.ENDED, ended_at=timezone.now()
    )
    engagements.update(consultant=None, invited_email="")


# --- Independence checks and the private channel (issue 20) ---------------------------------
#
# The thread belongs to the engagement, and both parties' exports hold it whole (each message
# with who wrote it). A consultant's erasure keeps the thread for the client: the messages
# stay, their author shows as "a deleted account" (Message.author is SET_NULL and the
# engagement loses the consultant in detach_consultant), attachments included, since the
# client received them. A client's erasure removes the engagement, so the thread and its files
# go with it (they are about the client's audit); the consultant's copy is their own export.

from audits.consulting.models import IndependenceCheck, Message  # noqa: E402


def _party(user, engagement) -> str:
    other = engagement.consultant if engagement.client_id == user.pk else engagement.client
    return getattr(other, "email", "") or "a deleted account"


@personal_data.section(
    "messages",
    models=[Message],
    descriptions={
        "messages": _(
            "the private threads with your consultants or clients: every message, by you or "
            "the other party, and the names of attached files."
        )
    },
    order=720,
)
def export_messages(user) -> list[dict]:
    messages = (
        Message.objects.filter(Q(engagement__client=user) | Q(engagement__consultant=user))
        .select_related("engagement__client", "engagement__consultant", "author")
        .order_by("engagement_id", "created_at", "pk")
    )
    return [
        {
            "engagement": m.engagement_id,
            "with": _party(user, m.engagement),
            "author": "you" if m.author_id == user.pk else (
                getattr(m.author, "email", "") or "a deleted account"
            ),
            "author_role": m.author_role,
            "body": m.body,
            "attachment": m.attachment_name,
            "attachment_size": m.attachment_size,
            "created_at": m.created_at,
            "read_at": m.read_at,
        }
        for m in messages
    ]  # fmt: skip


@personal_data.section(
    "independence_checks",
    models=[IndependenceCheck],
    descriptions={
        "independence_checks": _(
            "the independence checks of your engagements: which contact matched, on which key, "
            "the explanation given and its approval."
        )
    },
    order=730,
)
def export_independence_checks(user) -> list[dict]:
    checks = IndependenceCheck.objects.filter(
        Q(engagement__client=user) | Q(engagement__consultant=user)
    ).select_related("engagement")
    rows = []
    for check in checks.order_by("engagement_id"):
        as_client = check.engagement.client_id == user.pk
        rows.append(
            {
                "engagement": check.engagement_id,
                "as": "client" if as_client else "consultant",
                "status": check.status,
                # The client's contact ids are the client's data; the consultant gets the keys.
                "matches": check.matches
                if as_client
                else [{"key": m.get("key"), "relationship": m.get("relationship")}
                      for m in check.matches],
                "shared_employers": check.shared_employers,
                "explanation": check.explanation,
                "explained_at": check.explained_at,
                "approved_at": check.approved_at,
            }
        )  # fmt: skip
    return rows


@personal_data.eraser(order=50)
def delete_thread_files(user) -> None:
    """Rows go with the client's engagements; their files on disk must be removed by hand."""
    for message in Message.objects.filter(engagement__client=user).exclude(attachment=""):
        message.attachment.delete(save=False)


# --- Annotated recommendations (issue 20, item 2) ------------------------------------------
# No eraser of their own: an annotation goes with its review (CASCADE), so the client's
# erasure (their audits) and `detach_consultant` (drafts deleted) already remove what must go;
# a published review keeps its annotations, as it keeps its other recommendations.


@personal_data.section(
    "review_annotations",
    models=[RecommendationAnnotation],
    descriptions={
        "review_annotations": _(
            "the consultants' annotations of the automatic recommendations: agreed, adjusted "
            "or set aside (as client, of published reviews; as consultant, all of yours)."
        )
    },
    order=740,
)
def export_review_annotations(user) -> list[dict]:
    fields = ("review__audit_id", "code", "key", "decision", "wording", "reason", "updated_at")
    as_client = RecommendationAnnotation.objects.filter(
        review__audit__owner=user, review__status=Review.Status.PUBLISHED
    )
    as_consultant = RecommendationAnnotation.objects.filter(review__engagement__consultant=user)
    return [{"as": "client", **row} for row in as_client.order_by("pk").values(*fields)] + [
        {"as": "consultant", **row} for row in as_consultant.order_by("pk").values(*fields)
    ]
