"""Nobody can tamper with another professional's requests, nor answer in a peer's name."""

import pytest
from django.urls import reverse

from audits.feedback.services import feedback_link_issue, hash_email
from audits.models import FeedbackLink, FeedbackOptOut, FeedbackRequest
from contacts.models import Contact
from tests.factories import AuditFactory
from tests.helpers.feedback import fresh_link, make_requests

pytestmark = pytest.mark.django_db


def decline(client, url: str, opt_out: bool):
    token = url.split("/")[2]
    return client.post(
        reverse("peer_decline", args=[token]), {"opt_out": "1" if opt_out else "0", "lang": "en"}
    )


@pytest.mark.parametrize("opt_out", [False, True])
def test_a_decline_through_a_copied_link_touches_only_that_request(client, opt_out):
    b_audit = AuditFactory()
    (b_request,) = make_requests(b_audit, "victim@ex.com")
    fresh_link(b_request)  # B's invitation went out
    a_audit = AuditFactory()
    # A knows the victim only as a contact without email: a copied link, in A's hands.
    contact = Contact.objects.create(owner=a_audit.owner, full_name="Victim (LinkedIn)")
    a_request = make_requests(a_audit, names=["Victim"])[0]
    FeedbackRequest.objects.filter(pk=a_request.pk).update(contact=contact)
    a_request.refresh_from_db()
    url = reverse("peer", args=[feedback_link_issue(request=a_request)])

    page = decline(client, url, opt_out)

    assert page.status_code == 200
    b_request.refresh_from_db()
    assert b_request.status == FeedbackRequest.Status.SENT
    assert not FeedbackOptOut.objects.exists()
    assert FeedbackRequest.objects.get(pk=a_request.pk).status == "declined"
    contact.refresh_from_db()
    assert contact.feedback_opted_out is opt_out
    body = page.content.decode()
    if opt_out:
        assert "we do not know your email address" in body
        assert "refuse any new request from" in body
        # Recorded, and enforced: A can no longer ask this contact.
        again = a_audit.owner.contacts.get(pk=contact.pk)
        from audits.feedback.services import Recipient, feedback_requests_create

        result = feedback_requests_create(
            audit=AuditFactory(objective__owner=a_audit.owner),
            recipients=[Recipient(name=again.full_name, contact=again)],
            relationship="client",
            message="",
            language="en",
        )
        assert result.created == [] and result.opted_out == ["Victim (LinkedIn)"]


def test_an_opt_out_through_an_emailed_link_never_declines_another_professionals_request(
    client,
):
    b_audit, a_audit = AuditFactory(), AuditFactory()
    (b_request,) = make_requests(b_audit, "x@ex.com")
    (a_request,) = make_requests(a_audit, "x@ex.com")
    fresh_link(b_request)
    a_url = fresh_link(a_request)  # emailed to x@ex.com: only x can use it

    page = decline(client, a_url, opt_out=True)

    assert "never email you a feedback request again" in page.content.decode()
    assert FeedbackOptOut.objects.filter(email_hash=hash_email("x@ex.com")).exists()
    b_request.refresh_from_db()
    assert b_request.status == FeedbackRequest.Status.SENT  # B's request: untouched
    assert client.get(fresh_link(b_request)).status_code == 200  # and x can still answer B


def test_a_link_only_request_without_contact_says_nothing_more_was_recorded(client):
    audit = AuditFactory()
    (request,) = make_requests(audit, names=["Sam"])
    url = fresh_link(request)

    body = decline(client, url, opt_out=True).content.decode()

    assert "nothing else could be recorded" in body
    assert not FeedbackOptOut.objects.exists()


def test_an_emailed_request_has_no_copy_link_button_and_refuses_one(client, audit):
    (emailed,) = make_requests(audit, "ana@ex.com")
    (linked,) = make_requests(audit, names=["Bo"])
    page = client.get(reverse("audits:feedback", args=[audit.pk]), HTTP_ACCEPT_LANGUAGE="en")
    body = page.content.decode()

    assert reverse("audits:feedback_link", args=[audit.pk, emailed.pk]) not in body
    assert reverse("audits:feedback_send_again", args=[audit.pk, emailed.pk]) in body
    assert reverse("audits:feedback_link", args=[audit.pk, linked.pk]) in body

    forced = client.post(
        reverse("audits:feedback_link", args=[audit.pk, emailed.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert "its link is only in the email" in forced.content.decode()
    assert "personal-link" not in forced.content.decode()
    assert not FeedbackLink.objects.filter(request=emailed).exists()


def test_send_again_emails_a_reminder_with_a_new_emailed_link(
    client, audit, mailoutbox, django_capture_on_commit_callbacks
):
    (request,) = make_requests(audit, "ana@ex.com")
    fresh_link(request)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("audits:feedback_send_again", args=[audit.pk, request.pk]))
        client.post(reverse("audits:feedback_send_again", args=[audit.pk, request.pk]))

    assert [m.to for m in mailoutbox] == [["ana@ex.com"]]  # at most once a day
    assert FeedbackLink.objects.filter(request=request, emailed=True).count() == 2


def test_send_again_on_an_answered_request_says_the_same_and_sends_nothing(
    client, audit, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.helpers.feedback import ANSWER

    answered, silent = make_requests(audit, "a@ex.com", "s@ex.com")
    answer_url = fresh_link(answered)
    fresh_link(silent)
    client.logout()
    client.post(answer_url, ANSWER)
    client.force_login(audit.owner)

    pages = []
    with django_capture_on_commit_callbacks(execute=True):
        for request in (answered, silent):
            page = client.post(
                reverse("audits:feedback_send_again", args=[audit.pk, request.pk]),
                HTTP_ACCEPT_LANGUAGE="en",
                follow=True,
            )
            body = page.content.decode()
            messages = body[body.index('class="messages"') : body.index("<h1")]
            pages.append(messages.replace(request.email, "EMAIL"))

    assert [m.to for m in mailoutbox] == [["s@ex.com"]]
    assert "unless they already answered" in pages[0]
    assert pages[0] == pages[1]


def test_someone_elses_audit_cannot_be_closed_or_reminded(client, audit):
    other = AuditFactory()
    (theirs,) = make_requests(other, "z@ex.com")

    close = client.post(reverse("audits:feedback_close", args=[other.pk]))
    again = client.post(reverse("audits:feedback_send_again", args=[audit.pk, theirs.pk]))
    again_theirs = client.post(reverse("audits:feedback_send_again", args=[other.pk, theirs.pk]))

    assert (close.status_code, again.status_code, again_theirs.status_code) == (404, 404, 404)
    theirs.refresh_from_db()
    assert theirs.status == FeedbackRequest.Status.PENDING


def test_new_addresses_are_limited_per_account_and_day_with_a_clear_message(
    client, audit, settings
):
    settings.FEEDBACK_INVITATIONS_PER_DAY = 2
    make_requests(audit, "known@ex.com")  # one new address spent today

    page = client.post(
        reverse("audits:feedback_new", args=[audit.pk]),
        {"emails": "a@ex.com b@ex.com", "relationship": "client", "language": "en"},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )

    assert FeedbackRequest.objects.filter(audit=audit).count() == 2
    body = page.content.decode()
    assert "you may email at most 2 new addresses a day" in body
    assert "b@ex.com" in body
    # Asking someone already asked, for a later audit, is not a new address.
    later = AuditFactory(objective__owner=audit.owner)
    assert [r.email for r in make_requests(later, "known@ex.com")] == ["known@ex.com"]
