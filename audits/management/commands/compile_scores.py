import json

from django.core.management.base import BaseCommand, CommandError

from audits.scores.services import audit_compile_scores
from audits.selfaudit.models import Audit


class Command(BaseCommand):
    help = "Compile an audit's scores now (the same job the worker runs) and print them."

    def add_arguments(self, parser) -> None:
        parser.add_argument("audit_id", type=int)
        parser.add_argument("--json", action="store_true", help="print the snapshot as JSON")

    def handle(self, *args, audit_id: int, **options) -> None:
        if not Audit.objects.filter(pk=audit_id).exists():
            raise CommandError(f"No audit with id {audit_id}.")
        snapshot = audit_compile_scores(audit_id=audit_id)
        data = {
            "audit": audit_id,
            "snapshot": snapshot.pk,
            "algorithm": snapshot.algorithm,
            "computed_at": snapshot.computed_at.isoformat(),
            "overall": snapshot.overall,
            "confidence": snapshot.confidence,
            "figures": snapshot.figures,
            "recommendations": list(
                snapshot.audit.recommendations.filter(active=True)
                .order_by("code", "key")
                .values("code", "key", "severity", "pillar", "status")
            ),
        }
        if options["json"]:
            self.stdout.write(_dumps(data))
        else:
            self.stdout.write(
                f"audit {audit_id}: overall {snapshot.overall} ({snapshot.confidence}), "
                f"{len(data['recommendations'])} recommendations"
            )


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
