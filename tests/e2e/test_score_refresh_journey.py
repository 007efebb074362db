"""The "being updated; refresh in a few seconds" banner goes away once the score is updated:
the page polls its status and reloads with the new figures, with no reload by hand."""

import pytest
from playwright.sync_api import Page, expect

from audits.models import Audit
from audits.scores import views as score_views
from audits.scores.services import audit_compile_scores
from tests.factories import AuditFactory
from tests.helpers.browser import log_in
from tests.helpers.feedback import answer_requests as answer

pytestmark = pytest.mark.django_db(transaction=True)
BANNER = "Your scores are being updated; refresh in a few seconds."


def test_the_update_banner_leaves_once_the_new_score_is_there(page: Page, live_server, monkeypatch):
    audit = AuditFactory(objective__owner__language="en")
    answer(audit, 3, appraisal="positive")
    first = audit_compile_scores(audit_id=audit.pk)
    # The worker is slow today: the click only raises the flag, the compile comes later.
    monkeypatch.setattr(
        score_views,
        "schedule_compile",
        lambda *, audit_id, even_if_pending: Audit.objects.filter(pk=audit_id).update(
            needs_scoring=True
        ),
    )
    log_in(page, live_server, audit.owner)
    page.goto(f"{live_server.url}/audits/{audit.pk}/score/")
    before = page.get_by_test_id("reputation-score").inner_text()

    page.get_by_role("button", name="Update now").click()
    expect(page.get_by_text(BANNER)).to_be_visible()
    page.wait_for_timeout(2500)
    expect(page.get_by_text(BANNER)).to_be_visible()  # still pending: the banner stays

    answer(audit, 3, appraisal="negative")
    second = audit_compile_scores(audit_id=audit.pk)
    assert second.pk != first.pk and not Audit.objects.get(pk=audit.pk).needs_scoring

    expect(page.get_by_text(BANNER)).to_have_count(0, timeout=8000)
    expect(page.get_by_test_id("reputation-score")).not_to_have_text(before)


def test_the_banner_leaves_when_the_update_changed_nothing(page: Page, live_server):
    audit = AuditFactory(objective__owner__language="en")
    answer(audit, 3)
    audit_compile_scores(audit_id=audit.pk)
    log_in(page, live_server, audit.owner)
    page.goto(f"{live_server.url}/audits/{audit.pk}/score/")

    page.get_by_role("button", name="Update now").click()

    expect(page.get_by_role("heading", name="My reputation score")).to_be_visible()
    expect(page.get_by_text(BANNER)).to_have_count(0, timeout=8000)


def test_the_status_is_the_owners_only(client):
    audit = AuditFactory()
    other = AuditFactory()
    client.force_login(other.owner)

    response = client.get(f"/audits/{audit.pk}/score/status.json")

    assert response.status_code == 404
