import io
import zipfile

from contacts.importers import ParsedContact, RowError, parse
from contacts.importers.samples import linkedin_connections_csv, linkedin_export_zip


def test_sample_connections_have_the_preamble_and_the_current_header():
    text = linkedin_connections_csv(5).decode()
    assert text.startswith("Notes:\n")
    assert "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" in text


def test_sample_connections_are_deterministic_for_a_seed():
    assert linkedin_connections_csv(50, seed=3) == linkedin_connections_csv(50, seed=3)
    assert linkedin_connections_csv(50, seed=3) != linkedin_connections_csv(50, seed=4)


def test_sample_connections_parse_with_some_emails_and_some_duplicates():
    items = parse(linkedin_connections_csv(2_000), "linkedin_csv").items
    assert len(items) == 2_000
    assert not any(isinstance(item, RowError) for item in items)
    with_email = sum(1 for item in items if item.emails)
    assert 100 < with_email < 1_000
    assert len({item.profile_url for item in items}) < 2_000  # duplicates
    positions = {item.position for item in items}
    assert {"Responsable RH", "Business Angel", "Chargé d'affaires", "Journaliste"} <= positions


def test_sample_zip_is_consistent_with_its_connections():
    data = linkedin_export_zip(1_000, seed=5)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert {"Connections.csv", "messages.csv", "Invitations.csv"} <= set(names)
    parsed = parse(data, "linkedin_zip")
    urls = {item.profile_url for item in parsed.items if isinstance(item, ParsedContact)}
    assert parsed.exchanges and set(parsed.exchanges) <= urls
    assert parsed.invitations and set(parsed.invitations) <= urls
    exchanges = parsed.exchanges.values()
    assert any(exchange.two_way_conversations for exchange in exchanges)
    assert any(not exchange.two_way_conversations for exchange in exchanges)
    assert {invitation.direction for invitation in parsed.invitations.values()} == {
        "sent",
        "received",
    }


def test_thirty_thousand_sample_rows_are_generated():
    data = linkedin_connections_csv(30_000)
    assert data.count(b"\n") > 30_000
