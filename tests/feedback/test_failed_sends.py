"""Sends that fail: a name with a line break, a refused address, a lost enqueue.

The owner sees every failed request with its reason; what can still succeed is sent again by
the sweep, a bounded number of times; what people wrote never injects lines into an email.
"""

import datetime
import smtplib
from unittest import mock

import pytest
from django.conf import settings
from django.core.mail import BadHeaderError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from audits.feedback.models import FailureReason
from audits.feedback.services import feedback_resend_due
from audits.feedback.tasks import resend_pending_invitations, send_feedback_email
from audits.models import FeedbackRequest
from contacts.models import Contact
from tests.helpers.feedback import make_requests

pytestmark = pytest.mark.django_db

INJECTED = "Eve\r\nBcc: victim@evil.example\r\n\r\nClick http://evil.example/"


def waiting_since(request, minutes: int) -> None:
    """As if the request had been created `minutes` ago and its enqueue lost."""
    FeedbackRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def test_a_line_break_in_the_owners_name_does_not_stop_the_invitation(audit, mailoutbox):
    User.objects.filter(pk=audit.owner_id).update(full_name=INJECTED)
    (request,) = make_requests(audit, "peer@ex.com")

    assert send_feedback_email.delay(request.pk, "invitation").get() is True

    request.refresh_from_db()
    assert request.status == FeedbackRequest.Status.SENT
    (message,) = mailoutbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.subject.startswith("Eve Bcc: victim@evil.example Click")
    assert message.recipients() == ["peer@ex.com"]
    assert message.message().get_all("Bcc") is None


def test_a_name_cannot_add_lines_to_the_email_body(audit, mailoutbox):
    User.objects.filter(pk=audit.owner_id).update(full_name=INJECTED)
    (request,) = make_requests(audit, "peer@ex.com")

    send_feedback_email.delay(request.pk, "invitation")

    body = mailoutbox[0].body
    assert "\r" not in body
    assert not any(line.startswith(("Bcc:", "Click")) for line in body.splitlines())
    assert "Eve Bcc: victim@evil.example Click http://evil.example/ fait le point" in body


def test_user_text_in_the_body_loses_its_control_characters_and_is_not_html_escaped(
    audit, mailoutbox
):
    User.objects.filter(pk=audit.owner_id).update(full_name="Zoë O'Brien & Co")
    (request,) = make_requests(audit, "peer@ex.com")
    FeedbackRequest.objects.filter(pk=request.pk).update(message="Line one\r\nLine\x07 two\x1b[2J")

    send_feedback_email.delay(request.pk, "invitation")

    message = mailoutbox[0]
    assert "Zoë O'Brien & Co" in message.subject  # not "O&#x27;Brien &amp; Co"
    assert "Zoë O'Brien & Co" in message.body
    assert "Line one\nLine two[2J" in message.body
    assert "\x07" not in message.body and "\x1b" not in message.body


def test_a_contact_name_with_a_line_break_is_asked_on_one_line(audit):
    contact = Contact.objects.create(
        owner=audit.owner, full_name="Ana\nBcc: x@evil.example", email="ana@ex.com"
    )

    from audits.feedback.services import Recipient, feedback_requests_create

    (request,) = feedback_requests_create(
        audit=audit,
        recipients=[Recipient(email=contact.email, name=contact.full_name, contact=contact)],
        relationship="client",
        message="",
        language="en",
    ).created

    assert request.name == "Ana Bcc: x@evil.example"


def test_a_refused_address_is_shown_failed_with_its_reason(client, audit):
    (request,) = make_requests(audit, "nobody@ex.com")
    refused = smtplib.SMTPRecipientsRefused({"nobody@ex.com": (550, b"no such user")})

    with mock.patch("audits.feedback.services.send_mail", side_effect=refused):
        assert send_feedback_email.delay(request.pk, "invitation").get() is False

    request.refresh_from_db()
    assert (request.status, request.failure_reason) == ("failed", FailureReason.REFUSED)
    page = client.get(reverse("audits:feedback", args=[audit.pk]))
    assert "refused this address" in page.content.decode()
    User.objects.filter(pk=audit.owner_id).update(language="fr")
    french = client.get(reverse("audits:feedback", args=[audit.pk]))
    assert "a refusé cette adresse" in french.content.decode()


def test_an_email_that_cannot_be_built_is_failed_not_left_pending(audit):
    (request,) = make_requests(audit, "peer@ex.com")

    with mock.patch(
        "audits.feedback.services.send_mail", side_effect=BadHeaderError("newline in header")
    ):
        assert send_feedback_email.delay(request.pk, "invitation").get() is False

    request.refresh_from_db()
    assert (request.status, request.failure_reason) == ("failed", FailureReason.INVALID)


def test_a_server_down_after_every_retry_is_failed_and_sent_again_by_the_sweep(audit, mailoutbox):
    (request,) = make_requests(audit, "peer@ex.com")
    down = smtplib.SMTPServerDisconnected("gone")

    with (
        mock.patch("audits.feedback.services.send_mail", side_effect=down),
        mock.patch.object(send_feedback_email, "max_retries", 0),
    ):
        send_feedback_email.delay(request.pk, "invitation")
    request.refresh_from_db()
    assert (request.status, request.failure_reason) == ("failed", FailureReason.UNREACHABLE)
    assert feedback_resend_due() == []  # just tried: not yet

    quiet = timezone.now() - datetime.timedelta(minutes=settings.FEEDBACK_RESEND_AFTER_MINUTES)
    FeedbackRequest.objects.filter(pk=request.pk).update(created_at=quiet, last_attempt_at=quiet)
    assert resend_pending_invitations.delay().get() == 1

    request.refresh_from_db()
    assert (request.status, request.failure_reason, request.send_attempts) == ("sent", "", 2)
    assert len(mailoutbox) == 1


def test_the_sweep_sends_invitations_left_pending(audit, mailoutbox):
    """The enqueue was lost (broker down at commit time): nothing was ever tried."""
    (request,) = make_requests(audit, "peer@ex.com")  # on_commit never runs in this test
    assert request.status == FeedbackRequest.Status.PENDING
    assert resend_pending_invitations.delay().get() == 0  # too recent: its task may be queued

    waiting_since(request, settings.FEEDBACK_RESEND_AFTER_MINUTES + 1)
    assert resend_pending_invitations.delay().get() == 1

    request.refresh_from_db()
    assert request.status == FeedbackRequest.Status.SENT
    assert len(mailoutbox) == 1
    assert resend_pending_invitations.delay().get() == 0


def test_the_sweep_leaves_alone_what_cannot_succeed_or_is_being_tried(audit):
    waiting, refused, recent, opened, by_link = make_requests(
        audit, "wait@ex.com", "refused@ex.com", "recent@ex.com", "open@ex.com", names=["Link"]
    )
    FeedbackRequest.objects.filter(pk=refused.pk).update(
        status="failed", failure_reason=FailureReason.REFUSED
    )
    FeedbackRequest.objects.filter(pk=recent.pk).update(
        last_attempt_at=timezone.now(), send_attempts=1
    )
    FeedbackRequest.objects.filter(pk=opened.pk).update(status="opened")
    for request in (waiting, refused, recent, opened, by_link):
        waiting_since(request, 60)

    assert by_link.delivery == FeedbackRequest.Delivery.LINK
    assert feedback_resend_due() == [waiting.pk]


def test_the_sweep_gives_up_after_the_last_attempt_and_says_so(client, audit, mailoutbox):
    (request,) = make_requests(audit, "peer@ex.com")
    waiting_since(request, 60)
    FeedbackRequest.objects.filter(pk=request.pk).update(
        send_attempts=settings.FEEDBACK_SEND_MAX_ATTEMPTS,
        last_attempt_at=timezone.now() - datetime.timedelta(hours=1),
    )

    assert resend_pending_invitations.delay().get() == 0
    assert send_feedback_email.delay(request.pk, "invitation").get() is False  # no more tries

    request.refresh_from_db()
    assert (request.status, request.failure_reason) == ("failed", FailureReason.GAVE_UP)
    assert mailoutbox == []
    page = client.get(reverse("audits:feedback", args=[audit.pk]))
    assert "could not be sent after several attempts" in page.content.decode()


def test_two_sweeps_at_once_claim_each_request_once(audit):
    (request,) = make_requests(audit, "peer@ex.com")
    waiting_since(request, 60)
    stale = FeedbackRequest.objects.get(pk=request.pk).last_attempt_at

    first = feedback_resend_due()
    # The second sweep read the row before the first one's claim: its guarded update misses.
    claimed = FeedbackRequest.objects.filter(pk=request.pk, last_attempt_at=stale).update(
        last_attempt_at=timezone.now()
    )

    assert first == [request.pk]
    assert claimed == 0
    assert feedback_resend_due() == []


def test_a_redelivered_invitation_task_does_not_send_twice(audit, mailoutbox):
    (request,) = make_requests(audit, "peer@ex.com")
    stale = FeedbackRequest.objects.get(pk=request.pk)

    with mock.patch("audits.feedback.services.FeedbackRequest.objects.select_related") as get:
        get.return_value.get.return_value = stale  # both deliveries read the row before sending
        first = send_feedback_email.delay(request.pk, "invitation").get()
        second = send_feedback_email.delay(request.pk, "invitation").get()

    assert (first, second) == (True, False)
    assert len(mailoutbox) == 1


def test_the_sweep_is_on_the_beat_schedule():
    from config.celery import app

    entries = {e["task"]: e for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "audits.feedback.tasks.resend_pending_invitations" in entries
    assert "audits.feedback.tasks.resend_pending_invitations" in app.tasks
    assert entries["audits.feedback.tasks.resend_pending_invitations"]["schedule"] <= 600
