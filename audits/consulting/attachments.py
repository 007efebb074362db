"""Message attachments: which files are accepted (by their content, not their name) and where
they are kept (outside MEDIA_ROOT, so no URL serves them; channel_views.attachment does, after
the access check)."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property
from django.utils.translation import gettext as _


class AttachmentStorage(FileSystemStorage):
    """Reads CONSULTING_ATTACHMENT_ROOT when used, not at import (tests point it elsewhere)."""

    @property
    def base_location(self):
        return settings.CONSULTING_ATTACHMENT_ROOT

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    @cached_property
    def base_url(self):
        return None


def attachment_storage() -> FileSystemStorage:
    return AttachmentStorage()


@dataclass(frozen=True)
class Kind:
    content_type: str
    label: str
    extensions: tuple[str, ...]


PDF = Kind("application/pdf", "PDF", (".pdf",))
PNG = Kind("image/png", "PNG", (".png",))
JPEG = Kind("image/jpeg", "JPEG", (".jpg", ".jpeg"))
TEXT = Kind("text/plain", "TXT", (".txt",))
KINDS = (PDF, PNG, JPEG, TEXT)


def sniff(head: bytes) -> Kind | None:
    """The kind the first bytes say the file is, whatever its name claims."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if _is_plain_text(head):
        return TEXT
    return None


def _is_plain_text(head: bytes) -> bool:
    """UTF-8 text without control characters other than tab and line ends (no NUL, no ESC):
    an HTML or SVG file is text too, but it is served as an attachment with nosniff, as
    text/plain, so a browser never renders it."""
    if not head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The sample may cut a multi-byte character at its end.
        if exc.start < len(head) - 3:
            return False
        text = head[: exc.start].decode("utf-8")
    return all(c in "\t\n\r\f" or (ord(c) >= 32 and ord(c) != 127) for c in text)


def check_attachment(upload) -> Kind:
    """The upload's kind, or a ValidationError that says what is accepted."""
    limit = settings.CONSULTING_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(too_large_message())
    if upload.size == 0:
        raise ValidationError(_("This file is empty."))
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    kind = sniff(head)
    name = (upload.name or "").lower()
    if kind is None or not name.endswith(kind.extensions):
        raise ValidationError(
            _(
                "Only PDF, PNG, JPEG or plain-text files (.txt) can be attached; "
                "this file is not one."
            )
        )
    return kind


def too_large_message() -> str:
    limit = settings.CONSULTING_ATTACHMENT_MAX_BYTES
    return _("This file is too large: %(size)s MB at most.") % {"size": _megabytes(limit)}


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:g}" if value >= 1 else f"{value:.1f}"
