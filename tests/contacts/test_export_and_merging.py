import pytest

from contacts.export import csv_rows, neutralise
from contacts.merging import email_key, name_key, url_key


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33", "'+33"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        (None, ""),
        (42, "42"),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_csv_rows_starts_with_a_bom_and_neutralises_every_cell():
    text = "".join(csv_rows(["name"], [["=cmd"], ["ok"]]))

    assert text.startswith("\ufeffname\r\n")
    assert "'=cmd" in text


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/Jean-Dupont/",
        "http://linkedin.com/in/jean-dupont",
        "linkedin.com/in/jean-dupont?trk=x",
        "HTTPS://LinkedIn.com/in/jean-dupont#top",
    ],
)
def test_profile_urls_of_one_person_share_a_key(url):
    assert url_key(url) == "linkedin.com/in/jean-dupont"


def test_name_keys_ignore_case_accents_and_punctuation():
    assert name_key("Élodie  GARNIER", "Société Générale") == name_key(
        "elodie garnier", "societe generale"
    )
    assert name_key("", "Acme") == ""
    assert email_key(" Ana@Example.COM ") == "ana@example.com"
