import re

import pytest
from django.urls import reverse

from audits.consulting.services import engagement_invite
from audits.models import Engagement
from tests.factories import ConsultantFactory, UserFactory
from tests.helpers.consulting import engage

pytestmark = pytest.mark.django_db


def test_an_existing_consultant_is_invited_accepts_with_the_declaration_and_both_are_told(
    client, audit, consultant, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(audit.owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("audits:consultants"), {"email": consultant.email.upper()})
    engagement = Engagement.objects.get(client=audit.owner)
    assert engagement.consultant == consultant
    assert mailoutbox[-1].to == [consultant.email]

    client.force_login(consultant)
    refused = client.post(
        reverse("consulting:accept", args=[engagement.pk]),
        {"not_relative": "on", "not_friend": "on"},
    )
    assert refused.status_code == 200
    assert "tick every box" in refused.content.decode()
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.INVITED

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("consulting:accept", args=[engagement.pk]),
            {"not_relative": "on", "not_friend": "on", "not_former_colleague": "on"},
        )
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.ACTIVE
    assert engagement.independence_declared_at is not None
    assert mailoutbox[-1].to == [audit.owner.email]


def test_a_new_consultant_follows_the_link_signs_in_and_takes_the_invitation(
    client, audit, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        engagement_invite(client=audit.owner, email="new.consultant@example.com")
    link = re.search(r"https?://[^/\s]+(/consultant/invitation/\S+/)", mailoutbox[0].body).group(1)

    anonymous = client.get(link)
    assert anonymous.status_code == 200
    newcomer = ConsultantFactory(email="new.consultant@example.com")
    client.force_login(newcomer)
    taken = client.get(link)

    engagement = Engagement.objects.get(client=audit.owner)
    assert taken.url == reverse("consulting:accept", args=[engagement.pk])
    assert engagement.consultant == newcomer
    assert client.get(link).status_code == 404  # the link is spent


def test_a_professional_account_cannot_take_an_invitation(
    client, audit, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        engagement_invite(client=audit.owner, email="someone@example.com")
    link = re.search(r"https?://[^/\s]+(/consultant/invitation/\S+/)", mailoutbox[0].body).group(1)
    client.force_login(UserFactory())

    response = client.get(link)

    assert response.status_code == 403
    assert Engagement.objects.get().consultant is None


def test_nobody_engages_themselves(client, audit):
    client.force_login(audit.owner)

    response = client.post(
        reverse("audits:consultants"), {"email": audit.owner.email}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert "independent" in response.content.decode()
    assert not Engagement.objects.exists()


def test_a_revoked_consultant_loses_access_at_once(client, audit, consultant):
    engagement = engage(audit.owner, consultant)
    url = reverse("consulting:client_score", args=[audit.owner.pk, audit.pk])
    client.force_login(consultant)
    assert client.get(url).status_code == 200

    owner = client.__class__()
    owner.force_login(audit.owner)
    owner.post(reverse("audits:consultant_revoke", args=[engagement.pk]))

    assert client.get(url).status_code == 403
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.REVOKED


def test_the_consultant_can_end_the_engagement(client, audit, consultant):
    engage(audit.owner, consultant)
    client.force_login(consultant)

    client.post(reverse("consulting:end", args=[audit.owner.pk]))

    assert client.get(reverse("consulting:client", args=[audit.owner.pk])).status_code == 403


def test_individual_contacts_are_shared_only_if_the_client_opts_in(client, audit, consultant):
    from contacts.models import Contact

    Contact.objects.create(
        owner=audit.owner,
        full_name="Secret Champion",
        role_category="peer",
        two_way_conversations=3,
        messages_sent=5,
        networks="linkedin",
    )
    engagement = engage(audit.owner, consultant)
    client.force_login(consultant)
    data = reverse("consulting:client_map_data", args=[audit.owner.pk]) + "?group=category"
    network = reverse("consulting:client_network", args=[audit.owner.pk])

    hidden = client.get(data + "&value=peer").json()
    assert hidden["contacts"] == []
    assert client.get(data).json()["clusters"][0]["count"] == 1
    assert "Secret Champion" not in client.get(network).content.decode()

    engagement.share_contacts = True
    engagement.save()
    shown = client.get(data + "&value=peer").json()
    assert shown["contacts"][0]["label"] == "Secret Champion"
    assert "Secret Champion" in client.get(network).content.decode()


def test_invitation_links_are_rate_limited_per_address(client, settings, monkeypatch):
    settings.FEEDBACK_RATE_LIMIT = 2
    monkeypatch.setattr("config.ratelimit.time.time", lambda: 1_800_000_000.0)  # one window

    statuses = [client.get("/consultant/invitation/guess-me/").status_code for _ in range(4)]

    assert statuses == [404, 404, 429, 429]
