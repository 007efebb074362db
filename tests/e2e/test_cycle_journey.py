"""A second cycle in a browser: prompted at the deadline, answers carried over and marked
until confirmed, the same people proposed again, then the comparison page."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from audits.feedback.services import feedback_link_issue
from audits.models import Audit, FeedbackRequest, Recommendation
from audits.scores.services import audit_compile_scores
from tests.helpers.axe import axe_violations
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
    assert axe_violations(page, live_server.url) == []

    page.goto(live_server.url + "/audits/benchmark/")
    page.get_by_label("Your sector").select_option("technology")
    page.get_by_role("button", name="Take part").click()
    expect(page.get_by_test_id("benchmark-missing")).to_contain_text("9 more are needed")
    assert axe_violations(page, live_server.url) == []


def test_a_copied_link_gets_a_ready_reminder_to_copy(page: Page, live_server):
    audit = submitted_audit(objective__owner__language="en", objective__owner__full_name="Ada L")
    (request,) = make_requests(audit, names=["Grace Hopper"])
    FeedbackRequest.objects.filter(pk=request.pk).update(language="en")
    request.refresh_from_db()
    feedback_link_issue(request=request)
    sent_at = timezone.now() - datetime.timedelta(days=5)
    FeedbackRequest.objects.filter(pk=request.pk).update(
        sent_at=sent_at, expires_at=sent_at + datetime.timedelta(days=21)
    )
    log_in(page, live_server, audit.owner)

    page.goto(live_server.url + "/dashboard/")
    expect(page.get_by_test_id("nudges-panel")).to_contain_text("Grace Hopper")
    page.get_by_test_id("nudges-panel").get_by_role("link", name="Grace Hopper").click()
    message = page.get_by_test_id("nudge-message")
    expect(message).to_have_value(re.compile(r"^Hello Grace,\nA quick reminder"))
    page.get_by_role("button", name="Copy the reminder").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    page.mouse.move(0, 0)  # no button left in its hover colours for the contrast check
    assert axe_violations(page, live_server.url) == []
    page.get_by_role("button", name="I sent it").click()
    expect(page.get_by_text("Noted: the next reminder")).to_be_visible()
    expect(page.get_by_test_id("nudge")).to_have_count(0)
