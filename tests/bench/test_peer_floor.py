"""The bench's floor view (bench/peer_floor.py) does the peer pair's essential work.

It is only a reference for feedback_rps_ratio, but a floor that skipped a write would be a
false one: these tests hold it to opening, storing the pending answer and claiming once, like
the page.
"""

import re

import pytest
from django.db import connection
from django.test import Client

from audits.feedback.services import feedback_link_issue
from audits.models import Audit, FeedbackRequest, FeedbackResponse, PendingFeedbackAnswer
from bench.feedback_load import FLOOR_PREFIX
from tests.factories import AuditFactory
from tests.helpers.feedback import ANSWER, make_requests

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="data-modifying WITH: PostgreSQL (as on CI)"
    ),
    pytest.mark.urls("bench.feedback_load"),
]


def _csrf(page: bytes) -> str:
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()


def test_the_floor_pair_opens_stores_and_claims_once(client):
    audit = AuditFactory()
    audit.owner.full_name = "Claire <Martin>"
    audit.owner.save()
    Audit.objects.filter(pk=audit.pk).update(needs_scoring=False)
    (request,) = make_requests(audit, names=["A peer"], relationship="manager")
    url = f"{FLOOR_PREFIX}{feedback_link_issue(request=request)}/"

    page = client.get(url)
    assert page.status_code == 200
    assert b"Claire &lt;Martin&gt;" in page.content  # escaped, as on the real page
    request.refresh_from_db()
    assert request.status == FeedbackRequest.Status.OPENED

    answer = {**ANSWER, "csrfmiddlewaretoken": _csrf(page.content)}
    stored = client.post(url, answer)
    assert stored.content == b"recorded anonymously"
    payload = PendingFeedbackAnswer.objects.get(audit=audit).payload
    assert (payload["relationship"], payload["appraisal"]) == ("manager", "positive")
    # The floor keeps ratings only ("can't say" is left out there).
    assert payload["perceptions"] == {"objectives": 4, "alignment": 3, "boundaries": 5}
    request.refresh_from_db()
    assert request.status == FeedbackRequest.Status.OPENED  # as the page leaves it
    assert not FeedbackResponse.objects.filter(audit=audit).exists()

    again = client.post(url, answer)
    assert again.status_code == 410
    assert PendingFeedbackAnswer.objects.filter(audit=audit).count() == 1


def test_the_floor_refuses_unknown_links_and_posts_without_csrf(client):
    audit = AuditFactory()
    assert client.get(f"{FLOOR_PREFIX}unknown-token/").status_code == 404
    (request,) = make_requests(audit, names=["A peer"])
    url = f"{FLOOR_PREFIX}{feedback_link_issue(request=request)}/"
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url, ANSWER).status_code == 403
    assert not PendingFeedbackAnswer.objects.filter(audit=audit).exists()
