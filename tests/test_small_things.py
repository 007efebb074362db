"""Small things that add up: the favicon, the footer a peer reads, the section tabs."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import AuditFactory
from tests.helpers.feedback import fresh_token, make_requests

pytestmark = pytest.mark.django_db

OWNER_PROMISE = "Your answers and your contacts stay yours"


def test_every_page_has_a_favicon_that_exists(client):
    page = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in page
    assert finders.find("img/favicon.svg")


def test_a_peer_is_not_told_that_their_contacts_stay_theirs(client):
    audit = AuditFactory()
    (request,) = make_requests(audit, "peer@example.com")

    peer_page = client.get(f"/f/{fresh_token(request)}/?lang=en")
    client.force_login(audit.owner)
    own_page = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en")

    assert peer_page.status_code == 200
    assert OWNER_PROMISE not in peer_page.content.decode()
    assert OWNER_PROMISE in own_page.content.decode()
