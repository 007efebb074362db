import csv
import io
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contacts.importers import text as text_module
from contacts.importers.base import ImportFileError
from contacts.importers.text import DELIMITERS, decode, read_rows, sniff_delimiter

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


# --- Records whose last cell spans several lines (the reader was quadratic on them) ---------


def _csv(rows: list[list[str]], delimiter: str = ",", terminator: str = "\r\n") -> str:
    # The writer only quotes the line-break characters of its own terminator: with "\n" alone
    # a bare "\r" would end the record, so every cell is quoted then.
    quoting = csv.QUOTE_MINIMAL if terminator == "\r\n" else csv.QUOTE_ALL
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator=terminator, quoting=quoting).writerows(rows)
    return out.getvalue()


CELL = st.text(alphabet=st.sampled_from('ab é,;\t"\n\r'), max_size=8)


@given(
    rows=st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=12),
    delimiter=st.sampled_from(DELIMITERS),
    terminator=st.sampled_from(["\n", "\r\n"]),
)
def test_read_rows_gives_back_what_a_csv_writer_wrote(rows, delimiter, terminator):
    # Empty records are how the csv module reads a blank line: leave them out of the input.
    rows = [row for row in rows if row != [""]]
    read = [cells for _line, cells in read_rows(_csv(rows, delimiter, terminator), delimiter)]
    assert read == rows


@given(
    rows=st.lists(st.lists(CELL, min_size=1, max_size=4), max_size=8),
    tail=st.lists(st.text(alphabet="ab,é ", max_size=6), min_size=1, max_size=4),
)
def test_a_quote_left_open_in_the_last_record_refuses_the_file(rows, tail):
    # The open quote swallows every following line: the rows after it would be lost silently.
    text = _csv([row for row in rows if row != [""]]) + '"open' + "\n" + "\n".join(tail) + "\n"
    with pytest.raises(ImportFileError) as error:
        list(read_rows(text, ","))
    assert error.value.code == "not_csv"


def test_every_record_ending_in_a_multiline_cell_is_read_with_its_line_number():
    text = _csv([["name", "notes"]] + [[f"n{i}", f"first\nsecond {i}"] for i in range(3)])
    assert list(read_rows(text, ",")) == [
        (1, ["name", "notes"]),
        (2, ["n0", "first\nsecond 0"]),
        (4, ["n1", "first\nsecond 1"]),
        (6, ["n2", "first\nsecond 2"]),
    ]


def test_the_strict_re_read_runs_once_per_file_however_many_multiline_cells(monkeypatch):
    # The quadratic reader re-read the whole file from the start for each such record.
    calls = []
    real = text_module._ends_inside_quotes
    monkeypatch.setattr(
        text_module, "_ends_inside_quotes", lambda *args: calls.append(args) or real(*args)
    )
    text = _csv([["name", "notes"]] + [[f"n{i}", "a\nb"] for i in range(500)])

    assert len(list(read_rows(text, ","))) == 501
    assert len(calls) == 1
    assert calls[0][2] == 1 + 1 + 2 * 499  # the last record's first line


def test_a_long_file_of_multiline_last_cells_reads_in_linear_time():
    # 20,000 such records took minutes with the quadratic reader (6,000: 10 to 35 s); linear,
    # they take a fraction of a second. The bound is loose so that a slow machine passes.
    text = _csv([["name", "notes"]] + [[f"n{i}", "a\nb"] for i in range(20_000)])
    started = time.perf_counter()
    assert len(list(read_rows(text, ","))) == 20_001
    assert time.perf_counter() - started < 10
