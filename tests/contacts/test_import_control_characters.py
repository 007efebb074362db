"""Names, companies and titles never keep a control character from an imported file.

A line break in a name stops the invitation emails that carry it (BadHeaderError), and
PostgreSQL refuses a NUL in a text column, which would fail the whole import.
"""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contacts.forms import ContactForm
from contacts.importers import ParsedContact, parse
from contacts.importers.base import build_contact, clean_cell
from contacts.models import Contact, ContactImport
from contacts.services.imports import contact_import_create, contact_import_run
from tests.factories import UserFactory
from tests.helpers.contacts import upload

# Line and paragraph separators end a line in email headers and some viewers as well.
FORBIDDEN = {"Cc", "Zl", "Zp"}
HEADER = "Prénom,Nom,Email,Société,Poste\r\n"
DIRTY_ROW = (
    '"Jean\r\nPierre\x00","Du\tpont\x07","jp@example.com","Acme\x1b\r\nSA","CEO\x85\x7f"\r\n'
)
# Among ordinary rows, as in a real export: a file mostly made of controls is refused as binary.
CLEAN_ROWS = "".join(f"Anne{n},Martin,a{n}@example.com,Beta,CFO\r\n" for n in range(30))


def has_forbidden(text: str) -> bool:
    return any(unicodedata.category(character) in FORBIDDEN for character in text)


@given(st.text())
def test_a_cleaned_cell_holds_no_control_character(text):
    assert not has_forbidden(clean_cell(text))


@given(first=st.text(), last=st.text(), company=st.text(), position=st.text())
def test_a_built_contact_holds_no_control_character_in_its_one_line_fields(
    first, last, company, position
):
    item = build_contact(
        1, "other", first_name=first, last_name=last, company=company, position=position,
        emails=("a@example.com",),
    )  # fmt: skip
    assert isinstance(item, ParsedContact)
    for value in (item.first_name, item.last_name, item.full_name, item.company, item.position):
        assert not has_forbidden(value)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_line_breaks_and_controls_in_a_name_cell_become_spaces_or_go(encoding):
    if encoding == "utf-8":  # a NUL byte in a UTF-8 file marks it as binary (see below)
        data = (HEADER + CLEAN_ROWS + DIRTY_ROW.replace("\x00", "")).encode()
    else:  # Excel's "Unicode text" and some Google exports: NULs can only be characters here
        data = (HEADER + CLEAN_ROWS + DIRTY_ROW).encode("utf-16")

    *_clean, contact = parse(data, "generic_csv").items

    assert (contact.first_name, contact.last_name) == ("Jean Pierre", "Du pont")
    assert contact.full_name == "Jean Pierre Du pont"
    assert (contact.company, contact.position) == ("Acme SA", "CEO")


@pytest.mark.django_db
def test_a_csv_whose_name_cell_holds_a_line_break_and_a_nul_imports_clean():
    owner = UserFactory()
    job = contact_import_create(
        owner=owner,
        upload=upload("contacts.csv", (HEADER + CLEAN_ROWS + DIRTY_ROW).encode("utf-16")),
    )
    if job.status == ContactImport.Status.MAPPING:  # a generic CSV: its columns as guessed
        from contacts.importers import guess_mapping, read_header
        from contacts.services.imports import contact_import_queue

        job.file.open("rb")
        mapping = guess_mapping(read_header(job.file.read()))
        job.file.close()
        contact_import_queue(job=job, mapping=mapping)
    contact_import_run(import_id=job.pk)
    job.refresh_from_db()

    assert job.status == ContactImport.Status.DONE, job.error_code
    assert job.created == 31
    contact = Contact.objects.get(owner=owner, email="jp@example.com")
    assert (contact.first_name, contact.full_name) == ("Jean Pierre", "Jean Pierre Du pont")
    for value in (contact.full_name, contact.first_name, contact.company, contact.position):
        assert not has_forbidden(value)


@pytest.mark.django_db
def test_a_nul_byte_in_a_utf8_file_refuses_the_file_as_binary_and_stores_nothing():
    # The decided rule for UTF-8 (tests/test_bad_input_corpus.py, "nul bytes in the middle"):
    # NUL bytes there mean a binary or mis-encoded file, refused whole with its reason.
    owner = UserFactory()
    job = contact_import_create(
        owner=owner, upload=upload("contacts.csv", (HEADER + CLEAN_ROWS + DIRTY_ROW).encode()),
        fmt="generic_csv", mapping={"first_name": "Prénom", "last_name": "Nom"},
    )  # fmt: skip
    contact_import_run(import_id=job.pk)
    job.refresh_from_db()

    assert (job.status, job.error_code) == (ContactImport.Status.FAILED, "binary")
    assert not Contact.objects.filter(owner=owner).exists()


# --- The contact edit form, the other way a contact's name is written -----------------------

FORM = {
    "full_name": "Jean",
    "company": "Acme",
    "position": "CEO",
    "role_category": "executive",
    "sector": "other",
    "relationship": "",
    "email": "",
    "profile_url": "",
    "notes": "",
}


def test_the_contact_form_refuses_names_with_line_breaks_and_keeps_notes_multiline():
    refused = ContactForm(
        FORM | {"full_name": "Jean\r\nPierre\x07", "company": "Acme\tSA"}, instance=Contact()
    )
    assert not refused.is_valid()
    assert {"full_name", "company"} <= set(refused.errors)
    kept = ContactForm(FORM | {"full_name": "Jean Pierre", "notes": "a\r\nb"}, instance=Contact())
    assert kept.is_valid(), kept.errors
    assert kept.cleaned_data["notes"] == "a\r\nb"


@pytest.mark.parametrize("full_name", ["\x07\x1b", "Jean\x00"])
def test_the_contact_form_refuses_a_name_of_controls_or_with_a_nul(full_name):
    form = ContactForm(FORM | {"full_name": full_name}, instance=Contact())
    assert not form.is_valid()
    assert "full_name" in form.errors
