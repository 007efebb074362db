"""French and English both ship: every string of the French catalogue is translated."""

from pathlib import Path

import pytest
from django.utils import translation

from tests.helpers.translations import po_entries

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def test_every_french_string_is_translated_and_none_is_fuzzy():
    entries = po_entries(LOCALE / "fr" / "LC_MESSAGES" / "django.po")

    untranslated = [e["msgid"] for e in entries if not e["msgstr"]]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert len(entries) > 100
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize(
    ("english", "french"),
    [
        ("Dashboard", "Tableau de bord"),
        ("Strongly agree", "Tout à fait d’accord"),
        ("Review and submit", "Relire et envoyer"),
    ],
)
def test_the_compiled_catalogue_is_the_one_served(english, french):
    with translation.override("fr"):
        assert translation.gettext(english) == french
    with translation.override("en"):
        assert translation.gettext(english) == english


def test_a_status_agrees_with_what_it_describes_in_french():
    from audits.models import Questionnaire, Review

    with translation.override("fr"):
        assert str(Questionnaire.Status.PUBLISHED.label) == "Publié"  # un questionnaire
        assert str(Review.Status.PUBLISHED.label) == "Publiée"  # une revue
