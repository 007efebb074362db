import json
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from accounts.models import User
from contacts.absence_texts import row_error_text
from contacts.importers import FORMATS
from contacts.importers.base import MAX_FILE_BYTES, ImportFileError
from contacts.importers.generic_csv import guess_mapping, read_header
from contacts.models import ContactImport
from contacts.services.imports import contact_import_create, contact_import_run


class Command(BaseCommand):
    help = "Import a contact file for a user, as an upload would, and print a JSON summary."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--owner", required=True, help="email of the account")
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=FORMATS, default="")
        parser.add_argument("--network", default="")

    def handle(self, *args, owner: str, file: Path, format: str, network: str, **options):
        user = User.objects.filter(email__iexact=owner).first()
        if user is None:
            raise CommandError(f"No account with the email {owner}.")
        if not file.is_file():
            raise CommandError(f"No file at {file}.")
        if file.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(f"{file} is larger than {MAX_FILE_BYTES // 1024 // 1024} MB.")
        upload = SimpleUploadedFile(file.name, file.read_bytes())
        mapping = None
        if format == "generic_csv" or (not format and file.suffix.lower() == ".csv"):
            try:
                mapping = guess_mapping(read_header(upload.read())) or None
            except ImportFileError:
                mapping = None
            upload.seek(0)
        job = contact_import_create(
            owner=user,
            upload=upload,
            fmt=format,
            network=network,
            mapping=mapping,
            check_quota=False,
        )
        if job.status == ContactImport.Status.MAPPING:
            raise CommandError("The columns of this CSV could not be recognised.")
        if job.status == ContactImport.Status.PENDING:
            contact_import_run(import_id=job.pk)
        job.refresh_from_db()
        with translation.override("en"):  # as the command's other messages
            errors = [error | {"message": row_error_text(error)} for error in job.errors]
        summary = {
            "created": job.created,
            "merged": job.merged,
            "skipped": job.skipped,
            "errors": errors,
        }
        if job.status == ContactImport.Status.FAILED:
            summary["failed"] = job.error_code
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
        if job.status == ContactImport.Status.FAILED:
            raise CommandError(f"Import failed: {job.error_code}")
