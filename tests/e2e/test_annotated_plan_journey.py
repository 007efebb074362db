"""A consultant opens a client, annotates the automatic plan (agrees with one, adjusts one,
sets one aside with a reason), adds their own, publishes; the client reads one merged plan."""

import pytest
from playwright.sync_api import Page, expect

from audits.consulting.models import RecommendationAnnotation, Review
from tests.factories import ConsultantFactory
from tests.helpers.axe import axe_violations
from tests.helpers.browser import log_in
from tests.helpers.reports import engage, scored_audit

pytestmark = pytest.mark.django_db(transaction=True)

ADJUSTED = "Ask two former clients for a short written testimonial."
REASON = "Three answers are too few to conclude anything."
OWN = "Meet your local bar association once a quarter."


def test_annotate_publish_and_the_client_reads_the_merged_plan(browser, page: Page, live_server):
    audit = scored_audit()
    owner = audit.owner
    owner.language, owner.full_name = "en", "Lou Client"
    owner.save(update_fields=["language", "full_name"])
    consultant = ConsultantFactory(language="en", full_name="Claire Conseil")
    engage(audit, consultant)

    log_in(page, live_server, consultant)
    page.goto(live_server.url + "/consultant/")
    assert axe_violations(page, live_server.url) == []
    page.get_by_test_id("portfolio").get_by_role("link", name="Lou Client").click()
    page.get_by_role("link", name="Review", exact=True).click()
    page.get_by_role("link", name="Annotate the automatic plan").click()

    cards = page.get_by_test_id("annotate")
    expect(cards).to_have_count(5)
    assert axe_violations(page, live_server.url) == []
    cards.nth(0).get_by_label("Your decision").select_option("agreed")
    cards.nth(0).get_by_role("button", name="Save this annotation").click()
    expect(page.get_by_text("Annotation saved.")).to_be_visible()
    cards.nth(1).get_by_label("Your decision").select_option("adjusted")
    cards.nth(1).get_by_label("Your wording").fill(ADJUSTED)
    cards.nth(1).get_by_role("button", name="Save this annotation").click()
    expect(page.get_by_test_id("merged-plan")).to_contain_text(ADJUSTED)
    # Set aside without a reason first: refused, and said why.
    cards.nth(2).get_by_label("Your decision").select_option("set_aside")
    cards.nth(2).get_by_role("button", name="Save this annotation").click()
    expect(page.get_by_text("Say why you set this recommendation aside.")).to_be_visible()
    cards.nth(2).get_by_label("Why you set it aside").fill(REASON)
    cards.nth(2).get_by_role("button", name="Save this annotation").click()
    expect(page.get_by_test_id("set-aside")).to_contain_text("1 recommendation set aside")
    assert RecommendationAnnotation.objects.count() == 3

    page.get_by_role("link", name="Add my own recommendations and publish").click()
    page.get_by_label("Overall findings").fill("Clear goals; the network needs recruiters.")
    page.get_by_label("Recommendation 1", exact=True).fill(OWN)
    page.get_by_role("button", name="Publish to my client").click()
    expect(page.get_by_text("Review published: your client has been told.")).to_be_visible()
    assert Review.objects.get().status == "published"

    client_page = browser.new_context(locale="en-GB").new_page()
    log_in(client_page, live_server, owner)
    client_page.goto(f"{live_server.url}/audits/{audit.pk}/consultant-review/")
    plan = client_page.get_by_test_id("merged-plan")
    expect(plan).to_contain_text("ePratiques, agreed by Claire Conseil")
    expect(plan).to_contain_text(ADJUSTED)
    expect(plan).to_contain_text("adjusted by Claire Conseil")
    expect(plan).to_contain_text(OWN)
    expect(plan).to_contain_text("Claire Conseil's recommendation")
    # Two untouched automatic items say "ePratiques" alone; then the agreed one, the adjusted
    # one and the consultant's own.
    expect(plan.get_by_test_id("attribution").get_by_text("ePratiques", exact=True)).to_have_count(
        2
    )
    expect(plan.get_by_test_id("attribution")).to_have_count(5)
    folded = client_page.get_by_test_id("set-aside")
    expect(folded.get_by_text(REASON)).to_be_hidden()  # folded until opened
    folded.get_by_text("1 recommendation set aside").click()
    expect(folded).to_contain_text(REASON)
    expect(folded.get_by_text(REASON)).to_be_visible()
    expect(folded).to_contain_text("set aside by Claire Conseil")
    assert axe_violations(client_page, live_server.url) == []
    # On a phone, the portfolio and the plan still fit: no page-wide horizontal scroll.
    page.set_viewport_size({"width": 375, "height": 740})
    for url in ("/consultant/", f"/consultant/clients/{owner.pk}/audits/{audit.pk}/plan/"):
        page.goto(live_server.url + url)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), url
