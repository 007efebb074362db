import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.feedback.release import feedback_release
from audits.feedback.services import feedback_answer
from audits.models import FeedbackRequest, FeedbackResponse
from contacts.models import Contact
from tests.factories import AuditFactory, UserFactory
from tests.helpers.feedback import make_requests

pytestmark = pytest.mark.django_db


def new_url(audit):
    return reverse("audits:feedback_new", args=[audit.pk])


def test_the_professional_picks_contacts_and_types_emails(
    client, audit, mailoutbox, django_capture_on_commit_callbacks
):
    with_email = Contact.objects.create(owner=audit.owner, full_name="Ana", email="ana@ex.com")
    link_only = Contact.objects.create(owner=audit.owner, full_name="Bo (LinkedIn)")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            new_url(audit),
            {
                "contacts": [with_email.pk, link_only.pk],
                "emails": "cy@ex.com, DY@ex.com\ncy@ex.com",
                "relationship": "colleague",
                "message": "Merci !",
                "language": "en",
            },
            follow=True,
        )

    requests = FeedbackRequest.objects.filter(audit=audit)
    assert requests.count() == 4
    assert sorted(requests.exclude(email="").values_list("email", flat=True)) == [
        "ana@ex.com",
        "cy@ex.com",
        "dy@ex.com",
    ]
    assert requests.get(contact=link_only).delivery == FeedbackRequest.Delivery.LINK
    assert len(mailoutbox) == 3
    assert "3 requests are being emailed." in response.content.decode()


def test_someone_elses_contact_cannot_be_asked(client, audit):
    theirs = Contact.objects.create(owner=UserFactory(), full_name="Not yours", email="n@ex.com")

    response = client.post(
        new_url(audit),
        {"contacts": [theirs.pk], "relationship": "client", "language": "en"},
    )

    assert response.status_code == 200
    assert not FeedbackRequest.objects.exists()


def test_invalid_emails_are_listed(client, audit):
    response = client.post(
        new_url(audit),
        {"emails": "good@ex.com, not-an-email, @nope", "relationship": "client", "language": "en"},
    )

    body = response.content.decode()
    assert "These are not email addresses: not-an-email, @nope" in body
    assert not FeedbackRequest.objects.exists()


def test_nobody_picked_is_a_clear_error(client, audit):
    response = client.post(new_url(audit), {"relationship": "client", "language": "en"})

    assert "Pick at least one contact or type an email address." in response.content.decode()


def test_the_same_person_is_not_asked_twice_for_one_audit(client, audit):
    make_requests(audit, "ana@ex.com")

    client.post(
        new_url(audit), {"emails": "ANA@ex.com", "relationship": "client", "language": "en"}
    )

    assert FeedbackRequest.objects.filter(audit=audit).count() == 1


def test_someone_elses_audit_cannot_be_used(client, audit):
    other = AuditFactory()

    assert client.get(new_url(other)).status_code == 404
    assert (
        client.post(
            new_url(other), {"emails": "a@ex.com", "relationship": "client", "language": "en"}
        ).status_code
        == 404
    )
    (theirs,) = make_requests(other, "z@ex.com")
    link = reverse("audits:feedback_link", args=[audit.pk, theirs.pk])
    assert client.post(link).status_code == 404
    assert client.get(reverse("audits:feedback", args=[other.pk])).status_code == 404


def test_copying_a_link_shows_it_once_and_marks_the_request_sent(client, audit):
    (request,) = make_requests(audit, names=["Bo"])

    page = client.post(reverse("audits:feedback_link", args=[audit.pk, request.pk]))

    url = page.context["url"]
    assert "/f/" in url
    request.refresh_from_db()
    assert request.status == FeedbackRequest.Status.SENT
    tracking = client.get(reverse("audits:feedback", args=[audit.pk])).content.decode()
    assert url not in tracking


def test_tracking_shows_rates_and_silence_but_never_who_said_what(client, audit):
    requests = make_requests(audit, "a@ex.com", "b@ex.com", "c@ex.com", "d@ex.com")
    FeedbackRequest.objects.filter(audit=audit).update(status="sent")
    for request, text in zip(requests[:3], ["Clear posts", "Helpful", "Too salesy"], strict=True):
        request.refresh_from_db()
        feedback_answer(
            request=request, appraisal="positive", perceptions={}, keep_doing=text, change=""
        )
    feedback_release(audit_id=audit.pk)

    page = client.get(reverse("audits:feedback", args=[audit.pk]), HTTP_ACCEPT_LANGUAGE="en")

    body = page.content.decode()
    tracking = page.context["tracking"]
    assert (tracking.sent, tracking.answered) == (4, 3)
    assert tracking.response_rate == 75.0
    assert tracking.silent_rate == 25.0
    for text in ("Clear posts", "Helpful", "Too salesy"):
        assert text in body
    # Texts are not in any per-person row of the table.
    table = body[body.index("<table") : body.index("</table>")]
    assert "Clear posts" not in table


def test_comments_stay_hidden_below_three_answers(client, audit):
    (request,) = make_requests(audit, "a@ex.com")
    FeedbackRequest.objects.filter(pk=request.pk).update(status="sent")
    request.refresh_from_db()
    feedback_answer(
        request=request, appraisal="negative", perceptions={}, keep_doing="Secret", change=""
    )

    body = client.get(reverse("audits:feedback", args=[audit.pk])).content.decode()

    assert "Secret" not in body
    assert FeedbackResponse.objects.count() == 0  # waiting for two more


def test_the_tracking_page_cost_does_not_grow_with_requests(client, audit):
    make_requests(audit, *[f"p{i}@ex.com" for i in range(3)])
    url = reverse("audits:feedback", args=[audit.pk])
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    make_requests(audit, *[f"q{i}@ex.com" for i in range(40)])
    with CaptureQueriesContext(connection) as large:
        client.get(url)

    assert len(large.captured_queries) == len(small.captured_queries)
