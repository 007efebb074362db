"""Helpers for tests of contact imports."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from contacts.absence_texts import row_error_text
from contacts.importers import RowError


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def english_text(item: RowError) -> str:
    """A row error as the pages word it, in English."""
    with translation.override("en"):
        return row_error_text(item.as_dict())
