import pytest

from contacts.importers.base import ImportFileError, ParsedContact, RowError
from contacts.importers.google import parse_google_csv


def parsed(fixture_bytes, name):
    return list(parse_google_csv(fixture_bytes(name)))


def test_current_layout_with_bom_is_read(fixture_bytes):
    sophie = parsed(fixture_bytes, "google_contacts.csv")[0]
    assert (sophie.row, sophie.network) == (1, "google")
    assert (sophie.first_name, sophie.last_name) == ("Sophie", "Moreau")
    assert sophie.full_name == "Sophie Anne Moreau"
    assert (sophie.company, sophie.position) == ("Crédit Agricole", "Directrice commerciale")


def test_multi_values_are_split_and_the_starred_label_comes_first(fixture_bytes):
    sophie = parsed(fixture_bytes, "google_contacts.csv")[0]
    assert sophie.emails == ("sophie.moreau@ca.fr", "sophie@perso.fr", "s.moreau@old.fr")
    assert sophie.phones == ("+33 6 11 22 33 44", "+33 1 40 00 00 00")


def test_linkedin_website_becomes_the_profile_url(fixture_bytes):
    sophie = parsed(fixture_bytes, "google_contacts.csv")[0]
    assert sophie.profile_url == "https://www.linkedin.com/in/sophie-moreau"


def test_multi_line_notes_keep_their_line_break(fixture_bytes):
    sophie = parsed(fixture_bytes, "google_contacts.csv")[0]
    assert sophie.notes == "Rencontrée au salon VivaTech.\nÀ relancer en septembre."


def test_blank_rows_are_skipped_and_a_phone_only_row_is_an_error(fixture_bytes):
    items = parsed(fixture_bytes, "google_contacts.csv")
    assert [item.row for item in items] == [1, 3, 4]
    assert items[2] == RowError(4, "anonymous")


def test_old_layout_is_read(fixture_bytes):
    julien, rachel = parsed(fixture_bytes, "google_contacts_old.csv")
    assert julien == ParsedContact(
        row=1,
        network="google",
        first_name="Julien",
        last_name="Mercier",
        full_name="Julien Mercier",
        emails=("j.mercier@danone.example", "julien@free.fr"),  # "* Work" is primary
        phones=("06 12 34 56 78",),
        profile_url="https://www.linkedin.com/in/julienmercier",
        company="Danone",
        position="Key Account Manager",
        notes="Ancien collègue",
    )
    assert rachel.emails == ("rachel@evans.example", "r.evans@work.example")


def test_a_non_linkedin_website_is_not_a_profile_url():
    data = (
        b"First Name,Last Name,Website 1 - Label,Website 1 - Value\nAl,Bo,Blog,https://al.example\n"
    )
    (item,) = parse_google_csv(data)
    assert item.profile_url == ""


def test_a_file_without_google_columns_is_refused():
    with pytest.raises(ImportFileError) as error:
        list(parse_google_csv(b"foo,bar\n1,2\n"))
    assert error.value.code == "no_header"
