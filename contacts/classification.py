"""Guess a contact's role category and sector from their position and company.

Pure Python, no Django: the codes are plain strings equal to the values of
``contacts.taxonomy.RoleCategory`` and ``contacts.taxonomy.Sector`` (a test keeps them in step).

How it works
------------
Both texts go through :func:`normalise` (lower case, no accents, punctuation turned into
spaces), then through ordered rules. A rule is a category and a list of keywords; the first
rule that matches anywhere in the text wins, so the order of the rules *is* the precedence.
The rules are compiled at import time (see ``_Rules``: one expression per first letter, tried
once per word) and known organisation names are a dictionary look-up, so that 30,000 contacts
take a fraction of a second. Keywords are regular expressions on the normalised text,
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
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "ROLE_CODES",
    "SECTOR_CODES",
    "Classification",
    "classify",
    "classify_role",
    "classify_sector",
    "normalise",
]

# The values of contacts.taxonomy.RoleCategory and Sector, in the same order (tested).
ROLE_CODES = (
    "recruiter",
    "investor",
    "executive",
    "client",
    "supplier",
    "peer",
    "mentor",
    "journalist",
    "other",
)
SECTOR_CODES = (
    "technology",
    "finance",
    "consulting",
    "industry",
    "energy",
    "construction",
    "retail",
    "health",
    "education",
    "public",
    "media",
    "legal",
    "transport",
    "food",
    "hospitality",
    "nonprofit",
    "other",
)
OTHER = "other"


# --- Normalisation -------------------------------------------------------------------------

# Letters NFKD does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i"})
_SEPARATORS = re.compile(r"[\W_]")


def _fold(text: str) -> str:
    # Decompose, fold the case (which can add accents: "İ" gives "i̇"), decompose again, drop the
    # marks, spell out a few letters and turn anything but letters and digits into a space:
    # "É" -> "e", "ﬁ" -> "fi", "²" -> "2", "ß" -> "ss", "’" -> " ".
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    bare = "".join(c for c in folded if not unicodedata.category(c).startswith("M"))
    return _SEPARATORS.sub(" ", bare.translate(_LETTERS))


class _FoldingTable(dict[int, str]):
    """A str.translate table from each character to its folded form, filled as characters come.

    Folding character by character is the same as folding the text (case folding and
    decomposition work character by character, and the marks that decomposition might reorder
    are dropped), and str.translate runs in C: ten times faster than folding each text.
    """

    def __missing__(self, code: int) -> str:
        folded = _fold(chr(code))
        while (again := _fold(folded)) != folded:  # reach a fixed point, so that normalise is
            folded = again  # idempotent whatever Unicode does
        self[code] = folded
        return folded


_FOLDING = _FoldingTable()


def normalise(text: str) -> str:
    """Lower case, accents removed, anything but letters and digits turned into single spaces.

    "  Chargée d'Affaires — R.H. " gives "chargee d affaires r h".
    """
    return " ".join(text.translate(_FOLDING).split())


# --- Rules -----------------------------------------------------------------------------------


_Keywords = tuple[str, tuple[str, ...]]  # a rule: a code and its keywords


def _rule(code: str, keywords: Iterable[str]) -> _Keywords:
    return code, tuple(keywords)


_LOOKBEHINDS = re.compile(r"^(?:\(\?<[!=][^)]*\))+")
_ANY_START = "abcdefghijklmnopqrstuvwxyz0123456789"


def _first_characters(keyword: str) -> str:
    """The characters a keyword can start with, or _ANY_START when not worked out."""
    keyword = _LOOKBEHINDS.sub("", keyword)
    if keyword[:1].isalnum():
        return keyword[0]
    if keyword.startswith("(?:"):  # a group of alternatives: the first characters of each
        depth, alternatives, current = 0, [], ""
        for position, character in enumerate(keyword[3:], start=3):
            if character == "(":
                depth += 1
            elif character == ")" and depth:
                depth -= 1
            elif character == ")":
                rest = keyword[position + 1 :]
                if rest[:1] in ("?", "*", "{"):
                    break
                return "".join(
                    sorted({c for a in (*alternatives, current) for c in _first_characters(a)})
                )
            elif character == "|" and not depth:
                alternatives.append(current)
                current = ""
                continue
            elif character == "\\":
                break
            current += character
    return _ANY_START


class _Rules:
    """Ordered rules: the first rule that matches anywhere in a text wins, at its leftmost match.

    Built for speed (30,000 contacts in well under a second): the keywords are compiled into
    one regular expression per first letter, with one named group per rule, and each word of
    the text is matched once against the expression of its first letter. At a given word, the
    expression reports the first rule that matches there (rules are tried in order, and within
    a rule longer keywords first, so that "chef de projet" is reported before "chef"); the
    best rule over all words wins. The same as trying each rule's keywords on the whole text
    one rule after the other, with a single pass over the words.
    """

    def __init__(self, rules: Iterable[_Keywords]) -> None:
        rules = tuple(rules)
        self.codes = tuple(code for code, _ in rules)
        by_start: dict[str, list[list[str]]] = {}
        for index, (_, keywords) in enumerate(rules):
            for keyword in keywords:
                for start in _first_characters(keyword):
                    by_start.setdefault(start, [[] for _ in rules])[index].append(keyword)
        self.patterns = {
            start: re.compile(
                "|".join(
                    rf"(?P<r{index}>{'|'.join(sorted(set(keywords), key=len, reverse=True))})\b"
                    for index, keywords in enumerate(groups)
                    if keywords
                )
            )
            for start, groups in by_start.items()
        }

    def match(self, text: str) -> tuple[str, str] | None:
        """(code, matched words) of the first rule that matches the normalised text."""
        best_index, best_words = len(self.codes), ""
        start = 0
        for word in text.split(" "):
            pattern = self.patterns.get(word[:1])
            if pattern:
                found = pattern.match(text, start)
                if found:
                    group = found.lastgroup or ""
                    index = int(group[1:])
                    if index < best_index:
                        best_index, best_words = index, found.group(group)
                        if index == 0:
                            break
            start += len(word) + 1
        return (self.codes[best_index], best_words) if best_words else None


# A status word ("étudiant") does not describe the contact when it is the object of their work:
# "Recruteur d'étudiants", "Relations écoles et étudiants", "Head of student recruitment".
_NOT_AN_OBJECT = (
    r"(?<!\bd )(?<!\bde )(?<!\bdes )(?<!\bof )(?<!\bfor )(?<!\brelations )(?<!\bet )(?<!\band )"
)
_CHARGE = r"charg(?:e|ee|es|ees)"  # chargé, chargée, chargés, chargées
_ADVISER = r"conseill(?:er|ere|ers|eres)"

_ROLE_RULES: tuple[_Keywords, ...] = (
    # Status, not a profession. First: "Étudiante en journalisme" is not a journalist.
    _rule(
        OTHER,
        (
            _NOT_AN_OBJECT + r"(?:etudiant|etudiante|student|stagiaire|interns?|internship"
            r"|alternant|alternante|apprentie?|apprentice|doctorant|doctorante|lyceen|lyceenne)s?",
            r"en alternance",
            r"phd candidates?",
            r"(?<!\bconseiller )(?<!\bconseillere )(?<!\bde )retraitee?s?",
            r"retired",
            r"retiree",
            r"en recherche d emploi",
            r"demandeu(?:r|se)s? d emploi",
            r"sans emploi",
            r"job ?seekers?",
            r"unemployed",
            r"open to work",
        ),
    ),
    # Journalists before recruiters: "Journaliste RH" writes about HR.
    _rule(
        "journalist",
        (
            r"journalist\w*",
            r"photojournalist\w*",
            r"reporters?",
            r"redact\w*",  # rédacteur, rédactrice, rédaction
            r"redact(?:eur|rice)s? en chef",
            r"editors?",
            r"editor in chief",
            r"editorialist\w*",
            r"chroniqueu(?:r|se)s?",
            r"columnists?",
            r"correspondents?",
            r"correspondante?s? de presse",
            r"pigistes?",
            r"blog\w*",
            r"vlog\w*",
            r"influenceu(?:r|se)s?",
            r"influencers?",
            r"podcast\w*",
            r"youtube\w*",
            r"streamers?",
            r"content creators?",
            r"crea(?:teur|trice)s? de contenus?",
            r"presenta(?:teur|trice)s?",
            r"direct(?:eur|rice) de (?:la )?publication",
        ),
    ),
    # Human resources, recruitment and search. DRH and CHRO included (see the module docstring).
    _rule(
        "recruiter",
        (
            r"recrut\w*",
            r"recruit\w*",
            r"talents?",
            r"talent acquisition",
            r"headhunt\w*",
            r"head hunt\w*",
            r"chasseu(?:r|se)s? de tetes?",
            r"executive search",
            r"sourc(?:er|eur|euse)s?",
            r"staffing",
            r"rh",
            r"r h",  # "R.H."
            r"rrh",
            r"drh",
            r"hr",
            r"h r",  # "H.R."
            r"hrbp",
            r"chro",
            r"human resources?",
            r"ressources? humaines?",
            r"people",  # "Head of People", "People & Culture", "Chief People Officer"
        ),
    ),
    _rule(
        "investor",
        (
            r"investors?(?! relations)",  # investor relations managers work for the company
            r"invest(?:ment|ments|ing)(?! relations)",
            r"investisseu(?:r|se)s?",
            r"(?<!\brelations )investissements?",
            r"business angels?",
            r"ventures?",
            r"venture partners?",
            r"venture capital\w*",
            r"capital (?:risque|investissement|developpement)",
            r"private equity",
            r"vc",
            r"fonds d investissement",
            r"fund managers?",
            r"gerante?s? de (?:fonds|portefeuilles?)",
            r"gestionnaires? de (?:fonds|portefeuilles?|patrimoine|actifs)",
            r"portfolio managers?",
            r"asset managers?",
            r"wealth managers?",
            r"banquiere?s?",
            r"bankers?",
            r"private bank\w*",
            r"family office",
            r"limited partners?",
            r"general partners?",
            # Bank account managers for businesses; a plain "chargé d'affaires" sells.
            _CHARGE + r" d affaires (?:entreprises?|professionnel\w*|pro|pme|corporate|bancaires?)",
            _ADVISER + r" (?:bancaires?|financiers?|financieres?|en gestion de patrimoine)",
            r"financial advis(?:or|er)s?",
        ),
    ),
    # Buyers: they buy from the professional. Before executives ("Directeur des achats").
    _rule(
        "client",
        (
            r"achats?",
            r"acheteu(?:r|se)s?",
            r"buyers?",
            r"purchas\w*",
            r"procurement",
            r"approvisionn\w*",
            r"sourcing",  # "Talent sourcing" is already a recruiter
            r"category managers?",
            r"donneu(?:r|se)s? d ordres?",
        ),
    ),
    # Assistants work for executives without being one: "Assistante du PDG".
    _rule(
        "peer",
        (
            r"assistant(?:e|es|s)?\b(?! (?:professor|professeur))",
            r"secretaires?\b(?! generale?s?)",
            r"secretar(?:y|ies)\b(?! general)",
            r"product owners?",
            r"process owners?",
        ),
    ),
    # Board seats that look like executive titles.
    _rule(
        "mentor",
        (
            r"non executive directors?",
            r"independent directors?",
            r"administra(?:teur|trice)s? independante?s?",
            r"professeu(?:r|re)s? associee?s?",
        ),
    ),
    _rule(
        "executive",
        (
            r"ceo",
            r"pdg",
            r"p d g",
            r"dg",
            r"dga",
            r"dgs",
            r"dgd",
            r"daf",
            r"dsi",
            r"cto",
            r"cfo",
            r"coo",
            r"cmo",
            r"cio",
            r"cdo",
            r"cpo",
            r"cso",
            r"cro",
            r"cco",
            r"ciso",
            r"cxo",
            r"c level",
            r"c suite",
            r"chief(?: \w+){1,3} officer",
            r"chief of staff",
            r"president\w*",  # président, présidente, vice-president
            r"vp",
            r"v p",
            r"svp",
            r"evp",
            r"direct(?:eur|rice|or)s?",
            r"direct(?:eur|rice)s? genera(?:l|le|ux|les)",
            r"head of",
            r"managing directors?",
            r"general managers?",
            r"country managers?",
            r"managing partners?",
            r"partners?",
            r"associee?s?",  # associé(e): a partner in French; not the English "associate"
            r"fonda(?:teur|trice)s?",
            r"cofonda(?:teur|trice)s?",
            r"founders?",
            r"cofounders?",
            r"co ?gerante?s?",
            r"gerante?s?",
            r"dirigeante?s?",
            r"chef(?:fe)?s? d entreprises?",
            r"entrepreneu\w*",
            r"owners?",
            r"proprietaires?",
            r"chair(?:man|men|woman|women|person)",
            r"maire",
            r"secretaire generale?",
            r"secretary general",
            r"comex",
            r"codir",
            r"comite (?:de direction|executif)",
            r"directoire",
            r"mandataires? sociaux",
            r"mandataire social",
        ),
    ),
    # They sell to the professional.
    _rule(
        "supplier",
        (
            r"fournisseu\w*",
            r"suppliers?",
            r"vendors?",
            r"vendeu(?:r|se)s?",
            r"prestataires?",
            # Not "Avocat en droit commercial", "Commercial lawyer".
            r"(?<!\bdroit )commercia(?:l|le|les|ux)\b(?! law)",
            r"sales(?:man|men|woman|women|person|people)?",  # not "Salesforce developer"
            r"ventes?",
            r"avant ventes?",
            r"pre ?sales",
            r"account executives?",
            r"account managers?",
            r"key accounts?",
            r"kam",
            r"business dev\w*",
            r"bizdev",
            r"biz dev",
            r"developpeu(?:r|se)s? d affaires",
            r"ingenieu(?:r|re)s? d affaires",
            _CHARGE + r" d affaires",
            _ADVISER + r" (?:de vente|en vente|clientele|clients?)",
            r"customer success",
            r"negocia(?:teur|trice)s?",
        ),
    ),
    _rule(
        "mentor",
        (
            r"mentor\w*",
            r"coach\w*",
            r"advis(?:or|er)s?",
            r"advisory board",
            _ADVISER,
            r"professeu(?:r|re)s?",
            r"professors?",
            r"prof",
            r"enseignante?s?",
            r"teachers?",
            r"lecturers?",
            r"instructors?",
            r"maitres?(?:se)? de conferences?",
            r"forma(?:teur|trice)s?",
            r"trainers?",
            r"tut(?:eur|rice|or)s?",
            r"parrains?",
            r"marraines?",
            r"board members?",
            r"members? of the board",
            r"membres? du conseil d administration",
            r"membres? du conseil de surveillance",
            # Board members, but not system, network or database administrators.
            r"administra(?:teur|trice)s?\b(?! (?:systemes?|reseaux?|sys|si|bases?|de bases?"
            r"|des bases?|bdd|de donnees|des ventes|ventes|du personnel|territoria\w*|de biens"
            r"|judiciaires?|fonctionnel\w*))",
        ),
    ),
    # Peers and experts: everyone with a professional title not caught above.
    _rule(
        "peer",
        (
            r"ingenieu(?:r|re)s?",
            r"engineer\w*",
            r"developpeu(?:r|se)s?",
            r"developers?",
            r"devs?",
            r"devops",
            r"programm(?:eur|euse|er)s?",
            r"software",
            r"full ?stack",
            r"front ?end",
            r"back ?end",
            r"sysadmins?",
            r"administrat\w*",
            r"consultante?s?",
            r"consultants?",
            r"designers?",
            r"graphistes?",
            r"ux",
            r"ui",
            r"analyst\w*",
            r"analystes?",
            r"expert\w*",
            r"specialist\w*",
            r"specialistes?",
            r"scientists?",
            r"scientifiques?",
            r"data",
            r"data scientists?",
            r"data engineers?",
            r"data analysts?",
            r"software engineers?",
            r"software developers?",
            r"chef de projets?",
            r"chef(?:fe)?s? de (?:projets?|produits?|service|mission)",
            r"chef(?:fe)?s?",
            r"chef(?:fe)?s? d equipe",
            r"team lead\w*",
            r"tech lead\w*",
            r"project managers?",
            r"product managers?",
            r"program(?:me)? managers?",
            r"scrum masters?",
            r"architect\w*",
            r"techniciens?",
            r"technicienne?s?",
            r"technicians?",
            r"chercheu(?:r|se)s?",
            r"researchers?",
            r"avocate?s?",
            r"lawyers?",
            r"attorneys?",
            r"juristes?",
            r"counsel",
            r"legal",
            r"notaires?",
            r"medecins?",
            r"docteurs?",
            r"doctors?",
            r"physicians?",
            r"chirurgien(?:ne)?s?",
            r"surgeons?",
            r"infirmi(?:er|ere)s?",
            r"nurses?",
            r"pharmacien(?:ne)?s?",
            r"pharmacists?",
            r"dentistes?",
            r"dentists?",
            r"kine\w*",
            r"psycholog\w*",
            r"comptables?",
            r"accountants?",
            r"commissaires? aux comptes",
            r"audit(?:eur|rice|or)s?",
            r"controleu(?:r|se)s?",
            r"controllers?",
            r"economist\w*",
            r"economistes?",
            r"statisticien(?:ne)?s?",
            r"actuair\w*",
            r"actuar\w*",
            r"traders?",
            r"tradu(?:cteur|ctrice)s?",
            r"translators?",
            r"interpretes?",
            r"photograph\w*",
            r"artistes?",
            r"artists?",
            r"urbanistes?",
            _CHARGE,  # chargé(e) de mission, d'études, de communication...
            r"responsables?",
            r"managers?",
            r"gestionnaires?",
            r"coordinat\w*",
            r"officers?",
            r"associates?",
            r"freelances?",
            r"independante?s?",
            r"operat(?:eur|rice)s?",
            r"agents?",
            r"employee?s?",
            r"salariee?s?",
            r"fonctionnaires?",
            r"marketing",
            r"communication",
        ),
    ),
)
_ROLES = _Rules(_ROLE_RULES)

# Used with the company, for the generic titles named in the module docstring.
_INVESTMENT_FIRM = _Rules(
    (
        _rule(
            "investor",
            (
                r"ventures?",
                r"venture capital",
                r"capital",
                r"private equity",
                r"vc",
                r"business angels?",
                r"angels",  # networks of business angels: "France Angels"
                r"fonds d investissement",
                r"investissements?",
                r"investments?",
                r"invest",
                r"partech",
                r"eurazeo",
                r"ardian",
                r"tikehau",
                r"sequoia",
                r"andreessen horowitz",
                r"a16z",
                r"accel",
                r"bpifrance",
                r"kkr",
                r"blackstone",
            ),
        ),
    )
)
_RECRUITMENT_FIRM = _Rules(
    (
        _rule(
            "recruiter",
            (
                r"recrutement",
                r"recruitment",
                r"recruiting",
                r"executive search",
                r"staffing",
                r"interim",
                r"travail temporaire",
                r"chasseurs? de tetes",
                r"headhunt\w*",
                r"michael page",
                r"page personnel",
                r"page group",
                r"hays",
                r"robert walters",
                r"robert half",
                r"randstad",
                r"adecco",
                r"manpower\w*",
                r"spencer stuart",
                r"korn ferry",
                r"heidrick",
                r"egon zehnder",
                r"russell reynolds",
                r"expectra",
            ),
        ),
    )
)
_GENERIC_INVESTMENT_TITLE = re.compile(
    r"\b(?:analyst\w*|analystes?|associates?|principals?|partners?|associee?s?)\b"
)


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


# --- Sectors ---------------------------------------------------------------------------------

# Known organisations, written as people write them (normalised at import). The longest name
# found wins: "BNP Paribas Real Estate" is construction, "BNP Paribas" finance.
# fmt: off
_BRANDS: dict[str, tuple[str, ...]] = {
    "finance": (
        "BNP Paribas", "BNP", "Société Générale", "Crédit Agricole", "Crédit Mutuel", "CIC", "LCL",
        "Caisse d'Épargne", "Banque Populaire", "BPCE", "Natixis", "La Banque Postale", "AXA",
        "Allianz", "Generali", "Groupama", "MAIF", "MACIF", "Matmut", "Aviva", "Covéa",
        "CNP Assurances", "Amundi", "Bpifrance", "HSBC", "Barclays", "Goldman Sachs",
        "Morgan Stanley", "JP Morgan", "JPMorgan", "Citigroup", "UBS", "Deutsche Bank", "Revolut",
        "Qonto", "Boursorama", "Lydia", "Ardian", "Eurazeo", "Tikehau", "Partech", "Sequoia",
        "Andreessen Horowitz", "Rothschild", "Lazard", "KKR", "BlackRock", "Blackstone", "Visa",
        "Mastercard", "PayPal", "Euler Hermes", "Oddo BHF", "Carrefour Banque", "Orange Bank",
        "Banque Casino", "Crédit Agricole Immobilier",
        # Networks of business angels ("Business Angels des Grandes Écoles" is no school).
        "Business Angels", "France Angels",
    ),
    "technology": (
        "Google", "Alphabet", "Google Research", "Microsoft", "Microsoft Research", "Apple", "Meta",
        "Facebook", "Amazon Web Services", "AWS", "IBM", "IBM Research", "Oracle", "SAP",
        "Salesforce", "Dassault Systèmes", "OVH", "OVHcloud", "Orange", "SFR", "Free Mobile",
        "Iliad", "Bouygues Telecom", "Criteo", "Datadog", "Mirakl", "Contentsquare", "Doctolib",
        "Ledger", "Nvidia", "Intel", "Samsung", "Huawei", "LinkedIn", "GitHub", "GitLab",
        "Atlassian", "Adobe", "Cisco", "Dell", "Hewlett Packard", "HP", "STMicroelectronics",
        "Soitec", "Mistral AI", "OpenAI", "Uber", "BlaBlaCar", "Worldline",
    ),
    # IT services firms (ESN) and recruitment agencies sell services to businesses.
    "consulting": (
        "Capgemini", "Capgemini Engineering", "Accenture", "McKinsey", "Deloitte", "PwC",
        "PricewaterhouseCoopers", "EY", "Ernst & Young", "KPMG", "BCG", "Boston Consulting Group",
        "Bain & Company", "Roland Berger", "Wavestone", "Sia Partners", "Sopra Steria", "Atos",
        "CGI", "Alten", "Akkodis", "Altran", "Onepoint", "Mazars", "Forvis Mazars",
        "Grant Thornton", "BDO", "Oliver Wyman", "Kearney", "Ipsos", "Michael Page",
        "Page Personnel", "Hays", "Robert Walters", "Robert Half", "Randstad", "Adecco", "Manpower",
        "ManpowerGroup", "Spencer Stuart", "Korn Ferry", "Egon Zehnder",
    ),
    "industry": (
        "Airbus", "Renault", "Stellantis", "PSA", "Peugeot", "Citroën", "Michelin", "Safran",
        "Thales", "Dassault Aviation", "Dassault", "Alstom", "Schneider Electric", "Saint-Gobain",
        "ArcelorMittal", "Air Liquide", "Valeo", "Forvia", "Faurecia", "Naval Group", "MBDA",
        "Nexans", "Legrand", "Siemens", "Bosch", "General Electric", "Boeing", "Tesla", "Arkema",
        "Solvay", "Eramet", "Vallourec", "Plastic Omnium",
    ),
    "energy": (
        "EDF", "Engie", "TotalEnergies", "Total", "Orano", "RTE", "Enedis", "GRDF", "GRTgaz",
        "Veolia", "Suez", "Technip", "TechnipFMC", "Technip Energies", "Neoen", "Voltalia", "Shell",
        "BP", "ExxonMobil", "Framatome", "EDF Renouvelables",
    ),
    "construction": (
        "Vinci", "Bouygues", "Bouygues Construction", "Bouygues Immobilier", "Eiffage", "Nexity",
        "Colas", "Spie Batignolles", "Fayat", "Icade", "Kaufman & Broad", "Altarea", "Gecina",
        "Unibail", "Foncia", "Century 21", "Orpi", "BNP Paribas Real Estate",
    ),
    "retail": (
        "Carrefour", "Auchan", "Leclerc", "E.Leclerc", "Intermarché", "Groupe Casino", "Monoprix",
        "Franprix", "Lidl", "Aldi", "Fnac", "Darty", "Fnac Darty", "Decathlon", "Leroy Merlin",
        "IKEA", "Castorama", "Sephora", "LVMH", "Kering", "Hermès", "Chanel", "L'Oréal", "Amazon",
        "Cdiscount", "Zalando", "La Redoute", "Galeries Lafayette", "Back Market", "Vinted",
        "Veepee", "Procter & Gamble", "Unilever",
    ),
    "health": (
        "Sanofi", "Servier", "Pfizer", "Novartis", "Roche Diagnostics", "Hoffmann-La Roche",
        "AstraZeneca", "GSK", "Bayer", "Ipsen", "bioMérieux", "AP-HP", "Assistance Publique",
        "Institut Curie", "Institut Pasteur", "Gustave Roussy", "Korian", "Clariane", "Orpea",
        "Emeis", "Ramsay Santé", "Inserm", "Hospices Civils de Lyon",
    ),
    "education": (
        "CNRS", "Inria", "Sorbonne", "Polytechnique", "Sciences Po", "HEC", "ESSEC", "ESCP",
        "EDHEC", "emlyon", "EM Lyon", "NEOMA", "SKEMA", "KEDGE", "INSEAD", "CentraleSupélec",
        "Mines Paris", "Télécom Paris", "ENS", "EPITA", "Epitech", "OpenClassrooms", "Coursera",
        "CNED", "Éducation nationale", "MIT",
    ),
    "public": (
        "Pôle emploi", "France Travail", "URSSAF", "CAF", "CPAM", "Assurance Maladie", "INSEE",
        "Cour des comptes", "Conseil d'État", "Assemblée nationale", "Sénat", "Élysée",
        "Commission européenne", "European Commission", "ONU", "United Nations", "Nations unies",
        "OCDE", "OECD", "UNESCO", "APEC", "Banque de France",
    ),
    "media": (
        "Publicis", "Publicis Sapient", "Havas", "TF1", "M6", "France Télévisions", "Radio France",
        "Le Monde", "Le Figaro", "Libération", "Les Échos", "Le Parisien", "Ouest-France",
        "Mediapart", "BFM", "BFMTV", "Canal+", "Arte", "AFP", "Reuters", "Bloomberg",
        "Financial Times", "The Guardian", "New York Times", "BBC", "CNN", "Vivendi", "Lagardère",
        "Hachette", "Gallimard", "Konbini", "Netflix", "Spotify", "Deezer", "Ubisoft", "Dentsu",
        "WPP", "Ogilvy", "TBWA", "DDB",
    ),
    "legal": (
        "Gide", "Fidal", "Bredin Prat", "CMS Francis Lefebvre", "Clifford Chance", "Linklaters",
        "Allen & Overy", "Baker McKenzie", "Dentons", "Latham & Watkins", "Jones Day",
    ),
    "transport": (
        "SNCF", "RATP", "Air France", "Air France-KLM", "KLM", "Transdev", "Keolis", "Geodis",
        "CMA CGM", "DHL", "FedEx", "UPS", "La Poste", "Chronopost", "DPD", "Kuehne+Nagel",
        "Bolloré Logistics", "STEF", "Aéroports de Paris", "Groupe ADP", "easyJet", "Ryanair",
        "Lufthansa", "Vinci Autoroutes",
    ),
    "food": (
        "Danone", "Lactalis", "Nestlé", "Bonduelle", "Savencia", "Sodiaal", "Fleury Michon",
        "Pernod Ricard", "Lesaffre", "Tereos", "Groupe Avril", "Limagrain", "InVivo", "Herta",
        "Coca-Cola", "PepsiCo", "Mondelez", "Heineken", "Ferrero", "Andros", "Agrial", "Eureden",
    ),
    "hospitality": (
        "Accor", "AccorHotels", "Club Med", "Pierre et Vacances", "Marriott", "Hilton", "IHG",
        "B&B Hotels", "Louvre Hotels", "Sodexo", "Elior", "McDonald's", "Airbnb", "Booking.com",
        "Expedia", "Disneyland Paris", "Compagnie des Alpes", "Belambra",
    ),
    "nonprofit": (
        "Croix-Rouge", "Red Cross", "Restos du Cœur", "Restaurants du Cœur", "Emmaüs",
        "Secours populaire", "Secours catholique", "Médecins Sans Frontières", "MSF", "UNICEF",
        "WWF", "Greenpeace", "Amnesty", "Action contre la Faim", "Habitat et Humanisme",
        "Armée du Salut", "Oxfam", "Caritas", "Ligue contre le cancer", "Banque alimentaire",
        "Banques alimentaires", "Fondation de France",
    ),
}
# fmt: on
_BRAND_SECTOR: dict[str, str] = {
    normalise(name): sector for sector, names in _BRANDS.items() for name in names
}
_BRAND_FIRST_WORDS = frozenset(name.split()[0] for name in _BRAND_SECTOR)
_BRAND_MAX_WORDS = max(len(name.split()) for name in _BRAND_SECTOR)


def _match_brand(text: str) -> tuple[str, str] | None:
    """(sector, name) of the leftmost, then longest, known name in the normalised text.

    A dictionary look-up of the word sequences: hundreds of names in a regular expression
    would be tried one by one at each word.
    """
    words = text.split()
    for start, word in enumerate(words):
        if word in _BRAND_FIRST_WORDS:
            for end in range(min(len(words), start + _BRAND_MAX_WORDS), start, -1):
                name = " ".join(words[start:end])
                if name in _BRAND_SECTOR:
                    return _BRAND_SECTOR[name], name
    return None


# What kind of organisation it is comes before its name: non-profit legal forms ("Fondation
# Vinci", "Association des maires de France"), then public institutions ("Mairie d'Orange" is a
# town hall, not the telecom operator).
_NONPROFIT_FORMS = _rule(
    "nonprofit",
    (
        r"associations?",
        r"associati(?:f|ve|fs|ves)",
        r"ong",
        r"ngos?",
        r"fondations?",
        r"foundations?",
        r"non ?profit",
        r"not for profit",
        r"but non lucratif",
        r"charit(?:y|ies|able)",
        r"humanitaire",
    ),
)
_PUBLIC_INSTITUTIONS = _rule(
    "public",
    (
        r"mairie",
        r"hotel de ville",
        r"ville de",
        r"communaute (?:de communes|d agglomeration|urbaine)",
        r"ministeres?",
        r"ministry",
        r"prefectures?",
        r"conseil (?:regional|departemental|general|municipal)",
    ),
)

# Descriptive words in the company name, in order of precedence.
_COMPANY_RULES: tuple[_Keywords, ...] = (
    _rule(
        "public",
        (
            r"communes?",
            r"agglomeration",
            r"metropole",
            r"regions?",
            r"departement (?:du|des|de la|de l)",
            r"government",
            r"gouvernement",
            r"gov",
            r"administration publique",
            r"fonction publique",
            r"secteur public",
            r"public sector",
            r"collectivites?(?: territoriales?)?",
            r"etat",
            r"tribunal\w*",
            r"cour d appel",
            r"cour de cassation",
            r"chambre (?:de commerce|des metiers|d agriculture)",
            r"cci",
            r"ambassade",
            r"embassy",
            r"consulat",
            r"police",
            r"gendarmerie",
            r"armee",
            r"army",
            r"douanes?",
            r"agence regionale",
        ),
    ),
    _rule(
        "health",
        (
            r"hopita\w*",
            r"hospital\w*",
            r"hospices?",
            r"chu",
            r"chru",
            r"cliniques?",
            r"clinic\w*",
            r"sante",
            r"health\w*",
            r"pharma\w*",
            r"medica\w*",
            r"medecins?",
            r"biotech\w*",
            r"ehpad",
            r"soins",
            r"radiolog\w*",
            r"dentaire",
            r"veterinaire",
            r"medico social",
        ),
    ),
    _rule(
        "education",
        (
            r"universit\w*",
            r"ecoles?",
            r"schools?",
            r"lycees?",
            r"colleges?",
            r"academ\w*",
            r"research",
            r"recherche",
            r"campus",
            r"iut",
            r"insa",
            r"ufr",
            r"facult\w*",
            r"formations?",
            r"training",
            r"enseignement",
            r"education",
            r"edtech",
            r"e learning",
        ),
    ),
    _rule(
        "legal",
        (
            r"avocats?",
            r"law",
            r"lawyers?",
            r"legal",
            r"juridiques?",
            r"notaires?",
            r"notarial",
            r"huissiers?",
            r"commissaires? de justice",
            r"barreau",
            r"attorneys?",
            r"solicitors?",
        ),
    ),
    _rule(
        "finance",
        (
            r"banques?",
            r"bank\w*",
            r"assurances?",
            r"insurance",
            r"assureurs?",
            r"reassurance",
            r"mutuelles?",
            r"capital",
            r"ventures?",
            r"venture capital",
            r"private equity",
            r"investissements?",
            r"investments?",
            r"invest",
            r"asset management",
            r"gestion d actifs",
            r"gestion de patrimoine",
            r"wealth",
            r"fintech",
            r"financ\w*",
            r"bourse",
            r"credit",
            r"courtage",
            r"leasing",
            r"family office",
            r"funds?",
            r"fonds",
        ),
    ),
    _rule(
        "media",
        (
            r"medias?",
            r"presses?",
            r"journa(?:l|ux)",
            r"magazines?",
            r"radios?",
            r"tv",
            r"televisions?",
            r"news",
            r"communication",
            r"publicite",
            r"publicitaire",
            r"advertising",
            r"editions?",
            r"publishing",
            r"audiovisuel\w*",
            r"cinema",
            r"films?",
            r"studios?",
            r"musees?",
            r"museums?",
            r"theatres?",
            r"musique",
            r"music",
            r"entertainment",
            r"marketing",
            r"evenementiel",
            r"events",
        ),
    ),
    _rule(
        "consulting",
        (
            r"conseils?",
            r"consult\w*",
            r"advisory",
            r"strategy",
            r"audit",
            r"expertise comptable",
            r"experts? comptables?",
            r"cabinet",
            r"esn",
            r"ssii",
            r"interim",
            r"staffing",
            r"recrutement",
            r"recruitment",
            r"executive search",
            r"outsourcing",
            r"externalisation",
        ),
    ),
    _rule(
        "technology",
        (
            r"software",
            r"logiciels?",
            r"saas",
            r"techs?",
            r"techno\w*",
            r"digital\w*",
            r"numeriques?",
            r"data",
            r"cloud",
            r"informatique",
            r"it",
            r"ia",
            r"ai",
            r"intelligence artificielle",
            r"artificial intelligence",
            r"cyber\w*",
            r"telecom\w*",
            r"internet",
            r"web",
            r"labs",
            r"apps?",
            r"semiconduct\w*",
        ),
    ),
    _rule(
        "energy",
        (
            r"energ\w*",
            r"solar\w*",
            r"solaires?",
            r"photovolta\w*",
            r"eolien\w*",
            r"nucleaire",
            r"nuclear",
            r"petrol\w*",
            r"oil",
            r"gas",
            r"gaz",
            r"electricite",
            r"electricity",
            r"hydrogen\w*",
            r"renouvelables?",
            r"renewables?",
            r"environnement\w*",
            r"environment\w*",
            r"recyclage",
            r"recycling",
            r"dechets",
            r"waste",
            r"eaux?",
            r"water",
            r"utilit(?:y|ies)",
            r"climat\w*",
            r"carbon\w*",
        ),
    ),
    _rule(
        "construction",
        (
            r"btp",
            r"constructions?",
            r"batiments?",
            r"immobili\w*",
            r"real estate",
            r"realty",
            r"propert(?:y|ies)",
            r"travaux",
            r"genie civil",
            r"architect\w*",
            r"urbanisme",
            r"renovation",
            r"logements?",
            r"hlm",
            r"habitat",
            r"charpentes?",
            r"menuiseries?",
            r"maconnerie",
            r"plomberie",
        ),
    ),
    _rule(
        "transport",
        (
            r"transport\w*",
            r"logisti\w*",
            r"fret",
            r"freight",
            r"shipping",
            r"maritimes?",
            r"airlines?",
            r"compagnie aerienne",
            r"aeroports?",
            r"airports?",
            r"rail",
            r"railways?",
            r"ferroviaires?",
            r"supply chain",
            r"livraisons?",
            r"delivery",
            r"couriers?",
            r"taxis?",
            r"vtc",
            r"mobilites?",
            r"mobility",
            r"aviation",
            r"autoroutes?",
        ),
    ),
    _rule(
        "food",
        (
            r"agroalimentaire\w*",
            r"agro\w*",
            r"agric\w*",
            r"food\w*",
            r"alimenta\w*",
            r"aliments?",
            r"boulangeries?",
            r"patisseries?",
            r"laiteries?",
            r"fromageries?",
            r"vins?",
            r"wines?",
            r"winery",
            r"vignobles?",
            r"viticol\w*",
            r"vignerons?",
            r"farms?",
            r"farming",
            r"peche",
            r"fisheries",
            r"elevages?",
            r"beverages?",
            r"boissons?",
            r"nutrition",
            r"chocolat\w*",
        ),
    ),
    _rule(
        "hospitality",
        (
            r"hotel\w*",
            r"hospitality",
            r"touris\w*",
            r"restaurants?",
            r"restauration",
            r"resorts?",
            r"campings?",
            r"voyages?",
            r"travel\w*",
            r"tour operators?",
            r"loisirs?",
            r"leisure",
            r"traiteurs?",
            r"catering",
            r"gites?",
            r"auberges?",
            r"hostels?",
        ),
    ),
    _rule(
        "retail",
        (
            r"retail\w*",
            r"distribution",
            r"e ?commerce",
            r"commerces?",
            r"magasins?",
            r"stores?",
            r"boutiques?",
            r"supermarches?",
            r"hypermarches?",
            r"mode",
            r"fashion",
            r"luxe",
            r"luxury",
            r"cosmeti\w*",
            r"beaute",
            r"beauty",
            r"consumer goods",
            r"biens de consommation",
            r"pret a porter",
            r"negoce",
            r"wholesale",
            r"marketplace",
            r"ameublement",
            r"jouets?",
            r"parfum\w*",
            r"chaussures?",
        ),
    ),
    _rule(
        "industry",
        (
            r"industri\w*",
            r"manufactur\w*",
            r"usines?",
            r"factory",
            r"factories",
            r"aeronauti\w*",
            r"aerospace",
            r"aerospatia\w*",
            r"automobiles?",
            r"automotive",
            r"chimi\w*",
            r"chemical\w*",
            r"metallurg\w*",
            r"siderurg\w*",
            r"mecaniques?",
            r"plasturgie",
            r"plastics?",
            r"textiles?",
            r"equipementiers?",
            r"fonderies?",
            r"aciers?",
            r"steel",
            r"materiaux",
            r"materials",
            r"robotique",
            r"robotics",
            r"composants?",
            r"electroniques?",
            r"electronics",
            r"emballages?",
            r"packaging",
            r"papeteries?",
            r"defen[cs]e",
            r"naval\w*",
            r"engineering",
            r"ingenierie",
        ),
    ),
)

# Professions that imply a sector, used when the company says nothing. Consulting is last so
# that "Consultant juridique" is legal.
_POSITION_RULES: tuple[_Keywords, ...] = (
    _rule(
        "health",
        (
            r"medecins?",
            r"medica\w*",
            r"infirmi(?:er|ere)s?",
            r"pharmacien(?:ne)?s?",
            r"chirurgien(?:ne)?s?",
            r"dentistes?",
            r"kinesitherapeut\w*",
            r"kines?",
            r"sages? femmes?",
            r"aides? soignante?s?",
            r"physicians?",
            r"nurses?",
            r"pharmacists?",
            r"surgeons?",
            r"dentists?",
            r"psychiatr\w*",
            r"psycholog\w*",
            r"radiolog\w*",
            r"orthophonist\w*",
            r"veterinaires?",
        ),
    ),
    _rule(
        "legal",
        (
            r"avocate?s?",
            r"lawyers?",
            r"attorneys?",
            r"notaires?",
            r"juristes?",
            r"juridiques?",
            r"huissiers?",
            r"paralegals?",
            r"counsel",
            r"legal",
        ),
    ),
    _rule(
        "education",
        (
            r"professeu(?:r|re)s?",
            r"professors?",
            r"enseignante?s?",
            r"teachers?",
            r"lecturers?",
            r"institu(?:teur|trice)s?",
            r"maitres?(?:se)? de conferences?",
            r"chercheu(?:r|se)s?",
            r"researchers?",
            r"doctorante?s?",
            r"phd",
            r"post ?docs?",
            r"proviseure?s?",
        ),
    ),
    _rule(
        "media",
        (
            r"journalist\w*",
            r"reporters?",
            r"redact\w*",
            r"editors?",
            r"chroniqueu(?:r|se)s?",
            r"pigistes?",
            r"presenta(?:teur|trice)s?",
            r"podcast\w*",
            r"content creators?",
            r"youtube\w*",
            r"influenceu(?:r|se)s?",
            r"influencers?",
            r"blog\w*",
        ),
    ),
    _rule(
        "finance",
        (
            r"banquiere?s?",
            r"bankers?",
            r"actuair\w*",
            r"actuar\w*",
            r"traders?",
            r"gerante?s? de (?:fonds|portefeuilles?)",
            r"portfolio managers?",
            r"asset managers?",
            r"fund managers?",
            r"wealth managers?",
            r"gestionnaires? de patrimoine",
            r"venture capital\w*",
            r"capital risque",
            r"private equity",
            r"business angels?",
            r"assureurs?",
            r"souscripteu(?:r|rs|se|ses)",
            r"underwriters?",
            _CHARGE + r" d affaires (?:entreprises?|professionnel\w*|pro|pme|corporate|bancaires?)",
            _ADVISER + r" (?:bancaires?|financiers?|financieres?|en gestion de patrimoine)",
            r"financial advis(?:or|er)s?",
        ),
    ),
    _rule(
        "technology",
        (
            r"developpeu(?:r|se)s?\b(?! (?:commercia\w*|d affaires))",
            r"(?<!\bbusiness )developers?",
            r"software",
            r"logiciels?",
            r"devops",
            r"data scientists?",
            r"data engineers?",
            r"data analysts?",
            r"programm(?:eur|euse|er)s?",
            r"cyber\w*",
            r"sysadmins?",
            r"administra(?:teur|trice)s? (?:systemes?|reseaux?)",
            r"full ?stack",
            r"front ?end",
            r"back ?end",
            r"machine learning",
            r"web\w*",
            r"it",
            r"informati\w*",
            r"cloud",
            r"scrum masters?",
        ),
    ),
    _rule(
        "public",
        (
            r"fonctionnaires?",
            r"civil servants?",
            r"maire",
            r"adjointe? au maire",
            r"prefete?s?",
            r"agents? territoria\w*",
            r"attachee?s? (?:territoria\w*|d administration)",
            r"deputee?s?",
            r"senat(?:eur|rice)s?",
            _ADVISER + r" (?:municipa\w*|regiona\w*|departementa\w*)",
            r"policiere?s?",
            r"gendarmes?",
            r"militaires?",
            r"magistrate?s?",
            r"diplomates?",
        ),
    ),
    _rule(
        "construction",
        (
            # French "architecte", but not software, cloud or IT architects.
            r"architectes?\b(?! (?:logiciels?|si|cloud|solutions?|data|techniques?|it|reseaux?|"
            r"securite|applicati\w*|systemes?|fonctionnel\w*|entreprise|d entreprise))",
            r"conducteu(?:r|rs|se|ses) de travaux",
            r"chef(?:fe)?s? de chantier",
            r"geometres?",
            r"macons?",
            r"plombiers?",
            r"charpentiers?",
            r"immobili\w*",
            r"real estate",
            r"property managers?",
        ),
    ),
    _rule(
        "transport",
        (
            r"chauffeu(?:r|se)s?",
            r"pilotes? de ligne",
            r"airline pilots?",
            r"logisti\w*",
            r"supply chain",
            r"livreu(?:r|se)s?",
            r"(?:truck|bus|delivery) drivers?",
            r"stewards?",
            r"hotesses? de l air",
            r"cheminote?s?",
            r"transport\w*",
        ),
    ),
    _rule(
        "food",
        (
            r"agricult(?:eur|rice)s?",
            r"farmers?",
            r"eleveu(?:r|se)s?",
            r"viticult\w*",
            r"vigneron\w*",
            r"maraich\w*",
            r"boulang\w*",
            r"patissi\w*",
            r"bouch(?:er|ere)s?",
            r"fromag(?:er|ere)s?",
            r"agronom\w*",
            r"oenolog\w*",
        ),
    ),
    _rule(
        "hospitality",
        (
            r"cuisinier\w*",
            r"chef(?:fe)? de cuisine",
            r"cooks?",
            r"serveu(?:r|se)s?",
            r"waiter\w*",
            r"waitress\w*",
            r"receptionnist\w*",
            r"receptionist\w*",
            r"concierges?",
            r"sommeli\w*",
            r"barman",
            r"baristas?",
            r"hotel\w*",
            r"tour guides?",
            r"guides? touristiques?",
        ),
    ),
    _rule(
        "retail",
        (
            r"caissi(?:er|ere)s?",
            r"vendeu(?:r|se)s?",
            r"chef(?:fe)?s? de rayon",
            r"store managers?",
            r"direct(?:eur|rice) de magasin",
            r"responsables? de (?:magasin|boutique)",
            r"merchandis\w*",
            r"category managers?",
        ),
    ),
    _rule(
        "energy",
        (
            r"energ\w*",
            r"nucleaire",
            r"nuclear",
            r"photovolta\w*",
            r"eolien\w*",
            r"solar",
            r"hydrogen\w*",
        ),
    ),
    _rule(
        "industry",
        (
            r"operat(?:eur|rice)s? de production",
            r"techniciens? de maintenance",
            r"responsables? de production",
            r"production managers?",
            r"plant managers?",
            r"direct(?:eur|rice) d usine",
            r"usine",
            r"soudeu(?:r|se)s?",
            r"usineu(?:r|se)s?",
            r"chaudronni\w*",
            r"automaticien\w*",
            r"ingenieu(?:r|re)s? (?:production|industrialisation|methodes|procedes)",
        ),
    ),
    _rule(
        "nonprofit",
        (
            r"benevoles?",
            r"volunteers?",
            r"plaidoyer",
            r"advocacy",
            r"humanitai\w*",
            r"fundrais\w*",
            r"collecte de fonds",
        ),
    ),
    _rule("consulting", (r"consultante?s?", r"consultants?", r"consulting")),
)


_ORGANISATION_KINDS = _Rules((_NONPROFIT_FORMS, _PUBLIC_INSTITUTIONS))
_COMPANY_WORDS = _Rules(_COMPANY_RULES)
_POSITION_WORDS = _Rules(_POSITION_RULES)


def _match_sector(company: str, position: str) -> tuple[str, str]:
    """(code, rule) from normalised texts."""
    return (
        _ORGANISATION_KINDS.match(company)
        or _match_brand(company)
        or _COMPANY_WORDS.match(company)
        or _POSITION_WORDS.match(position)
        or _match_brand(position)  # "Software engineer @ Google"
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
