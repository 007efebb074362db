import pytest
from playwright.sync_api import Page, expect

from contacts.importers.samples import linkedin_export_zip
from tests.factories import ObjectiveFactory, UserFactory
from tests.helpers.browser import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_upload_a_linkedin_export_see_the_summary_the_map_and_the_absence_zones(
    page: Page, live_server, tmp_path
):
    user = UserFactory(language="en")
    ObjectiveFactory(owner=user, kind="financing", needed_roles=["investor", "journalist"])
    export = tmp_path / "Basic_LinkedInDataExport.zip"
    export.write_bytes(linkedin_export_zip(150, seed=4))
    log_in(page, live_server, user)

    page.get_by_role("link", name="My network").click()
    page.get_by_role("link", name="Import my LinkedIn, Google or phone contacts").click()
    page.get_by_label("File").set_input_files(str(export))
    page.get_by_role("button", name="Import", exact=True).click()

    expect(page.get_by_test_id("import-summary")).to_contain_text("new contacts")
    page.get_by_role("link", name="Open the network map").click()
    expect(page.locator("#network-map canvas").first).to_be_visible()
    page.get_by_role("link", name="Absence zones").click()
    zones = page.get_by_test_id("absence-zones")
    expect(zones).to_contain_text("Investor / banker")
    expect(zones).to_contain_text("Journalist / influencer")
    expect(page.get_by_test_id("champions")).to_be_visible()
