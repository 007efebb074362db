import pytest
from playwright.sync_api import Page, expect

from contacts.models import Contact, ContactImport
from tests.factories import UserFactory
from tests.helpers.browser import log_in

pytestmark = pytest.mark.django_db(transaction=True)

# A spreadsheet's own export: semicolons, a BOM, headers no importer knows but one
# ("Téléphone portable", which the mapping step guesses), and a column to leave out.
CSV = (
    "\ufeffQui;Boîte;Ce qu'elle fait;Où la joindre;Téléphone portable;Pense-bête\n"
    "Élodie Garnier;Banque Lumière;Chargée d'affaires;elodie@lumiere.example;06 11 22 33 44;"
    "ne pas oublier\n"
    "Marc Dubois;Studio Nord;Directeur artistique;marc@nord.example;;\n"
    ";Sans Nom SA;Acheteuse;;;\n"
    "Yasmine Benali;Fonds Horizon;Partner;yasmine@horizon.example;07 98 76 54 32;\n"
)


def test_a_csv_with_unusual_headers_is_mapped_column_by_column_then_imported(
    page: Page, live_server, tmp_path
):
    user = UserFactory(language="en")
    export = tmp_path / "mes-contacts.csv"
    export.write_bytes(CSV.encode("utf-8"))
    log_in(page, live_server, user)

    page.get_by_role("link", name="My network").click()
    page.get_by_role("link", name="Import", exact=True).click()
    page.get_by_label("File").set_input_files(str(export))
    page.get_by_role("button", name="Import", exact=True).click()

    expect(page.get_by_role("heading", name="Choose the columns")).to_be_visible()
    expect(page.locator("main")).to_contain_text("mes-contacts.csv")
    expect(page.get_by_label("Phone", exact=True)).to_have_value("Téléphone portable")
    expect(page.get_by_label("Full name", exact=True)).to_have_value("")
    page.get_by_role("button", name="Import with these columns").click()
    expect(page.get_by_text("Choose at least the column of the name or the email.")).to_be_visible()
    assert ContactImport.objects.get(owner=user).status == ContactImport.Status.MAPPING

    page.get_by_label("Full name", exact=True).select_option("Qui")
    page.get_by_label("Email", exact=True).select_option("Où la joindre")
    page.get_by_label("Company", exact=True).select_option("Boîte")
    page.get_by_label("Position", exact=True).select_option("Ce qu'elle fait")
    expect(page.get_by_label("Notes", exact=True)).to_have_value("")
    page.get_by_role("button", name="Import with these columns").click()

    summary = page.get_by_test_id("import-summary")
    expect(summary).to_contain_text("3 new contacts, 0 merged with contacts you already had")
    expect(page.get_by_text("1 row could not be read")).to_be_visible()
    page.get_by_role("link", name="See the contacts").click()
    expect(page.get_by_test_id("contact-count")).to_have_text("3 contacts")
    expect(page.locator("tr", has_text="Élodie Garnier")).to_contain_text("Banque Lumière")
    expect(page.locator("tr", has_text="Élodie Garnier")).to_contain_text("Chargée d'affaires")

    elodie = Contact.objects.get(owner=user, full_name="Élodie Garnier")
    assert (elodie.email, elodie.company, elodie.position) == (
        "elodie@lumiere.example",
        "Banque Lumière",
        "Chargée d'affaires",
    )
    assert elodie.phone.replace(" ", "") == "0611223344"
    assert elodie.notes == ""  # the unmapped column stays out
    assert sorted(Contact.objects.filter(owner=user).values_list("full_name", flat=True)) == [
        "Marc Dubois",
        "Yasmine Benali",
        "Élodie Garnier",
    ]
    job = ContactImport.objects.get(owner=user)
    assert (job.format, job.status, job.created, job.skipped) == ("generic_csv", "done", 3, 1)
    assert job.mapping["full_name"] == "Qui"
    assert not job.file  # the uploaded file is not kept once read
