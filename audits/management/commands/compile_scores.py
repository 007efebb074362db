import json

from django.core.management.base import BaseCommand, CommandError

from audits.scores.services import audit_compile_scores
from audits.scores.summary import score_object
from audits.selfaudit.models import Audit


class Command(BaseCommand):
    help = "Compile an audit's scores now (the same job the worker runs) and print them."

    def add_arguments(self, parser) -> None:
        parser.add_argument("audit_id", type=int)
        parser.add_argument(
            "--json",
            action="store_true",
            help="print the score object documented in docs/scoring.md",
        )

    def handle(self, *args, audit_id: int, **options) -> None:
        if not Audit.objects.filter(pk=audit_id).exists():
            raise CommandError(f"No audit with id {audit_id}.")
        snapshot = audit_compile_scores(audit_id=audit_id)
        data = score_object(snapshot)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(
                f"audit {audit_id}: overall {data['overall']} ({data['confidence']['level']}), "
                f"plan {', '.join(data['plan']) or '—'}, "
                f"{len(data['recommendations'])} recommendations"
            )
