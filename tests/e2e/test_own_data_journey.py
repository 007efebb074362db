"""The own-data journey: upload a LinkedIn ZIP and an X archive, watch the reading progress,
see the figures and the excerpts, delete one excerpt."""

import pytest
from playwright.sync_api import Page, expect

from evidence import tasks
from evidence.models import ActivityImport, FlaggedExcerpt
from evidence.services import activity_import_run
from tests.factories import UserFactory
from tests.helpers.browser import log_in
from tests.helpers.evidence import zip_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_upload_watch_progress_see_figures_and_delete_an_excerpt(
    page: Page, live_server, monkeypatch, tmp_path
):
    user = UserFactory(language="en")
    log_in(page, live_server, user)
    page.get_by_role("link", name="My own data").click()
    expect(page.get_by_role("heading", name="What your own data shows")).to_be_visible()

    # The first file waits for a worker: the page shows its bar and polls its status.
    monkeypatch.setattr(tasks.read_activity, "delay_on_commit", lambda *args: None)
    linkedin = tmp_path / "Basic_LinkedInDataExport.zip"
    linkedin.write_bytes(zip_of("linkedin"))
    page.get_by_label("Your export").set_input_files(str(linkedin))
    page.get_by_role("button", name="Read this export").click()
    expect(page.get_by_text("File received: it is being read.")).to_be_visible()
    bar = page.get_by_role("progressbar", name="Reading progress")
    expect(bar).to_be_visible()
    job = ActivityImport.objects.get(owner=user)
    activity_import_run(import_id=job.pk)  # the worker's turn: the page reloads by itself
    linkedin_card = page.get_by_test_id("network-linkedin")
    expect(linkedin_card).to_contain_text("4 posts in 12 months.", timeout=15_000)
    expect(bar).to_have_count(0)
    expect(linkedin_card).to_contain_text("25% of your 4 posts read as a sales pitch.")

    # The X archive is read at once (the task runs in process).
    monkeypatch.undo()
    archive = tmp_path / "twitter-2024.zip"
    archive.write_bytes(zip_of("x", prefix="twitter-2024/data/"))
    page.get_by_label("Your export").set_input_files(str(archive))
    page.get_by_role("button", name="Read this export").click()
    x_card = page.get_by_test_id("network-x")
    expect(x_card).to_contain_text("3 posts in 12 months.")

    # The examples behind the pitch flag, then one deleted.
    pitch = linkedin_card.get_by_test_id("flag-linkedin-pitch")
    pitch.locator("summary").click()
    expect(pitch).to_contain_text("Check out our new audit service")
    before = FlaggedExcerpt.objects.filter(owner=user).count()
    pitch.get_by_test_id("delete-excerpt").first.click()
    expect(page.get_by_text("Excerpt deleted.")).to_be_visible()
    expect(page.get_by_test_id("flag-linkedin-pitch")).to_have_count(0)
    assert FlaggedExcerpt.objects.filter(owner=user).count() == before - 1


def test_a_bad_file_shows_which_file_is_wrong_on_a_phone(page: Page, live_server, tmp_path):
    page.set_viewport_size({"width": 375, "height": 740})
    user = UserFactory(language="en")
    log_in(page, live_server, user)
    page.goto(f"{live_server.url}/own-data/")
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    page.get_by_label("Your export").set_input_files(str(bad))
    page.get_by_role("button", name="Read this export").click()
    expect(page.get_by_test_id("import-error")).to_contain_text(
        "export.zip is not a readable ZIP archive (damaged or incomplete)."
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
