"""French and English both ship: every string of the French catalogue is translated."""

import re
from pathlib import Path

import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def po_entries(path: Path) -> list[dict]:
    """A small .po reader: msgid, msgstr (all forms joined) and flags of each entry."""
    entries, current, field = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current:
                entries.append(current)
            current, field = None, None
            continue
        current = current or {"flags": "", "msgid": "", "msgstr": "", "obsolete": False}
        if line.startswith("#~"):
            current["obsolete"] = True
        elif line.startswith("#,"):
            current["flags"] += line
        elif match := re.match(r"(msgid_plural|msgid|msgstr(?:\[\d\])?) \"(.*)\"$", line):
            field = "msgid" if match.group(1).startswith("msgid") else "msgstr"
            if match.group(1) == "msgid_plural":
                continue
            current[field] += match.group(2)
        elif line.startswith('"') and field:
            current[field] += line.strip('"')
    return [e for e in entries if e["msgid"] and not e["obsolete"]]


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
