import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contacts.importers import (
    FORMATS,
    ImportFileError,
    ParsedContact,
    ParsedFile,
    RowError,
    base,
    detect_format,
    guess_mapping,
    parse,
    read_header,
)
from contacts.importers.samples import linkedin_connections_csv, linkedin_export_zip

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


def refusal(call) -> str:
    with pytest.raises(ImportFileError) as error:
        call()
    return error.value.code


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("linkedin_connections.csv", "linkedin_csv"),
        ("linkedin_connections_old.csv", "linkedin_csv"),
        ("google_contacts.csv", "google_csv"),
        ("google_contacts_old.csv", "google_csv"),
        ("contacts_21.vcf", "vcard"),
        ("contacts_30.vcf", "vcard"),
        ("contacts_40.vcf", "vcard"),
        ("generic_semicolon_cp1252.csv", "generic_csv"),
        ("generic_bom.csv", "generic_csv"),
        ("generic_tab.tsv", "generic_csv"),
    ],
)
def test_detect_format_recognises_each_fixture(fixture_bytes, name, expected):
    assert detect_format("upload.bin", fixture_bytes(name)) == expected


def test_detect_format_recognises_a_zip_by_its_magic_bytes():
    assert detect_format("export.csv", linkedin_export_zip(3)) == "linkedin_zip"


def test_detect_format_recognises_a_linkedin_header_without_preamble():
    data = b"First Name,Last Name,Email Address,Company,Position,Connected On\n"
    assert detect_format("c.csv", data) == "linkedin_csv"


def test_detect_format_falls_back_on_the_file_name_then_generic_csv():
    assert detect_format("Contacts.VCF", b"FN:x\n") == "vcard"
    assert detect_format("contacts.csv", b"foo,bar\n1,2\n") == "generic_csv"


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("linkedin_csv", "linkedin_connections.csv"),
        ("google_csv", "google_contacts.csv"),
        ("vcard", "contacts_30.vcf"),
        ("generic_csv", "generic_bom.csv"),
    ],
)
def test_parse_gives_a_list_of_items_for_every_text_format(fixture_bytes, fmt, name):
    parsed = parse(fixture_bytes(name), fmt)
    assert parsed.format == fmt
    assert isinstance(parsed.items, list)
    assert any(isinstance(item, ParsedContact) for item in parsed.items)
    assert (parsed.exchanges, parsed.invitations) == ({}, {})


def test_parse_linkedin_zip_carries_exchanges_and_invitations():
    parsed = parse(linkedin_export_zip(200, seed=2), "linkedin_zip")
    assert isinstance(parsed, ParsedFile)
    assert len(parsed.items) == 200
    assert parsed.exchanges
    assert parsed.invitations


def test_parse_guesses_the_generic_mapping_when_none_is_given(fixture_bytes):
    parsed = parse(fixture_bytes("generic_tab.tsv"), "generic_csv")
    assert [item.full_name for item in parsed.items] == ["Inès Girard", "Hugo Blanc"]


def test_parse_network_overrides_the_network_of_each_contact(fixture_bytes):
    parsed = parse(fixture_bytes("contacts_40.vcf"), "vcard", network="facebook")
    assert {item.network for item in parsed.items} == {"facebook"}


def test_parse_refuses_an_unknown_format():
    assert refusal(lambda: parse(b"a,b\n", "excel")) == "unknown_format"


@pytest.mark.parametrize("fmt", FORMATS)
def test_parse_refuses_an_empty_file(fmt):
    assert refusal(lambda: parse(b"  \n", fmt)) == "empty"


@pytest.mark.parametrize("fmt", ["linkedin_csv", "google_csv", "vcard", "generic_csv"])
def test_parse_refuses_a_binary_file(fmt):
    assert refusal(lambda: parse(PNG, fmt)) == "binary"


def test_parse_refuses_a_non_zip_as_linkedin_zip():
    assert refusal(lambda: parse(PNG, "linkedin_zip")) == "bad_zip"


@pytest.mark.parametrize("fmt", FORMATS)
def test_parse_refuses_a_file_above_the_size_limit(monkeypatch, fmt):
    monkeypatch.setattr(base, "MAX_FILE_BYTES", 1_000)
    assert refusal(lambda: parse(linkedin_connections_csv(20), fmt)) == "too_large"


def test_parse_accepts_a_file_at_the_size_limit(monkeypatch):
    data = linkedin_connections_csv(20)
    monkeypatch.setattr(base, "MAX_FILE_BYTES", len(data))
    assert len(parse(data, "linkedin_csv").items) == 20


def test_parse_refuses_too_many_rows(monkeypatch):
    monkeypatch.setattr(base, "MAX_ROWS", 10)
    assert len(parse(linkedin_connections_csv(10), "linkedin_csv").items) == 10
    assert refusal(lambda: parse(linkedin_connections_csv(11), "linkedin_csv")) == "too_many_rows"
    assert refusal(lambda: parse(linkedin_export_zip(11), "linkedin_zip")) == "too_many_rows"


def test_parse_refuses_a_zip_bomb_through_the_limit(monkeypatch):
    monkeypatch.setattr(base, "MAX_UNZIPPED_BYTES", 10_000)
    assert refusal(lambda: parse(linkedin_export_zip(200), "linkedin_zip")) == "zip_bomb"


# --- Whatever the input: items or a refusal, never a crash -------------------------------

TOKENS = st.sampled_from(
    [
        "Notes:", "First Name", "Last Name", "URL", "Email Address", "Connected On", "Company",
        "Name", "Given Name", "Family Name", "E-mail 1 - Value", "E-mail 1 - Label",
        "Website 1 - Value", "Organization Name", "* ", " ::: ", "Prénom", "Nom", "Société",
        "Courriel", "a@b.fr", "https://www.linkedin.com/in/x/", "javascript:alert(1)",
        "15 Mar 2024", "31/02/2024", "=1+1", "@x", ",", ";", "\t", "\n", "\r\n", "\r", '"',
        '""', " ", "é", "\x00", "\x1b", "\ufeff", "\u202e", "BEGIN:VCARD", "END:VCARD",
        "VERSION:2.1", "N:", "FN:", "EMAIL;PREF:", ";ENCODING=QUOTED-PRINTABLE:", "=C3=A9",
        "=\r\n", ";CHARSET=UTF-8",
    ]
)  # fmt: skip
CSV_LIKE = st.one_of(
    st.text(),
    st.lists(st.one_of(TOKENS, st.text(max_size=4)), max_size=80).map("".join),
).map(lambda text: text.encode("utf-8"))
TEXT_FORMATS = ("linkedin_csv", "google_csv", "vcard", "generic_csv")


def assert_items_or_refusal(data: bytes, fmt: str) -> None:
    try:
        mapping = guess_mapping(read_header(data)) if fmt == "generic_csv" else None
        parsed = parse(data, fmt, mapping=mapping)
    except ImportFileError as error:
        assert error.code in base.FILE_ERROR_CODES
        assert str(error)
        return
    assert all(isinstance(item, ParsedContact | RowError) for item in parsed.items)
    for item in parsed.items:
        if isinstance(item, ParsedContact):
            assert item.full_name
            assert not item.profile_url or item.profile_url.startswith("https://")


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@settings(max_examples=300, deadline=None, database=None)
@given(data=st.binary())
def test_any_bytes_give_items_or_a_refusal(fmt, data):
    assert_items_or_refusal(data, fmt)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@settings(max_examples=300, deadline=None, database=None)
@given(data=CSV_LIKE)
def test_any_csv_like_text_gives_items_or_a_refusal(fmt, data):
    assert_items_or_refusal(data, fmt)


def _zip_of(connections: bytes, messages: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", connections)
        archive.writestr("messages.csv", messages)
        archive.writestr("Invitations.csv", messages)
    return buffer.getvalue()


@settings(max_examples=300, deadline=None, database=None)
@given(data=st.one_of(st.binary(), st.builds(_zip_of, CSV_LIKE, CSV_LIKE)))
def test_any_zip_gives_items_or_a_refusal(data):
    assert_items_or_refusal(data, "linkedin_zip")
