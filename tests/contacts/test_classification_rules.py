"""The classification rules file: it ships beside the code, and a malformed one is refused
with the place of the mistake (no database)."""

import fnmatch
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contacts import classification
from contacts.classification import classify
from contacts.classification.rules import RULES_FILE, RulesError, _Reader, load

ROOT = Path(__file__).resolve().parents[2]

MINIMAL = """
generic_investment_titles = ['partners?']

[fragments]
charge = 'charg(?:e|ee|es|ees)'

[keyword_lists]
bankers = ['banquiere?s?']

[name_lists]
funds = ["Eurazeo"]

[[roles]]
name = "recruiter"
code = "recruiter"
keywords = ['${charge} de recrutement', 'rh']

[[roles]]
name = "investor"
code = "investor"
include = ["bankers"]

[[investment_firms]]
name = "investment_firm"
code = "investor"
keywords = ['capital']
include = ["funds"]

[[recruitment_firms]]
name = "recruitment_firm"
code = "recruiter"
keywords = ['interim']

[[organisation_kinds]]
name = "nonprofit_forms"
code = "nonprofit"
keywords = ['ong']

[[company_words]]
name = "company_finance"
code = "finance"
keywords = ['banques?']

[[position_words]]
name = "position_health"
code = "health"
keywords = ['medecins?']

[brands.finance]
names = ["BNP Paribas"]
include = ["funds"]

[brands.consulting]
names = ["Capgemini"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_minimal_file_loads_with_its_fragments_and_lists_resolved(tmp_path):
    book = load(write(tmp_path, MINIMAL))

    assert book.roles == (
        ("recruiter", ("charg(?:e|ee|es|ees) de recrutement", "rh")),
        ("investor", ("banquiere?s?",)),
    )
    assert book.investment_firms == (("investor", ("capital", "eurazeo")),)  # names normalised
    assert book.brands == {"finance": ("BNP Paribas", "Eurazeo"), "consulting": ("Capgemini",)}
    assert book.generic_investment_titles == ("partners?",)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'code = "recruiter"\nkeywords',
            'code = "hr"\nkeywords',
            'roles[0] "recruiter": unknown code "hr"',
        ),
        (
            'code = "finance"',
            'code = "banking"',
            'company_words[0] "company_finance": unknown code',
        ),
        (
            'code = "investor"\nkeywords',
            'code = "finance"\nkeywords',
            'investment_firms[0] "investment_firm": unknown code "finance"',
        ),
        (
            "[brands.consulting]",
            "[brands.consultancy]",
            'brands.consultancy: unknown sector code "consultancy"',
        ),
        (
            'name = "investor"\ncode = "investor"\n',
            'name = "investor"\n',
            'roles[1]: missing key "code"',
        ),
        ("[[position_words]]", "[[position_word]]", "top level: unknown key(s) position_word"),
        (
            "generic_investment_titles = ['partners?']",
            "",
            'top level: missing key "generic_investment_titles"',
        ),
        (
            "keywords = ['ong']",
            "keyword = ['ong']",
            'organisation_kinds[0] "nonprofit_forms": unknown key(s) keyword',
        ),
        (
            'name = "investor"',
            'name = "recruiter"',
            'roles[1] "recruiter": duplicate rule name (also roles[0] "recruiter")',
        ),
        (
            'names = ["Capgemini"]',
            'names = ["bnp  PARIBAS"]',
            "brands.consulting: duplicate name 'bnp  PARIBAS' (also in brands.finance)",
        ),
        ("${charge} de", "${chargee} de", 'unknown fragment "chargee"'),
        (
            "${charge} de recrutement",
            "chargee de recrutement",
            "shared fragments: defined but never used: charge",
        ),
        ("[name_lists]\nfunds", "[fragments]\nfunds", "cannot be read as TOML"),
        (
            "[name_lists]\nfunds",
            "[name_lists]\nbankers",
            'keyword_lists.bankers: duplicate name (also in "name_lists")',
        ),
        (
            "keywords = ['capital']",
            "keywords = ['(capital)']",
            "has a capturing group; write (?:...)",
        ),
        ("keywords = ['capital']", "keywords = ['capital(']", "is no valid expression"),
        ("keywords = ['interim']", "keywords = ['(?:interim)?']", "matches an empty text"),
        (
            'include = ["bankers"]',
            'include = ["banker"]',
            'roles[1] "investor": includes "banker", which is no keyword or name list',
        ),
        (
            'names = ["BNP Paribas"]\ninclude = ["funds"]',
            'names = ["BNP Paribas"]\ninclude = ["bankers"]',
            'brands.finance: includes "bankers", which is no name list',
        ),
        (
            "keywords = ['medecins?']",
            "keywords = 'medecins?'",
            'position_words[0] "position_health": must be an array of strings',
        ),
        (
            'names = ["Capgemini"]',
            'names = ["—"]',
            "brands.consulting.names: name '—' has no letter or digit",
        ),
        ('include = ["bankers"]', "keywords = []", 'roles[1] "investor": has no keywords'),
    ],
)
def test_a_malformed_file_is_refused_with_the_place_and_the_problem(tmp_path, old, new, message):
    assert old in MINIMAL
    path = write(tmp_path, MINIMAL.replace(old, new, 1))

    with pytest.raises(RulesError) as error:
        load(path)

    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


def test_a_missing_file_is_refused_clearly(tmp_path):
    with pytest.raises(RulesError, match="cannot be read as TOML"):
        load(tmp_path / "nowhere.toml")


# --- The shipped file -------------------------------------------------------------------------


def test_the_shipped_file_is_the_one_the_classifier_uses():
    assert Path(classification.__file__).with_name("rules.toml") == RULES_FILE
    book = load()
    assert book.roles == classification._ROLE_RULES
    assert book.brands == classification._BRANDS


def test_the_rules_file_ships_in_the_image():
    # The image copies the repository (COPY . .) minus .dockerignore: nothing may exclude it.
    relative = RULES_FILE.relative_to(ROOT).as_posix()
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    parents = [relative.split("/")[0], "/".join(relative.split("/")[:2]), relative]
    for pattern in patterns:
        bare = pattern.removeprefix("**/").rstrip("/")
        assert not any(fnmatch.fnmatch(part, bare) for part in parents), pattern


SHARED_NAMES = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))["name_lists"]


@pytest.mark.parametrize("name", SHARED_NAMES["investment_firms"])
def test_an_investment_firm_named_once_is_a_finance_brand_and_makes_its_partners_investors(name):
    # One list in the file, included by brands.finance and by the investment-firm rule.
    result = classify("Partner", name)
    assert (result.role, result.sector) == ("investor", "finance")


@pytest.mark.parametrize("name", SHARED_NAMES["recruitment_firms"])
def test_a_recruitment_firm_named_once_is_a_consulting_brand_and_makes_consultants_recruiters(
    name,
):
    result = classify("Consultant", name)
    assert (result.role, result.sector) == ("recruiter", "consulting")


def refused_alone(keyword: str) -> bool:
    try:
        compiled = re.compile(keyword)
    except re.error:
        return True
    return bool(compiled.groups) or compiled.match("") is not None


@pytest.mark.filterwarnings("ignore::FutureWarning")  # "possible nested set": odd, still valid
@given(st.lists(st.text(alphabet="ab()?:|[]^\\*+{}1,<=!-P", max_size=10), max_size=6))
def test_checking_a_list_at_once_refuses_exactly_what_checking_each_keyword_refuses(keywords):
    # The loader checks keywords on the compiled rule set, for speed: it must not let through
    # a keyword that would be refused alone, nor refuse one that would pass.
    reader = _Reader(Path("rules.toml"), {"roles": [{"name": "peer"}]})
    reader.fragments = {}
    try:
        resolved = reader.keywords('roles[0] "peer"', keywords)
        reader.matcher("roles", (("peer", resolved),))
        refused = False
    except RulesError:
        refused = True
    assert refused == any(refused_alone(keyword) for keyword in keywords)


def test_every_keyword_of_the_shipped_file_passes_the_checks_alone():
    # The loader only compiles suspects alone; here every keyword is, once, on CI.
    book = load()
    sets = (book.roles, book.investment_firms, book.recruitment_firms, book.organisation_kinds)
    sets += (book.company_words, book.position_words)
    keywords = [k for rules in sets for _, ks in rules for k in ks]
    assert len(keywords) > 900
    assert not [k for k in keywords + list(book.generic_investment_titles) if refused_alone(k)]
