"""The text flags' first cases, one per flag and language; the labelled sample and its
precision and recall live beside these tests (issue 18)."""

import pytest

from evidence.textflags import flag_text


def codes(text, **kwargs):
    return [flag.code for flag in flag_text(text, **kwargs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Découvrez notre offre spéciale, places limitées !", ["pitch"]),
        ("Book a call to see our product in action", ["pitch"]),
        ("C'est inadmissible, une honte pour la profession.", ["heated"]),
        ("What a joke, this is outrageous.", ["heated"]),
        ("Document strictement interne, ne pas diffuser", ["confidential"]),
        ("Voici une capture d'écran de notre tableau de bord", ["internal_document"]),
        ("Our margin reached 18 % this quarter", ["internal_figures"]),
        ("Merci pour ce partage, très instructif.", []),
        ("Thanks for the introduction, happy to help.", []),
    ],
)
def test_each_flag_in_each_language(text, expected):
    assert codes(text) == expected


def test_client_names_match_without_case_or_accents_and_not_inside_words():
    assert codes("Belle réunion chez SOCIETE GÉNÉRALE hier", client_names=["Société Générale"]) == [
        "client_name"
    ]
    assert codes("Un projet Orangeraie", client_names=["Orange"]) == []


def test_excerpt_carries_the_flagged_words():
    (flag,) = flag_text("Long intro " * 10 + "buy now before Friday" + " end" * 20)
    assert "buy now" in flag.excerpt and flag.excerpt.startswith("…")
