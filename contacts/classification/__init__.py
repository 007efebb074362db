"""Guess a contact's role category and sector from their position and company.

Pure Python, no Django: the codes are plain strings equal to the values of
``contacts.taxonomy.RoleCategory`` and ``contacts.taxonomy.Sector`` (a test keeps them in step).

How it works
------------
Both texts go through :func:`normalise` (lower case, no accents, punctuation turned into
spaces), then through ordered rules. A rule is a category and a list of keywords; the first
rule that matches anywhere in the text wins, so the order of the rules *is* the precedence.
The rules and the known organisation names are data, in ``rules.toml`` beside this module
(read and checked once by ``rules.py``). They are compiled at import time (see
``matching.Rules``: one expression per first letter, tried once per word) and known
organisation names are a dictionary look-up, so that 30,000 contacts take a fraction of a
second. Keywords are regular expressions on the normalised text,
anchored on word boundaries: ``recrut\\w*`` is a word prefix (recruteur, recrutement...),
``rh`` a whole word. A category usually has one rule; a few have a small extra rule placed
earlier or later when a handful of their keywords must win over (or lose to) another category.

The rule reported to the user as "why" (``role_rule``, ``sector_rule``) is the matched text
in normalised form, e.g. "recruteuse" or "credit agricole": it shows the words of the contact's
own title that decided, which reads better than a regular expression. It is "" when nothing
matched (the code is then "other"). A role of "other" *with* a rule means a status was
recognised (student, intern, retired, job seeker).

Role decisions worth knowing
----------------------------
* Status words come first: "Étudiante en journalisme" or "Stagiaire RH" is "other".
* Human-resources directors (DRH, CHRO, "Directrice des ressources humaines") are recruiters,
  not executives: for a job search they are the hiring gatekeepers.
* Buyers ("Directeur des achats", "Head of Procurement") are clients, before executive titles:
  what matters is that they buy from the professional.
* Executive titles win over sales words ("Directeur commercial", "VP Sales" are executives),
  sales words win over engineering words ("Ingénieur commercial" is a supplier).
* Executive titles win over mentor titles: "CEO & board member" is an executive (the board
  seat is the side activity). Non-executive and independent directors are mentors.
* Teachers (professeur, enseignant, lecturer, formateur) are mentors.
* Assistants and secretaries are peers even when their title names an executive
  ("Assistante du PDG", "Executive assistant"); "Secrétaire général" stays an executive.
* "Manager" and "Responsable" alone are peers: managers, not top decision makers.
* Seniority words (senior, junior, lead, principal) are no keyword: alone they give "other".
* The company only matters for two generic cases: at an investment firm (ventures, capital,
  private equity...) partners, executives, analysts, associates and untitled contacts are
  investors; at a recruitment firm (Michael Page, Hays, "cabinet de recrutement"...) peers and
  untitled contacts ("Consultant", "Manager") are recruiters. The company word is then the rule.

Sector decisions worth knowing
------------------------------
* The company decides; the position is only used when the company says nothing (a "Médecin"
  with an unknown employer works in health, a "Médecin" at AXA works in finance).
* The kind of organisation comes first: non-profit legal forms ("Fondation Vinci" is
  non-profit) and public institutions ("Mairie d'Orange" is public); then known organisation
  names (brands win over descriptive words: "Google Research" is technology, "Carrefour Banque"
  finance, "BNP Paribas Real Estate" construction: the longest known name wins), then
  descriptive words in this order: public, health, education, legal, finance, media,
  consulting, technology, energy, construction, transport, food, hospitality, retail, industry.
* Public comes before consulting ("Conseil départemental") and before education; health comes
  before education ("University Hospital"); finance before retail ("Banque Casino").
* IT services firms (ESN: Capgemini, Sopra Steria, Atos, CGI), auditors, recruitment and
  temporary-work agencies are consulting: they sell services to businesses.
* Amazon is retail (AWS is technology); Sodexo and Elior are hospitality; courts are public.
* "Partners" alone says nothing ("Dupont & Partners" could be a law firm, a bank or a
  consultancy); "Capital" and "Ventures" mean finance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .codes import OTHER, ROLE_CODES, SECTOR_CODES
from .matching import Brands
from .rules import load
from .text import normalise

__all__ = [
    "ROLE_CODES",
    "SECTOR_CODES",
    "Classification",
    "classify",
    "classify_role",
    "classify_sector",
    "normalise",
]

_BOOK = load()
# The resolved tables (fragments substituted, shared lists included), and their matchers.
_ROLE_RULES = _BOOK.roles
_COMPANY_RULES = _BOOK.company_words
_POSITION_RULES = _BOOK.position_words
_BRANDS = _BOOK.brands
_ROLES = _BOOK.matchers["roles"]
_INVESTMENT_FIRM = _BOOK.matchers["investment_firms"]
_RECRUITMENT_FIRM = _BOOK.matchers["recruitment_firms"]
_ORGANISATION_KINDS = _BOOK.matchers["organisation_kinds"]
_COMPANY_WORDS = _BOOK.matchers["company_words"]
_POSITION_WORDS = _BOOK.matchers["position_words"]
_KNOWN_NAMES = Brands(_BRANDS)
_GENERIC_INVESTMENT_TITLE = re.compile(rf"\b(?:{'|'.join(_BOOK.generic_investment_titles)})\b")


def _match_role(position: str, company: str) -> tuple[str, str]:
    """(code, rule) from normalised texts."""
    code, rule = _ROLES.match(position) or (OTHER, "")
    untitled = code == OTHER and not rule
    if company and (untitled or code in ("executive", "peer")):
        if untitled or code == "executive" or _GENERIC_INVESTMENT_TITLE.search(position):
            found = _INVESTMENT_FIRM.match(company)
            if found:
                return found
        if untitled or code == "peer":
            found = _RECRUITMENT_FIRM.match(company)
            if found:
                return found
    return code, rule


def _match_sector(company: str, position: str) -> tuple[str, str]:
    """(code, rule) from normalised texts."""
    return (
        _ORGANISATION_KINDS.match(company)
        or _KNOWN_NAMES.match(company)
        or _COMPANY_WORDS.match(company)
        or _POSITION_WORDS.match(position)
        or _KNOWN_NAMES.match(position)  # "Software engineer @ Google"
        or (OTHER, "")
    )


# --- Public API ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Classification:
    """A contact's role category and sector, with the words that decided each ("" if none).

    The role rule can come from the company ("ventures" for a partner at an investment firm).
    """

    role: str
    sector: str
    role_rule: str
    sector_rule: str


def classify_role(position: str, company: str = "") -> str:
    """The role category code of a contact; "other" when nothing matches."""
    return _match_role(normalise(position), normalise(company))[0]


def classify_sector(company: str, position: str = "") -> str:
    """The sector code of a contact's employer; "other" when nothing matches."""
    return _match_sector(normalise(company), normalise(position))[0]


def classify(position: str, company: str) -> Classification:
    """Role and sector of a contact, with the matched words to show as the reason."""
    position, company = normalise(position), normalise(company)
    role, role_rule = _match_role(position, company)
    sector, sector_rule = _match_sector(company, position)
    return Classification(role=role, sector=sector, role_rule=role_rule, sector_rule=sector_rule)
