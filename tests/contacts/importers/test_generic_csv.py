from datetime import date

import pytest

from contacts.importers.base import ImportFileError
from contacts.importers.generic_csv import (
    FIELDS,
    guess_mapping,
    parse_generic_csv,
    read_header,
)
from tests.helpers.contacts import english_text


def parse_guessed(data, network="other"):
    return list(parse_generic_csv(data, guess_mapping(read_header(data)), network))


def test_read_header_gives_the_column_names(fixture_bytes):
    header = read_header(fixture_bytes("generic_semicolon_cp1252.csv"))
    assert header == [
        "Prénom",
        "Nom",
        "E-mail",
        "Société",
        "Fonction",
        "Téléphone",
        "Date d'ajout",
        "Commentaire",
    ]


def test_guess_mapping_understands_french_headers():
    header = ["Prénom", "Nom", "Courriel", "Entreprise", "Poste", "Téléphone", "Notes"]
    assert guess_mapping(header) == {
        "first_name": "Prénom",
        "last_name": "Nom",
        "email": "Courriel",
        "company": "Entreprise",
        "position": "Poste",
        "phone": "Téléphone",
        "notes": "Notes",
    }


def test_guess_mapping_understands_english_headers_and_longer_names():
    header = ["Full Name", "Work E-mail Address", "Company", "Job Title", "LinkedIn profile"]
    assert guess_mapping(header) == {
        "full_name": "Full Name",
        "email": "Work E-mail Address",
        "company": "Company",
        "position": "Job Title",
        "profile_url": "LinkedIn profile",
    }


def test_guess_mapping_uses_each_column_once_and_only_known_fields():
    mapping = guess_mapping(["Société", "Entreprise", "Colonne inconnue", ""])
    assert mapping == {"company": "Société"}
    assert set(mapping) <= set(FIELDS)


def test_semicolon_windows_1252_file_with_accents(fixture_bytes):
    items = parse_guessed(fixture_bytes("generic_semicolon_cp1252.csv"))
    frederic = items[0]
    assert (frederic.first_name, frederic.last_name) == ("Frédéric", "Lefèvre")
    assert frederic.company == "Société Générale"
    assert frederic.position == "Chargé d'affaires"
    assert frederic.phones == ("01 42 14 20 00",)
    assert frederic.connected_on == date(2024, 3, 15)  # 15/03/2024, day first
    assert frederic.notes == "Très réactif"
    assert items[1].company == "Crédit; Mutuel"
    assert items[1].connected_on == date(2023, 4, 3)


def test_several_emails_in_one_cell_are_all_kept(fixture_bytes):
    items = parse_guessed(fixture_bytes("generic_semicolon_cp1252.csv"))
    assert items[-1].emails == ("noel.faure@example.fr", "n.faure@perso.example")
    assert [item.row for item in items] == [1, 2, 4]  # the bare ";;;;" row is skipped


def test_utf8_file_with_bom(fixture_bytes):
    olivia, william = parse_guessed(fixture_bytes("generic_bom.csv"), network="viadeo")
    assert olivia.full_name == "Olivia Brown"
    assert olivia.profile_url == "https://www.linkedin.com/in/olivia-brown"
    assert olivia.network == "viadeo"
    assert (william.full_name, william.emails) == ("William Davies", ())


def test_tab_separated_file(fixture_bytes):
    ines, hugo = parse_guessed(fixture_bytes("generic_tab.tsv"))
    assert (ines.full_name, ines.emails, ines.company) == (
        "Inès Girard",
        ("ines.girard@example.fr",),
        "Doctolib",
    )
    assert hugo.position == "Software Engineer"


def test_a_mapped_column_missing_from_the_file_is_refused(fixture_bytes):
    with pytest.raises(ImportFileError) as error:
        list(parse_generic_csv(fixture_bytes("generic_bom.csv"), {"email": "Courriel"}))
    assert error.value.code == "no_header"


def test_an_empty_mapping_is_refused(fixture_bytes):
    with pytest.raises(ImportFileError) as error:
        list(parse_generic_csv(fixture_bytes("generic_bom.csv"), {}))
    assert error.value.code == "no_header"


def test_an_unknown_field_in_the_mapping_is_a_programming_error(fixture_bytes):
    with pytest.raises(ValueError, match="unknown contact fields"):
        list(parse_generic_csv(fixture_bytes("generic_bom.csv"), {"age": "Company"}))


def test_rows_with_only_unmapped_values_are_row_errors():
    data = "Nom;Ville\nDupont;Paris\n;Lyon\n".encode("cp1252")
    items = list(parse_generic_csv(data, {"last_name": "Nom"}))
    assert [type(item).__name__ for item in items] == ["ParsedContact", "RowError"]
    assert english_text(items[1]) == "Row 2: no name, email or profile URL"
