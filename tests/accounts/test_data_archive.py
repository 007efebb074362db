"""The tables of the CSV download, from plain data (no database)."""

import csv
import datetime
import io
import zipfile

from django.utils import translation

from accounts.data_archive import archive_write, cell, data_tables

DATA = {
    "exported_at": "2026-05-01T10:00:00+00:00",
    "account": {"email": "me@ex.com", "is_consultant": False},
    "objectives": [{"id": 7, "needed_roles": ["recruiter", "executive"]}],
    "audits": [
        {
            "id": 3,
            "self_scores": {"overall": 61.5},
            "answers": [{"question": "q1", "value": 4}, {"question": "q2", "value": True}],
            "recommendations": [{"code": "r1", "text": {"fr": "Fais", "en": "Do"}}],
            "reviews": [
                {
                    "findings": "Good",
                    "pillars": [{"pillar": "p1", "rating": 3}],
                    "recommendations": [{"text": "Post more"}],
                }
            ],
            "snapshots": [],
        },
        {"id": 4, "self_scores": None, "answers": [], "recommendations": [], "reviews": []},
    ],
    "contacts": [],
}


def _tables():
    return {t.name: t for t in data_tables(DATA)}


def test_each_list_of_records_is_a_table_and_nested_ones_point_at_their_parent():
    tables = _tables()

    assert list(tables) == [
        "account",
        "objectives",
        "audits",
        "audits_answers",
        "audits_recommendations",
        "audits_reviews",
        "audits_reviews_pillars",
        "audits_reviews_recommendations",
        "audits_snapshots",
        "contacts",
        "export",
    ]
    assert tables["audits"].header() == ["id", "self_scores"]
    assert tables["audits_answers"].header() == ["audits.id", "question", "value"]
    assert list(tables["audits_answers"].rows()) == [["3", "q1", "4"], ["3", "q2", "true"]]
    # A review has no id: it gets a row number, which its pillars point at.
    assert tables["audits_reviews"].header() == ["audits.id", "row", "findings"]
    assert list(tables["audits_reviews"].rows()) == [["3", "1", "Good"]]
    assert list(tables["audits_reviews_pillars"].rows()) == [["1", "p1", "3"]]
    assert tables["audits_reviews_pillars"].header() == ["audits_reviews.row", "pillar", "rating"]


def test_other_lists_and_dicts_are_json_text_in_one_cell():
    tables = _tables()

    assert list(tables["objectives"].rows()) == [["7", '["recruiter", "executive"]']]
    assert list(tables["audits"].rows()) == [["3", '{"overall": 61.5}'], ["4", ""]]
    assert list(tables["audits_recommendations"].rows()) == [
        ["3", "r1", '{"fr": "Fais", "en": "Do"}']
    ]
    assert list(tables["account"].rows()) == [["me@ex.com", "false"]]
    assert list(tables["export"].rows()) == [["2026-05-01T10:00:00+00:00"]]


def test_every_value_of_the_data_reaches_a_cell():
    written = {c for t in data_tables(DATA) for row in t.rows() for c in row}

    for value in ("me@ex.com", "q2", "Good", "p1", "Post more", "2026-05-01T10:00:00+00:00"):
        assert value in written


def test_dates_are_written_as_in_the_json_download():
    assert cell(datetime.date(2026, 5, 1)) == "2026-05-01"
    assert cell(datetime.datetime(2026, 5, 1, 9, 30, tzinfo=datetime.UTC)) == "2026-05-01T09:30:00Z"
    assert cell([datetime.date(2026, 5, 1)]) == '["2026-05-01"]'
    assert cell(None) == ""


def test_the_archive_has_a_readme_and_one_bom_prefixed_csv_per_table_with_rows():
    out = io.BytesIO()
    with translation.override("fr"):
        archive_write(DATA, out)

    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        readme = archive.read("README.txt").decode("utf-8-sig")
        answers = archive.read("audits_answers.csv")

    assert names[0] == "README.txt"
    assert "contacts.csv" not in names  # no contacts, no file
    assert "snapshots.csv" not in names
    assert "audits_reviews_pillars.csv" in names
    assert answers.startswith("\ufeff".encode())
    assert list(csv.reader(io.StringIO(answers.decode("utf-8-sig")))) == [
        ["audits.id", "question", "value"],
        ["3", "q1", "4"],
        ["3", "q2", "true"],
    ]
    assert "Une section vide n’a pas de fichier" in readme
    assert "answers.csv: " in readme
