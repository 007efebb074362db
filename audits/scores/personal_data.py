"""Scores' entries in the personal-data registry (accounts.personal_data)."""

from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from audits.scores.models import Recommendation, ScoreSnapshot


@personal_data.section(
    "snapshots",
    models=[ScoreSnapshot],
    descriptions={"snapshots": _("the history of your reputation scores.")},
    order=400,
)
def export_snapshots(user) -> list[dict]:
    return list(
        ScoreSnapshot.objects.filter(audit__owner=user)
        .order_by("audit_id", "computed_at")
        .values("audit", "computed_at", "algorithm", "overall", "confidence")
    )


@personal_data.section(
    "recommendations",
    models=[Recommendation],
    descriptions={"recommendations": _("the recommendations made to you and their status.")},
    order=410,
)
def export_recommendations(user) -> list[dict]:
    return list(
        Recommendation.objects.filter(audit__owner=user)
        .order_by("audit_id", "pk")
        .values("audit", "code", "key", "severity", "status", "text")
    )
