import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from audits.models import Engagement
from tests.factories import AuditFactory
from tests.helpers.browser import link_in, log_in

pytestmark = pytest.mark.django_db(transaction=True)

NEWCOMER = "iris.moreau@conseil.example"
NEWCOMER_PASSWORD = "une-revue-independante-42"


def test_a_consultant_without_an_account_follows_the_invitation_signs_up_and_reviews(
    browser, page: Page, live_server, mailoutbox
):
    audit = AuditFactory(
        objective__owner__language="en",
        objective__owner__full_name="Lou Client",
        objective__title="Raise a seed round for my studio",
    )
    log_in(page, live_server, audit.owner)
    page.get_by_role("link", name="My consultant").click()
    page.get_by_label("Consultant's email").fill(NEWCOMER)
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Invitation sent.")).to_be_visible()
    expect(page.get_by_test_id("engagement")).to_contain_text(NEWCOMER)
    (invitation,) = mailoutbox
    assert invitation.to == [NEWCOMER]
    link = live_server.url + link_in(invitation.body, "/consultant/invitation/")

    consultant = browser.new_context(locale="en-GB").new_page()
    consultant.goto(link)
    expect(consultant.get_by_role("heading", name="Invitation to review an audit")).to_be_visible()
    expect(consultant.get_by_text("Lou Client invites you")).to_be_visible()
    consultant.get_by_role("link", name="Create a consultant account").click()
    consultant.get_by_label("Email").fill(NEWCOMER)
    consultant.get_by_label("Full name").fill("Iris Moreau")
    consultant.locator("#id_password1").fill(NEWCOMER_PASSWORD)
    consultant.locator("#id_password2").fill(NEWCOMER_PASSWORD)
    consultant.get_by_label("I am an independent consultant").check()
    consultant.locator("main form button[type=submit]").click()
    expect(consultant.get_by_role("heading", name="Verify your email address")).to_be_visible()
    assert User.objects.get(email=NEWCOMER).is_consultant

    confirmation = mailoutbox[-1]
    assert confirmation.to == [NEWCOMER]
    consultant.goto(live_server.url + link_in(confirmation.body, "/accounts/confirm-email/"))
    consultant.get_by_role("button", name="Confirm").click()

    # Confirmed in the same browser: logged in and straight back to the invitation.
    expect(consultant.get_by_test_id("logout")).to_be_visible()
    expect(consultant).to_have_url(re.compile(r"/consultant/invitations/\d+/accept/$"))
    expect(consultant.get_by_role("heading", name="Declare your independence")).to_be_visible()
    engagement = Engagement.objects.get(client=audit.owner)
    assert engagement.consultant == User.objects.get(email=NEWCOMER)
    consultant.get_by_label("I am not a relative of this client.").check()
    consultant.get_by_label("I am not a friend of this client.").check()
    consultant.get_by_role("button", name="Accept the engagement").click()
    expect(consultant.get_by_text("tick every box").first).to_be_visible()
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.INVITED
    consultant.get_by_label("I am not a former colleague").check()
    consultant.get_by_role("button", name="Accept the engagement").click()

    expect(
        consultant.get_by_text("Engagement accepted. Your client has been told.")
    ).to_be_visible()
    expect(consultant.get_by_role("heading", name="Lou Client")).to_be_visible()
    expect(consultant.locator("tr", has_text="Raise a seed round for my studio")).to_be_visible()
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.ACTIVE
    assert engagement.independence_declared_at is not None
    assert mailoutbox[-1].to == [audit.owner.email]

    consultant.get_by_role("navigation").get_by_role("link", name="My clients").click()
    expect(consultant.get_by_test_id("invitation")).to_have_count(0)
    expect(consultant.get_by_role("link", name="Lou Client")).to_be_visible()
    consultant.goto(link)  # the link is spent once taken
    expect(
        consultant.get_by_role("heading", name="This invitation link does not work")
    ).to_be_visible()

    page.reload()
    expect(page.get_by_test_id("engagement")).to_contain_text("Iris Moreau")
    expect(page.get_by_test_id("engagement")).to_contain_text("Independence declared on")
    consultant.context.close()
