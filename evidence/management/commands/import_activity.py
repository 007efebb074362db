import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from accounts.models import User
from evidence.error_texts import file_error_text, row_skip_text
from evidence.models import ActivityImport
from evidence.readers import NETWORKS
from evidence.services import activity_import_from_bytes, limits

COUNTED = ("posts", "comments", "reactions", "messages", "invitations", "skipped")


class Command(BaseCommand):
    help = (
        "Read a network export (LinkedIn, X, Facebook) for a user, as an upload would, and "
        "print a JSON summary. The file on disk is left as it is."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--owner", required=True, help="email of the account")
        parser.add_argument("file", type=Path)
        parser.add_argument("--network", choices=NETWORKS, default="")

    def handle(self, *args, owner: str, file: Path, network: str, **options):
        user = User.objects.filter(email__iexact=owner).first()
        if user is None:
            raise CommandError(f"No account with the email {owner}.")
        if not file.is_file():
            raise CommandError(f"No file at {file}.")
        with translation.override("en"):  # as the command's other messages
            if file.stat().st_size > limits().max_upload_bytes:
                raise CommandError(file_error_text("too_large", file.name, limits=limits()))
            job = activity_import_from_bytes(
                owner=user, name=file.name, data=file.read_bytes(), network=network
            )
            errors = [
                error | {"message": row_skip_text(error.get("code", ""))} for error in job.errors
            ]
            failed = job.status == ActivityImport.Status.FAILED
            message = (
                file_error_text(job.error_code, job.error_file, limits=limits()) if failed else ""
            )
        summary = {"network": job.network or network or None}
        summary |= {name: job.counts.get(name, 0) for name in COUNTED}
        summary["errors"] = [{"code": job.error_code, "message": message}] if failed else errors
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
        if failed:
            raise CommandError(message)
