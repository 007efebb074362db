"""Check before you post, in a real browser and in French: typing a pitch shows its flag and
tip as one types (static/js/draft_check.js, no click), under the strict CSP."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import UserFactory
from tests.helpers.browser import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_typing_a_pitch_shows_the_flag_and_its_tip_in_french(page: Page, live_server):
    user = UserFactory(language="fr")
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    log_in(page, live_server, user)
    page.goto(f"{live_server.url}/own-data/check/")
    expect(page.locator("h1")).to_have_text("Vérifier avant de publier")

    page.locator("#id_kind_2").check()  # a message
    page.locator("#id_new_contact").check()
    page.locator("#id_text").press_sequentially(
        "Bonjour ! Découvrez notre offre spéciale.", delay=5
    )

    finding = page.locator('#draft-findings-list li[data-code="pitch_new_contact"]')
    expect(finding).to_be_visible()
    expect(finding).to_contain_text("Argumentaire à un nouveau contact")
    expect(finding).to_contain_text("Ne vendez pas dans le premier message")
    expect(finding.locator("q")).to_contain_text("offre spéciale")

    page.locator("#id_text").fill("Merci pour votre intervention au salon, ravi d'échanger.")
    expect(page.locator('[data-testid="draft-none"]')).to_be_visible()
    assert page.evaluate("window.__csp") == []
