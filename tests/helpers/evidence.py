"""Helpers for the own-data tests: the fixture exports, as files or as the networks' ZIPs."""

import io
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

FIXTURES = Path(__file__).resolve().parent.parent / "evidence" / "fixtures"


def fixture_bytes(relative: str) -> bytes:
    return (FIXTURES / relative).read_bytes()


def zip_of(folder: str, prefix: str = "Basic_LinkedInDataExport/", only=None) -> bytes:
    """The fixture folder as the network's ZIP would hold it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((FIXTURES / folder).iterdir()):
            if only is None or path.name in only:
                archive.write(path, prefix + path.name)
    return buffer.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)
