"""Right after asking six people (two by email, four by links still to hand out), the tracking
page says how many requests are out and how many wait, and does not call everyone silent
(issue 21, finding 9: it read "Requests sent 2" and "Silent 100 %")."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audits.models import FeedbackRequest
from tests.factories import AuditFactory
from tests.helpers.feedback import make_requests

pytestmark = pytest.mark.django_db


def tracking_page(client, audit) -> str:
    client.force_login(audit.owner)
    response = client.get(reverse("audits:feedback", args=[audit.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def card(html: str, testid: str) -> str:
    return html.split(f'data-testid="{testid}">', 1)[1].split("<", 1)[0]


def test_just_after_asking_silence_is_too_early_and_the_waiting_links_are_counted(client):
    audit = AuditFactory()
    emailed = make_requests(audit, "a@ex.com", "b@ex.com")
    make_requests(audit, names=["Ann", "Bob", "Cy", "Di"])
    FeedbackRequest.objects.filter(pk__in=[r.pk for r in emailed]).update(
        status="sent", sent_at=timezone.now()
    )

    html = tracking_page(client, audit)
    assert card(html, "sent") == "2"
    assert card(html, "not-sent") == "and 4 not sent yet"
    assert card(html, "silent") == "—"
    assert "too early to tell" in html
    assert "100" not in card(html, "silent")


def test_silence_shows_once_the_requests_have_had_until_the_first_reminder(client, settings):
    audit = AuditFactory()
    requests = make_requests(audit, "a@ex.com", "b@ex.com")
    wait = settings.FEEDBACK_REMINDER_DAYS[0]
    FeedbackRequest.objects.filter(pk__in=[r.pk for r in requests]).update(
        status="sent", sent_at=timezone.now() - datetime.timedelta(days=wait, hours=1)
    )

    html = tracking_page(client, audit)
    assert card(html, "silent").startswith("100")
    assert "too early to tell" not in html
    assert 'data-testid="not-sent"' not in html
