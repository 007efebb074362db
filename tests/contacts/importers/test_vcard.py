import pytest

from contacts.importers.base import ImportFileError, ParsedContact, RowError
from contacts.importers.vcard import parse_vcards
from tests.helpers.contacts import english_text


def test_vcard_21_quoted_printable_utf8_with_soft_line_breaks(fixture_bytes):
    helene, luc = parse_vcards(fixture_bytes("contacts_21.vcf"))
    assert helene == ParsedContact(
        row=1,
        network="phone",
        first_name="Hélène",
        last_name="Lévy",
        full_name="Hélène Lévy",
        emails=("helene.levy@societe.example", "helene@perso.example"),  # PREF first
        phones=("+33 1 02 03 04 05", "+33 6 12 34 56 78"),
        company="Société Générale",
        position="Responsable RH",
        notes="Rencontrée au salon, très sympathique ; à rappeler\nAvant l'été",
    )
    assert (luc.full_name, luc.phones) == ("Luc Garnier", ("06 98 76 54 32",))


def test_vcard_30_folded_lines_and_escaped_commas(fixture_bytes):
    jean, nameless = parse_vcards(fixture_bytes("contacts_30.vcf"))
    assert jean.full_name == "Jean Dupont"
    assert jean.emails == ("jean.dupont@gmail.com", "jean@dupont-fils.example")
    assert jean.profile_url == "https://www.linkedin.com/in/jean-dupont-12345"
    assert jean.company == "Dupont, Fils & Associés"
    assert jean.position == "Directeur commercial"
    assert jean.notes == (
        "Ami d'enfance, à ne pas solliciter\n"
        "Très long commentaire qui continue sur la ligne suivante."
    )
    assert nameless == RowError(2, "anonymous", "card")
    assert english_text(nameless) == "Card 2: no name, email or profile URL"


def test_vcard_40_pref_tel_uri_and_social_profile(fixture_bytes):
    (anne,) = parse_vcards(fixture_bytes("contacts_40.vcf"))
    assert anne.emails == ("anne.martin@work.example", "anne@home.example")
    assert anne.phones == ("+33-6-55-44-33-22",)
    assert anne.profile_url == "https://www.linkedin.com/in/anne-martin"
    assert (anne.company, anne.position) == ("France Angels", "Business Angel")


def test_a_malformed_card_is_an_error_for_that_card_only():
    data = (
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Good One\nEND:VCARD\n"
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Broken\nthis line is not a property\nEND:VCARD\n"
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Never closed\n"
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Good Two\nEND:VCARD\n"
    )
    items = list(parse_vcards(data))
    assert [type(item).__name__ for item in items] == [
        "ParsedContact",
        "RowError",
        "RowError",
        "ParsedContact",
    ]
    assert english_text(items[1]) == "Card 2: could not be read (a line is not a vCard property)"
    assert english_text(items[2]) == "Card 3: could not be read (the card has no END:VCARD line)"
    assert items[3].full_name == "Good Two"


def test_errors_before_the_first_good_card_are_still_reported():
    data = (
        b"BEGIN:VCARD\nVERSION:3.0\nbroken\nEND:VCARD\n"
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Good\nEND:VCARD\n"
    )
    assert [item.row for item in parse_vcards(data)] == [1, 2]


@pytest.mark.parametrize(
    "data",
    [
        b"Just some text\n",
        b"BEGIN:VCARD\nVERSION:3.0\nnot a property\nEND:VCARD\n",
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Never closed\n",
    ],
)
def test_a_file_where_no_card_can_be_read_is_refused(data):
    with pytest.raises(ImportFileError) as error:
        list(parse_vcards(data))
    assert error.value.code == "bad_vcard"


def test_a_broken_photo_does_not_lose_the_contact():
    data = (
        b"BEGIN:VCARD\nVERSION:3.0\nFN:With Photo\n"
        b"PHOTO;ENCODING=b;TYPE=JPEG:!!!not base64!!!\nEND:VCARD\n"
    )
    (item,) = parse_vcards(data)
    assert item.full_name == "With Photo"
