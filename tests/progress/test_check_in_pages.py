"""The check-in page, the progress page and the dashboard card, through the test client."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audits.progress.models import CheckIn, CheckInAction, CheckInSchedule
from audits.scores.models import Recommendation
from tests.factories import AuditFactory, ObjectiveFactory, UserFactory
from tests.helpers.progress import check_in_on, plan_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def objective(client):
    user = UserFactory(language="en")
    client.force_login(user)
    return ObjectiveFactory(owner=user, title="Five new clients", target_unit="clients")


def post_check_in(client, objective, **data):
    payload = {"results": 2, "introductions": 1, "minutes": 45, "note": "Two calls", **data}
    return client.post(reverse("audits:check_in", args=[objective.pk]), payload)


def test_a_check_in_is_recorded_in_the_objective_s_unit_and_counted(client, objective):
    page = client.get(reverse("audits:check_in", args=[objective.pk]))
    assert "Clients obtained since your last check-in" in page.content.decode()

    response = post_check_in(client, objective)

    assert response.status_code == 302
    assert response.url == reverse("audits:progress", args=[objective.pk])
    check_in = CheckIn.objects.get(objective=objective)
    assert (check_in.results, check_in.introductions, check_in.minutes) == (2, 1, 45)
    assert check_in.note == "Two calls"
    today = timezone.localdate()
    assert check_in.period_start == today - datetime.timedelta(days=today.weekday())
    progress = client.get(response.url).content.decode()
    assert "2 / 5" in progress
    assert "Two calls" in progress


def test_plan_actions_ticked_are_marked_done_and_linked_to_the_check_in(client, objective):
    audit = AuditFactory(objective=objective)
    first = plan_item(audit, "transparency", priority=90, text="Say who you work for")
    other = plan_item(audit, "confidentiality", priority=80)
    foreign = plan_item(AuditFactory(), "transparency")

    refused = post_check_in(client, objective, done=[str(first.pk), str(foreign.pk)])
    assert refused.status_code == 200 and not CheckIn.objects.exists()  # not one of the plan's

    post_check_in(client, objective, done=[str(first.pk)])

    first.refresh_from_db(), other.refresh_from_db(), foreign.refresh_from_db()
    assert first.status == Recommendation.Status.DONE
    assert other.status == foreign.status == Recommendation.Status.OPEN
    action = CheckInAction.objects.get()
    assert action.recommendation == first
    progress = client.get(reverse("audits:progress", args=[objective.pk])).content.decode()
    assert "Say who you work for" in progress and "reported in the check-in of" in progress


@pytest.mark.parametrize(
    "data",
    [
        {"results": "-1"},
        {"results": "abc"},
        {"minutes": "99999999"},
        {"note": "x" * 501},
        {"results": "1e3"},
    ],
)
def test_bad_input_is_refused_without_an_error(client, objective, data):
    response = post_check_in(client, objective, **data)
    assert response.status_code == 200
    assert not CheckIn.objects.exists()


def test_another_account_s_objective_is_a_404_everywhere(client, objective):
    other = ObjectiveFactory()
    for name in ("check_in", "progress"):
        assert client.get(reverse(f"audits:{name}", args=[other.pk])).status_code == 404
    assert post_check_in(client, other).status_code == 404
    freq = reverse("audits:check_in_frequency", args=[other.pk])
    assert client.post(freq, {"frequency": "off"}).status_code == 404
    assert not CheckIn.objects.exists() and not CheckInSchedule.objects.exists()


def test_the_pages_need_a_login(client, objective):
    client.logout()
    url = reverse("audits:check_in", args=[objective.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_an_archived_objective_takes_no_check_in(client, objective):
    objective.archived = True
    objective.save()
    response = post_check_in(client, objective)
    assert response.status_code == 200
    assert "archived" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_the_frequency_can_be_chosen(client, objective):
    url = reverse("audits:check_in_frequency", args=[objective.pk])
    client.post(url, {"frequency": "biweekly"})
    assert CheckInSchedule.objects.get(objective=objective).frequency == "biweekly"
    client.post(url, {"frequency": "hourly"})
    assert CheckInSchedule.objects.get(objective=objective).frequency == "biweekly"
    assert client.get(url).status_code == 405


def test_the_dashboard_asks_for_a_check_in_when_due_and_links_the_progress(client, objective):
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Check in for this week" in dashboard
    assert reverse("audits:progress", args=[objective.pk]) in dashboard

    post_check_in(client, objective)

    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Check in for this week" not in dashboard
    assert "You have checked in for this period." in dashboard


def test_no_card_asks_for_a_check_in_when_reminders_are_off(client, objective):
    CheckInSchedule.objects.create(objective=objective, frequency="off")
    assert "Check in for this week" not in client.get(reverse("dashboard")).content.decode()


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_progress_and_check_in_pages_cost_the_same_with_a_long_history(client, objective):
    audit = AuditFactory(objective=objective)
    progress_url = reverse("audits:progress", args=[objective.pk])
    check_in_url = reverse("audits:check_in", args=[objective.pk])
    empty = queries(client, progress_url), queries(client, check_in_url)

    today = timezone.localdate()
    for week in range(12):
        day = today - datetime.timedelta(weeks=week)
        check_in = check_in_on(objective, day, day - datetime.timedelta(days=day.weekday()), 1)
        item = plan_item(audit, f"rule_{week}")
        CheckInAction.objects.create(check_in=check_in, recommendation=item)
    for week in range(3):
        plan_item(audit, f"open_{week}")

    full = queries(client, progress_url), queries(client, check_in_url)
    assert full == empty
    assert full[0] <= 12
