"""The layout: no inline scripts or styles (CSP), the home page for visitors, navigation by role."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import ConsultantFactory, UserFactory

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"\sstyle\s*=", re.IGNORECASE)


@pytest.mark.parametrize("path", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: p.name)
def test_templates_have_no_inline_script_or_style(path):
    text = path.read_text()

    assert not INLINE_SCRIPT.search(text)
    assert not INLINE_HANDLER.search(text)
    assert not INLINE_STYLE.search(text)


@pytest.mark.django_db
def test_pages_are_served_with_a_strict_content_security_policy(client):
    response = client.get(reverse("home"))

    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_the_home_page_explains_the_product_to_a_visitor(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    assert response.status_code == 200
    for pillar in ("Strategy", "Network", "Engagement", "Conduct and trust"):
        assert pillar in body
    assert reverse("account_signup") in body


@pytest.mark.django_db
def test_the_home_page_sends_a_logged_in_user_to_the_dashboard(client):
    client.force_login(UserFactory())

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url == reverse("dashboard")


@pytest.mark.django_db
def test_the_navigation_follows_the_role(client):
    client.force_login(UserFactory(is_staff=True))
    staff_page = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.force_login(ConsultantFactory())
    consultant_page = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert reverse("admin:index") in staff_page
    assert "Consultant workspace" not in staff_page
    assert reverse("admin:index") not in consultant_page
    assert "Consultant workspace" in consultant_page


@pytest.mark.django_db
def test_static_files_come_from_our_own_origin(client):
    body = client.get(reverse("home")).content.decode()

    sources = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', body)
    assert sources
    assert all(source.startswith("/static/") for source in sources)


@pytest.mark.django_db
def test_security_headers_are_sent(client):
    response = client.get(reverse("home"))

    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response.headers


def test_the_client_address_comes_from_the_trusted_proxy_only(rf, settings):
    from config.ratelimit import client_address

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="10.0.0.2")

    settings.TRUSTED_PROXIES = 0
    assert client_address(request) == "10.0.0.2"
    settings.TRUSTED_PROXIES = 1
    assert client_address(request) == "203.0.113.7"  # not the forged first entry
    settings.TRUSTED_PROXIES = 3
    assert client_address(request) == "10.0.0.2"  # fewer hops than proxies: not trusted
