import re

import pytest
from playwright.sync_api import Page, expect

from audits.models import FeedbackRequest, FeedbackResponse, PendingFeedbackAnswer
from contacts.models import Contact
from tests.e2e.test_self_audit_journey import log_in
from tests.factories import AuditFactory
from tests.feedback.conftest import fresh_link, make_requests

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_professional_asks_by_email_and_copies_a_personal_link(page: Page, live_server):
    audit = AuditFactory(objective__owner__language="en")
    Contact.objects.create(owner=audit.owner, full_name="Bo Lindqvist", company="Nordic AB")
    log_in(page, live_server, audit.owner)

    page.goto(f"{live_server.url}/audits/{audit.pk}/feedback/")
    page.get_by_role("link", name="Ask for feedback").first.click()
    page.get_by_label("Bo Lindqvist").check()
    page.get_by_label("Email addresses").fill("ana@example.com")
    page.get_by_label("They are my…").select_option("colleague")
    page.get_by_label("Personal message").fill("Your honest view would help me.")
    page.get_by_role("button", name="Create the requests").click()

    expect(page.get_by_text("1 requests are being emailed.")).to_be_visible()
    expect(page.get_by_test_id("sent")).to_have_text("1")
    row = page.locator("tr", has_text="Bo Lindqvist")
    row.get_by_role("button", name="Get the link").click()
    link = page.get_by_test_id("personal-link")
    expect(link).to_have_value(re.compile(r"/f/[A-Za-z0-9_-]{40,}/$"))
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert FeedbackRequest.objects.get(contact__full_name="Bo Lindqvist").status == "sent"


def test_a_peer_answers_on_a_phone_then_the_link_is_spent(browser, live_server):
    audit = AuditFactory(objective__owner__full_name="Camille Martin")
    (request,) = make_requests(audit, "peer@example.com")
    url = live_server.url + fresh_link(request)
    phone = browser.new_context(
        locale="fr-FR", viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    page = phone.new_page()

    page.goto(url + "?lang=en")
    expect(
        page.get_by_role("heading", name="Camille Martin would value your opinion")
    ).to_be_visible()
    expect(page.get_by_text("Votre avis compte")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_text("How your answer is used").click()
    expect(page.get_by_text("not even someone reading the database")).to_be_visible()
    page.get_by_text("Positive", exact=True).click()
    page.locator("label[for='id_pillar_strategy_3']").click()
    page.locator("label[for='id_pillar_conduct_4']").click()
    page.get_by_label("What should they keep doing?").fill("Clear and useful posts.")
    page.get_by_role("button", name="Send my answer").click()

    expect(page.get_by_test_id("thanks")).to_be_visible()
    payload = PendingFeedbackAnswer.objects.get(audit=audit).payload  # waits for 2 more
    assert payload["appraisal"] == "positive"
    assert payload["perceptions"] == {"strategy": 4, "conduct": 5}
    assert not FeedbackResponse.objects.filter(audit=audit).exists()
    page.goto(url + "?lang=en")
    expect(page.get_by_text("An answer was already given through this link")).to_be_visible()
    phone.close()
