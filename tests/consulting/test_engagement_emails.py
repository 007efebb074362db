"""Engagement emails: names that people typed stay on their line, unescaped in plain text."""

import pytest

from accounts.models import User
from audits.consulting.services import engagement_invite

pytestmark = pytest.mark.django_db


def test_a_line_break_in_the_clients_name_stays_out_of_the_headers_and_lines(
    audit, mailoutbox, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=audit.owner_id).update(
        full_name="Zoë O'Brien\r\nBcc: victim@evil.example\n\nVisit http://evil.example/"
    )
    audit.owner.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        engagement_invite(
            client=audit.owner, email="consultant@example.com", message="Bonjour\r\nMerci\x1b"
        )

    (message,) = mailoutbox
    assert "\n" not in message.subject
    assert "Zoë O'Brien Bcc: victim@evil.example Visit http://evil.example/" in message.subject
    assert message.message().get_all("Bcc") is None
    lines = message.body.splitlines()
    assert not any(line.startswith(("Bcc:", "Visit")) for line in lines)
    assert "Bonjour" in lines and "Merci" in lines  # the message keeps its own lines
    assert "\x1b" not in message.body and "\r" not in message.body
