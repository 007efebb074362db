import datetime

import pytest
from django.db import models
from django.utils import timezone

from audits.feedback.services import (
    feedback_answer,
    feedback_decline,
    feedback_expire,
    feedback_reminders_due,
)
from audits.feedback.tasks import send_feedback_reminders
from audits.models import FeedbackRequest, FeedbackResponse, PendingFeedbackAnswer
from tests.helpers.feedback import fresh_token, link_from, make_requests

pytestmark = pytest.mark.django_db


def test_no_column_of_a_response_can_point_back_at_a_request_contact_or_person():
    fields = FeedbackResponse._meta.get_fields()
    relations = {f.related_model._meta.label for f in fields if f.is_relation}

    assert relations == {"audits.Audit"}
    assert not any(isinstance(f, models.DateTimeField | models.EmailField) for f in fields)
    assert isinstance(FeedbackResponse._meta.pk, models.UUIDField)  # no guessable order
    names = {f.name for f in fields}
    assert not names & {"request", "contact", "email", "name", "token", "created_at"}


def test_answering_stores_a_pending_answer_and_leaves_the_request_looking_opened(audit):
    (request,) = make_requests(audit, "peer@example.com")
    FeedbackRequest.objects.filter(pk=request.pk).update(status="sent", sent_at=timezone.now())
    before = FeedbackRequest.objects.filter(pk=request.pk).values().get()

    assert feedback_answer(
        request=request, appraisal="neutral", perceptions={}, keep_doing="", change=""
    )

    after = FeedbackRequest.objects.filter(pk=request.pk).values().get()
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {"status"}
    assert after["status"] == FeedbackRequest.Status.OPENED  # as if only opened
    assert not FeedbackResponse.objects.exists()  # nothing released yet
    pending = PendingFeedbackAnswer.objects.get()
    assert pending.payload == {
        "relationship": "client",
        "appraisal": "neutral",
        "perceptions": {},
        "keep_doing": "",
        "change": "",
    }


def sent_days_ago(request, days: int) -> None:
    FeedbackRequest.objects.filter(pk=request.pk).update(
        status=FeedbackRequest.Status.SENT,
        sent_at=timezone.now() - datetime.timedelta(days=days),
    )


def test_reminders_go_out_after_5_and_10_days_once_a_day_and_at_most_twice(audit):
    (request,) = make_requests(audit, "peer@example.com")
    today = timezone.localdate()
    sent_days_ago(request, 4)
    assert feedback_reminders_due(today=today) == []

    sent_days_ago(request, 5)
    assert feedback_reminders_due(today=today) == [request.pk]
    assert feedback_reminders_due(today=today) == []  # beat ran twice the same day

    later = today + datetime.timedelta(days=4)  # day 9
    assert feedback_reminders_due(today=later) == []
    day_10 = today + datetime.timedelta(days=5)
    assert feedback_reminders_due(today=day_10) == [request.pk]
    assert feedback_reminders_due(today=day_10 + datetime.timedelta(days=3)) == []
    request.refresh_from_db()
    assert request.reminders_sent == 2


@pytest.mark.parametrize("closing", ["declined", "opted_out", "expired"])
def test_no_reminder_after_a_decline_an_opt_out_or_expiry(audit, closing):
    (request,) = make_requests(audit, "peer@example.com")
    token = fresh_token(request)
    sent_days_ago(request, 6)
    request.refresh_from_db()
    if closing == "declined":
        feedback_decline(request=request, opt_out=False, token=token)
    elif closing == "opted_out":
        feedback_decline(request=request, opt_out=True, token=token)
    else:
        FeedbackRequest.objects.filter(pk=request.pk).update(
            expires_at=timezone.now() - datetime.timedelta(hours=1)
        )
        assert feedback_expire() == 1

    assert feedback_reminders_due(today=timezone.localdate()) == []


def test_no_reminder_email_after_an_answer_though_the_schedule_moves_as_for_the_silent(
    audit, mailoutbox
):
    answered, silent = make_requests(audit, "peer@example.com", "quiet@example.com")
    sent_days_ago(answered, 6)
    sent_days_ago(silent, 6)
    answered.refresh_from_db()
    feedback_answer(
        request=answered, appraisal="positive", perceptions={}, keep_doing="", change=""
    )

    assert send_feedback_reminders() == 2  # both claimed: the tracking page moves alike

    assert [m.to for m in mailoutbox] == [["quiet@example.com"]]
    answered.refresh_from_db()
    silent.refresh_from_db()
    assert (answered.reminders_sent, answered.last_reminder_on) == (
        silent.reminders_sent,
        silent.last_reminder_on,
    )


def test_the_beat_task_emails_the_reminder_with_a_working_link(client, audit, mailoutbox):
    (request,) = make_requests(audit, "peer@example.com")
    sent_days_ago(request, 5)

    assert send_feedback_reminders() == 1
    assert send_feedback_reminders() == 0

    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject.startswith(("Relance", "Reminder"))
    client.logout()
    assert client.get(link_from(mailoutbox[0])).status_code == 200


def test_link_only_requests_are_never_emailed_or_reminded(audit, mailoutbox):
    (request,) = make_requests(audit, names=["Sam from LinkedIn"])

    sent_days_ago(request, 6)

    assert request.delivery == FeedbackRequest.Delivery.LINK
    assert feedback_reminders_due(today=timezone.localdate()) == []
    assert mailoutbox == []
