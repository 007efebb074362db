"""A second cycle in a browser: prompted at the deadline, answers carried over and marked
until confirmed, the same people proposed again, then the comparison page."""

import datetime

import pytest
from playwright.sync_api import Page, expect

from audits.models import Audit, FeedbackRequest, Recommendation
from audits.scores.services import audit_compile_scores
from tests.helpers.browser import log_in
from tests.helpers.cycles import submitted_audit
from tests.helpers.feedback import make_requests

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


def test_a_second_cycle_then_the_comparison(page: Page, live_server):
    first = submitted_audit(level=4, objective__owner__language="en")
    first.objective.deadline = datetime.date.today() - datetime.timedelta(days=2)
    first.objective.save(update_fields=["deadline"])
    asked = make_requests(first, "ana@example.com", "ben@example.com")
    FeedbackRequest.objects.filter(pk=asked[1].pk).update(status="declined")
    audit_compile_scores(audit_id=first.pk)
    Recommendation.objects.create(
        audit=first, code="fixture_done", severity="high", pillar="engagement",
        text={"en": "Reply to every comment within a day.", "fr": "Répondez."},
        evidence={}, status="done",
    )  # fmt: skip
    log_in(page, live_server, first.owner)

    page.goto(live_server.url + "/dashboard/")
    expect(page.get_by_test_id("cycle-due")).to_contain_text("deadline")
    page.get_by_test_id("cycle-start").click()

    expect(page.get_by_text("Cycle 2 started.")).to_be_visible()
    expect(page.get_by_test_id("prefilled-notice")).to_be_visible()
    badges = page.get_by_test_id("prefilled")
    assert badges.count() > 0
    # The practice changed on one point: the first answer goes to its lowest option.
    page.locator(".answer-options").first.locator("label").first.click()
    sections = Audit.objects.get(previous=first).questionnaire.pillars.count()
    for _ in range(sections - 1):
        page.get_by_role("button", name="Save and continue").click()
        expect(page.get_by_test_id("prefilled-notice")).to_be_visible()
    page.get_by_role("button", name="Save and review").click()
    expect(page.get_by_test_id("prefilled-review")).to_have_count(0)
    page.get_by_role("button", name="Submit my self-audit").click()
    expect(page.get_by_role("heading", name="My self scores")).to_be_visible()

    second = Audit.objects.get(previous=first)
    assert second.cycle == 2 and second.is_submitted
    page.goto(f"{live_server.url}/audits/{second.pk}/cycle/ask-again/")
    proposals = page.get_by_test_id("proposals")
    expect(proposals).to_contain_text("ana@example.com")
    expect(proposals).not_to_contain_text("ben@example.com")  # declined last time
    page.get_by_role("button", name="Ask them again").click()
    expect(page.get_by_text("1 person asked again.")).to_be_visible()

    page.goto(live_server.url + "/dashboard/")
    page.get_by_test_id("compare-link").click()
    expect(page.get_by_role("heading", name="Then and now: cycle 1 and cycle 2")).to_be_visible()
    strategy = page.locator('tr[data-row="strategy"]')
    expect(strategy.locator('[data-direction="down"]').first).to_contain_text("down")
    expect(page.locator('tr[data-row="engagement"] [data-direction="same"]').first).to_contain_text(
        "unchanged"
    )
    expect(page.get_by_test_id("done-actions")).to_contain_text(
        "Reply to every comment within a day."
    )
    page.set_viewport_size({"width": 390, "height": 800})  # and on a phone
    expect(page.get_by_test_id("comparison")).to_be_visible()
