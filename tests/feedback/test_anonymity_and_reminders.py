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
from audits.models import FeedbackRequest, FeedbackResponse
from tests.feedback.conftest import link_from, make_requests

pytestmark = pytest.mark.django_db


def test_no_column_of_a_response_can_point_back_at_a_request_contact_or_person():
    fields = FeedbackResponse._meta.get_fields()
    relations = {f.related_model._meta.label for f in fields if f.is_relation}

    assert relations == {"audits.Audit"}
    assert not any(isinstance(f, models.DateTimeField | models.EmailField) for f in fields)
    assert isinstance(FeedbackResponse._meta.pk, models.UUIDField)  # no guessable order
    names = {f.name for f in fields}
    assert not names & {"request", "contact", "email", "name", "token", "created_at"}


def test_answering_changes_nothing_on_the_request_but_its_status(audit):
    (request,) = make_requests(audit, "peer@example.com")
    FeedbackRequest.objects.filter(pk=request.pk).update(status="sent", sent_at=timezone.now())
    before = FeedbackRequest.objects.filter(pk=request.pk).values().get()

    assert feedback_answer(
        request=request, appraisal="neutral", perceptions={}, keep_doing="", change=""
    )

    after = FeedbackRequest.objects.filter(pk=request.pk).values().get()
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {"status"}
    response = FeedbackResponse.objects.get()
    assert response.week.weekday() == 0  # a Monday: nothing finer than the week is kept


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


@pytest.mark.parametrize("closing", ["answered", "declined", "opted_out", "expired"])
def test_no_reminder_after_an_answer_a_decline_an_opt_out_or_expiry(audit, closing):
    (request,) = make_requests(audit, "peer@example.com")
    sent_days_ago(request, 6)
    request.refresh_from_db()
    if closing == "answered":
        feedback_answer(
            request=request, appraisal="positive", perceptions={}, keep_doing="", change=""
        )
    elif closing == "declined":
        feedback_decline(request=request, opt_out=False)
    elif closing == "opted_out":
        feedback_decline(request=request, opt_out=True)
    else:
        FeedbackRequest.objects.filter(pk=request.pk).update(
            expires_at=timezone.now() - datetime.timedelta(hours=1)
        )
        assert feedback_expire() == 1

    assert feedback_reminders_due(today=timezone.localdate()) == []


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
