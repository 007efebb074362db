"""Issue 20 in a browser: a client invites a consultant who is in their contacts as a former
colleague; both see the conflict; the consultant explains, the client approves; then they
exchange a message with an attachment through the private channel."""

import pytest
from playwright.sync_api import Page, expect

from audits.consulting.models import Engagement, Message
from tests.factories import AuditFactory, ConsultantFactory
from tests.helpers.browser import log_in
from tests.helpers.consulting import known_contact

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.CONSULTING_ATTACHMENT_ROOT = tmp_path / "attachments"


def test_a_conflict_explained_approved_then_a_private_message(
    browser, page: Page, live_server, tmp_path
):
    audit = AuditFactory(
        objective__owner__language="en",
        objective__owner__full_name="Lou Client",
        objective__title="Raise a seed round for my studio",
    )
    claire = ConsultantFactory(full_name="Claire Lefèvre", language="en")
    known_contact(audit.owner, claire, full_name="Claire L. (Acme)")

    log_in(page, live_server, audit.owner)
    page.get_by_role("link", name="My consultant").click()
    page.get_by_label("Consultant's email").fill(claire.email)
    page.get_by_role("button", name="Send the invitation").click()
    conflict = page.get_by_test_id("independence-conflict")
    expect(conflict).to_contain_text(
        "Claire L. (Acme) is in your contacts as a former colleague: same email address."
    )
    expect(conflict).to_contain_text("must decline or explain")

    consultant = browser.new_context(locale="en-GB").new_page()
    log_in(consultant, live_server, claire)
    consultant.goto(live_server.url + "/consultant/")
    consultant.get_by_role("link", name="Read and accept").click()
    expect(consultant.get_by_test_id("independence-conflict")).to_contain_text(
        "You appear in the client's contacts as a former colleague: a contact with your "
        "email address."
    )
    consultant.get_by_label("I am not a relative of this client.").check()
    consultant.get_by_label("I am not a friend of this client.").check()
    consultant.get_by_label("Why your review stays independent").fill(
        "We shared an open-space for two months in 2012 and have not spoken since."
    )
    consultant.get_by_role("button", name="Send my explanation").click()
    expect(consultant.get_by_text("Your explanation was sent to your client")).to_be_visible()
    engagement = Engagement.objects.get(client=audit.owner)
    assert engagement.status == Engagement.Status.INVITED
    # Nothing of the client's audit before the approval.
    response = consultant.goto(f"{live_server.url}/consultant/clients/{audit.owner_id}/")
    assert response.status == 404

    page.reload()
    expect(page.get_by_test_id("independence-explanation")).to_contain_text(
        "We shared an open-space for two months in 2012"
    )
    page.get_by_role("button", name="Approve and start the access").click()
    expect(page.get_by_text("Explanation approved")).to_be_visible()

    consultant.goto(f"{live_server.url}/consultant/clients/{audit.owner_id}/")
    expect(consultant.get_by_role("heading", name="Lou Client")).to_be_visible()
    consultant.get_by_test_id("messages-link").click()
    expect(consultant.get_by_test_id("thread-empty")).to_be_visible()
    consultant.get_by_label("Your message").fill("Could you send me your last pitch deck?")
    consultant.get_by_role("button", name="Send").click()
    expect(consultant.get_by_text("Message sent.")).to_be_visible()

    page.goto(live_server.url + "/audits/consultants/")
    expect(page.get_by_test_id("messages-link")).to_contain_text("1 unread")
    page.get_by_test_id("messages-link").click()
    expect(page.get_by_test_id("message")).to_contain_text(
        "Could you send me your last pitch deck?"
    )
    page.get_by_label("Your message").fill("Here it is.")
    page.get_by_label("Attachment").set_input_files(
        files=[{"name": "deck.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Message sent.")).to_be_visible()
    # A file that only claims to be a PDF is refused, with the reason.
    page.get_by_label("Attachment").set_input_files(
        files=[{"name": "evil.pdf", "mimeType": "application/pdf", "buffer": b"<html>x</html>"}]
    )
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Only PDF, PNG, JPEG or plain-text files")).to_be_visible()

    consultant.reload()
    expect(consultant.get_by_test_id("message").last).to_contain_text("Here it is.")
    with consultant.expect_download() as download_info:
        consultant.get_by_test_id("attachment").click()
    download = download_info.value
    assert download.suggested_filename == "deck.pdf"
    saved = tmp_path / "downloaded.pdf"
    download.save_as(saved)
    assert saved.read_bytes() == PDF
    assert Message.objects.filter(engagement=engagement).count() == 2
    consultant.context.close()
