"""The self-audit's entries in the personal-data registry (accounts.personal_data)."""

from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from audits.selfaudit.models import Answer, Audit, Objective


@personal_data.section(
    "objectives",
    models=[Objective],
    descriptions={"objectives": _("your objectives and the profiles each one needs.")},
    order=100,
)
def export_objectives(user) -> list[dict]:
    return list(
        Objective.objects.filter(owner=user).values(
            "id",
            "kind",
            "title",
            "target_quantity",
            "target_unit",
            "deadline",
            "needed_roles",
            "needed_sectors",
            "created_at",
        )
    )


@personal_data.section(
    "audits",
    models=[Audit, Answer],
    descriptions={
        "audits": _(
            "your audits: status, dates, self-audit scores and the peers' answers as anonymous "
            "totals only (peer_figures)."
        ),
        "audits_answers": _("every answer you gave in your self-audits."),
    },
    order=200,
)
def export_audits(user) -> list[dict]:
    audits = Audit.objects.filter(owner=user).select_related("questionnaire")
    return [
        {
            "id": audit.pk,
            "objective": audit.objective_id,
            "questionnaire": f"{audit.questionnaire.code} v{audit.questionnaire.version}",
            "status": audit.status,
            "started_at": audit.started_at,
            "submitted_at": audit.submitted_at,
            "cycle": audit.cycle,
            "previous": audit.previous_id,
            "self_scores": audit.self_scores,
            "answers": [
                {"question": a.question.code, "value": a.raw_value(a.question.kind)}
                for a in audit.answers.select_related("question", "choice")
            ],
            "peer_figures": audit.peer_summary,
        }
        for audit in audits.prefetch_related(None)
    ]


@personal_data.eraser(order=50)
def delete_audits(user) -> None:
    # Audits protect their objective: remove them first, then the rest cascades.
    Audit.objects.filter(owner=user).delete()
    Objective.objects.filter(owner=user).delete()
