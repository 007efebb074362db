"""At 1280 px every tab of the self-audit is shown whole (it was "Review and s…")."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import AuditFactory
from tests.helpers.browser import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_section_tabs_fit_at_1280_px(page: Page, live_server, language):
    audit = AuditFactory(objective__owner__language=language)
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server, audit.owner)
    page.goto(f"{live_server.url}/audits/{audit.pk}/section/1/")

    tabs = page.locator(".section-nav")
    expect(tabs).to_be_visible()
    overflow = tabs.evaluate("nav => nav.scrollWidth - nav.clientWidth")
    assert overflow <= 0
    box = tabs.bounding_box()
    for link in tabs.locator(".nav-link").all():
        link_box = link.bounding_box()
        assert link_box["x"] + link_box["width"] <= box["x"] + box["width"] + 0.5
