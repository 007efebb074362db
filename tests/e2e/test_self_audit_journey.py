import datetime

import pytest
from playwright.sync_api import Page, expect

from audits.models import Audit
from tests.factories import UserFactory
from tests.helpers.browser import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def answer_visible_section(page: Page) -> None:
    """Pick the last option of every question on the page (a valid answer for each kind)."""
    for group in page.locator(".answer-options").all():
        group.locator("label").last.click()
    for box in page.locator("textarea").all():
        box.fill("Keep going.")


def test_objective_then_self_audit_with_a_pause_then_scores(page: Page, live_server):
    user = UserFactory(language="en")
    log_in(page, live_server, user)
    expect(page.get_by_role("link", name="Set my objective")).to_be_visible()
    page.get_by_role("link", name="Set my objective").click()

    page.get_by_label("Kind of objective").select_option("financing")
    expect(page.get_by_label("Investor / banker")).to_be_checked()
    page.get_by_label("In a few words").fill("Raise a seed round for my studio")
    page.get_by_label("Target (a number)").fill("4")
    page.get_by_label("Unit").fill("investors met")
    deadline = datetime.date.today() + datetime.timedelta(days=120)
    page.get_by_label("Deadline").fill(deadline.isoformat())
    page.get_by_role("button", name="Save and start the self-audit").click()

    expect(page.get_by_role("heading", name="Section 1 of 4: Strategy")).to_be_visible()
    answer_visible_section(page)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Section 2 of 4: Network")).to_be_visible()
    answer_visible_section(page)
    page.get_by_role("button", name="Save and finish later").click()
    expect(page.get_by_text("Your answers are saved.")).to_be_visible()

    # Another device: a fresh browser context, logged in again, resumes at section 3.
    other = page.context.browser.new_context(locale="en-GB")
    phone = other.new_page()
    phone.set_viewport_size({"width": 390, "height": 800})
    log_in(phone, live_server, user)
    phone.get_by_role("link", name="Resume the self-audit").click()
    expect(phone.get_by_role("heading", name="Section 3 of 4: Engagement")).to_be_visible()
    expect(phone.get_by_text("questions answered")).to_be_visible()
    answer_visible_section(phone)
    phone.get_by_role("button", name="Save and continue").click()
    answer_visible_section(phone)
    phone.get_by_role("button", name="Save and review").click()

    expect(phone.get_by_text("Every required question is answered.")).to_be_visible()
    phone.get_by_role("button", name="Submit my self-audit").click()
    expect(phone.get_by_role("heading", name="My self scores")).to_be_visible()
    expect(phone.get_by_test_id("pillar-score")).to_have_count(4)
    audit = Audit.objects.get(owner=user)
    assert audit.is_submitted
    expect(phone.get_by_test_id("overall-score")).to_contain_text(
        f"{audit.self_scores['overall']:.0f}"
    )
    other.close()
