import pytest
from playwright.sync_api import Page, expect

from audits.feedback.services import feedback_answer
from audits.models import FeedbackRequest, Recommendation
from audits.scores.services import audit_compile_scores
from tests.factories import AuditFactory
from tests.helpers.browser import log_in
from tests.helpers.feedback import make_requests

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_score_dashboard_shows_figures_charts_and_takes_recommendations_in_hand(
    page: Page, live_server
):
    audit = AuditFactory(objective__owner__language="en")
    requests = make_requests(audit, "a@ex.com", "b@ex.com", "c@ex.com", "d@ex.com")
    FeedbackRequest.objects.filter(audit=audit).update(status="sent")
    for request, appraisal in zip(requests[:3], ["negative", "neutral", "positive"], strict=True):
        request.refresh_from_db()
        feedback_answer(
            request=request,
            appraisal=appraisal,
            perceptions={"commercial_restraint": 2, "boundaries": 3},
            keep_doing="",
            change="",
        )
    audit_compile_scores(audit_id=audit.pk)
    log_in(page, live_server, audit.owner)

    page.goto(f"{live_server.url}/audits/{audit.pk}/score/")

    expect(page.get_by_test_id("urgent")).to_be_visible()
    expect(page.get_by_test_id("confidence")).to_have_text("Low confidence")
    expect(page.get_by_text("3 answers out of 4 requests sent")).to_be_visible()
    expect(page.locator("#radar-chart")).to_be_visible()
    assert page.evaluate("document.getElementById('radar-chart').width") > 0
    expect(page.get_by_test_id("urgent")).to_contain_text("Commercial restraint")
    expect(page.get_by_test_id("silence")).to_contain_text("Silence is not consent.")
    plan = page.get_by_test_id("plan")
    expect(plan.locator("li")).to_have_count(3)
    first_text = plan.locator("li p").first.inner_text()
    assert "Commercial restraint" in first_text  # the urgent action names its cause
    plan.locator("li").first.get_by_role("button", name="Done").click()

    expect(page.get_by_text("recommendation done or dismissed")).to_be_visible()
    done = Recommendation.objects.get(audit=audit, status="done")
    assert first_text == done.text["en"]
    expect(page.get_by_test_id("plan").locator("li")).to_have_count(3)  # the next one moved up
