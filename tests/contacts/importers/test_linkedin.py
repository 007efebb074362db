import io
import random
import struct
import zipfile
from datetime import date

import pytest

from contacts.importers import base
from contacts.importers.base import ImportFileError, ParsedContact, RowError
from contacts.importers.linkedin import (
    Exchange,
    Invitation,
    parse_connections,
    parse_invitations,
    parse_linkedin_zip,
    parse_messages,
)
from contacts.importers.samples import linkedin_connections_csv

OWNER = "https://www.linkedin.com/in/camille-martin-3a7f21"
ANNA = "https://www.linkedin.com/in/anna-petit"
BOB = "https://www.linkedin.com/in/bob-smith"
CLARA = "https://www.linkedin.com/in/clara-roux"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ROW = "Jean,Dupont,https://www.linkedin.com/in/jean-dupont,,Acme,CEO,15 Mar 2024\n"


def make_zip(files: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def code_of(call) -> str:
    with pytest.raises(ImportFileError) as error:
        call()
    return error.value.code


# --- Connections.csv ----------------------------------------------------------------------


def test_connections_are_read_after_the_notes_preamble(fixture_bytes):
    items = list(parse_connections(fixture_bytes("linkedin_connections.csv")))
    helene = items[0]
    assert helene == ParsedContact(
        row=1,
        network="linkedin",
        first_name="Hélène",
        last_name="Lévy",
        full_name="Hélène Lévy",
        emails=("helene.levy@example.fr",),
        profile_url="https://www.linkedin.com/in/helene-levy-2b1a",
        company="Société Générale, Paris",
        position="Responsable RH",
        connected_on=date(2024, 3, 15),
    )


@pytest.mark.parametrize(
    "preamble",
    [
        "",
        "Notes:\n",
        'Notes:\n"When exporting your connection data, you may notice..."\n\n',
        'Notes:\n"Line one, with a comma."\n"Line two."\n\n\n\n',
        '\ufeffNotes:\n"x"\n\n',
    ],
)
def test_connections_header_is_found_whatever_the_preamble_length(preamble):
    items = list(parse_connections((preamble + HEADER + ROW).encode()))
    assert [item.full_name for item in items] == ["Jean Dupont"]


def test_old_connections_export_without_url_column_is_read(fixture_bytes):
    items = list(parse_connections(fixture_bytes("linkedin_connections_old.csv")))
    assert [(i.full_name, i.emails, i.profile_url, i.connected_on) for i in items] == [
        ("Jean Dupont", ("jean.dupont@orange.fr",), "", date(2020, 9, 9)),
        ("Emily Taylor", (), "", date(2018, 12, 31)),
    ]


def test_rows_of_bare_commas_are_skipped_silently(fixture_bytes):
    items = list(parse_connections(fixture_bytes("linkedin_connections.csv")))
    assert 3 not in [item.row for item in items]  # ",,,,,,"
    assert 8 not in [item.row for item in items]  # "   ,  ,  ..."


def test_a_row_with_only_a_date_is_a_row_error(fixture_bytes):
    items = list(parse_connections(fixture_bytes("linkedin_connections.csv")))
    assert RowError(5, "anonymous") in items


def test_empty_and_invalid_emails_leave_no_email(fixture_bytes):
    items = list(parse_connections(fixture_bytes("linkedin_connections.csv")))
    by_row = {item.row: item for item in items}
    assert by_row[2].emails == ()  # empty cell
    assert by_row[4].emails == ()  # "not-an-email"
    assert by_row[4].full_name == "Karim Benali"


def test_duplicate_rows_are_both_returned(fixture_bytes):
    items = list(parse_connections(fixture_bytes("linkedin_connections.csv")))
    durands = [item for item in items if getattr(item, "last_name", "") == "Durand"]
    assert [item.row for item in durands] == [2, 7]
    assert durands[0].profile_url == durands[1].profile_url


def test_cells_starting_with_formula_characters_are_kept_as_text(fixture_bytes):
    items = list(parse_connections(fixture_bytes("linkedin_connections.csv")))
    row = next(item for item in items if item.row == 6)
    assert row.first_name == '=HYPERLINK("http://evil.example")'
    assert row.last_name == "+33 Conseil"
    assert row.company == "-Minus SAS"
    assert row.position == "@Chef"


def test_javascript_profile_url_is_dropped(fixture_bytes):
    items = list(parse_connections(fixture_bytes("linkedin_connections.csv")))
    row = next(item for item in items if item.row == 6)
    assert row.profile_url == ""


def test_profile_url_is_normalised(fixture_bytes):
    items = list(parse_connections(fixture_bytes("linkedin_connections.csv")))
    assert items[1].profile_url == "https://www.linkedin.com/in/thomasdurand"


def test_iso_connected_on_dates_are_read_too(fixture_bytes):
    items = list(parse_connections(fixture_bytes("linkedin_connections.csv")))
    assert items[-1].connected_on == date(2021, 11, 30)


def test_connections_without_a_first_and_last_name_header_are_refused():
    data = b"Name,Email\nJean,jean@x.fr\n"
    assert code_of(lambda: list(parse_connections(data))) == "no_header"


def test_connections_saved_with_semicolons_are_read():
    data = "First Name;Last Name;URL;Email Address;Company;Position;Connected On\n"
    data += "Jean;Dupont;;jean@x.fr;Acme, SA;CEO;15 Mar 2024\n"
    (item,) = parse_connections(data.encode("cp1252"))
    assert (item.full_name, item.company) == ("Jean Dupont", "Acme, SA")


def test_thirty_thousand_connections_linkedin_s_maximum_are_all_parsed():
    # How fast: `make bench` (linkedin_parse_30k_seconds), not a timed assertion here.
    items = list(parse_connections(linkedin_connections_csv(30_000)))

    assert len(items) == 30_000
    assert all(item.full_name for item in items)


# --- messages.csv -------------------------------------------------------------------------


def test_messages_count_a_two_way_conversation(fixture_bytes):
    exchanges = parse_messages(fixture_bytes("linkedin_messages.csv"))
    assert exchanges[ANNA] == Exchange(
        messages_sent=3,  # 2 in the one-to-one, 1 in the group
        messages_received=2,
        conversations=3,
        two_way_conversations=1,  # Anna never wrote in the group
        last_message_on=date(2024, 9, 15),
    )


def test_messages_count_one_way_conversations(fixture_bytes):
    exchanges = parse_messages(fixture_bytes("linkedin_messages.csv"))
    assert exchanges[CLARA] == Exchange(0, 1, 1, 0, date(2022, 6, 1))  # the draft is ignored
    assert exchanges[BOB].messages_sent == 3
    assert exchanges[BOB].two_way_conversations == 1  # only the group, where Bob answered


def test_messages_leave_out_the_owner_and_anonymous_senders(fixture_bytes):
    exchanges = parse_messages(fixture_bytes("linkedin_messages.csv"))
    assert set(exchanges) == {ANNA, BOB, CLARA}


def test_messages_owner_can_be_given(fixture_bytes):
    exchanges = parse_messages(fixture_bytes("linkedin_messages.csv"), owner_profile_url=ANNA)
    assert OWNER in exchanges
    assert ANNA not in exchanges
    assert exchanges[OWNER].messages_received == 3


def test_messages_without_urls_are_keyed_by_lower_cased_name():
    data = (
        b"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,"
        b"CONTENT,FOLDER\n"
        b"c1,,Camille Martin,,Paul Roux,2022-01-01 10:00:00 UTC,,Salut,INBOX\n"
        b"c1,,Paul Roux,,Camille Martin,2022-01-02 10:00:00 UTC,,Hello,INBOX\n"
        b'c2,,Camille Martin,,"Jane Doe, PhD",2022-02-01 10:00:00 UTC,,Hi,INBOX\n'
    )
    exchanges = parse_messages(data)
    assert exchanges["paul roux"].two_way_conversations == 1
    assert exchanges["jane doe, phd"].messages_sent == 1


def test_messages_file_without_known_columns_is_refused():
    assert code_of(lambda: parse_messages(b"a,b\n1,2\n")) == "no_header"


# --- Invitations.csv ----------------------------------------------------------------------


def test_invitations_sent_and_received_with_and_without_a_message(fixture_bytes):
    invitations = parse_invitations(fixture_bytes("linkedin_invitations.csv"))
    assert invitations[ANNA] == Invitation("sent", True, date(2024, 4, 20))
    assert invitations[BOB] == Invitation("sent", False, date(2023, 1, 5))
    assert invitations[CLARA] == Invitation("received", True, date(2022, 5, 30))
    assert invitations["https://www.linkedin.com/in/david-laurent"].personal_message is False


def test_invitations_without_urls_are_keyed_by_name(fixture_bytes):
    invitations = parse_invitations(fixture_bytes("linkedin_invitations.csv"))
    assert invitations["eve moreau"] == Invitation("received", False, date(2021, 11, 3))


def test_invitations_never_key_the_owner(fixture_bytes):
    assert OWNER not in parse_invitations(fixture_bytes("linkedin_invitations.csv"))


# --- The export ZIP -----------------------------------------------------------------------


def test_zip_export_gives_contacts_exchanges_and_invitations(fixture_bytes):
    data = make_zip(
        {
            "Connections.csv": fixture_bytes("linkedin_connections.csv"),
            "messages.csv": fixture_bytes("linkedin_messages.csv"),
            "Invitations.csv": fixture_bytes("linkedin_invitations.csv"),
            "Profile.csv": "First Name,Last Name\nCamille,Martin\n",
        }
    )
    export = parse_linkedin_zip(data)
    assert len([i for i in export.contacts if isinstance(i, ParsedContact)]) == 6
    assert export.exchanges[ANNA].two_way_conversations == 1
    assert export.invitations[BOB].direction == "sent"


def test_zip_finds_connections_case_insensitively_at_any_depth():
    data = make_zip({"Export_2024/Data/CONNECTIONS.CSV": HEADER + ROW})
    export = parse_linkedin_zip(data)
    assert [item.full_name for item in export.contacts] == ["Jean Dupont"]
    assert export.exchanges == {}
    assert export.invitations == {}


def test_zip_ignores_an_empty_optional_file():
    data = make_zip({"Connections.csv": HEADER + ROW, "messages.csv": ""})
    assert parse_linkedin_zip(data).exchanges == {}


def test_zip_without_connections_is_refused():
    data = make_zip({"messages.csv": "CONVERSATION ID,FROM\n", "Profile.csv": "a\n"})
    assert code_of(lambda: parse_linkedin_zip(data)) == "zip_without_connections"


@pytest.mark.parametrize(
    "data", [b"PK\x03\x04garbage", b"not a zip at all", make_zip({"Connections.csv": ROW})[:-30]]
)
def test_damaged_zip_is_refused(data):
    assert code_of(lambda: parse_linkedin_zip(data)) == "bad_zip"


def test_zip_bomb_of_300_megabytes_of_zeros_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("Connections.csv", HEADER + ROW)
        with archive.open("Ad_Targeting.csv", "w", force_zip64=True) as member:
            zeros = bytes(1024 * 1024)
            for _ in range(300):  # streamed: never 300 MB in memory
                member.write(zeros)
    data = buffer.getvalue()
    assert len(data) < 2 * 1024 * 1024
    assert code_of(lambda: parse_linkedin_zip(data)) == "zip_bomb"


def test_zip_above_the_unzipped_limit_is_refused_even_without_a_high_ratio(monkeypatch):
    noise = random.Random(1).randbytes(300_000)  # incompressible
    data = make_zip({"Connections.csv": HEADER + ROW, "Rich_Media.bin": noise})
    monkeypatch.setattr(base, "MAX_UNZIPPED_BYTES", 200_000)
    assert code_of(lambda: parse_linkedin_zip(data)) == "zip_bomb"


def test_zip_member_with_a_high_compression_ratio_is_refused():
    data = make_zip({"Connections.csv": HEADER + ROW + ",,,,,,\n" * 50_000})
    assert code_of(lambda: parse_linkedin_zip(data)) == "zip_bomb"


def test_zip_with_far_too_many_members_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("Connections.csv", HEADER + ROW)
        for number in range(10_001):
            archive.writestr(f"x/{number}", b"")
    assert code_of(lambda: parse_linkedin_zip(buffer.getvalue())) == "zip_bomb"


def test_zip_member_lying_about_its_size_cannot_expand_beyond_it():
    content = (HEADER + ROW * 2_000).encode()
    data = bytearray(make_zip({"Connections.csv": content}))
    declared = 1_000  # the real size is about 140 KB
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, local + 22, declared)
    struct.pack_into("<I", data, central + 24, declared)
    # Whichever guard notices first, the member is refused rather than read past its size.
    assert code_of(lambda: parse_linkedin_zip(bytes(data))) in {"zip_bomb", "bad_zip"}
