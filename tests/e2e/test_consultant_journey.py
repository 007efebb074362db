import pytest
from playwright.sync_api import Page, expect

from audits.consulting.services import engagement_invite
from audits.models import Engagement, Review
from audits.scores.services import audit_compile_scores
from tests.factories import AuditFactory, ConsultantFactory
from tests.helpers.browser import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_accept_declare_independence_review_publish_and_the_client_reads_it(
    browser, page: Page, live_server
):
    audit = AuditFactory(objective__owner__language="en", objective__owner__full_name="Lou Client")
    audit_compile_scores(audit_id=audit.pk)
    consultant = ConsultantFactory(language="en")
    engagement_invite(client=audit.owner, email=consultant.email)

    log_in(page, live_server, consultant)
    page.goto(live_server.url + "/consultant/")
    expect(page.get_by_test_id("invitation")).to_contain_text("Lou Client")
    page.get_by_role("link", name="Read and accept").click()
    page.get_by_role("button", name="Accept the engagement").click()
    expect(page.get_by_text("tick every box").first).to_be_visible()
    page.get_by_label("I am not a relative of this client.").check()
    page.get_by_label("I am not a friend of this client.").check()
    page.get_by_label("I am not a former colleague").check()
    page.get_by_role("button", name="Accept the engagement").click()
    assert Engagement.objects.get().status == "active"

    page.get_by_role("link", name="Review", exact=True).click()
    page.get_by_label("Rating: Strategy").select_option("4")
    page.get_by_label("Comment: Strategy").fill("Measurable goals, well chosen tools.")
    page.get_by_label("Overall findings").fill("Sound strategy; answer your comments more.")
    page.get_by_label("Recommendation 1", exact=True).fill("Reply within two days.")
    page.get_by_role("button", name="Publish to my client").click()
    expect(page.get_by_text("Review published: your client has been told.")).to_be_visible()
    assert Review.objects.get().status == "published"

    client_page = browser.new_context(locale="en-GB").new_page()
    log_in(client_page, live_server, audit.owner)
    client_page.goto(f"{live_server.url}/audits/{audit.pk}/score/")
    client_page.get_by_role("link", name="My consultant's review").click()
    review = client_page.get_by_test_id("review")
    expect(review).to_contain_text("Sound strategy; answer your comments more.")
    expect(review).to_contain_text("Reply within two days.")
    review.get_by_role("button", name="Acknowledge").click()
    expect(client_page.get_by_text("Acknowledged")).to_be_visible()
