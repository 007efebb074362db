"""Issue 20, the whole of a consultant's practice in one browser journey: the client invites
a consultant who is in their contacts, the conflict is shown to both, explained and approved;
the consultant annotates the automatic plan, answers a question in the private channel,
publishes; the client reads the merged plan and the answer; the portfolio said what waited."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import ConsultantFactory
from tests.helpers.browser import log_in
from tests.helpers.consulting import known_contact
from tests.helpers.reports import scored_audit

pytestmark = pytest.mark.django_db(transaction=True)

ADJUSTED = "Ask two former clients for a short written testimonial."


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.CONSULTING_ATTACHMENT_ROOT = tmp_path / "attachments"


def test_invite_conflict_explain_approve_annotate_message_publish_read(
    browser, page: Page, live_server
):
    audit = scored_audit()
    owner = audit.owner
    owner.language, owner.full_name = "en", "Lou Client"
    owner.save(update_fields=["language", "full_name"])
    claire = ConsultantFactory(full_name="Claire Conseil", language="en")
    known_contact(owner, claire, full_name="Claire C.")

    # The client invites; the conflict is shown at once.
    log_in(page, live_server, owner)
    page.get_by_role("link", name="My consultant").click()
    page.get_by_label("Consultant's email").fill(claire.email)
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_test_id("independence-conflict")).to_contain_text("former colleague")

    # The consultant sees it too, explains, and waits for the approval.
    consultant = browser.new_context(locale="en-GB").new_page()
    log_in(consultant, live_server, claire)
    consultant.goto(live_server.url + "/consultant/")
    consultant.get_by_role("link", name="Read and accept").click()
    expect(consultant.get_by_test_id("independence-conflict")).to_contain_text(
        "You appear in the client's contacts as a former colleague"
    )
    consultant.get_by_label("I am not a relative of this client.").check()
    consultant.get_by_label("I am not a friend of this client.").check()
    consultant.get_by_label("Why your review stays independent").fill(
        "We worked in the same firm ten years ago, in different departments."
    )
    consultant.get_by_role("button", name="Send my explanation").click()
    assert consultant.goto(f"{live_server.url}/consultant/clients/{owner.pk}/").status == 404

    page.reload()
    expect(page.get_by_test_id("independence-explanation")).to_contain_text("ten years ago")
    page.get_by_role("button", name="Approve and start the access").click()
    expect(page.get_by_text("Explanation approved")).to_be_visible()

    # The client asks a question in the private channel; the portfolio shows it waiting.
    page.goto(live_server.url + "/audits/consultants/")
    page.get_by_test_id("messages-link").click()
    page.get_by_label("Your message").fill("Should I stop posting offers on LinkedIn?")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Message sent.")).to_be_visible()

    consultant.goto(live_server.url + "/consultant/")
    row = consultant.get_by_test_id("portfolio-row").filter(has_text="Lou Client")
    expect(row.get_by_test_id("waiting-messages")).to_contain_text("1 unread message")
    row.get_by_test_id("waiting-messages").click()
    expect(consultant.get_by_test_id("message")).to_contain_text("Should I stop posting offers")
    consultant.get_by_label("Your message").fill("Yes: share what you learn instead.")
    consultant.get_by_role("button", name="Send").click()
    expect(consultant.get_by_text("Message sent.")).to_be_visible()

    # The consultant annotates the automatic plan and publishes.
    consultant.goto(f"{live_server.url}/consultant/clients/{owner.pk}/audits/{audit.pk}/plan/")
    cards = consultant.get_by_test_id("annotate")
    cards.nth(0).get_by_label("Your decision").select_option("agreed")
    cards.nth(0).get_by_role("button", name="Save this annotation").click()
    expect(consultant.get_by_text("Annotation saved.")).to_be_visible()
    cards.nth(1).get_by_label("Your decision").select_option("adjusted")
    cards.nth(1).get_by_label("Your wording").fill(ADJUSTED)
    cards.nth(1).get_by_role("button", name="Save this annotation").click()
    expect(consultant.get_by_test_id("merged-plan")).to_contain_text(ADJUSTED)
    consultant.get_by_role("link", name="Add my own recommendations and publish").click()
    consultant.get_by_label("Overall findings").fill("Clear goals; fewer offers, more sharing.")
    consultant.get_by_role("button", name="Publish to my client").click()
    expect(consultant.get_by_text("Review published: your client has been told.")).to_be_visible()

    # The client reads one merged plan and the consultant's answer.
    page.goto(f"{live_server.url}/audits/{audit.pk}/consultant-review/")
    plan = page.get_by_test_id("merged-plan")
    expect(plan).to_contain_text("ePratiques, agreed by Claire Conseil")
    expect(plan).to_contain_text(ADJUSTED)
    expect(plan).to_contain_text("adjusted by Claire Conseil")
    page.goto(live_server.url + "/audits/consultants/")
    page.get_by_test_id("messages-link").click()
    expect(page.get_by_test_id("message").last).to_contain_text("share what you learn instead")
    consultant.context.close()
