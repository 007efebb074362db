"""The demo's in-app outbox: `make run` keeps sent emails in a file, read at /dev/outbox/.

With DEBUG on and no EMAIL_HOST, emails (verification links, password resets, invitations,
peer requests) go to OUTBOX_PATH, one JSON object a line, instead of the terminal, where raw
MIME (encoded subjects, quoted-printable bodies) buried the demo's logins. The page at
/dev/outbox/ exists only with DEBUG on and shows them readable, links clickable.
"""

import json
import threading
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

OUTBOX_KEEP = 200  # the newest messages kept; the demo needs no archive
_lock = threading.Lock()


def outbox_path() -> Path:
    return Path(settings.OUTBOX_PATH)


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        records = [
            {
                "sent_at": timezone.now().isoformat(),
                "from": message.from_email,
                "to": list(message.to) + list(message.cc) + list(message.bcc),
                "subject": str(message.subject),
                "body": str(message.body),
            }
            for message in email_messages
        ]
        if not records:
            return 0
        path = outbox_path()
        with _lock:
            path.parent.mkdir(parents=True, exist_ok=True)
            lines = _read_lines(path) + [json.dumps(r, ensure_ascii=False) for r in records]
            lines = lines[-OUTBOX_KEEP:]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return len(records)


def _read_lines(path: Path) -> list[str]:
    try:
        return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except FileNotFoundError:
        return []


def outbox_messages() -> list[dict]:
    """The kept messages, newest first."""
    messages = []
    for line in _read_lines(outbox_path()):
        try:
            message = json.loads(line)
            message["sent_at"] = datetime.fromisoformat(message["sent_at"])
        except (ValueError, KeyError, TypeError):
            continue
        messages.append(message)
    return messages[::-1]


def outbox_enabled() -> bool:
    backend = f"{__name__}.OutboxBackend"
    return settings.DEBUG and backend == settings.EMAIL_BACKEND


def dev_outbox(request) -> dict:
    """Context processor: the login pages link to the outbox when it is on."""
    return {"dev_outbox": outbox_enabled()}
