"""The own-data app's entries in the personal-data registry (accounts.personal_data)."""

from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from evidence.models import ActivityImport, FlaggedExcerpt, NetworkEvidence


@personal_data.section(
    "activity_imports",
    models=[ActivityImport],
    descriptions={"activity_imports": _("the summaries of your activity imports.")},
    order=700,
)
def export_activity_imports(user) -> list[dict]:
    return list(
        ActivityImport.objects.filter(owner=user).values(
            "original_name", "network", "status", "counts", "created_at"
        )
    )


@personal_data.section(
    "network_evidence",
    models=[NetworkEvidence],
    descriptions={"network_evidence": _("the practice figures computed from your exports.")},
    order=710,
)
def export_network_evidence(user) -> list[dict]:
    return list(
        NetworkEvidence.objects.filter(owner=user).values(
            "network", "period_start", "period_end", "figures", "computed_at"
        )
    )


@personal_data.section(
    "flagged_excerpts",
    models=[FlaggedExcerpt],
    descriptions={
        "flagged_excerpts": _("the excerpts of your posts and messages kept as examples.")
    },
    order=720,
)
def export_flagged_excerpts(user) -> list[dict]:
    return list(
        FlaggedExcerpt.objects.filter(owner=user).values(
            "network", "kind", "flag", "occurred_on", "excerpt"
        )
    )


@personal_data.eraser(order=10)
def delete_activity_files(user) -> None:
    """An upload not yet read still holds other people's messages: it goes with its row."""
    for job in ActivityImport.objects.filter(owner=user).exclude(file=""):
        job.file.delete(save=False)
