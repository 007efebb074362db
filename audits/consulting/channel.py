"""The private channel: one message thread per engagement, between the client and the
consultant (seed 001: confidential questions are better asked directly).

Who may read or write is decided in audits/consulting/access.py (ThreadAccess); this module
writes and reads messages. The email notice carries no content (no text, no name of a file):
only that a message waits, and a link to the thread. One notice until the recipient reads
the thread, not one per message.
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from audits.consulting.access import ThreadAccess
from audits.consulting.attachments import check_attachment
from audits.consulting.models import Engagement, Message
from config.links import absolute_url
from config.text import single_line

BODY_MAX = Message._meta.get_field("body").max_length
NAME_MAX = Message._meta.get_field("attachment_name").max_length


def thread_messages(engagement: Engagement) -> list[Message]:
    """The whole thread, oldest first, in one query whatever its length."""
    return list(Message.objects.filter(engagement=engagement).select_related("author"))


def unread_count(engagement: Engagement, reader_role: str) -> int:
    return (
        Message.objects.filter(engagement=engagement, read_at=None)
        .exclude(author_role=reader_role)
        .count()
    )


def unread_counts(engagement_ids, reader_role: str) -> dict[int, int]:
    """Unread messages per engagement for one side, in one query."""
    rows = (
        Message.objects.filter(engagement_id__in=list(engagement_ids), read_at=None)
        .exclude(author_role=reader_role)
        .values("engagement_id")
        .annotate(n=Count("pk"))
    )
    return {row["engagement_id"]: row["n"] for row in rows}


def portfolio_waiting(engagements) -> dict[int, list]:
    """The portfolio's "waiting" item for unread client messages (portfolio.py's hook), for
    all the page's engagements in one query."""
    from audits.consulting.portfolio import Waiting

    counts = unread_counts([e.pk for e in engagements], Message.Role.CONSULTANT)
    return {
        pk: [
            Waiting(
                "messages",
                ngettext("%(n)s unread message", "%(n)s unread messages", n) % {"n": n},
                reverse("consulting:messages", kwargs={"engagement_id": pk}),
            )
        ]
        for pk, n in counts.items()
        if n
    }


def thread_mark_read(engagement: Engagement, reader_role: str) -> None:
    Message.objects.filter(engagement=engagement, read_at=None).exclude(
        author_role=reader_role
    ).update(read_at=timezone.now())


def _safe_name(name: str, extension: str) -> str:
    """The name shown and offered at download: the base name, printable, capped."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable() and c not in '"<>')
    base = base.strip() or f"attachment{extension}"
    return base[-NAME_MAX:]


@transaction.atomic
def message_post(*, access: ThreadAccess, author: User, body: str, upload=None) -> Message:
    if not access.can_post:
        raise ValidationError(_("This thread is read-only: the engagement is no longer active."))
    body = (body or "").strip()
    if not body and upload is None:
        raise ValidationError(_("Write a message or attach a file."))
    if len(body) > BODY_MAX:
        raise ValidationError(
            _("Your message is too long: %(max)d characters at most.") % {"max": BODY_MAX}
        )
    since = timezone.now() - datetime.timedelta(hours=1)
    # Counted in the database: the same limit on every process, and nothing to clear.
    posted = Message.objects.filter(
        engagement__in=Engagement.objects.filter(Q(client=author) | Q(consultant=author)),
        author=author,
        created_at__gte=since,
    ).count()
    if posted >= settings.CONSULTING_MESSAGES_PER_HOUR:
        raise MessageRateLimited(
            _("You have sent %(n)d messages in the last hour: wait a little before the next.")
            % {"n": posted}
        )
    message = Message(engagement=access.engagement, author=author, author_role=access.role)
    message.body = body
    if upload is not None:
        kind = check_attachment(upload)
        message.attachment_name = _safe_name(upload.name, kind.extensions[0])
        message.attachment_type = kind.content_type
        message.attachment_size = upload.size
        # Stored under a random name: what the sender called it never reaches the disk.
        upload.name = f"{uuid.uuid4().hex}{kind.extensions[0]}"
        message.attachment = upload
    message.save()
    earlier_unread = (
        Message.objects.filter(engagement=access.engagement, read_at=None, author_role=access.role)
        .exclude(pk=message.pk)
        .exists()
    )
    if not earlier_unread:
        from audits.consulting.tasks import send_message_notice

        send_message_notice.delay_on_commit(message.pk)
    return message


class MessageRateLimited(ValidationError):
    pass


def message_notice_email(*, message_id: int) -> bool:
    """Tell the other party that a message waits: no content, a link, their language."""
    message = (
        Message.objects.select_related("engagement__client", "engagement__consultant")
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        return False
    engagement = message.engagement
    if message.author_role == Message.Role.CLIENT:
        recipient = engagement.consultant
        url = absolute_url("consulting:messages", engagement.pk)
    else:
        recipient = engagement.client
        url = absolute_url("audits:consultant_messages", engagement.pk)
    if recipient is None or not recipient.email:
        return False
    with translation.override(recipient.language):
        subject = single_line(render_to_string("consulting/email/message_subject.txt", {}))
        body = render_to_string("consulting/email/message_body.txt", {"url": url})
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    return True
