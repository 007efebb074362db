"""Independence checked: invite → match shown to both → explain or decline → client approves →
access starts. Before the approval nothing of the client's audit opens."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import ConsultantProfile
from audits.consulting.models import Engagement, IndependenceCheck
from audits.consulting.services import (
    engagement_accept,
    engagement_approve_independence,
    engagement_invite,
)
from tests.factories import AuditFactory, ConsultantFactory, UserFactory
from tests.helpers.consulting import engage, explained_engagement, known_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def claire():
    consultant = ConsultantFactory(full_name="Claire Lefèvre", language="en")
    ConsultantProfile.objects.create(
        user=consultant,
        organisation="Conseil & Associés",
        past_employers="Acme SAS\nBeta Industries",
        profile_url="https://www.linkedin.com/in/claire-lefevre",
    )
    return consultant


def _accept_page(client, engagement):
    return client.get(reverse("consulting:accept", args=[engagement.pk]))


def test_the_invitation_checks_the_contacts_and_the_client_sees_the_match(client, audit, claire):
    contact = known_contact(audit.owner, claire, full_name="Claire L.")
    engagement = engagement_invite(client=audit.owner, email=claire.email)

    check = engagement.independence
    assert check.status == IndependenceCheck.Status.CONFLICT
    assert check.matches == [
        {"contact": contact.pk, "key": "email", "relationship": "former_colleague"}
    ]
    client.force_login(audit.owner)
    page = client.get(reverse("audits:consultants")).content.decode()
    assert "Claire L. is in your contacts as a former colleague: same email address." in page
    assert "must decline or explain" in page


def test_the_consultant_sees_the_match_worded_for_them(client, audit, claire):
    known_contact(audit.owner, claire)
    engagement = engagement_invite(client=audit.owner, email=claire.email)
    client.force_login(claire)

    page = _accept_page(client, engagement).content.decode()

    assert (
        "You appear in the client&#x27;s contacts as a former colleague: a contact with your "
        "email address." in page
    )
    assert 'name="explanation"' in page
    assert "Decline the invitation" in page


@pytest.mark.parametrize(
    ("fields", "wording"),
    [
        ({"email": "", "profile_url": "linkedin.com/in/Claire-Lefevre/"}, "your profile URL"),
        (
            {"email": "old@x.example", "other_emails": ["claire-secondary@x.example"]},
            "your email address among their other addresses",
        ),
        ({"email": "", "company": "ACME"}, "your name and one of your employers"),
    ],
)
def test_the_check_at_acceptance_uses_the_profile_and_other_addresses(
    client, audit, fields, wording
):
    from allauth.account.models import EmailAddress

    claire = ConsultantFactory(full_name="Claire Lefèvre", language="en")
    known_contact(audit.owner, claire, relationship="friend", **fields)
    engagement = engagement_invite(client=audit.owner, email=claire.email)
    assert engagement.independence.status == IndependenceCheck.Status.CLEAR
    # The consultant completes their profile and adds an address after being invited.
    ConsultantProfile.objects.create(
        user=claire,
        past_employers="Acme SAS",
        profile_url="https://www.linkedin.com/in/claire-lefevre",
    )
    EmailAddress.objects.create(user=claire, email="claire-secondary@x.example")
    client.force_login(claire)

    page = _accept_page(client, engagement).content.decode()

    assert f"as a friend: a contact with {wording}." in page
    engagement.refresh_from_db()
    assert engagement.independence.status == IndependenceCheck.Status.CONFLICT


def test_accepting_with_a_match_needs_an_explanation_and_starts_nothing(client, audit, claire):
    known_contact(audit.owner, claire)
    engagement = engagement_invite(client=audit.owner, email=claire.email)
    client.force_login(claire)
    _accept_page(client, engagement)

    refused = client.post(
        reverse("consulting:accept", args=[engagement.pk]),
        {"not_relative": "on", "not_friend": "on", "not_former_colleague": "on"},
    )
    assert refused.status_code == 200
    assert "explain why your review stays independent" in refused.content.decode()
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.INVITED
    assert engagement.independence.status == IndependenceCheck.Status.CONFLICT

    sent = client.post(
        reverse("consulting:accept", args=[engagement.pk]),
        {"not_relative": "on", "not_friend": "on", "explanation": "<b>Ten</b> years ago."},
    )
    assert sent.status_code == 302
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.INVITED
    check = engagement.independence
    assert check.status == IndependenceCheck.Status.EXPLAINED
    assert check.explanation == "<b>Ten</b> years ago."
    assert (engagement.not_relative, engagement.not_friend, engagement.not_former_colleague) == (
        True,
        True,
        False,
    )
    # Nothing of the client opens before the approval.
    for url in (
        reverse("consulting:client", args=[audit.owner_id]),
        reverse("consulting:client_score", args=[audit.owner_id, audit.pk]),
        reverse("consulting:review", args=[audit.owner_id, audit.pk]),
        reverse("consulting:messages", args=[engagement.pk]),
    ):
        assert client.get(url).status_code == 404, url
    # The accept page now says it waits, and offers no second explanation.
    waiting = _accept_page(client, engagement).content.decode()
    assert 'data-testid="independence-waiting"' in waiting
    assert 'name="explanation"' not in waiting


def test_the_client_reads_the_explanation_escaped_and_approves(
    client, audit, claire, mailoutbox, django_capture_on_commit_callbacks
):
    known_contact(audit.owner, claire)
    with django_capture_on_commit_callbacks(execute=True):
        engagement = explained_engagement(audit.owner, claire, "<script>x</script> once")
    assert mailoutbox[-1].to == [audit.owner.email]
    assert "explained" in mailoutbox[-1].subject
    client.force_login(audit.owner)
    page = client.get(reverse("audits:consultants")).content.decode()
    assert "&lt;script&gt;x&lt;/script&gt; once" in page
    assert "<script>x" not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("audits:consultant_approve", args=[engagement.pk]))

    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.ACTIVE
    assert engagement.independence.status == IndependenceCheck.Status.APPROVED
    assert mailoutbox[-1].to == [claire.email]
    consultant = client.__class__()
    consultant.force_login(claire)
    assert consultant.get(reverse("consulting:client", args=[audit.owner_id])).status_code == 200


def test_only_the_client_approves_and_only_an_explanation(client, audit, claire):
    known_contact(audit.owner, claire)
    engagement = engagement_invite(client=audit.owner, email=claire.email)
    # Not explained yet: nothing to approve.
    with pytest.raises(ValidationError):
        engagement_approve_independence(engagement=engagement, client=audit.owner)
    engagement_accept(
        engagement=engagement, consultant=claire, not_relative=False, not_friend=False,
        not_former_colleague=False, explanation="Met once.",
    )  # fmt: skip
    # Another client, the consultant themself: a 404 and nothing changes.
    for user in (UserFactory(), claire):
        client.force_login(user)
        response = client.post(reverse("audits:consultant_approve", args=[engagement.pk]))
        assert response.status_code == 404
    client.force_login(audit.owner)
    assert client.get(reverse("audits:consultant_approve", args=[engagement.pk])).status_code == 405
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.INVITED


def test_the_consultant_may_decline_instead(client, audit, claire):
    known_contact(audit.owner, claire)
    engagement = engagement_invite(client=audit.owner, email=claire.email)
    client.force_login(claire)
    client.post(reverse("consulting:decline", args=[engagement.pk]))
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.DECLINED
    assert client.get(reverse("consulting:client", args=[audit.owner_id])).status_code == 404


def test_the_client_may_refuse_the_explanation_by_withdrawing(client, audit, claire):
    known_contact(audit.owner, claire)
    engagement = explained_engagement(audit.owner, claire)
    client.force_login(audit.owner)
    client.post(reverse("audits:consultant_revoke", args=[engagement.pk]))
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.REVOKED
    with pytest.raises(ValidationError):
        engagement_approve_independence(engagement=engagement, client=audit.owner)


def test_no_match_keeps_the_three_boxes_and_starts_at_once(client, audit, claire):
    engagement = engage(audit.owner, claire)
    assert engagement.status == Engagement.Status.ACTIVE
    assert engagement.independence.status == IndependenceCheck.Status.CLEAR


def test_a_name_alone_in_the_contacts_is_no_conflict(audit, claire):
    known_contact(audit.owner, claire, email="", company="Somewhere Else")
    assert engage(audit.owner, claire).status == Engagement.Status.ACTIVE


def test_an_active_engagement_with_a_pending_check_opens_nothing(client, audit, claire):
    """The access check itself refuses, not only the flow that leads to it."""
    engagement = engage(audit.owner, claire)
    IndependenceCheck.objects.filter(engagement=engagement).update(status="explained")
    client.force_login(claire)
    assert client.get(reverse("consulting:client", args=[audit.owner_id])).status_code == 404
    assert client.get(reverse("consulting:messages", args=[engagement.pk])).status_code == 404


def test_shared_past_employers_are_a_notice_to_both(client, claire):
    audit = AuditFactory(objective__owner__past_employers="ACME\nSomewhere")
    engagement = engage(audit.owner, claire)  # no contact match: access starts
    assert engagement.is_active
    assert engagement.independence.shared_employers == ["Acme SAS"]
    client.force_login(audit.owner)
    page = client.get(reverse("audits:consultants")).content.decode()
    assert "You and this consultant both list Acme SAS among your employers" in page

    other = engagement_invite(
        client=AuditFactory(objective__owner__past_employers="Beta Industries").owner,
        email=claire.email,
    )
    client.force_login(claire)
    page = _accept_page(client, other).content.decode()
    assert "You and your client both list Beta Industries among your employers" in page
    assert 'name="explanation"' not in page  # a notice, not a conflict


def test_the_french_wording(client, audit, claire):
    claire.language = "fr"
    claire.save()
    known_contact(audit.owner, claire)
    engagement = engagement_invite(client=audit.owner, email=claire.email)
    client.force_login(claire)
    page = client.get(
        reverse("consulting:accept", args=[engagement.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert (
        "Vous figurez dans les contacts du client comme ancien collègue\u00a0: un contact avec "
        "votre adresse e-mail." in page.replace("&#x27;", "’")
    )


def test_each_export_holds_the_check_and_only_the_client_s_names_its_contact(client, audit, claire):
    import json

    contact = known_contact(audit.owner, claire)
    explained_engagement(audit.owner, claire, "Met once.")
    client.force_login(audit.owner)
    (own,) = json.loads(client.get(reverse("accounts:my_data_export")).content)[
        "independence_checks"
    ]
    assert own["matches"] == [
        {"contact": contact.pk, "key": "email", "relationship": "former_colleague"}
    ]
    assert own["explanation"] == "Met once."
    client.force_login(claire)
    (theirs,) = json.loads(client.get(reverse("accounts:my_data_export")).content)[
        "independence_checks"
    ]
    assert theirs["matches"] == [{"key": "email", "relationship": "former_colleague"}]
    assert theirs["as"] == "consultant"


def test_the_consultants_page_queries_do_not_grow_with_engagements(client, audit):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        for _i in range(n):
            consultant = ConsultantFactory()
            known_contact(audit.owner, consultant)
            explained_engagement(audit.owner, consultant)

    client.force_login(audit.owner)
    add(1)
    client.get(reverse("audits:consultants"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("audits:consultants"))
    add(8)
    with CaptureQueriesContext(connection) as nine:
        page = client.get(reverse("audits:consultants")).content.decode()
    assert page.count('data-testid="independence-explanation"') == 9
    assert len(nine) == len(one)
