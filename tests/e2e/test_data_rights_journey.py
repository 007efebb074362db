import json
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from audits.models import Objective
from contacts.models import Contact
from tests.factories import PASSWORD, ObjectiveFactory, UserFactory
from tests.helpers.browser import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_download_my_data_as_json_then_erase_the_account_and_log_in_no_more(
    page: Page, live_server
):
    user = UserFactory(language="en", email="lea.durand@example.com")
    ObjectiveFactory(owner=user, title="Meet four seed investors before summer")
    Contact.objects.create(owner=user, full_name="Ana Lopes", networks="linkedin")
    log_in(page, live_server, user)

    page.get_by_role("link", name=user.full_name).click()
    page.get_by_role("link", name="My data").click()
    expect(page.get_by_role("heading", name="My data", exact=True)).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data (JSON)").click()
    download = download_info.value
    assert download.suggested_filename == "epratiques-my-data.json"
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["account"]["email"] == "lea.durand@example.com"
    assert [o["title"] for o in data["objectives"]] == ["Meet four seed investors before summer"]
    assert [c["full_name"] for c in data["contacts"]] == ["Ana Lopes"]

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data (CSV, ZIP)").click()
    archive = download_info.value
    assert archive.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(archive.path()) as files:
        assert {"README.txt", "account.csv", "objectives.csv", "contacts.csv"} <= set(
            files.namelist()
        )
        contacts = files.read("contacts.csv").decode("utf-8-sig")
    assert "Ana Lopes" in contacts

    erase = page.get_by_role("button", name="Erase my account for good")
    page.get_by_label("Type your email address to confirm").fill(user.email)
    page.get_by_label("Password").fill("not-my-password")
    erase.click()
    expect(page.get_by_text("The password is not correct.")).to_be_visible()
    assert User.objects.filter(pk=user.pk).exists()

    page.get_by_label("Type your email address to confirm").fill(user.email.upper())
    page.get_by_label("Password").fill(PASSWORD)
    erase.click()
    expect(page.get_by_text("Your account and all its data have been erased.")).to_be_visible()
    expect(page.get_by_test_id("logout")).to_have_count(0)
    assert not User.objects.filter(email=user.email).exists()
    assert not Objective.objects.exists()
    assert not Contact.objects.exists()

    page.goto(live_server.url + "/dashboard/")
    expect(page).to_have_url(live_server.url + "/accounts/login/?next=/dashboard/")
    log_in(page, live_server, user)
    # The login page speaks the browser's language (French), as in log_in.
    expect(page.get_by_text("L’adresse e-mail ou le mot de passe sont incorrects.")).to_be_visible()
    expect(page).to_have_url(live_server.url + "/accounts/login/")
    expect(page.get_by_test_id("logout")).to_have_count(0)
