import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from config.csv_safe import csv_rows, neutralise
from contacts.merging import email_key, fold, name_key, url_key


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


def _fold_by_the_definition(text: str) -> str:
    """fold() as its docstring says it, character by character (the fast one must agree)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


@given(st.text(max_size=40))
def test_fold_agrees_with_its_definition_on_any_text(text):
    assert fold(text) == _fold_by_the_definition(text)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Crédit Agricole S.A.", "credit agricole s a"),
        ("  L'Oréal_Paris  ", "l oreal paris"),
        ("İstanbul Ünïversité", "istanbul universite"),
        ("ﬁnance  ①", "finance 1"),
        ("", ""),
    ],
)
def test_fold_examples(text, folded):
    assert fold(text) == folded
