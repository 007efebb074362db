import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audits.feedback.services import hash_email
from audits.models import (
    Audit,
    FeedbackLink,
    FeedbackOptOut,
    FeedbackRequest,
    FeedbackResponse,
    PendingFeedbackAnswer,
)
from tests.helpers.feedback import ANSWER, fresh_link, link_from, make_requests

pytestmark = pytest.mark.django_db


def test_a_request_is_emailed_with_a_personal_link_whose_token_is_only_stored_hashed(
    audit, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        (request,) = make_requests(audit, "peer@example.com")

    request.refresh_from_db()
    assert request.status == FeedbackRequest.Status.SENT
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["peer@example.com"]
    assert "Votre avis compte" in mailoutbox[0].body  # the message, in the request's language
    path = link_from(mailoutbox[0])
    token = path.split("/")[2]
    assert len(token) >= 22  # at least 128 random bits, url-safe base64
    stored = FeedbackLink.objects.get(request=request)
    assert stored.token_hash != token
    assert token not in str(list(FeedbackLink.objects.values_list()))
    assert token not in str(list(FeedbackRequest.objects.values_list()))


def test_the_whole_lifecycle_open_answer_then_reuse(
    client, audit, django_capture_on_commit_callbacks
):
    (request,) = make_requests(audit, "peer@example.com")
    url = fresh_link(request)
    client.logout()

    page = client.get(url)
    request.refresh_from_db()
    assert page.status_code == 200
    assert audit.owner.display_name in page.content.decode()
    assert request.status == FeedbackRequest.Status.OPENED

    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(url, {**ANSWER, "lang": "en"})
    assert answered.status_code == 200
    assert "Your answer has been recorded anonymously" in answered.content.decode()
    request.refresh_from_db()
    assert request.status == FeedbackRequest.Status.OPENED  # answered, not released
    pending = PendingFeedbackAnswer.objects.get(request=request)
    assert pending.payload["perceptions"] == {
        "objectives": 4,
        "alignment": 3,
        "security": None,  # "can't say": kept apart, no rating
        "boundaries": 5,
    }
    assert pending.payload["relationship"] == "client"
    assert not FeedbackResponse.objects.filter(audit=audit).exists()
    assert Audit.objects.get(pk=audit.pk).peer_summary is None  # nothing compiled from it

    reused = client.get(url)
    again = client.post(url, {**ANSWER, "lang": "en"})
    assert reused.status_code == 410
    assert "An answer was already given through this link" in again.content.decode()
    assert again.status_code == 410
    assert PendingFeedbackAnswer.objects.filter(audit=audit).count() == 1


def test_a_double_submission_stores_one_response(client, audit):
    (request,) = make_requests(audit, "peer@example.com")
    first_tab, second_tab = fresh_link(request), fresh_link(request)
    client.logout()

    client.post(first_tab, ANSWER)
    second = client.post(second_tab, {**ANSWER, "lang": "en"})

    assert second.status_code == 410
    assert "An answer was already given through this link" in second.content.decode()
    assert PendingFeedbackAnswer.objects.count() == 1


def test_an_expired_link_gets_a_clear_410_page(client, audit):
    (request,) = make_requests(audit, "peer@example.com")
    url = fresh_link(request)
    FeedbackRequest.objects.filter(pk=request.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    page = client.get(url + "?lang=en")
    post = client.post(url, ANSWER)

    assert page.status_code == 410
    assert "This link has expired" in page.content.decode()
    assert post.status_code == 410
    assert not FeedbackResponse.objects.exists()


@pytest.mark.parametrize(
    "token",
    ["nope", "A" * 43, "x" * 500, "%00", "..%2F..%2Fetc", "é" * 10, "<script>alert(1)</script>"],
)
def test_unknown_or_malformed_tokens_get_a_clear_404_page(client, token):
    response = client.get(f"/f/{token}/")

    assert response.status_code == 404
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "This link does not work" in body or "Ce lien ne fonctionne pas" in body


def test_declining_closes_the_request_without_storing_anything(client, audit):
    (request,) = make_requests(audit, "peer@example.com")
    url = fresh_link(request)
    client.logout()

    response = client.post(reverse("peer_decline", args=[url.split("/")[2]]), {"opt_out": "0"})

    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == FeedbackRequest.Status.DECLINED
    assert not FeedbackResponse.objects.exists()
    assert not FeedbackOptOut.objects.exists()
    assert client.get(url).status_code == 410


def test_opting_out_from_an_emailed_link_blocks_new_requests_but_closes_only_this_one(
    client, audit
):
    from tests.factories import AuditFactory

    other_audit = AuditFactory()
    (request,) = make_requests(audit, "peer@example.com")
    (elsewhere,) = make_requests(other_audit, "PEER@example.com")
    fresh_link(elsewhere)
    url = fresh_link(request)  # the link the invitation email carries
    client.logout()

    page = client.post(
        reverse("peer_decline", args=[url.split("/")[2]]), {"opt_out": "1", "lang": "en"}
    )

    assert "ePratiques will never email you a feedback request again" in page.content.decode()
    assert FeedbackOptOut.objects.filter(email_hash=hash_email("peer@example.com")).exists()
    elsewhere.refresh_from_db()
    assert elsewhere.status == FeedbackRequest.Status.SENT  # another professional's request
    assert make_requests(AuditFactory(), "peer@example.com") == []
    assert "peer@example.com" not in str(list(FeedbackOptOut.objects.values_list()))


def test_over_long_text_is_refused_with_a_message_and_nothing_is_stored(client, audit):
    (request,) = make_requests(audit, "peer@example.com")
    url = fresh_link(request)
    client.logout()

    response = client.post(url + "?lang=en", {**ANSWER, "change": "x" * 1001, "lang": "en"})

    assert response.status_code == 200
    assert "Ensure this value has at most 1000 characters" in response.content.decode()
    assert not FeedbackResponse.objects.exists()
    request.refresh_from_db()
    assert request.status == FeedbackRequest.Status.OPENED or request.status == "sent"


def test_an_answer_without_appraisal_is_refused(client, audit):
    (request,) = make_requests(audit, "peer@example.com")
    url = fresh_link(request)

    response = client.post(url, {**ANSWER, "appraisal": "", "lang": "en"})

    assert "Please choose positive, neutral or negative." in response.content.decode()
    assert not FeedbackResponse.objects.exists()


def test_a_perception_out_of_range_is_refused(client, audit):
    (request,) = make_requests(audit, "peer@example.com")
    url = fresh_link(request)

    client.post(url, {**ANSWER, "item_boundaries": "9"})

    assert not FeedbackResponse.objects.exists()


def test_the_peer_page_is_rate_limited_per_address(client, settings, monkeypatch):
    settings.FEEDBACK_RATE_LIMIT = 3
    monkeypatch.setattr("config.ratelimit.time.time", lambda: 1_800_000_000.0)  # one window

    statuses = [client.get("/f/unknown-token/").status_code for _ in range(5)]
    other = client.get("/f/unknown-token/", REMOTE_ADDR="10.9.8.7")

    assert statuses == [404, 404, 404, 429, 429]
    assert other.status_code == 404


def test_user_text_is_escaped_on_the_peer_page(client, audit):
    audit.owner.full_name = "<b>Bold</b>"
    audit.owner.save()
    (request,) = make_requests(audit, "peer@example.com")
    FeedbackRequest.objects.filter(pk=request.pk).update(message="<script>x()</script>")
    url = fresh_link(request)

    body = client.get(url).content.decode()

    assert "<script>x()</script>" not in body
    assert "&lt;script&gt;" in body
    assert "<b>Bold</b>" not in body


def test_the_peer_page_has_csrf_protection(audit):
    from django.test import Client

    (request,) = make_requests(audit, "peer@example.com")
    url = fresh_link(request)
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(url, ANSWER)

    assert response.status_code == 403
    assert not FeedbackResponse.objects.exists()
