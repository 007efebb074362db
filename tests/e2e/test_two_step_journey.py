"""Two-step verification in a browser: a consultant is asked to enrol at their first login,
scans (here: reads) the secret, then logs in with a code from the app, and later with a
recovery code."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, ConsultantFactory

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = None  # set to a folder to look at the pages


def code(secret: str, step: int = 0) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()


def shot(page: Page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def test_enrol_log_out_log_in_with_a_code_then_with_a_recovery_code(
    page: Page, live_server, settings
):
    settings.MFA_REQUIRED_FOR_CONSULTANTS = True
    consultant = ConsultantFactory(email="clara@example.com", language="fr")
    base = live_server.url

    # First login: straight to enrolment, whatever page was asked for.
    log_in(page, base, consultant.email)
    expect(page).to_have_url(base + "/accounts/2fa/totp/activate/")
    expect(page.get_by_text("Votre compte exige la vérification en deux étapes")).to_be_visible()
    shot(page, "activate")
    page.goto(base + "/consultant/")
    expect(page).to_have_url(base + "/accounts/2fa/totp/activate/")

    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(code(secret))
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_role("heading", name="Codes de récupération")).to_be_visible()
    shot(page, "recovery_codes")
    assert Authenticator.objects.filter(user=consultant, type="totp").exists()
    recovery_codes = RecoveryCodes(
        Authenticator.objects.get(user=consultant, type="recovery_codes")
    ).get_unused_codes()
    for recovery_code in recovery_codes[:3]:
        expect(page.get_by_text(recovery_code)).to_be_visible()

    # Enrolled: the workspace opens, no code asked again in this session.
    page.goto(base + "/consultant/")
    expect(page).to_have_url(base + "/consultant/")

    page.get_by_test_id("logout").click()
    expect(page.get_by_role("link", name="Connexion")).to_be_visible()

    # Password, then a code from the app (the next period's: each code works once).
    log_in(page, base, consultant.email)
    expect(page).to_have_url(base + "/accounts/2fa/authenticate/")
    shot(page, "authenticate")
    page.locator("#id_code").fill("000000" if code(secret, 1) != "000000" else "111111")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".invalid-feedback, .alert-danger").first).to_be_visible()
    page.locator("#id_code").fill(code(secret, 1))
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_test_id("logout")).to_be_visible()
    page.goto(base + "/consultant/")
    expect(page).to_have_url(base + "/consultant/")

    page.get_by_test_id("logout").click()

    # Phone lost: a recovery code, which then cannot be used again.
    log_in(page, base, consultant.email)
    expect(page).to_have_url(base + "/accounts/2fa/authenticate/")
    page.locator("#id_code").fill(recovery_codes[0])
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_test_id("logout")).to_be_visible()
    page.goto(base + "/accounts/2fa/")
    expect(page.get_by_text("9 codes de récupération disponibles sur 10")).to_be_visible()
    shot(page, "index")
