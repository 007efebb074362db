"""Issue 18's "done when", in a browser: a professional with a score uploads their LinkedIn
complete export and an X archive, then reads on the score page, beside what they said and what
peers said, what their own posts show, and opens the posts behind a flag."""

import pytest
from playwright.sync_api import Page, expect

from audits.models import Audit
from tests.helpers.browser import log_in
from tests.helpers.evidence import zip_of
from tests.helpers.reports import SELF_SCORES, scored_audit

pytestmark = pytest.mark.django_db(transaction=True)


def test_upload_two_exports_and_read_them_beside_self_and_peers(page: Page, live_server, tmp_path):
    audit = scored_audit()
    owner = audit.owner
    owner.language = "en"
    owner.save(update_fields=["language"])
    # The professional says they rarely pitch (4.6 out of 5 on commercial restraint).
    scores = {**SELF_SCORES}
    scores["dimensions"] = {**scores["dimensions"], "commercial_restraint": 90.0}
    scores["dimensions_on_five"] = {**scores["dimensions_on_five"], "commercial_restraint": 4.6}
    Audit.objects.filter(pk=audit.pk).update(self_scores=scores)

    log_in(page, live_server, owner)
    page.goto(live_server.url + "/own-data/")
    for name, data in (
        ("Basic_LinkedInDataExport.zip", zip_of("linkedin")),
        ("twitter-2024.zip", zip_of("x", prefix="twitter-2024/data/")),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        page.get_by_label("Your export").set_input_files(str(path))
        page.get_by_role("button", name="Read this export").click()
    expect(page.get_by_test_id("network-linkedin")).to_be_visible()
    expect(page.get_by_test_id("network-x")).to_be_visible()

    page.goto(f"{live_server.url}/audits/{audit.pk}/score/")
    table = page.get_by_test_id("dimensions")
    expect(table.get_by_test_id("evidence-column")).to_have_text("My data")
    expect(table).to_contain_text("(LinkedIn)")
    expect(table).to_contain_text("(X)")
    gaps = page.get_by_test_id("evidence-gaps")
    expect(gaps).to_contain_text("You say you rarely pitch")
    expect(gaps).to_contain_text("posts on LinkedIn are pitches")

    # The posts behind the pitch flag, from the recommendation that it raised.
    page.locator("a[href*='/own-data/excerpts/linkedin/pitch/']").first.click()
    expect(page.get_by_text("Check out our new audit service")).to_be_visible()
