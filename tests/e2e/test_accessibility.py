"""axe-core over the journeys' pages, in French and English, on a desktop and a phone:
no serious or critical WCAG 2.2 AA violation."""

import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import Page

from accounts.models import User
from audits.consulting.access import client_thread, consultant_thread
from audits.consulting.channel import message_post
from audits.consulting.models import Engagement
from audits.feedback.models import FeedbackRequest
from audits.management.demo import DEMO_LOGINS, seed_demo
from contacts.introductions_page import zones_and_objective
from tests.factories import PASSWORD, AuditFactory
from tests.helpers.axe import axe_violations
from tests.helpers.browser import log_in

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def _demo(language):
    link = seed_demo()[1]
    User.objects.update(language=language)
    professional = User.objects.get(email=DEMO_LOGINS[0].email)
    consultant = User.objects.get(email=DEMO_LOGINS[1].email)
    for user in (professional, consultant):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return professional, consultant, link


def _scan(page, live_server, urls):
    found = {}
    for url in urls:
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        if violations := axe_violations(page, live_server.url):
            found[url] = violations
    return found


def _scan_map_up_close(page, live_server, professional):
    """The map once a group is opened (its list beside it) and a search has answered."""
    page.goto(live_server.url + "/contacts/map/")
    page.wait_for_load_state("networkidle")
    page.locator("#map-list button, #network-map").first.wait_for()
    found = {}
    if page.locator("#map-list button").count():
        page.locator("#map-list button").first.click()
        page.wait_for_load_state("networkidle")
    name = professional.contacts.values_list("full_name", flat=True).first() or "zz"
    page.locator("#map-search-input").fill(name[:4])
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    if violations := axe_violations(page, live_server.url):
        found["/contacts/map/ (group open, search)"] = violations
    return found


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_journeys_pages_have_no_serious_violation(
    browser, page: Page, live_server, language, viewport
):
    professional, consultant, link = _demo(language)
    submitted = professional.audits.filter(status="submitted").first()
    in_progress = AuditFactory(objective__owner=professional)
    engagement = Engagement.objects.get(client=professional, consultant=consultant)
    # Issue 20: a thread with a message from each side.
    for author, access in (
        (professional, client_thread(professional, engagement.pk)),
        (consultant, consultant_thread(consultant, engagement.pk)),
    ):
        message_post(access=access, author=author, body="Une question, une réponse.")
    page.set_viewport_size(VIEWPORTS[viewport])
    found = _scan(page, live_server, ["/", "/accounts/login/", "/accounts/signup/"])
    found.update(_scan(page, live_server, [link.replace("http://127.0.0.1:8000", "")]))

    log_in(page, live_server, professional)
    found.update(
        _scan(
            page,
            live_server,
            [
                "/dashboard/",
                "/audits/objectives/new/",
                f"/audits/{in_progress.pk}/section/1/",
                f"/audits/{in_progress.pk}/review/",
                f"/audits/{submitted.pk}/results/",
                f"/audits/{submitted.pk}/score/",
                f"/audits/{submitted.pk}/feedback/",
                f"/audits/{submitted.pk}/feedback/new/",
                f"/audits/{submitted.pk}/report/",
                "/audits/consultants/",
                "/contacts/",
                "/contacts/import/",
                "/contacts/network/",
                "/contacts/map/",
                "/accounts/profile/",
                "/accounts/my-data/",
                f"/audits/consultants/{engagement.pk}/messages/",  # issue 20
                "/own-data/check/",  # textflags
                "/own-data/excerpts/linkedin/pitch/",
            ],
        )
    )
    # Objective progress and introductions (audits.progress, contacts.introductions).
    _objective, gaps = zones_and_objective(professional)
    found.update(
        _scan(
            page,
            live_server,
            [
                f"/audits/objectives/{submitted.objective_id}/progress/",
                f"/audits/objectives/{submitted.objective_id}/check-in/",
                "/contacts/introductions/",
                *[f"/contacts/introductions/{zone.kind}/{zone.code}/" for zone in gaps[:1]],
            ],
        )
    )
    found.update(_scan_map_up_close(page, live_server, professional))
    consultant_page = browser.new_context(locale=f"{language}-FR").new_page()
    consultant_page.set_viewport_size(VIEWPORTS[viewport])
    log_in(consultant_page, live_server, consultant)
    found.update(
        _scan(
            consultant_page,
            live_server,
            [
                "/consultant/",
                f"/consultant/clients/{engagement.client_id}/",
                f"/consultant/clients/{engagement.client_id}/audits/{submitted.pk}/review/",
                f"/consultant/engagements/{engagement.pk}/messages/",  # issue 20
                f"/consultant/clients/{engagement.client_id}/audits/{submitted.pk}/score/",
                f"/consultant/clients/{engagement.client_id}/audits/{submitted.pk}/report/",
                f"/consultant/clients/{engagement.client_id}/network/",
                f"/consultant/clients/{engagement.client_id}/map/",
            ],
        )
    )
    assert FeedbackRequest.objects.exists()
    if found and os.environ.get("AXE_DUMP"):
        Path(os.environ["AXE_DUMP"]).write_text(json.dumps(found, indent=1, ensure_ascii=False))
    assert found == {}
