"""Nudges for copied links: a ready reminder on the email reminders' days, and nothing in
it, on the tracking page, the dashboard or the data export, that tells who answered."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from audits.feedback.nudges import nudge_message, nudges_due_for_owner
from audits.feedback.services import feedback_answer, feedback_decline, feedback_link_issue
from audits.models import FeedbackRequest, PendingFeedbackAnswer
from tests.factories import AuditFactory, UserFactory
from tests.helpers.feedback import make_requests

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def handed_out(request, days_ago: int) -> None:
    """The link was first copied `days_ago` days ago and runs FEEDBACK_LINK_DAYS from then."""
    sent_at = timezone.now() - datetime.timedelta(days=days_ago)
    FeedbackRequest.objects.filter(pk=request.pk).update(
        sent_at=sent_at, expires_at=sent_at + datetime.timedelta(days=21)
    )
    request.refresh_from_db()


def link_requests(audit, *names, language="fr"):
    requests = make_requests(audit, names=names)
    FeedbackRequest.objects.filter(pk__in=[r.pk for r in requests]).update(language=language)
    for request in requests:
        request.refresh_from_db()
        feedback_link_issue(request=request)
        request.refresh_from_db()
    return requests


def owner_views(client, audit) -> dict[str, str]:
    """Everything the owner can look at that a nudge could show up on, CSRF tokens masked."""
    from accounts.personal_data import user_data

    data = user_data(audit.owner)
    data = {k: v for k, v in data.items() if k != "exported_at"}
    return {
        "tracking": CSRF.sub("", client.get(f"/audits/{audit.pk}/feedback/").content.decode()),
        "dashboard": CSRF.sub("", client.get("/dashboard/").content.decode()),
        "export": json.dumps(data, default=str, sort_keys=True),
    }


@pytest.fixture
def audit(client):
    audit = AuditFactory(
        objective__owner__full_name="Camille Martin", objective__owner__language="en"
    )
    client.force_login(audit.owner)
    return audit


def test_a_nudge_is_offered_on_the_reminder_days_and_once_marked_sent(client, audit, settings):
    settings.FEEDBACK_REMINDER_DAYS = (5, 10)
    (request,) = link_requests(audit, "Alex Dupont")
    handed_out(request, 4)
    assert nudges_due_for_owner(audit.owner) == []
    assert 'data-testid="nudge"' not in client.get(f"/audits/{audit.pk}/feedback/").content.decode()

    handed_out(request, 5)
    assert nudges_due_for_owner(audit.owner) == [request]
    page = client.get(f"/audits/{audit.pk}/feedback/").content.decode()
    assert page.count('data-testid="nudge"') == 1 and 'data-copy="nudge-' in page
    assert 'data-testid="nudges-panel"' in client.get("/dashboard/").content.decode()

    client.post(f"/audits/{audit.pk}/feedback/{request.pk}/nudged/")
    client.post(f"/audits/{audit.pk}/feedback/{request.pk}/nudged/")  # a double click
    request.refresh_from_db()
    assert request.reminders_sent == 1 and nudges_due_for_owner(audit.owner) == []
    assert 'data-testid="nudges-panel"' not in client.get("/dashboard/").content.decode()

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    FeedbackRequest.objects.filter(pk=request.pk).update(last_reminder_on=yesterday)
    handed_out(request, 9)
    assert nudges_due_for_owner(audit.owner) == []
    handed_out(request, 10)
    assert nudges_due_for_owner(audit.owner) == [request]
    client.post(f"/audits/{audit.pk}/feedback/{request.pk}/nudged/")
    FeedbackRequest.objects.filter(pk=request.pk).update(last_reminder_on=yesterday)
    handed_out(request, 15)
    assert nudges_due_for_owner(audit.owner) == []  # two reminders, as by email
    request.refresh_from_db()
    assert request.reminders_sent == 2


def test_no_nudge_for_emailed_declined_or_expired_requests(client, audit):
    emailed, declined, expired = make_requests(audit, "e@example.com", names=["Dee", "Exp"])
    FeedbackRequest.objects.filter(pk=emailed.pk).update(status="sent")
    for request in (declined, expired):
        feedback_link_issue(request=request)
    for request in (emailed, declined, expired):
        request.refresh_from_db()
        handed_out(request, 6)
    feedback_decline(request=declined, opt_out=False, token="unused")
    FeedbackRequest.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert nudges_due_for_owner(audit.owner) == []
    assert client.post(f"/audits/{audit.pk}/feedback/{emailed.pk}/nudged/").status_code == 302
    emailed.refresh_from_db()
    assert emailed.reminders_sent == 0


def nudge_rows(page: str) -> list[str]:
    return re.findall(r'<tr class="nudge-row".*?</tr>', page, re.S)


def test_nudges_dashboard_and_export_do_not_change_when_a_nudged_peer_answers(
    client, audit, settings
):
    """The attack: the owner compares what they see before and after one peer answers.
    Before a release, the nudges (tracking page rows and messages), the dashboard and the
    data export are byte-identical; the tracking page's only change is the count of answers
    waiting, which docs/privacy.md shows by design and which names nobody (next test)."""
    settings.FEEDBACK_RELEASE_K = 3
    opened, answering, silent = link_requests(audit, "Opened Only", "Will Answer", "Silent One")
    for request in (opened, answering, silent):
        handed_out(request, 5)
    # Both have opened their link: the state the owner already sees for both.
    FeedbackRequest.objects.filter(pk__in=[opened.pk, answering.pk]).update(status="opened")
    answering.refresh_from_db()
    before = owner_views(client, audit)
    nudges_before = [
        (r.pk, nudge_message(r, owner=audit.owner)) for r in nudges_due_for_owner(audit.owner)
    ]
    assert len(nudge_rows(before["tracking"])) == 3

    assert feedback_answer(
        request=answering, appraisal="positive", perceptions={}, keep_doing="", change=""
    )
    assert PendingFeedbackAnswer.objects.filter(request=answering).exists()

    after = owner_views(client, audit)
    assert after["dashboard"] == before["dashboard"]
    assert after["export"] == before["export"]
    assert nudge_rows(after["tracking"]) == nudge_rows(before["tracking"])
    assert [
        (r.pk, nudge_message(r, owner=audit.owner)) for r in nudges_due_for_owner(audit.owner)
    ] == nudges_before

    # Marking the answered one's nudge sent works as for anyone else.
    client.post(f"/audits/{audit.pk}/feedback/{answering.pk}/nudged/")
    answering.refresh_from_db()
    assert answering.reminders_sent == 1


def test_every_page_is_identical_whichever_of_two_nudged_peers_answered(client, audit, settings):
    """Two worlds the owner must not tell apart: X answered and Y only opened the link, or
    the other way round. Every page they can open is byte-identical in both."""
    settings.FEEDBACK_RELEASE_K = 3
    x, y = link_requests(audit, "Peer X", "Peer Y")
    for request in (x, y):
        handed_out(request, 5)
    FeedbackRequest.objects.filter(pk__in=[x.pk, y.pk]).update(status="opened")

    def world(answerer):
        PendingFeedbackAnswer.objects.filter(audit=audit).delete()
        FeedbackRequest.objects.filter(pk__in=[x.pk, y.pk]).update(status="opened")
        answerer.refresh_from_db()
        assert feedback_answer(
            request=answerer, appraisal="negative", perceptions={}, keep_doing="", change=""
        )
        return owner_views(client, audit)

    assert world(x) == world(y)


def test_a_peer_who_answers_without_opening_first_looks_like_one_who_opened(client, audit):
    a, b = link_requests(audit, "Same One", "Same Two")
    for request in (a, b):
        handed_out(request, 5)
    FeedbackRequest.objects.filter(pk=a.pk).update(status="opened")  # opened the page only
    feedback_answer(request=b, appraisal="negative", perceptions={}, keep_doing="", change="")
    page = client.get(f"/audits/{audit.pk}/feedback/").content.decode()
    rows = re.findall(r'<tr class="nudge-row".*?</tr>', page, re.S)
    assert len(rows) == 2
    normalise = [re.sub(r"Same (One|Two)|\d+", "", row) for row in rows]
    assert normalise[0] == normalise[1]


def test_the_message_is_personal_short_and_in_the_requests_language(audit):
    fr, en = link_requests(audit, "Alex Dupont"), link_requests(audit, "Sam Smith", language="en")
    fr_text = nudge_message(fr[0], owner=audit.owner)
    en_text = nudge_message(en[0], owner=audit.owner)
    assert fr_text.startswith("Bonjour Alex,") and "Camille Martin" in fr_text
    assert en_text.startswith("Hello Sam,") and en_text.endswith("Camille Martin")
    assert "If you have already answered, thank you" in en_text
    assert len(en_text) < 500 and len(fr_text) < 550


def test_someone_elses_request_cannot_be_marked_nudged(client, audit):
    (request,) = link_requests(audit, "Alex")
    handed_out(request, 5)
    client.force_login(UserFactory())
    assert client.post(f"/audits/{audit.pk}/feedback/{request.pk}/nudged/").status_code == 404
    other = AuditFactory()
    client.force_login(other.owner)
    assert client.post(f"/audits/{other.pk}/feedback/{request.pk}/nudged/").status_code == 404
    assert client.get(f"/audits/{audit.pk}/feedback/{request.pk}/nudged/").status_code in (404, 405)
    request.refresh_from_db()
    assert request.reminders_sent == 0


def test_the_tracking_page_and_dashboard_cost_the_same_queries_with_more_nudges(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(people: int) -> tuple[int, int]:
        audit = AuditFactory()
        client.force_login(audit.owner)
        for request in link_requests(audit, *[f"Person {i}" for i in range(people)]):
            handed_out(request, 6)
        with CaptureQueriesContext(connection) as tracking:
            page = client.get(f"/audits/{audit.pk}/feedback/").content.decode()
        assert len(nudge_rows(page)) == people
        with CaptureQueriesContext(connection) as dashboard:
            client.get("/dashboard/")
        return len(tracking), len(dashboard)

    assert queries(1) == queries(12)


def test_a_name_with_markup_is_shown_as_text(client, audit):
    (request,) = link_requests(audit, '<img src=x onerror="alert(1)">')
    handed_out(request, 5)
    page = client.get(f"/audits/{audit.pk}/feedback/").content.decode()
    dashboard = client.get("/dashboard/").content.decode()
    assert "<img src=x" not in page and "<img src=x" not in dashboard
    assert "&lt;img src=x" in page and "&lt;img src=x" in dashboard
