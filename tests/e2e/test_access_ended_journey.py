"""A consultant whose client revoked access is told so, in the site, and finds the way back."""

import pytest
from playwright.sync_api import Page, expect

from audits.scores.services import audit_compile_scores
from tests.factories import AuditFactory, ConsultantFactory
from tests.helpers.browser import log_in
from tests.helpers.consulting import engage

pytestmark = pytest.mark.django_db(transaction=True)


def test_after_the_client_revokes_the_consultant_reads_why_and_goes_back(
    browser, page: Page, live_server
):
    audit = AuditFactory(objective__owner__language="en", objective__owner__full_name="Lou Client")
    audit_compile_scores(audit_id=audit.pk)
    consultant = ConsultantFactory(language="en")
    engage(audit.owner, consultant)

    log_in(page, live_server, consultant)
    page.goto(f"{live_server.url}/consultant/clients/{audit.owner.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lou Client")

    client_page = browser.new_context(locale="en-GB").new_page()
    log_in(client_page, live_server, audit.owner)
    client_page.goto(f"{live_server.url}/audits/consultants/")
    client_page.get_by_role("button", name="Revoke access").click()
    client_page.context.close()

    page.reload()
    ended = page.get_by_test_id("access-ended")
    expect(ended.get_by_role("heading")).to_have_text("Your access to this client has ended")
    expect(ended).to_contain_text("Lou Client withdrew your access on")
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()
    ended.get_by_role("link", name="Back to my clients").click()
    expect(page).to_have_url(f"{live_server.url}/consultant/")
    expect(page.get_by_role("heading", name="My clients")).to_be_visible()
