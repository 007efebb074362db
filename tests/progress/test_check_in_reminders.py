"""The beat task that emails check-in reminders: once a period, to those due, in their language."""

import datetime

import pytest
from django.urls import reverse

from audits.progress import tasks
from audits.progress.models import CheckInSchedule
from tests.factories import ObjectiveFactory, UserFactory
from tests.helpers.browser import link_in
from tests.helpers.progress import at, check_in_on, set_created

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 3, 2)


@pytest.fixture
def today():
    """The task runs on Wednesday 4 Mar 2026 unless a test moves the day."""
    return {"value": MONDAY + datetime.timedelta(days=2)}


def objective_for(language="en", **fields):
    user = UserFactory(language=language, full_name="Camille Durand")
    objective = ObjectiveFactory(
        owner=user,
        title="Five new clients",
        target_unit="clients",
        deadline=datetime.date(2026, 6, 30),
        **fields,
    )
    set_created(objective, at(datetime.date(2026, 2, 2)))  # set weeks before
    return objective


@pytest.fixture
def run(today):
    return lambda: tasks.send_check_in_reminders.delay(today["value"].isoformat()).get()


def test_it_emails_those_due_once_per_period_in_their_language(mailoutbox, today, run):
    english, french = objective_for("en"), objective_for("fr")

    assert run() == 2
    assert run() == 0  # the same day again, or later the same week: nothing more
    today["value"] = MONDAY + datetime.timedelta(days=4)
    assert run() == 0

    assert len(mailoutbox) == 2
    by_address = {m.to[0]: m for m in mailoutbox}
    en, fr = by_address[english.owner.email], by_address[french.owner.email]
    assert en.subject == "One minute: your check-in for “Five new clients”"
    assert "How did this week go" in en.body and "5 clients" in en.body
    assert "point d’étape" in fr.subject and "Comment s’est passée cette semaine" in fr.body
    assert reverse("audits:check_in", args=[english.pk]) in en.body

    today["value"] = MONDAY + datetime.timedelta(days=7)  # the next week
    assert run() == 2
    assert len(mailoutbox) == 4


def test_no_reminder_when_checked_in_off_archived_past_or_brand_new(mailoutbox, today, run):
    checked = objective_for()
    check_in_on(checked, MONDAY, MONDAY, 1)
    off = objective_for()
    CheckInSchedule.objects.create(objective=off, frequency="off")
    objective_for(archived=True)
    past = objective_for()
    past.deadline = MONDAY - datetime.timedelta(days=1)
    past.save()
    new = ObjectiveFactory(owner=UserFactory(), deadline=datetime.date(2026, 6, 30))
    set_created(new, at(MONDAY))  # set this week: not chased yet
    inactive = objective_for()
    inactive.owner.is_active = False
    inactive.owner.save()

    assert run() == 0
    assert mailoutbox == []


def test_every_two_weeks_means_every_other_period(mailoutbox, today, run):
    objective = objective_for()  # set on Monday 2 Feb: periods 2 Feb, 16 Feb, 2 Mar, 16 Mar
    CheckInSchedule.objects.create(objective=objective, frequency="biweekly")
    assert run() == 1
    today["value"] = MONDAY + datetime.timedelta(days=7)
    assert run() == 0
    today["value"] = MONDAY + datetime.timedelta(days=14)
    assert run() == 1
    assert "last two weeks" in mailoutbox[-1].body


def test_a_failed_send_is_tried_again_the_next_day(mailoutbox, today, run, monkeypatch):
    objective_for()
    from audits.progress import services

    def refuse(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(services, "send_mail", refuse)
    assert run() == 1 and mailoutbox == []
    monkeypatch.undo()
    assert run() == 1
    assert len(mailoutbox) == 1


def test_the_emailed_link_works_only_for_the_owner(client, mailoutbox, today, run):
    objective = objective_for()
    run()
    path = link_in(mailoutbox[0].body, "/audits/objectives/")

    anonymous = client.get(path)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous.url
    client.force_login(UserFactory())
    assert client.get(path).status_code == 404
    client.force_login(objective.owner)
    assert client.get(path).status_code == 200


def test_the_beat_schedule_runs_the_task():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["send-check-in-reminders"]
    assert entry["task"] == tasks.send_check_in_reminders.name
    from config.celery import app

    assert entry["task"] in app.tasks
