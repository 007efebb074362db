import re

import pytest
from playwright.sync_api import Page, expect

from audits.models import FeedbackRequest, FeedbackResponse, PendingFeedbackAnswer
from contacts.models import Contact
from tests.factories import AuditFactory
from tests.helpers.browser import log_in
from tests.helpers.feedback import fresh_link, make_requests

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
    expect(page.get_by_test_id("peer-objective")).to_be_visible()
    page.locator("label[for='id_item_objectives_3']").click()
    page.locator("label[for='id_item_boundaries_4']").click()
    page.locator("label[for='id_item_security_5']").click()  # can't say
    page.get_by_label("What should they keep doing?").fill("Clear and useful posts.")
    page.get_by_role("button", name="Send my answer").click()

    expect(page.get_by_test_id("thanks")).to_be_visible()
    payload = PendingFeedbackAnswer.objects.get(audit=audit).payload  # waits for 2 more
    assert payload["appraisal"] == "positive"
    assert payload["perceptions"] == {"objectives": 4, "boundaries": 5, "security": None}
    assert not FeedbackResponse.objects.filter(audit=audit).exists()
    page.goto(url + "?lang=en")
    expect(page.get_by_text("An answer was already given through this link")).to_be_visible()
    phone.close()


ANSWERED = re.compile(r"^Answered$")


def test_three_peers_answer_on_a_phone_and_the_figures_appear_only_after_the_third(
    browser, live_server, page: Page, settings
):
    settings.SCORE_DEBOUNCE_SECONDS = 0
    audit = AuditFactory(objective__owner__language="en")
    requests = make_requests(audit, "p1@example.com", "p2@example.com", "p3@example.com")
    links = [live_server.url + fresh_link(request) + "?lang=en" for request in requests]
    log_in(page, live_server, audit.owner)
    score_url = f"{live_server.url}/audits/{audit.pk}/score/"
    tracking_url = f"{live_server.url}/audits/{audit.pk}/feedback/"
    phone = browser.new_context(
        locale="en-GB", viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )

    for number, link in enumerate(links, start=1):
        peer = phone.new_page()
        peer.goto(link)
        peer.get_by_text("Negative" if number < 3 else "Neutral", exact=True).click()
        peer.locator("label[for='id_item_objectives_0']").click()
        peer.get_by_label("What should they change?").fill(f"Comment number {number}.")
        peer.get_by_role("button", name="Send my answer").click()
        expect(peer.get_by_test_id("thanks")).to_be_visible()
        assert peer.evaluate("document.documentElement.scrollWidth") <= 375
        peer.close()

        page.goto(tracking_url)
        if number < 3:
            expect(page.get_by_test_id("answered")).to_have_text("0")
            expect(page.get_by_test_id("pending-release")).to_contain_text(
                f"{number} answer" + ("s are" if number > 1 else " is") + " waiting"
            )
            expect(page.locator(".badge", has_text=ANSWERED)).to_have_count(0)
            expect(page.locator(".badge", has_text="Opened or answered")).to_have_count(number)
            expect(page.get_by_text("Comment number")).to_have_count(0)
            page.goto(score_url)
            expect(page.get_by_test_id("urgent")).to_have_count(0)
            expect(page.get_by_text("answers out of")).to_have_count(0)
        else:
            expect(page.get_by_test_id("answered")).to_have_text("3")
            expect(page.locator(".badge", has_text=ANSWERED)).to_have_count(3)
            expect(page.get_by_text("Comment number")).to_have_count(3)
            page.goto(score_url)
            expect(page.get_by_text("3 answers out of 3 requests sent")).to_be_visible()
            expect(page.get_by_test_id("urgent")).to_be_visible()
    phone.close()
