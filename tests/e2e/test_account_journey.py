import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from tests.helpers.browser import link_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_verify_log_in_switch_to_english_and_log_out(page: Page, live_server, mailoutbox):
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("link", name="Commencer mon audit").click()

    page.get_by_label("E-mail").fill("nina@example.com")
    page.get_by_label("Nom complet").fill("Nina Petit")
    page.locator("#id_password1").fill("une-phrase-de-passe-solide")
    page.get_by_label("Mot de passe (confirmation)").fill("une-phrase-de-passe-solide")
    page.get_by_role("button", name="Création de compte").click()
    expect(page.get_by_role("heading", name="Vérifiez votre adresse e-mail")).to_be_visible()

    assert len(mailoutbox) == 1
    page.goto(live_server.url + link_in(mailoutbox[0].body, "/accounts/confirm-email/"))
    page.get_by_role("button", name="Confirmer").click()

    # Confirmed in the browser that signed up: logged in at once.
    expect(page.get_by_text("Vous avez confirmé")).to_be_visible()
    expect(page.get_by_role("heading", name="Bienvenue, Nina Petit")).to_be_visible()

    page.get_by_role("button", name="EN").click()
    expect(page.get_by_role("heading", name="Welcome, Nina Petit")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert User.objects.get(email="nina@example.com").language == "en"

    page.get_by_test_id("logout").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    page.goto(live_server.url + "/dashboard/")
    expect(page).to_have_url(live_server.url + "/accounts/login/?next=/dashboard/")
    page.locator("#id_login").fill("nina@example.com")
    page.locator("#id_password").fill("une-phrase-de-passe-solide")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", name="Welcome, Nina Petit")).to_be_visible()


def test_the_layout_fits_a_phone(page: Page, live_server):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + "/")

    menu = page.get_by_role("button", name="Afficher la navigation")
    expect(menu).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    menu.click()
    expect(page.get_by_role("link", name="Connexion")).to_be_visible()
