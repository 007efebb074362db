from datetime import date

import pytest

from contacts.importers.base import (
    ImportFileError,
    ParsedContact,
    RowError,
    build_contact,
    clean_cell,
    clean_notes,
    normalise_email,
    normalise_url,
    parse_date,
)
from tests.helpers.contacts import english_text


def test_clean_cell_strips_and_collapses_whitespace():
    assert clean_cell("  Jean \t  Pierre\n Dupont  ") == "Jean Pierre Dupont"


def test_clean_cell_drops_control_and_invisible_characters():
    assert clean_cell("Ma\x00rie\x07 Cu\u200brie\u202e") == "Marie Curie"


@pytest.mark.parametrize("value", ["=SUM(A1:A9)", "+33 6 12", "-Minus", "@Chef"])
def test_clean_cell_keeps_formula_like_values_as_text(value):
    assert clean_cell(value) == value


def test_clean_cell_caps_absurdly_long_values():
    assert len(clean_cell("x" * 10_000)) == 255


def test_clean_notes_keeps_line_breaks_but_not_controls():
    assert clean_notes("Ligne 1\r\n  Ligne\x00 2  \rLigne 3") == "Ligne 1\nLigne 2\nLigne 3"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Jean.Dupont@Example.FR", "jean.dupont@example.fr"),
        (" mailto:a@b.fr ", "a@b.fr"),
        ("<a@b.fr>", "a@b.fr"),
        ("not-an-email", ""),
        ("a@b", ""),
        ("a b@c.fr", ""),
        ("a@b.fr, c@d.fr", ""),
        ("", ""),
    ],
)
def test_normalise_email_lowercases_valid_addresses_and_rejects_others(raw, expected):
    assert normalise_email(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "https://WWW.LinkedIn.com/in/jean-dupont/?trk=people#top",
            "https://www.linkedin.com/in/jean-dupont",
        ),
        ("http://fr.linkedin.com/in/x/", "https://www.linkedin.com/in/x"),
        ("www.linkedin.com/in/no-scheme", "https://www.linkedin.com/in/no-scheme"),
        ("https://user:secret@Example.COM:8080/a/", "https://example.com:8080/a"),
        ("https://example.com:443/", "https://example.com"),
    ],
)
def test_normalise_url_gives_https_without_query_fragment_or_trailing_slash(raw, expected):
    assert normalise_url(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "javascript:alert(1)",
        "JavaScript://%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "mailto:a@b.fr",
        "ftp://example.com/file",
        "file:///etc/passwd",
        "//example.com/x",
        "https://evil.example\\@good.example/",
        "https://",
        "https://exa mple.com",
        "not a url",
    ],
)
def test_normalise_url_drops_anything_but_web_urls(raw):
    assert normalise_url(raw) == ""


@pytest.mark.parametrize(
    ("raw", "day_first", "expected"),
    [
        ("15 Mar 2024", False, date(2024, 3, 15)),
        ("07 Jun 2026", False, date(2026, 6, 7)),
        ("1 mars 2024", False, date(2024, 3, 1)),
        ("2024-03-15", False, date(2024, 3, 15)),
        ("2025-06-01 14:03:22 UTC", False, date(2025, 6, 1)),
        ("2024-03-15T10:00:00Z", False, date(2024, 3, 15)),
        ("1/29/26, 2:37 PM", False, date(2026, 1, 29)),
        ("03/04/2023", True, date(2023, 4, 3)),
        ("03/04/2023", False, date(2023, 3, 4)),
        ("15/03/2024", False, date(2024, 3, 15)),  # only valid day first
        ("Mar 15, 2024", False, date(2024, 3, 15)),
    ],
)
def test_parse_date_reads_the_export_formats(raw, day_first, expected):
    assert parse_date(raw, day_first=day_first) == expected


@pytest.mark.parametrize("raw", ["", "31 Feb 2024", "15 Foo 2024", "yesterday", "99/99/2024"])
def test_parse_date_gives_none_for_unreadable_dates(raw):
    assert parse_date(raw) is None


def test_build_contact_fills_full_name_from_first_and_last_name():
    contact = build_contact(3, "other", first_name=" Jean ", last_name="Dupont")
    assert contact == ParsedContact(
        row=3, network="other", first_name="Jean", last_name="Dupont", full_name="Jean Dupont"
    )


def test_build_contact_keeps_only_valid_deduplicated_emails_primary_first():
    contact = build_contact(1, "other", emails=["B@x.fr", "oops", "a@x.fr", "b@X.fr"])
    assert contact.emails == ("b@x.fr", "a@x.fr")
    assert contact.full_name == "b@x.fr"  # always filled


def test_build_contact_without_name_email_or_url_is_a_row_error():
    item = build_contact(12, "other", emails=["oops"], company="Acme", phones=["0102030405"])
    assert item == RowError(12, "anonymous")
    assert english_text(item) == "Row 12: no name, email or profile URL"


@pytest.mark.parametrize(
    ("code", "unit", "detail"),
    [("misspelt", "row", ""), ("anonymous", "line", ""), ("unreadable", "card", "odd")],
)
def test_a_row_error_only_takes_the_codes_pages_can_translate(code, unit, detail):
    with pytest.raises(ValueError, match="unknown row error"):
        RowError(3, code, unit, detail)


def test_build_contact_drops_a_javascript_profile_url():
    contact = build_contact(1, "other", full_name="X", profile_urls=["javascript:alert(1)"])
    assert contact.profile_url == ""


def test_import_file_error_carries_a_known_code_and_a_message():
    error = ImportFileError("empty", "The file is empty.")
    assert (error.code, str(error)) == ("empty", "The file is empty.")
    with pytest.raises(ValueError, match="unknown import error code"):
        ImportFileError("oops", "?")
