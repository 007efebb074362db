"""Pages and downloads of a logged-in user are never stored by a cache; every response
refuses the browser features the site does not use."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def test_every_response_carries_a_permissions_policy(client):
    for response in (
        client.get(reverse("home")),
        client.get(reverse("account_login")),
        client.get("/static/css/app.css"),
        client.get("/no-such-page/"),
    ):
        policy = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in policy


def test_public_pages_and_static_files_stay_cacheable(client):
    assert "no-store" not in cache_control(client.get(reverse("home")))
    assert "no-store" not in cache_control(client.get("/static/css/app.css"))


@pytest.mark.parametrize(
    "name",
    ["dashboard", "accounts:profile", "accounts:my_data", "accounts:activity", "mfa_index"],
)
def test_pages_of_a_logged_in_user_are_private_and_not_stored(client, name):
    client.force_login(UserFactory())

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)
    assert "public" not in cache_control(response)


@pytest.mark.parametrize(
    "name", ["accounts:my_data_export", "accounts:my_data_export_csv", "contacts:export"]
)
def test_downloads_are_private_and_not_stored(client, name):
    client.force_login(UserFactory())

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert response.has_header("Content-Disposition")
    assert {"private", "no-store"} <= cache_control(response)


def test_a_report_pdf_is_private_and_not_stored(client):
    from tests.factories import AuditFactory

    audit = AuditFactory()
    client.force_login(audit.owner)

    response = client.get(reverse("audits:report_pdf", args=[audit.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert {"private", "no-store"} <= cache_control(response)


def test_a_download_is_not_stored_even_without_a_user():
    from django.http import HttpResponse
    from django.test import RequestFactory

    from accounts.middleware import SecurityHeadersMiddleware

    def view(request):
        response = HttpResponse(b"%PDF-1.7", content_type="application/pdf")
        response["Cache-Control"] = "public, max-age=3600"
        return response

    response = SecurityHeadersMiddleware(view)(RequestFactory().get("/shared.pdf"))

    assert "private" in cache_control(response)
    assert "no-store" in cache_control(response)
    assert "public" not in cache_control(response)
