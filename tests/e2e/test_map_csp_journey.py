"""The network map draws under the strict Content Security Policy without a violation."""

import pytest
from playwright.sync_api import Page, expect

from contacts.models import Contact
from tests.factories import UserFactory
from tests.helpers.browser import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_map_loads_with_no_content_security_policy_error(page: Page, live_server):
    user = UserFactory(language="en")
    for name in ("Ana Lima", "Bo Chen", "Cy Diallo"):
        Contact.objects.create(owner=user, full_name=name, networks="linkedin")
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, live_server, user)
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(f"{live_server.url}/contacts/map/")

    expect(page.locator("#network-map canvas").first).to_be_attached()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__csp") == []
    assert [e for e in errors if "Content Security Policy" in e] == []
    position = page.locator("#network-map").evaluate("el => getComputedStyle(el).position")
    assert position == "relative"
