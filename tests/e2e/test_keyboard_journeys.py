"""The self-audit and the peer page completed with the keyboard alone: Tab, Space, Enter and
typing; no click anywhere."""

import re

import pytest
from playwright.sync_api import Page, expect

from audits.models import Audit, PendingFeedbackAnswer
from tests.factories import AuditFactory
from tests.helpers.feedback import fresh_link, make_requests
from tests.helpers.keyboard import log_in_by_cookie, tab_to

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_self_audit_is_completed_with_the_keyboard_only(page: Page, live_server):
    audit = AuditFactory(objective__owner__language="en")
    log_in_by_cookie(page, live_server, audit.owner)
    page.goto(f"{live_server.url}/dashboard/")

    tab_to(page, re.compile(r"(Start|Resume) the self-audit"))
    for number in range(1, 5):
        heading = page.get_by_role("heading", name=re.compile(rf"Section {number} of 4"))
        expect(heading).to_be_visible()
        tab_to(page, "Save and review" if number == 4 else "Save and continue", answer=True)
    expect(page.get_by_text("Every required question is answered.")).to_be_visible()
    tab_to(page, "Submit my self-audit")

    expect(page.get_by_role("heading", name="My self scores")).to_be_visible()
    assert Audit.objects.get(pk=audit.pk).is_submitted


def test_the_peer_page_is_answered_with_the_keyboard_only(browser, live_server):
    audit = AuditFactory(objective__owner__full_name="Camille Martin")
    (request,) = make_requests(audit, "peer@example.com")
    phone = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    page = phone.new_page()
    page.goto(live_server.url + fresh_link(request) + "?lang=en")
    expect(
        page.get_by_role("heading", name="Camille Martin would value your opinion")
    ).to_be_visible()

    tab_to(page, "Send my answer", answer=True)

    expect(page.get_by_test_id("thanks")).to_be_visible()
    payload = PendingFeedbackAnswer.objects.get(audit=audit).payload
    assert payload["appraisal"]
    assert payload["perceptions"] and all(
        v is None or 1 <= v <= 5 for v in payload["perceptions"].values()
    )
    assert payload["keep_doing"] == "Keep going."
    phone.close()
