import pytest

from contacts.importers.base import ImportFileError
from contacts.importers.text import decode, read_rows, sniff_delimiter

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"


def test_decode_reads_utf8_and_drops_the_bom():
    assert decode("\ufeffSociété".encode()) == "Société"


def test_decode_falls_back_to_windows_1252():
    assert decode("Société Générale – 2024".encode("cp1252")) == "Société Générale – 2024"


def test_decode_reads_utf16_with_a_bom():
    assert decode("Prénom\tNom\n".encode("utf-16")) == "Prénom\tNom\n"


@pytest.mark.parametrize("data", [b"", b"   \r\n\t ", b"\xef\xbb\xbf\n"])
def test_decode_refuses_an_empty_file(data):
    with pytest.raises(ImportFileError) as error:
        decode(data)
    assert error.value.code == "empty"


@pytest.mark.parametrize("data", [PNG_HEADER, b"a,b\n\x00\x01\x02", bytes(range(1, 32)) * 10])
def test_decode_refuses_a_binary_file(data):
    with pytest.raises(ImportFileError) as error:
        decode(data)
    assert error.value.code == "binary"


def test_decode_refuses_a_file_announcing_utf8_but_not_utf8():
    with pytest.raises(ImportFileError) as error:
        decode(b"\xef\xbb\xbfSoci\xe9t\xe9")
    assert error.value.code == "encoding"


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b,c\n1,2,3\n4,5,6\n", ","),
        ('Prénom;Nom;Société\nJean;Dupont;"Dupont, Fils"\nA;B;C\n', ";"),
        ("Prénom\tNom\tSociété\nJean\tDupont\tX, Y\n", "\t"),
        ("Prénom;Nom\n", ";"),  # a header alone
        ("Name\n", ","),  # a single column
    ],
)
def test_sniff_delimiter_finds_comma_semicolon_or_tab(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_read_rows_keeps_multiline_quoted_cells_and_gives_starting_line_numbers():
    text = 'h1,h2\na,"line 1\nline 2"\nb,c\n'
    assert list(read_rows(text, ",")) == [
        (1, ["h1", "h2"]),
        (2, ["a", "line 1\nline 2"]),
        (4, ["b", "c"]),
    ]


def test_read_rows_refuses_a_cell_beyond_the_csv_field_limit():
    with pytest.raises(ImportFileError) as error:
        list(read_rows('a\n"' + "x" * 200_000 + '"\n', ","))
    assert error.value.code == "not_csv"
