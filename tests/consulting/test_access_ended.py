"""After a client revokes access, the consultant is told so on a page of the site."""

import pytest
from django.test import Client
from django.urls import reverse

from audits.consulting.services import engagement_end, engagement_revoke
from tests.factories import ConsultantFactory, UserFactory
from tests.helpers.consulting import engage

pytestmark = pytest.mark.django_db


def _client_urls(owner_id: int, audit_id: int) -> list[str]:
    return [
        reverse("consulting:client", args=[owner_id]),
        reverse("consulting:client_network", args=[owner_id]),
        reverse("consulting:client_map", args=[owner_id]),
        reverse("consulting:client_score", args=[owner_id, audit_id]),
        reverse("consulting:client_report", args=[owner_id, audit_id]),
        reverse("consulting:review", args=[owner_id, audit_id]),
    ]


def test_a_revoked_consultant_is_told_the_access_ended_and_led_back(client, audit, consultant):
    audit.owner.full_name = "Lou Client"
    audit.owner.save(update_fields=["full_name"])
    engagement_revoke(engagement=engage(audit.owner, consultant), client=audit.owner)
    client.force_login(consultant)

    for url in _client_urls(audit.owner.pk, audit.pk):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        page = response.content.decode()
        assert response.status_code == 403, url
        assert "Your access to this client has ended" in page
        assert "Lou Client withdrew your access on" in page
        assert f'href="{reverse("consulting:workspace")}"' in page
        assert 'class="navbar' in page  # the site's layout, not a bare error page


def test_the_page_speaks_french_to_a_french_consultant(audit):
    consultant = ConsultantFactory(language="fr")
    engagement_revoke(engagement=engage(audit.owner, consultant), client=audit.owner)
    client = Client()
    client.force_login(consultant)

    page = client.get(reverse("consulting:client", args=[audit.owner.pk])).content.decode()

    assert "Votre accès à ce client a pris fin" in page
    assert "Revenir à mes clients" in page


def test_a_consultant_who_ended_it_reads_that_they_did(client, audit, consultant):
    engagement_end(engagement=engage(audit.owner, consultant), consultant=consultant)
    client.force_login(consultant)

    response = client.get(reverse("consulting:client", args=[audit.owner.pk]))

    assert response.status_code == 403
    assert "You ended your engagement with" in response.content.decode()


def test_a_consultant_never_engaged_still_gets_a_plain_404(client, audit, consultant):
    client.force_login(consultant)

    response = client.get(reverse("consulting:client", args=[audit.owner.pk]))

    assert response.status_code == 404
    assert "has ended" not in response.content.decode()


def test_error_pages_use_the_site_layout_when_debug_is_off(client, settings):
    settings.DEBUG = False
    client.force_login(UserFactory(language="en"))

    missing = client.get("/no-such-page/")
    denied = client.get(reverse("consulting:workspace"))  # not a consultant

    assert missing.status_code == 404
    assert "Page not found" in missing.content.decode()
    assert denied.status_code == 403
    assert "Access denied" in denied.content.decode()
    for response in (missing, denied):
        assert 'class="navbar' in response.content.decode()
